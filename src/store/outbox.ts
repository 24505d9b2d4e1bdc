// The outbox (Heroku Connect's trigger log): every change the service decides is persisted here before it
// is sent, then claimed under a lease, sent, and marked. States: NEW → PENDING → SUCCESS | FAILED | IGNORED,
// and PENDING → NEW again for a transient failure or an expired lease.
//
// Guarantees:
// - Coalescing: at most one NEW row per (object, record, operation); a later change merges into it
//   (later values win, the earliest base is kept), and a field set back to its base value drops out.
// - Per-record order: a row is not claimed while an older row of the same record is NEW or PENDING, so
//   an old value can never land after a newer one.
// - Leases: a claimed row belongs to its worker until claimed_until; after that any worker may reclaim it,
//   and the late owner's markSent no longer applies (the push upserts by external id, so a replay is safe).
//   Claiming and recording results live in claims.ts.
import { sql } from 'kysely';
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import { StoreError, StoreErrorCode } from './errors.js';
import type { FieldValues } from './json.js';
import { parseFieldValuesColumn, parseFieldValuesInput, sameValue } from './json.js';
import { Engine, OutboxOperation, OutboxState } from './schema.js';
import type { OutboxRow } from './schema.js';
import { checkField, checkId, checkObjectType } from './validate.js';

export type OutboxInput = {
  readonly objectType: string;
  readonly operation: OutboxOperation;
  /** Required for update and delete. */
  readonly recordId?: string | null;
  /** Required for upsert and insert: the External_Id__c value that makes a replay idempotent. */
  readonly externalId?: string | null;
  /** The service-owned fields to write; empty for a delete. */
  readonly fields: FieldValues;
  /** What the service believed each field held in the org when it decided the change. */
  readonly base?: FieldValues;
};

export type EnqueueResult = {
  /** Per input, the outbox row now carrying it; null when the change was a no-op and nothing is queued. */
  readonly seqs: (number | null)[];
  readonly inserted: number;
  readonly merged: number;
  readonly dropped: number;
};

export type OutboxEntry = {
  readonly seq: number;
  readonly objectType: string;
  readonly recordId: string | null;
  readonly externalId: string | null;
  readonly operation: OutboxOperation;
  readonly fields: FieldValues;
  readonly base: FieldValues;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly notBefore: number;
  readonly lastErrorCode: string | null;
  readonly lastErrorMessage: string | null;
  readonly claimedBy: string | null;
  readonly claimedUntil: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sentAt: number | null;
};

/** What happened to one claimed row when the engine sent it. */

type Normalised = {
  objectType: string;
  operation: OutboxOperation;
  recordKey: string;
  recordId: string | null;
  externalId: string | null;
  fields: FieldValues;
  base: FieldValues;
};

function normalise(input: OutboxInput): Normalised {
  checkObjectType(input.objectType);
  const { objectType, operation } = input;
  if (!Object.values(OutboxOperation).includes(operation)) {
    throw new StoreError(StoreErrorCode.InvalidInput, `${objectType}: unknown outbox operation`);
  }
  const recordId = input.recordId ?? null;
  const externalId = input.externalId ?? null;
  if (recordId !== null) checkId(recordId, `${objectType} record id`);
  if (externalId !== null) checkId(externalId, `${objectType} external id`);
  const byId = operation === OutboxOperation.Update || operation === OutboxOperation.Delete;
  if (byId && recordId === null) {
    throw new StoreError(StoreErrorCode.InvalidInput, `${objectType}: ${operation} needs a record id`);
  }
  if (!byId && externalId === null) {
    throw new StoreError(StoreErrorCode.InvalidInput, `${objectType}: ${operation} needs an external id`);
  }
  const where = `${objectType}/${recordId ?? externalId}`;
  const fields = parseFieldValuesInput(input.fields, `${where} outbox fields`);
  const base = parseFieldValuesInput(input.base ?? {}, `${where} outbox base`);
  for (const field of [...Object.keys(fields), ...Object.keys(base)]) checkField(field, objectType);
  const count = Object.keys(fields).length;
  if (operation === OutboxOperation.Delete ? count > 0 : count === 0) {
    throw new StoreError(
      StoreErrorCode.InvalidInput,
      operation === OutboxOperation.Delete
        ? `${where}: a delete carries no fields`
        : `${where}: no fields to write`,
    );
  }
  return {
    objectType,
    operation,
    recordKey: byId ? `id:${recordId}` : `ext:${externalId}`,
    recordId,
    externalId,
    fields,
    base,
  };
}

