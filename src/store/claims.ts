// Sending: claims under a lease, lease renewal, and recording what Salesforce answered. A row is claimed
// by one worker until its lease expires; a late answer from a worker that lost its lease is not recorded
// (the row is being replayed by another, and the push upserts by external id, so the replay is harmless).
import { sql } from 'kysely';
import type { Updateable } from 'kysely';
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import { StoreError, StoreErrorCode } from './errors.js';
import type { FieldValues } from './json.js';
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
    for (const [seq, result] of bySeq) {
      const row = held.get(seq);
      if (!row) {
        notHeld.push(seq);
        continue;
      }
      await applyResult(tx, row, result, options);
      applied.push(seq);
    }
    return { applied: applied.sort((a, b) => a - b), notHeld: notHeld.sort((a, b) => a - b) };
  });
}

const released = { claimed_by: null, claimed_until: null } as const;

async function applyResult(
  tx: Ctx,
  row: OutboxRow,
  result: SendResult,
  options: MarkSentOptions,
): Promise<void> {
  const now = tx.clock();
  const seq = Number(row.seq);
  const update = (values: Updateable<OutboxTable>) =>
    tx.db.updateTable('outbox').set(values).where('seq', '=', seq).execute();
  switch (result.status) {
    case 'success': {
      const recordId = row.record_id ?? result.recordId ?? null;
      await update({
        ...released,
        state: OutboxState.Success,
        record_id: recordId,
        attempts: row.attempts + 1,
        sent_at: now,
        updated_at: now,
        last_error_code: null,
        last_error_message: null,
      });
      if (recordId !== null && row.operation !== OutboxOperation.Delete) {
        await rememberWrite(tx, row.object_type, recordId, fromRow(row).fields, now);
      }
      return;
    }
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

async function rememberWrite(
  tx: Ctx,
  objectType: string,
  recordId: string,
  fields: FieldValues,
  now: number,
): Promise<void> {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  await tx.db
    .insertInto('written')
    .values(
      entries.map(([field, value]) => ({
        object_type: objectType,
        record_id: recordId,
        field,
        value_hash: hashValue(value),
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
      entries.map(([field, value]) => ({
        object_type: objectType,
        record_id: recordId,
        field,
        value: JSON.stringify(value),
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

/** Rows by seq, for inspection (status detail, tests). */
