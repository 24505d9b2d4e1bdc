// Sending: claims under a lease, lease renewal, and recording what Salesforce answered. A row is claimed
// by one worker until its lease expires; a late answer from a worker that lost its lease is not recorded
// (the row is being replayed by another, and the push upserts by external id, so the replay is harmless).
import { sql } from 'kysely';
import type { Updateable } from 'kysely';
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import { StoreError, StoreErrorCode } from './errors.js';
import type { JsonValue } from './json.js';
import { hashValue } from './json.js';
import { Engine, OutboxOperation, OutboxState } from './schema.js';
import type { OutboxRow, OutboxTable } from './schema.js';
import { backoffMs } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { checkId } from './validate.js';
import { dropNoops, findNew, fromRow, isEmpty, merge, toEntry } from './outbox.js';
import type { OutboxEntry } from './outbox.js';

export type SendResult =
  | { readonly seq: number; readonly status: 'success'; readonly recordId?: string }
  | {
      readonly seq: number;
      readonly status: 'failed';
      readonly code: string;
      readonly message: string;
      /** true: the record needs a person (FAILED). false: transient, retried with backoff. */
      readonly permanent: boolean;
    }
  /** Not attempted, or rolled back with others (ALL_OR_NONE): back to NEW without counting an attempt. */
  | { readonly seq: number; readonly status: 'retry'; readonly delayMs?: number }
  /** Nothing to do after all (e.g. a delete of a record already gone). */
  | { readonly seq: number; readonly status: 'ignored'; readonly code: string; readonly message?: string };

export type MarkSentOptions = { readonly maxAttempts: number; readonly backoff?: BackoffOptions };

export type MarkSentResult = {
  /** Seqs whose result was recorded. */
  readonly applied: number[];
  /** Seqs this worker no longer held (lease expired and reclaimed, or unknown): result not recorded. */
  readonly notHeld: number[];
};

const MAX_MESSAGE = 4000;

export async function claimOutbox(
  ctx: Ctx,
  workerId: string,
  limit: number,
  leaseMs: number,
): Promise<OutboxEntry[]> {
  checkId(workerId, 'worker id');
  const take = Math.floor(limit);
  if (!(take > 0)) return [];
  if (!(leaseMs > 0)) throw new StoreError(StoreErrorCode.InvalidInput, 'lease must be positive');
  return inTx(ctx, async (tx) => {
    const now = tx.clock();
    let query = tx.db
      .selectFrom('outbox as o')
      .select('o.seq')
      // Literal, and the same expression as the outbox_unsent index's condition: it is what lets both
      // engines walk that index in seq order (see the migration) instead of sorting every unsent row.
      .where(sql<boolean>`o.state in (${sql.lit(OutboxState.New)}, ${sql.lit(OutboxState.Pending)})`)
      .where((eb) =>
        eb.or([
          eb.and([eb('o.state', '=', OutboxState.New), eb('o.not_before', '<=', now)]),
          eb.and([eb('o.state', '=', OutboxState.Pending), eb('o.claimed_until', '<=', now)]),
        ]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox as p')
              .select(sql.lit(1).as('one'))
              .whereRef('p.object_type', '=', 'o.object_type')
              .whereRef('p.record_key', '=', 'o.record_key')
              .whereRef('p.seq', '<', 'o.seq')
              .where('p.state', 'in', [OutboxState.New, OutboxState.Pending]),
          ),
        ),
      )
      .orderBy('o.seq')
      .limit(take);
    if (tx.engine === Engine.Postgres) query = query.forUpdate().skipLocked();
    const picked = (await query.execute()).map((r) => Number(r.seq));
    if (picked.length === 0) return [];
    const rows = await tx.db
      .updateTable('outbox')
      .set({
        state: OutboxState.Pending,
        claimed_by: workerId,
        claimed_until: now + Math.ceil(leaseMs),
        updated_at: now,
      })
      .where('seq', 'in', picked)
      .returningAll()
      .execute();
    return rows.map(toEntry).sort((a, b) => a.seq - b.seq);
  });
}