/** Later values win; for base, the earliest belief wins (the org still held it: nothing was sent since). */
export function merge(older: Normalised, newer: Normalised): Normalised {
  return {
    ...newer,
    recordId: newer.recordId ?? older.recordId,
    externalId: newer.externalId ?? older.externalId,
    fields: { ...older.fields, ...newer.fields },
    base: { ...newer.base, ...older.base },
  };
}

// A→B→A before anything was sent is no change at all; an insert has no base in the org to compare with.
export function dropNoops(n: Normalised): Normalised {
  if (n.operation === OutboxOperation.Insert || n.operation === OutboxOperation.Delete) return n;
  const fields: FieldValues = {};
  for (const [field, value] of Object.entries(n.fields)) {
    if (!(Object.hasOwn(n.base, field) && sameValue(n.base[field], value))) fields[field] = value;
  }
  const base: FieldValues = {};
  for (const field of Object.keys(fields)) if (Object.hasOwn(n.base, field)) base[field] = n.base[field]!;
  return { ...n, fields, base };
}

export function isEmpty(n: Normalised): boolean {
  return n.operation !== OutboxOperation.Delete && Object.keys(n.fields).length === 0;
}

export function fromRow(row: OutboxRow): Normalised {
  const where = `outbox #${row.seq}`;
  return {
    objectType: row.object_type,
    operation: row.operation,
    recordKey: row.record_key,
    recordId: row.record_id,
    externalId: row.external_id,
    fields: parseFieldValuesColumn(row.fields, `${where} fields`),
    base: parseFieldValuesColumn(row.base, `${where} base`),
  };
}

