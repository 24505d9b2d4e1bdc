// Loads the demo partner ecosystem into any org through sObject Collections (200 records a call), parents
// first, turning the generator's '@ref:<key>' links into the Ids the org gave. A link to a record not yet
// created (a registration that conflicts with a later one) is set by an update once that record exists.
import type { Connection } from '@jsforce/jsforce-node';
import {
  DERIVED_FIELDS,
  demoRecordStreams,
  type DemoOptions,
  type DemoRecord,
} from '../localorg/demo/generate.js';

const BATCH = 200;

export type DemoLoadProgress = { object: string; loaded: number };
export type DemoLoadResult = { loaded: Record<string, number>; skipped: boolean };

type SaveResult = { id?: string; success: boolean; errors: { statusCode?: string; message: string }[] };

export class DemoLoadError extends Error {
  constructor(
    readonly object: string,
    readonly ref: string,
    readonly detail: string,
  ) {
    super(`${object} ${ref} was refused: ${detail}`);
  }
}

const REF = '@ref:';

/** One sObject Collections call: POST creates, PATCH updates (all or none). */
async function collection(
  conn: Connection,
  method: 'POST' | 'PATCH',
  object: string,
  records: Record<string, unknown>[],
): Promise<SaveResult[]> {
  const body = { allOrNone: true, records: records.map((r) => ({ attributes: { type: object }, ...r })) };
  return conn.request<SaveResult[]>({
    method,
    url: `/services/data/v${conn.version}/composite/sobjects`,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

function failure(results: SaveResult[]): string | undefined {
  const bad = results.find(
    (r) => !r.success && r.errors.some((e) => e.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK'),
  );
  return bad?.errors.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message}`).join('; ');
}

/** True when the org already holds registrations: loading again would duplicate the demo. */
export async function hasDemoData(conn: Connection): Promise<boolean> {
  const r = await conn.query('SELECT COUNT() FROM Deal_Registration__c');
  return r.totalSize > 0;
}

export async function loadDemoData(
  conn: Connection,
  options: DemoOptions,
  onProgress: (p: DemoLoadProgress) => void = () => undefined,
): Promise<DemoLoadResult> {
  if (await hasDemoData(conn)) return { loaded: {}, skipped: true };
  const ids = new Map<string, string>();
  const loaded: Record<string, number> = {};
  for (const { type, records } of demoRecordStreams(options)) {
    const derived = new Set(DERIVED_FIELDS[type] ?? []);
    const later: { ref: string; field: string; target: string }[] = [];
    let batch: DemoRecord[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const rows = batch.map((record) => {
        const row: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(record)) {
          if (field === '@ref' || derived.has(field)) continue;
          if (typeof value === 'string' && value.startsWith(REF)) {
            const id = ids.get(value.slice(REF.length));
            if (id === undefined) later.push({ ref: record['@ref'], field, target: value.slice(REF.length) });
            else row[field] = id;
          } else row[field] = value;
        }
        return row;
      });
      const results = await collection(conn, 'POST', type, rows);
      const problem = failure(results);
      if (problem !== undefined) throw new DemoLoadError(type, batch[0]!['@ref'], problem);
      results.forEach((r, i) => ids.set(batch[i]!['@ref'], r.id!));
      loaded[type] = (loaded[type] ?? 0) + batch.length;
      onProgress({ object: type, loaded: loaded[type] });
      batch = [];
    };
    for (const record of records) {
      batch.push(record);
      if (batch.length === BATCH) await flush();
    }
    await flush();
    for (let i = 0; i < later.length; i += BATCH) {
      const rows = later.slice(i, i + BATCH).flatMap(({ ref, field, target }) => {
        const id = ids.get(ref);
        const value = ids.get(target);
        return id === undefined || value === undefined ? [] : [{ Id: id, [field]: value }];
      });
      const problem = rows.length > 0 ? failure(await collection(conn, 'PATCH', type, rows)) : undefined;
      if (problem !== undefined) throw new DemoLoadError(type, later[i]!.ref, problem);
    }
  }
  return { loaded, skipped: false };
}
