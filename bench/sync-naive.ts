// The naive reference for bench/sync.bench.ts: one API call per record, through jsforce. It polls with one
// Id query per object (and one per program-rule object), reads each changed record by Id (GET
// /sobjects/<type>/<id>), and writes each record the service wrote with a single-record PATCH of the
// same service-owned fields. Its calls are counted by the local org, like the sync's.
import type { Connection } from '@jsforce/jsforce-node';
import type { LocalOrg } from '../src/localorg/index.js';
import { SYNCED_OBJECTS } from '../src/sync/objects.js';

type Row = Record<string, unknown>;
export type Snapshot = Map<string, Map<string, Row>>;
export type Write = { type: string; id: string; fields: Row; created: boolean };

const RULE_OBJECTS = ['PRM_Tier__mdt', 'PRM_Program_Setting__mdt', 'PRM_Health_Measure__mdt'];

/** Every synced row's service-owned fields, read in-process (what the service's writes are diffed against). */
export function snapshot(org: LocalOrg): Snapshot {
  const out: Snapshot = new Map();
  for (const o of SYNCED_OBJECTS) {
    const m = new Map<string, Row>();
    for (const r of org.core.store.rows(o.name)) {
      if (r['IsDeleted'] === true) continue;
      m.set(String(r['Id']), Object.fromEntries(o.outputs.map((f) => [f, r[f] ?? null])));
    }
    out.set(o.name, m);
  }
  return out;
}

/** The records whose service-owned fields differ between two snapshots (new records count as written). */
export function diff(before: Snapshot, after: Snapshot): Write[] {
  const writes: Write[] = [];
  for (const [type, rows] of after) {
    const old = before.get(type) ?? new Map<string, Row>();
    for (const [id, row] of rows) {
      const prev = old.get(id);
      const fields = Object.fromEntries(
        Object.entries(row).filter(
          ([f, v]) => prev === undefined || JSON.stringify(prev[f]) !== JSON.stringify(v),
        ),
      );
      if (prev === undefined || Object.keys(fields).length > 0)
        writes.push({ type, id, fields, created: prev === undefined });
    }
  }
  return writes;
}

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export type NaiveResult = { read: number; written: number; errors: number };

/**
 * One naive cycle: Id queries for rows changed since `since` (ISO; undefined = everything), then a GET per
 * changed record, then a PATCH per written record. `width` requests run at once (the count is the same).
 */
export async function naiveCycle(
  conn: Connection,
  since: string | undefined,
  writes: readonly Write[],
  width = 8,
): Promise<NaiveResult> {
  const toRead: { type: string; id: string }[] = [];
  for (const o of SYNCED_OBJECTS) {
    const conds = [
      ...('where' in o && o.where ? [`(${String(o.where)})`] : []),
      ...(since ? [`SystemModstamp >= ${since}`] : []),
    ];
    let page = await conn.query<{ Id: string }>(
      `SELECT Id FROM ${o.name}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`,
    );
    for (;;) {
      for (const r of page.records) toRead.push({ type: o.name, id: r.Id });
      if (page.done || !page.nextRecordsUrl) break;
      page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl);
    }
  }
  for (const t of RULE_OBJECTS) await conn.query(`SELECT Id, DeveloperName FROM ${t}`);
  let errors = 0;
  await pool(toRead, width, async ({ type, id }) => {
    await conn.sobject(type).retrieve(id);
  });
  await pool(writes, width, async (w) => {
    // A record the service created is replayed as a PATCH of that record: a naive create costs one call too.
    try {
      const r = await conn.sobject(w.type).update({ Id: w.id, ...w.fields });
      if (!r.success) errors++;
    } catch {
      errors++;
    }
  });
  return { read: toRead.length, written: writes.length, errors };
}