export function toEntry(row: OutboxRow): OutboxEntry {
  const n = fromRow(row);
  if (!Object.values(OutboxState).includes(row.state)) {
    throw new StoreError(StoreErrorCode.CorruptRow, `outbox #${row.seq}: unknown state`);
  }
  return {
    seq: Number(row.seq),
    objectType: n.objectType,
    recordId: n.recordId,
    externalId: n.externalId,
    operation: n.operation,
    fields: n.fields,
    base: n.base,
    state: row.state,
    attempts: row.attempts,
    notBefore: Number(row.not_before),
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until === null ? null : Number(row.claimed_until),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

function groupKey(n: { objectType: string; recordKey: string; operation: string }): string {
  return `${n.objectType}\u0000${n.recordKey}\u0000${n.operation}`;
}

export async function findNew(tx: Ctx, n: Normalised, exceptSeq?: number): Promise<OutboxRow | undefined> {
  let query = tx.db
    .selectFrom('outbox')
    .selectAll()
    .where('object_type', '=', n.objectType)
    .where('record_key', '=', n.recordKey)
    .where('operation', '=', n.operation)
    .where('state', '=', OutboxState.New);
  if (exceptSeq !== undefined) query = query.where('seq', '<>', exceptSeq);
  // Locks the row against a concurrent claim (which skips locked rows) while it is being merged into.
  if (tx.engine === Engine.Postgres) query = query.forUpdate();
  return query.executeTakeFirst();
}

type Placed = { seq: number | null; how: 'inserted' | 'merged' | 'dropped' };

// Loops because, on PostgreSQL, the NEW row seen a moment ago may have been claimed, or another worker may
// have inserted one, in between; each retry sees the latest committed state (READ COMMITTED).
async function place(tx: Ctx, change: Normalised): Promise<Placed> {
  for (let round = 0; round < 8; round++) {
    const now = tx.clock();
    const existing = await findNew(tx, change);
    if (existing) {
      const merged = dropNoops(merge(fromRow(existing), change));
      const update = isEmpty(merged)
        ? {
            state: OutboxState.Ignored,
            last_error_code: 'NOOP',
            last_error_message: 'changed back to its base value',
          }
        : {
            fields: JSON.stringify(merged.fields),
            base: JSON.stringify(merged.base),
            record_id: merged.recordId,
            external_id: merged.externalId,
          };
      const result = await tx.db
        .updateTable('outbox')
        .set({ ...update, updated_at: now })
        .where('seq', '=', existing.seq)
        .where('state', '=', OutboxState.New)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        return isEmpty(merged) ? { seq: null, how: 'dropped' } : { seq: Number(existing.seq), how: 'merged' };
      }
      continue;
    }
    const fresh = dropNoops(change);
    if (isEmpty(fresh)) return { seq: null, how: 'dropped' };
    const seq = (await insertFresh(tx, [fresh])).get(groupKey(fresh));
    if (seq !== undefined) return { seq, how: 'inserted' };
  }
  throw new StoreError(
    StoreErrorCode.InvalidInput,
    `${change.objectType}: outbox row kept changing under enqueue`,
  );
}

const INSERT_CHUNK = 500;

const rowKey = (row: { object_type: string; record_key: string; operation: string }): string =>
  groupKey({ objectType: row.object_type, recordKey: row.record_key, operation: row.operation });

/** The unsent (NEW) rows of these changes' records, by groupKey: one query per object, operation and chunk. */
async function findNewRows(tx: Ctx, changes: readonly Normalised[]): Promise<Map<string, OutboxRow>> {
  const byKind = new Map<string, Normalised[]>();
  for (const c of changes) {
    const kind = `${c.objectType}\u0000${c.operation}`;
    const list = byKind.get(kind);
    if (list === undefined) byKind.set(kind, [c]);
    else list.push(c);
  }
  const found = new Map<string, OutboxRow>();
  for (const list of byKind.values()) {
    const { objectType, operation } = list[0]!;
    for (const part of chunks(list, IN_CHUNK)) {
      let query = tx.db
        .selectFrom('outbox')
        .selectAll()
        .where('object_type', '=', objectType)
        .where('operation', '=', operation)
        .where('state', '=', OutboxState.New)
        .where(
          'record_key',
          'in',
          part.map((c) => c.recordKey),
        );
      if (tx.engine === Engine.Postgres) query = query.forUpdate();
      for (const row of await query.execute()) found.set(rowKey(row), row);
    }
  }
  return found;
}

/**
 * Inserts changes whose records have no unsent row, many to a statement (an initial load queues a row for
 * nearly every record). Returns the seq of each inserted one by groupKey; a change left out was raced by
 * another worker's insert and goes through place() instead.
 */
async function insertFresh(tx: Ctx, changes: readonly Normalised[]): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  const now = tx.clock();
  for (const part of chunks(changes, INSERT_CHUNK)) {
    const rows = await tx.db
      .insertInto('outbox')
      .values(
        part.map((c) => ({
          object_type: c.objectType,
          record_key: c.recordKey,
          record_id: c.recordId,
          external_id: c.externalId,
          operation: c.operation,
          fields: JSON.stringify(c.fields),
          base: JSON.stringify(c.base),
          state: OutboxState.New,
          attempts: 0,
          not_before: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['object_type', 'record_key', 'operation'])
          .where(sql.ref('state'), '=', sql.lit(OutboxState.New))
          .doNothing(),
      )
      .returning(['seq', 'object_type', 'record_key', 'operation'])
      .execute();
    for (const row of rows) seqs.set(rowKey(row), Number(row.seq));
  }
  return seqs;
}

/** Persists changes to send, in one transaction, coalescing with unsent rows of the same record. */
export async function enqueue(ctx: Ctx, inputs: readonly OutboxInput[]): Promise<EnqueueResult> {
  const normalised = inputs.map(normalise);
  const groups = new Map<string, { change: Normalised; members: number[] }>();
  normalised.forEach((n, index) => {
    const key = groupKey(n);
    const group = groups.get(key);
    if (group) {
      group.change = merge(group.change, n);
      group.members.push(index);
    } else {
      groups.set(key, { change: n, members: [index] });
    }
  });
  const seqs: (number | null)[] = inputs.map(() => null);
  const counts = { inserted: 0, merged: 0, dropped: 0 };
  if (groups.size === 0) return { seqs, ...counts };
  await inTx(ctx, async (tx) => {
    const list = [...groups.values()];
    // A delete supersedes the unsent rows of its record that came before it in the batch, so a batch
    // with a delete keeps its order and goes one change at a time; any other batch is done in bulk.
    if (!list.some((g) => g.change.operation === OutboxOperation.Delete)) {
      const existing = await findNewRows(
        tx,
        list.map((g) => g.change),
      );
      const fresh = list.filter((g) => !existing.has(groupKey(g.change)));
      const toInsert = fresh.map((g) => dropNoops(g.change)).filter((c) => !isEmpty(c));
      const inserted = await insertFresh(tx, toInsert);
      for (const { change, members } of list) {
        const key = groupKey(change);
        let placed: Placed;
        const seq = inserted.get(key);
        if (seq !== undefined) placed = { seq, how: 'inserted' };
        else if (!existing.has(key) && isEmpty(dropNoops(change))) placed = { seq: null, how: 'dropped' };
        else placed = await place(tx, change);
        counts[placed.how] += 1;
        for (const index of members) seqs[index] = placed.seq;
      }
      return;
    }
    for (const { change, members } of list) {
      if (change.operation === OutboxOperation.Delete) {
        // Writing fields to a record about to be deleted is wasted calls and a likely ENTITY_IS_DELETED.
        await tx.db
          .updateTable('outbox')
          .set({
            state: OutboxState.Ignored,
            last_error_code: 'SUPERSEDED',
            last_error_message: 'superseded by a delete',
            updated_at: tx.clock(),
          })
          .where('object_type', '=', change.objectType)
          .where('record_key', '=', change.recordKey)
          .where('state', '=', OutboxState.New)
          .where('operation', '<>', OutboxOperation.Delete)
          .execute();
      }
      const placed = await place(tx, change);
      counts[placed.how] += 1;
      for (const index of members) seqs[index] = placed.seq;
    }
  });
  return { seqs, ...counts };
}

/**
 * Claims up to `limit` sendable rows for `workerId` until now + leaseMs: NEW rows whose backoff has passed
 * and PENDING rows whose lease expired, oldest first, at most the oldest open row per record.
 * PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers never claim the same row.
 */ export async function getOutbox(ctx: Ctx, seqs: readonly number[]): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  for (const part of chunks([...seqs], IN_CHUNK)) {
    const rows = await ctx.db.selectFrom('outbox').selectAll().where('seq', 'in', part).execute();
    out.push(...rows.map(toEntry));
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** Deletes SUCCESS and IGNORED rows last touched before `before` (they are history, not work). */
export async function pruneOutbox(ctx: Ctx, before: number): Promise<number> {
  const result = await ctx.db
    .deleteFrom('outbox')
    .where('state', 'in', [OutboxState.Success, OutboxState.Ignored])
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The field values still on their way to the org for each record of a type (NEW and PENDING rows, later
 * rows winning): what the org will hold once the outbox drains, so a worker does not decide again what
 * another (possibly dead) worker already queued.
 */
export async function pendingFields(ctx: Ctx, objectType: string): Promise<Map<string, FieldValues>> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select(['seq', 'record_id', 'fields'])
    .where('object_type', '=', objectType)
    .where('state', 'in', [OutboxState.New, OutboxState.Pending])
    .where('record_id', 'is not', null)
    .orderBy('seq')
    .execute();
  return mergedFields(rows);
}

/**
 * The values the org refused for each record of a type: FAILED rows that are their record's latest row
 * (a later row, whatever became of it, means the record has moved on). Read through outbox_failed.
 * Pruning a later SUCCESS row brings an older refusal back; the daily recompute, which resends refused
 * values, bounds what that can hold back to a day.
 */
export async function refusedFields(ctx: Ctx, objectType: string): Promise<Map<string, FieldValues>> {
  const rows = await ctx.db
    .selectFrom('outbox as o')
    .select(['o.seq', 'o.record_id', 'o.fields'])
    .where('o.object_type', '=', objectType)
    // Literal, so both engines match the partial index's condition.
    .where(sql.ref('o.state'), '=', sql.lit(OutboxState.Failed))
    .where('o.record_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as later')
            .select('later.seq')
            .whereRef('later.object_type', '=', 'o.object_type')
            .whereRef('later.record_key', '=', 'o.record_key')
            .whereRef('later.seq', '>', 'o.seq'),
        ),
      ),
    )
    .orderBy('o.seq')
    .execute();
  return mergedFields(rows);
}

function mergedFields(
  rows: readonly { seq: number; record_id: string | null; fields: string }[],
): Map<string, FieldValues> {
  const out = new Map<string, FieldValues>();
  for (const row of rows) {
    const fields = parseFieldValuesColumn(row.fields, `outbox row ${row.seq} fields`);
    out.set(row.record_id!, { ...(out.get(row.record_id!) ?? {}), ...fields });
  }
  return out;
}
