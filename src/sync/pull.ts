// Pull: every synced object incrementally on SystemModstamp, oldest first, with an overlap window behind
// the watermark (commit lag, same-second writes), deletes included (queryAll). Each page is stored with
// its cursor and the compute debt it creates in one transaction.
import { z } from 'zod';
import { COMPOSITE_MAX_HEAVY, subrequestError } from '../crm/gateway.js';
import type { Gateway, QueryPage } from '../crm/gateway.js';
import { QueryResult } from '../crm/wire.js';
import { CrmError } from '../crm/errors.js';
import { apiName, dateTimeLiteral, idList, idLiteral } from '../crm/soql.js';
import { sameValue } from '../store/index.js';
import type { Store, StoreTx } from '../store/index.js';
import { addDirty } from './dirty.js';
import { SYNCED_OBJECTS, pulledFields, syncedObject } from './objects.js';
import type { SyncedObject, SyncedObjectName } from './objects.js';
import { PROGRAM_QUERIES } from './program.js';
import type { ProgramRows } from './program.js';
import { parseRecords } from './records.js';
import type { PulledRecord, Rejected } from './records.js';

export type PullOptions = {
  /** How far behind the watermark each poll starts again. */
  readonly overlapMs: number;
  /** Above this many rows to read for one object, the rest is read through Bulk 2.0. */
  readonly bulkReadThreshold: number;
  readonly signal?: AbortSignal;
  /**
   * Read every object's recent changes without the change check (which lags up to a minute, its windows
   * being whole minutes): one more call, for commands a person just ran after an edit (the dry run).
   */
  readonly fresh?: boolean;
  /** The org's time (ms): the server's Date header unless the engine was told otherwise. */
  readonly now?: () => number;
  readonly onProgress?: (p: { object: string; done: number; total: number }) => void;
};

export type PullResult = {
  pulled: number;
  changed: number;
  rejected: Rejected[];
  /** The custom metadata rows, or why they could not be read. */
  program: ProgramRows | { error: string };
};

/** Fields whose change alone means nothing to the rules. */
const NOISE = new Set(['LastModifiedDate', 'SystemModstamp']);

function selectFor(
  object: SyncedObject,
  after?: { ts: string; id?: string | null },
  lowerMs?: number,
  ids?: readonly string[],
): string {
  const fields = pulledFields(object).map(apiName).join(', ');
  const where: string[] = [];
  if (object.where) where.push(`(${object.where})`);
  if (ids) where.push(`Id IN ${idList(ids)}`);
  if (lowerMs !== undefined) where.push(`SystemModstamp >= ${dateTimeLiteral(lowerMs)}`);
  if (after) {
    const ts = dateTimeLiteral(Date.parse(after.ts));
    where.push(
      after.id
        ? `(SystemModstamp > ${ts} OR (SystemModstamp = ${ts} AND Id > ${idLiteral(after.id)}))`
        : `SystemModstamp > ${ts}`,
    );
  }
  return `SELECT ${fields} FROM ${apiName(object.name)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY SystemModstamp ASC, Id ASC`;
}

const SINCE_KEY = (object: string) => `poll:since:${object}`;
/**
 * Ids read by one query: a query page holds 2,000 rows, and inside a Composite call the statement is not
 * bound by the 16,384-byte URI limit, only by SOQL's 100,000 characters (2,000 ids take about 44,000).
 */
const IDS_PER_QUERY = 2000;
/** Rows of a Bulk 2.0 result page: the memory a page takes stays the same however big the object. */
const BULK_PAGE_ROWS = 50_000;
const MINUTE = 60_000;
const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

const Replication = z.object({
  ids: z.array(z.string()).optional(),
  deletedRecords: z.array(z.object({ id: z.string() })).optional(),
  latestDateCovered: z.string(),
});

/**
 * The poll. Salesforce lets one Composite call carry at most 5 queries, and the program rules alone take
 * 3, so each object's change check goes through getUpdated / getDeleted (not counted as queries): the
 * idle cycle is ONE call. Objects the check (or a first load) says changed are then read with the
 * SystemModstamp query, up to 5 in one more Composite call.
 */
