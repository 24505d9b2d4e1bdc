// How the service gets a jsforce Connection: from an instance URL and an access token (the local org,
// CI), or from an @salesforce/core Org (the sf plugin), whose Connection is a jsforce-node Connection.
// The API version is always explicit: jsforce defaults to 50.0, too old for upsert collections.
import { Connection } from '@jsforce/jsforce-node';

export const API_VERSION = '63.0';

/** Our Sforce-Call-Options client id: Salesforce records it, so our writes are recognisable in audit trails. */
export const CALL_CLIENT = 'prm-sync';

export type TokenAuth = {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly version?: string;
  /** Called once when the token is refused; resolves to a fresh token (or throws). */
  readonly refresh?: () => Promise<string>;
};

export function connectWithToken(auth: TokenAuth): Connection {
  const refresh = auth.refresh;
  return new Connection({
    instanceUrl: auth.instanceUrl,
    accessToken: auth.accessToken,
    version: auth.version ?? API_VERSION,
    callOptions: { client: CALL_CLIENT },
    ...(refresh
      ? {
          refreshFn: (_conn: unknown, callback: (err: Error | null, token?: string) => void) => {
            refresh().then(
              (token) => callback(null, token),
              (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
            );
          },
        }
      : {}),
  });
}

/** The narrow part of @salesforce/core's Org the service needs (kept structural: no hard dependency). */
export type OrgLike = { getConnection(apiVersion?: string): Connection };

export function connectFromOrg(org: OrgLike, version = API_VERSION): Connection {
  const conn = org.getConnection(version);
  conn.version = version;
  return conn;
}
