// The preview's only door to the org: a jsforce Connection on the server. The browser never sees the
// token; it talks to /api, which calls these with values already validated.
import { Connection } from '@jsforce/jsforce-node';

export type SfRecord = Record<string, unknown> & { Id: string };

/** What the preview needs from an org; the tests pass a fake. */
export type OrgClient = {
  query(soql: string): Promise<SfRecord[]>;
  create(object: string, fields: Record<string, unknown>): Promise<string>;
  update(object: string, fields: Record<string, unknown> & { Id: string }): Promise<void>;
  destroy(object: string, id: string): Promise<void>;
};

export type OrgAuth = { instanceUrl: string; accessToken: string };

export const API_VERSION = '63.0';

/** A record-level failure the org reported (validation rule, required field…), shown to the user as is. */
export class OrgWriteError extends Error {
  override name = 'OrgWriteError';
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

type SaveResult = { id?: string; success: boolean; errors?: { statusCode?: string; message?: string }[] };

function check(result: SaveResult): string {
  if (result.success) return result.id ?? '';
  const first = result.errors?.[0];
  throw new OrgWriteError(first?.statusCode ?? 'UNKNOWN_ERROR', first?.message ?? 'The org refused the change.');
}

export function jsforceClient(auth: OrgAuth): OrgClient {
  const conn = new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version: API_VERSION });
  return {
    async query(soql) {
      const result = await conn.query<SfRecord>(soql, { autoFetch: true, maxFetch: 10_000 });
      return result.records;
    },
    async create(object, fields) {
      return check((await conn.sobject(object).create(fields)) as SaveResult);
    },
    async update(object, fields) {
      check((await conn.sobject(object).update(fields)) as SaveResult);
    },
    async destroy(object, id) {
      check((await conn.sobject(object).destroy(id)) as SaveResult);
    },
  };
}