export async function pull(gateway: Gateway, store: Store, options: PullOptions): Promise<PullResult> {
  const cursors = new Map((await store.listCursors()).map((c) => [c.objectType, c]));
  // Windows on whole minutes (Salesforce truncates them), ending at the org's time, never the local clock.
  const end = floorMinute(options.now?.() ?? gateway.serverNow() ?? Date.now());
  const since = new Map<string, number>();
  const checks: { ref: string; url: string }[] = [];
  for (const object of SYNCED_OBJECTS) {
    if (!cursors.has(object.name) || options.fresh) continue;
    const saved = await store.getMeta(SINCE_KEY(object.name), z.string());
    const start = saved
      ? Date.parse(saved)
      : floorMinute(Date.parse(cursors.get(object.name)!.watermarkTs) - options.overlapMs);
    since.set(object.name, start);
    if (start >= end) continue;
    const window = `start=${encodeURIComponent(new Date(start).toISOString())}&end=${encodeURIComponent(new Date(end).toISOString())}`;
    checks.push({ ref: `upd_${object.name}`, url: `/sobjects/${apiName(object.name)}/updated?${window}` });
    checks.push({ ref: `del_${object.name}`, url: `/sobjects/${apiName(object.name)}/deleted?${window}` });
  }
  const programRefs = Object.entries(PROGRAM_QUERIES).map(([key, soql]) => ({
    ref: `program_${key}`,
    url: `/query?q=${encodeURIComponent(soql)}`,
  }));
  const answers = await gateway.compositeGet([...checks, ...programRefs]);
  // What the reads below cover ends at the org's time. A fresh process learns it only from that first
  // answer: the windows above fell back to the local clock, which may run ahead of the org's, and a
  // first load stamped with a local time ahead of the org would skip the org's changes until it caught up.
  const readEnd = floorMinute(options.now?.() ?? gateway.serverNow() ?? end);

  const result: PullResult = {
    pulled: 0,
    changed: 0,
    rejected: [],
    program: { tiers: [], settings: [], measures: [] },
  };
  const program: Partial<ProgramRows> = {};
  for (const key of Object.keys(PROGRAM_QUERIES) as (keyof typeof PROGRAM_QUERIES)[]) {
    const answer = answers.get(`program_${key}`);
    const page = answer && answer.status < 400 ? QueryResult.safeParse(answer.body) : undefined;
    if (page?.success) program[key] = page.data.records;
    else {
      const e = answer ? subrequestError(answer.body, answer.status) : undefined;
      result.program = { error: `${key}: ${e?.errorCode ?? 'no answer'} ${e?.message ?? ''}`.trim() };
    }
  }
  if (!('error' in result.program)) result.program = program as ProgramRows;

  // Which objects to read: first loads, and those whose check found a change (or could not tell). A
  // change the check announced is read by its ids: the check already says which records changed, and
  // Salesforce's latestDateCovered stands back from transactions still open, so no overlap window is
  // re-read; the ids of deleted records come back through queryAll with IsDeleted set. Too many ids for
  // that (past the Bulk threshold), or a check that failed: the SystemModstamp query, as for a first load.
  const reads: { object: SyncedObject; soql: string }[] = [];
  const covered = new Map<string, number>();
  const stampRead = (object: SyncedObject) => {
    const cursor = cursors.get(object.name);
    const lower = cursor ? Date.parse(cursor.watermarkTs) - options.overlapMs : undefined;
    reads.push({ object, soql: selectFor(object, undefined, lower) });
  };
  for (const object of SYNCED_OBJECTS) {
    if (!cursors.has(object.name) || options.fresh) {
      stampRead(object);
      covered.set(object.name, readEnd);
      continue;
    }
    const upd = answers.get(`upd_${object.name}`);
    const del = answers.get(`del_${object.name}`);
    if (!upd || !del) continue;
    const u = upd.status < 400 ? Replication.safeParse(upd.body) : undefined;
    const d = del.status < 400 ? Replication.safeParse(del.body) : undefined;
    if (!u?.success || !d?.success) {
      stampRead(object);
      covered.set(object.name, readEnd);
      continue;
    }
    covered.set(
      object.name,
      Math.min(Date.parse(u.data.latestDateCovered), Date.parse(d.data.latestDateCovered), end),
    );
    const ids = [...new Set([...(u.data.ids ?? []), ...(d.data.deletedRecords ?? []).map((r) => r.id)])];
    if (ids.length === 0) {
      await store.setMeta(SINCE_KEY(object.name), new Date(covered.get(object.name)!).toISOString());
    } else if (ids.length > options.bulkReadThreshold) {
      stampRead(object);
    } else {
      for (let k = 0; k < ids.length; k += IDS_PER_QUERY)
        reads.push({
          object,
          soql: selectFor(object, undefined, undefined, ids.slice(k, k + IDS_PER_QUERY)),
        });
    }
  }

  for (let i = 0; i < reads.length; i += COMPOSITE_MAX_HEAVY) {
    const group = reads.slice(i, i + COMPOSITE_MAX_HEAVY);
    const firstPages = await gateway.compositeQueries(
      group.map((read, k) => ({ ref: `r${i + k}`, soql: read.soql, includeDeleted: true })),
    );
    for (const [k, { object }] of group.entries()) {
      options.signal?.throwIfAborted();
      const answer = firstPages.get(`r${i + k}`);
      if (answer instanceof CrmError || answer === undefined)
        throw answer ?? new CrmError('MISSING_SUBRESPONSE', object.name);
      await pullObject(gateway, store, object, answer, !cursors.has(object.name), options, result, readEnd);
      // The check window moves on only once everything it announced is stored.
      if (!reads.slice(i + k + 1).some((r) => r.object === object))
        await store.setMeta(
          SINCE_KEY(object.name),
          new Date(covered.get(object.name) ?? readEnd).toISOString(),
        );
    }
  }
  return result;
}