/** Extends this worker's lease on rows still being sent (a long Bulk job). Returns the seqs extended. */
export async function renewLease(
  ctx: Ctx,
  workerId: string,
  seqs: readonly number[],
  leaseMs: number,
): Promise<number[]> {
  if (seqs.length === 0) return [];
  const now = ctx.clock();
  const out: number[] = [];
  for (const part of chunks([...seqs], IN_CHUNK)) {
    const rows = await ctx.db
      .updateTable('outbox')
      .set({ claimed_until: now + Math.ceil(leaseMs), updated_at: now })
      .where('seq', 'in', part)
      .where('state', '=', OutboxState.Pending)
      .where('claimed_by', '=', workerId)
      .returning('seq')
      .execute();
    out.push(...rows.map((r) => Number(r.seq)));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Records send results for rows this worker holds, in one transaction. Success also records the written
 * values for echo suppression and as the new base of each field (when the record id is known).
 */
export async function markSent(
  ctx: Ctx,
  workerId: string,
  results: readonly SendResult[],
  options: MarkSentOptions,
): Promise<MarkSentResult> {
  if (results.length === 0) return { applied: [], notHeld: [] };
  const bySeq = new Map(results.map((r) => [r.seq, r]));
  return inTx(ctx, async (tx) => {
    const held = new Map<number, OutboxRow>();
    for (const part of chunks([...bySeq.keys()], IN_CHUNK)) {
      let query = tx.db
        .selectFrom('outbox')
        .selectAll()
        .where('seq', 'in', part)
        .where('state', '=', OutboxState.Pending)
        .where('claimed_by', '=', workerId);
      if (tx.engine === Engine.Postgres) query = query.forUpdate();
      for (const row of await query.execute()) held.set(Number(row.seq), row);
    }
    const applied: number[] = [];
    const notHeld: number[] = [];
    const sent: OutboxRow[] = [];
    for (const [seq, result] of bySeq) {
      const row = held.get(seq);
      if (!row) {
        notHeld.push(seq);
        continue;
      }
      if (result.status === 'success') {
        // Learnt from the answer: the id of a record an upsert created.
        sent.push(row.record_id === null && result.recordId ? { ...row, record_id: result.recordId } : row);
      } else await applyResult(tx, row, result, options);
      applied.push(seq);
    }
    await markSuccesses(tx, sent, held);
    return { applied: applied.sort((a, b) => a - b), notHeld: notHeld.sort((a, b) => a - b) };
  });
}

const released = { claimed_by: null, claimed_until: null } as const;

/** Every answer but success (see markSuccesses), one row at a time. */
async function applyResult(
  tx: Ctx,
  row: OutboxRow,
  result: Exclude<SendResult, { status: 'success' }>,
  options: MarkSentOptions,
): Promise<void> {
  const now = tx.clock();
  const seq = Number(row.seq);
  const update = (values: Updateable<OutboxTable>) =>
    tx.db.updateTable('outbox').set(values).where('seq', '=', seq).execute();
  switch (result.status) {
    case 'ignored':
      await update({
        ...released,
        state: OutboxState.Ignored,
        last_error_code: result.code,
        last_error_message: result.message?.slice(0, MAX_MESSAGE) ?? null,
        updated_at: now,
      });
      return;
    case 'failed': {
      const attempts = row.attempts + 1;
      const error = {
        last_error_code: result.code,
        last_error_message: result.message.slice(0, MAX_MESSAGE),
      };
      if (result.permanent || attempts >= options.maxAttempts) {
        await update({ ...released, ...error, state: OutboxState.Failed, attempts, updated_at: now });
        return;
      }
      await backToNew(tx, row, {
        ...error,
        attempts,
        not_before: now + backoffMs(attempts, options.backoff),
      });
      return;
    }
    case 'retry':
      await backToNew(tx, row, {
        attempts: row.attempts,
        not_before: now + Math.max(0, result.delayMs ?? 0),
      });
      return;
  }
}

type Requeue = {
  attempts: number;
  not_before: number;
  last_error_code?: string;
  last_error_message?: string;
};

// Back to NEW; if a newer change for the same record was queued meanwhile, the two become one row (the
// unique index allows a single NEW row per record and operation).
async function backToNew(tx: Ctx, row: OutboxRow, requeue: Requeue): Promise<void> {
  const now = tx.clock();
  const mine = fromRow(row);
  const other = await findNew(tx, mine, Number(row.seq));
  if (!other) {
    await tx.db
      .updateTable('outbox')
      .set({ ...released, ...requeue, state: OutboxState.New, updated_at: now })
      .where('seq', '=', row.seq)
      .execute();
    return;
  }
  const merged = dropNoops(merge(mine, fromRow(other)));
  await tx.db
    .updateTable('outbox')
    .set({
      ...released,
      state: OutboxState.Ignored,
      last_error_code: 'COALESCED',
      last_error_message: `merged into outbox #${other.seq}`,
      updated_at: now,
    })
    .where('seq', '=', row.seq)
    .execute();
  await tx.db
    .updateTable('outbox')
    .set(
      isEmpty(merged)
        ? { state: OutboxState.Ignored, last_error_code: 'NOOP', updated_at: now }
        : {
            fields: JSON.stringify(merged.fields),
            base: JSON.stringify(merged.base),
            attempts: Math.max(other.attempts, requeue.attempts),
            not_before: Math.max(Number(other.not_before), requeue.not_before),
            last_error_code: requeue.last_error_code ?? other.last_error_code,
            last_error_message: requeue.last_error_message ?? other.last_error_message,
            updated_at: now,
          },
    )
    .where('seq', '=', other.seq)
    .execute();
}

/**
 * Rows Salesforce accepted: SUCCESS, in a few statements for the whole batch, and the values written
 * remembered (echo suppression, and the new base of each field) for every row whose record id is known.
 * `rows` carry the record id learnt from the answer; `held` has them as they were stored.
 */
async function markSuccesses(
  tx: Ctx,
  rows: readonly OutboxRow[],
  held: ReadonlyMap<number, OutboxRow>,
): Promise<void> {
  if (rows.length === 0) return;
  const now = tx.clock();
  for (const part of chunks(
    rows.map((r) => Number(r.seq)),
    IN_CHUNK,
  )) {
    await tx.db
      .updateTable('outbox')
      .set({
        ...released,
        state: OutboxState.Success,
        attempts: sql<number>`attempts + 1`,
        sent_at: now,
        updated_at: now,
        last_error_code: null,
        last_error_message: null,
      })
      .where('seq', 'in', part)
      .execute();
  }
  for (const row of rows) {
    if (row.record_id !== null && held.get(Number(row.seq))?.record_id === null)
      await tx.db
        .updateTable('outbox')
        .set({ record_id: row.record_id })
        .where('seq', '=', row.seq)
        .execute();
  }
  await rememberWrites(
    tx,
    rows.filter((r) => r.record_id !== null && r.operation !== OutboxOperation.Delete),
    now,
  );
}

const WRITE_CHUNK = 1000;

async function rememberWrites(tx: Ctx, rows: readonly OutboxRow[], now: number): Promise<void> {
  // One entry per record and field, the last row's value winning as if they had been applied in turn (and
  // PostgreSQL refuses to update a row twice in one statement).
  const entries = new Map<
    string,
    { objectType: string; recordId: string; field: string; value: JsonValue }
  >();
  for (const row of rows) {
    for (const [field, value] of Object.entries(fromRow(row).fields)) {
      const key = `${row.object_type}\u0000${row.record_id!}\u0000${field}`;
      entries.delete(key);
      entries.set(key, { objectType: row.object_type, recordId: row.record_id!, field, value });
    }
  }
  for (const part of chunks([...entries.values()], WRITE_CHUNK)) {
    await tx.db
      .insertInto('written')
      .values(
        part.map((e) => ({
          object_type: e.objectType,
          record_id: e.recordId,
          field: e.field,
          value_hash: hashValue(e.value),
          written_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['object_type', 'record_id', 'field']).doUpdateSet((eb) => ({
          value_hash: eb.ref('excluded.value_hash'),
          written_at: eb.ref('excluded.written_at'),
        })),
      )
      .execute();
    await tx.db
      .insertInto('base')
      .values(
        part.map((e) => ({
          object_type: e.objectType,
          record_id: e.recordId,
          field: e.field,
          value: JSON.stringify(e.value),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['object_type', 'record_id', 'field']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Rows by seq, for inspection (status detail, tests). */
