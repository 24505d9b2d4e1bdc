// The store's public face. StoreTx holds the operations that may share a transaction (mirror, base,
// cursors, enqueue, echo, meta); Store adds the ones that manage their own (claims, results, cycles,
// status, locks). Every method validates its input and returns typed, zod-checked data.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from './context.js';
import { inTx } from './context.js';
import { getBase, setBase } from './base.js';
import type { BaseInput } from './base.js';
import { getCursor, listCursors, resetCursor, setCursor } from './cursors.js';
import type { Cursor, CursorInput } from './cursors.js';
import { finishCycle, recentCycles, startCycle } from './cycles.js';
import type { Cycle, CycleSummary } from './cycles.js';
import { echoedFields, recordWritten, wasWrittenByUs } from './echo.js';
import type { WrittenInput } from './echo.js';
import { StoreError, StoreErrorCode } from './errors.js';
import type { FieldValues, JsonValue } from './json.js';
import type { ObjectLocks, LockResult } from './locks.js';
import { deleteMeta, getMeta, setMeta } from './meta.js';
import { getMirror, iterateMirror, markDeleted, upsertMirror } from './mirror.js';
import type { MarkDeletedInput, MirrorInput, MirrorRecord, UpsertMirrorResult } from './mirror.js';
import { enqueue, getOutbox, pendingFields, pruneOutbox, refusedFields } from './outbox.js';
import { claimOutbox, markSent, renewLease } from './claims.js';
import type { EnqueueResult, OutboxEntry, OutboxInput } from './outbox.js';
import type { MarkSentResult, SendResult } from './claims.js';
import { Engine } from './schema.js';
import type { Database } from './schema.js';
import { status } from './status.js';
import type { StatusOptions, StoreStatus } from './status.js';
import type { BackoffOptions } from './backoff.js';
import { checkObjectType } from './validate.js';

/** The operations that can run inside Store.transaction, all-or-nothing together. */
export class StoreTx {
  readonly #getCtx: () => Ctx;

  /** @internal handed out by Store.transaction */
  constructor(getCtx: () => Ctx) {
    this.#getCtx = getCtx;
  }

  /** @internal */
  protected ctx(): Ctx {
    return this.#getCtx();
  }

  /** Stores a page of pulled records; older versions than stored are reported stale and not applied. */
  async upsertMirror(objectType: string, records: readonly MirrorInput[]): Promise<UpsertMirrorResult> {
    return upsertMirror(this.ctx(), objectType, records);
  }

  async getMirror(objectType: string, ids: readonly string[]): Promise<Map<string, MirrorRecord>> {
    return getMirror(this.ctx(), objectType, ids);
  }

  async markDeleted(objectType: string, entries: readonly MarkDeletedInput[]): Promise<string[]> {
    return markDeleted(this.ctx(), objectType, entries);
  }

  async setBase(objectType: string, entries: readonly BaseInput[]): Promise<void> {
    return setBase(this.ctx(), objectType, entries);
  }

  async getBase(objectType: string, recordIds: readonly string[]): Promise<Map<string, FieldValues>> {
    return getBase(this.ctx(), objectType, recordIds);
  }

  async getCursor(objectType: string): Promise<Cursor | undefined> {
    return getCursor(this.ctx(), objectType);
  }

  /** Advances a watermark; throws CURSOR_BACKWARDS rather than rewinding it. */
  async setCursor(objectType: string, cursor: CursorInput): Promise<Cursor> {
    return setCursor(this.ctx(), objectType, cursor);
  }

  async resetCursor(objectType: string): Promise<void> {
    return resetCursor(this.ctx(), objectType);
  }

  /** Persists changes to push, coalescing with unsent rows of the same record. */
  async enqueue(inputs: readonly OutboxInput[]): Promise<EnqueueResult> {
    return enqueue(this.ctx(), inputs);
  }

  async recordWritten(objectType: string, entries: readonly WrittenInput[]): Promise<void> {
    return recordWritten(this.ctx(), objectType, entries);
  }

  async wasWrittenByUs(
    objectType: string,
    recordId: string,
    field: string,
    value: unknown,
  ): Promise<boolean> {
    return wasWrittenByUs(this.ctx(), objectType, recordId, field, value);
  }

  async echoedFields(
    objectType: string,
    records: readonly { readonly id: string; readonly fields: FieldValues }[],
  ): Promise<Map<string, Set<string>>> {
    return echoedFields(this.ctx(), objectType, records);
  }

  async getMeta<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    return getMeta(this.ctx(), key, schema);
  }

  async setMeta(key: string, value: JsonValue): Promise<void> {
    return setMeta(this.ctx(), key, value);
  }

  async deleteMeta(key: string): Promise<void> {
    return deleteMeta(this.ctx(), key);
  }
}

export type StoreInit = {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly clock: () => number;
  readonly workerId: string;
  readonly locks: ObjectLocks;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** Where the data lives, for messages: a file path or host/database (never credentials). */
  readonly location: string;
  readonly onClose: () => Promise<void>;
};

export class Store extends StoreTx {
  readonly engine: Engine;
  readonly workerId: string;
  readonly location: string;
  readonly #init: StoreInit;
  readonly #root: Ctx;
  readonly #txScope = new AsyncLocalStorage<true>();
  #closed = false;