async function pullObject(
  gateway: Gateway,
  store: Store,
  object: SyncedObject,
  first: QueryPage,
  initial: boolean,
  options: PullOptions,
  result: PullResult,
  pollEnd: number,
): Promise<void> {
  const name = object.name as SyncedObjectName;
  if (initial && first.totalSize === 0) {
    // An empty first load still ends the first load: later rows come from the incremental poll.
    await store.transaction((tx) => tx.setCursor(name, { ts: new Date(pollEnd).toISOString(), id: null }));
    return;
  }
  const total = first.totalSize;
  let done = 0;
  const apply = async (raw: readonly Record<string, unknown>[]) => {
    const { records, rejected } = parseRecords(name, raw);
    result.rejected.push(...rejected);
    result.changed += await storePage(store, name, records, initial);
    result.pulled += raw.length;
    done += raw.length;
    options.onProgress?.({ object: name, done, total });
    return records;
  };
  let last = lastOf(await apply(first.records));
  if (first.done || !first.nextRecordsUrl) return;
  // Big reads go through Bulk 2.0: a constant handful of calls instead of one per 2,000 rows.
  if (total - first.records.length > options.bulkReadThreshold && last) {
    const pages = gateway.bulkQuery(selectFor(object, last), {
      includeDeleted: true,
      pageSize: BULK_PAGE_ROWS,
    });
    for await (const rows of pages) {
      options.signal?.throwIfAborted();
      await apply(rows);
    }
    return;
  }
  let next: string | undefined = first.nextRecordsUrl;
  while (next) {
    options.signal?.throwIfAborted();
    let page: QueryPage;
    try {
      page = await gateway.queryMore(next);
    } catch (error) {
      // An expired cursor: go on from the last stored row with a keyset query instead.
      if (!(error instanceof CrmError) || error.errorCode !== 'INVALID_QUERY_LOCATOR' || !last) throw error;
      page = await gateway.queryPage(selectFor(object, last), { includeDeleted: true });
    }
    last = lastOf(await apply(page.records)) ?? last;
    next = page.done ? undefined : page.nextRecordsUrl;
  }
}

function lastOf(records: readonly PulledRecord[]): { ts: string; id: string } | undefined {
  let best: { ts: string; id: string } | undefined;
  for (const r of records) {
    if (!best || r.systemModstamp > best.ts || (r.systemModstamp === best.ts && r.id > best.id)) {
      best = { ts: r.systemModstamp, id: r.id };
    }
  }
  return best;
}

/** Stores a page, its cursor and the compute debt it creates, together. Returns the records that changed. */
async function storePage(
  store: Store,
  objectType: string,
  records: readonly PulledRecord[],
  initial: boolean,
): Promise<number> {
  if (records.length === 0) return 0;
  return store.transaction(async (tx) => {
    const live = records.filter((r) => !r.isDeleted);
    const deleted = records.filter((r) => r.isDeleted);
    // A first load (or a full reload) recomputes everything: what changed is counted, not sifted for our
    // own echoes, so the mirror is not read back for each page of a million records.
    const before = initial
      ? new Map<string, never>()
      : await tx.getMirror(
          objectType,
          live.map((r) => r.id),
        );
    const stored = await tx.upsertMirror(
      objectType,
      live.map((r) => ({ id: r.id, systemModstamp: r.systemModstamp, fields: r.fields })),
    );
    const touched = new Set([...stored.inserted, ...stored.updated]);
    const gone = await tx.markDeleted(
      objectType,
      deleted.map((r) => ({ id: r.id, systemModstamp: r.systemModstamp })),
    );
    let changed = touched.size + gone.length;
    if (initial) await addDirty(tx, { all: true });
    else {
      const { changed: dirty, dependents } = await meaningful(
        tx,
        objectType,
        live.filter((r) => touched.has(r.id)),
        before,
      );
      dirty.push(...gone);
      changed = dirty.length;
      await addDirty(tx, { objectType, ids: dirty });
      for (const [type, ids] of dependents)
        await addDirty(tx, { objectType: type, ids: [...ids], refresh: true });
    }
    const last = lastOf(records);
    const cursor = await tx.getCursor(objectType);
    if (
      last &&
      (!cursor ||
        last.ts > cursor.watermarkTs ||
        (last.ts === cursor.watermarkTs && (cursor.watermarkId === null || last.id > cursor.watermarkId)))
    ) {
      await tx.setCursor(objectType, { ts: last.ts, id: last.id });
    }
    return changed;
  });
}

/**
 * The changed records whose change is more than our own writes echoing back, and the records an echo
 * still moves: those named by the lookups of a changed output other rules read (SyncedObject.feeds).
 */
async function meaningful(
  tx: StoreTx,
  objectType: string,
  changed: readonly PulledRecord[],
  before: Map<string, { fields: Record<string, unknown>; isDeleted: boolean }>,
): Promise<{ changed: string[]; dependents: Map<string, Set<string>> }> {
  const out: string[] = [];
  const dependents = new Map<string, Set<string>>();
  if (changed.length === 0) return { changed: out, dependents };
  const echoes = await tx.echoedFields(
    objectType,
    changed.map((r) => ({ id: r.id, fields: r.fields })),
  );
  const feeds = syncedObject(objectType).feeds;
  const differ = (a: Record<string, unknown>, b: Record<string, unknown>, f: string) =>
    !sameValue(a[f] ?? null, b[f] ?? null);
  for (const record of changed) {
    const old = before.get(record.id);
    const echoed = echoes.get(record.id) ?? new Set<string>();
    if (!old || old.isDeleted) {
      // A record we created ourselves (a snapshot upsert) echoes back as new: not a change to react to.
      if (!old && echoed.size > 0) continue;
      out.push(record.id);
      continue;
    }
    const differs = Object.keys({ ...old.fields, ...record.fields }).some(
      (f) => !NOISE.has(f) && !echoed.has(f) && differ(old.fields, record.fields, f),
    );
    if (differs) out.push(record.id);
    else if (feeds?.fields.some((f) => differ(old.fields, record.fields, f))) {
      for (const [type, lookup] of Object.entries(feeds.lookups)) {
        const id = record.fields[lookup];
        if (typeof id !== 'string' || id === '') continue;
        let ids = dependents.get(type);
        if (!ids) dependents.set(type, (ids = new Set()));
        ids.add(id);
      }
    }
  }
  return { changed: out, dependents };
}