  /** @internal use openStore */
  constructor(init: StoreInit) {
    super(() => {
      throw new StoreError(StoreErrorCode.WrongHandle, 'unreachable: Store overrides ctx()');
    });
    this.#init = init;
    this.engine = init.engine;
    this.workerId = init.workerId;
    this.location = init.location;
    this.#root = { db: init.db, engine: init.engine, clock: init.clock, inTransaction: false };
  }

  protected override ctx(): Ctx {
    return this.#rootCtx();
  }

  // Using the Store (not the tx handle) inside transaction() would deadlock on SQLite (one connection)
  // and silently escape the transaction on PostgreSQL: refuse it loudly instead.
  #rootCtx(): Ctx {
    if (this.#closed) throw new StoreError(StoreErrorCode.Closed, 'the store is closed');
    if (this.#txScope.getStore()) {
      throw new StoreError(
        StoreErrorCode.WrongHandle,
        'inside transaction(), use the tx handle, not the store',
      );
    }
    return this.#root;
  }

  /** Runs fn in one transaction: everything done through tx commits together or not at all. */
  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return inTx(this.#rootCtx(), async (ctx) => {
      let live = true;
      const tx = new StoreTx(() => {
        if (!live) throw new StoreError(StoreErrorCode.WrongHandle, 'this transaction has ended');
        return ctx;
      });
      try {
        return await this.#txScope.run(true, () => fn(tx));
      } finally {
        live = false;
      }
    });
  }

  /** Every mirrored record of a type, in id order, paged; not deleted ones unless asked. */
  async *iterateMirror(
    objectType: string,
    options?: { batchSize?: number; includeDeleted?: boolean },
  ): AsyncGenerator<MirrorRecord> {
    yield* iterateMirror(this.#rootCtx(), objectType, options);
  }

  async listCursors(): Promise<Cursor[]> {
    return listCursors(this.#rootCtx());
  }

  /** Claims up to `limit` rows to send for this worker, leased for leaseMs. */
  async claimOutbox(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return claimOutbox(this.#rootCtx(), this.workerId, limit, leaseMs);
  }

  async renewLease(seqs: readonly number[], leaseMs: number): Promise<number[]> {
    return renewLease(this.#rootCtx(), this.workerId, seqs, leaseMs);
  }

  /** Records what happened to claimed rows; rows this worker no longer holds are reported, not touched. */
  async markSent(results: readonly SendResult[]): Promise<MarkSentResult> {
    return markSent(this.#rootCtx(), this.workerId, results, {
      maxAttempts: this.#init.maxAttempts,
      backoff: this.#init.backoff,
    });
  }

  async getOutbox(seqs: readonly number[]): Promise<OutboxEntry[]> {
    return getOutbox(this.#rootCtx(), seqs);
  }

  /** Per record, the field values queued and not yet confirmed sent (NEW and PENDING rows merged). */
  async pendingFields(objectType: string): Promise<Map<string, FieldValues>> {
    checkObjectType(objectType);
    return pendingFields(this.#rootCtx(), objectType);
  }

  /** Per record, the values the org refused in its latest outbox row (FAILED), merged. */
  async refusedFields(objectType: string): Promise<Map<string, FieldValues>> {
    checkObjectType(objectType);
    return refusedFields(this.#rootCtx(), objectType);
  }

  async startCycle(): Promise<number> {
    return startCycle(this.#rootCtx(), this.workerId);
  }

  async finishCycle(id: number, summary: CycleSummary): Promise<void> {
    return finishCycle(this.#rootCtx(), id, summary);
  }

  async recentCycles(limit = 10): Promise<Cycle[]> {
    return recentCycles(this.#rootCtx(), limit);
  }

  async status(options?: StatusOptions): Promise<StoreStatus> {
    return status(this.#rootCtx(), options);
  }

  /**
   * Runs fn only if no other worker holds this object's pull lock; otherwise returns { acquired: false }
   * at once. PostgreSQL: advisory lock across processes; SQLite: within this process.
   */
  async withObjectLock<T>(objectType: string, fn: () => Promise<T>): Promise<LockResult<T>> {
    checkObjectType(objectType);
    this.#rootCtx();
    return this.#init.locks.withLock(`object:${objectType}`, fn);
  }

  /**
   * Brings the planner's statistics of the outbox up to date after a large enqueue. PostgreSQL plans the
   * claim query from them, and until autovacuum gets to a table that grew by a million unsent rows in one
   * transaction it plans as if a few thousand were there: it sorted every unsent row for each claim of
   * 500 (7 s a claim at 1,000,000 opportunities instead of 9 ms). SQLite plans from its indexes alone.
   */
  async refreshStatistics(): Promise<void> {
    const ctx = this.#rootCtx();
    if (ctx.engine === Engine.Postgres) await sql`analyze outbox`.execute(ctx.db);
  }

  /** Deletes outbox history (SUCCESS, IGNORED) and finished cycles older than `before` (epoch ms). */
  async prune(before: number): Promise<{ outbox: number; cycles: number }> {
    const ctx = this.#rootCtx();
    const outbox = await pruneOutbox(ctx, before);
    const result = await ctx.db
      .deleteFrom('cycles')
      .where('finished_at', 'is not', null)
      .where('started_at', '<', before)
      .executeTakeFirst();
    return { outbox, cycles: Number(result.numDeletedRows) };
  }

  /** Closes the database (the pool on PostgreSQL). Further use throws CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#init.onClose();
  }
}
