import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { Engine } from './schema.js';
import type { Database } from './schema.js';
import type { Clock } from './time.js';

/** What every operation runs against: the root database or one transaction, plus the engine and the clock. */
export type Ctx = {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly inTransaction: boolean;
};

/**
 * Runs fn in one transaction, or inside the caller's when there is one already.
 *
 * SQLite: BEGIN IMMEDIATE takes the write lock up front, so a read-then-write (claim, coalesce) cannot be
 * overtaken by another process between its read and its write, and never fails half-way with SQLITE_BUSY
 * on the lock upgrade. PostgreSQL: an ordinary READ COMMITTED transaction; the statements that race
 * (claims, coalescing) lock their rows explicitly.
 */
export async function inTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  if (ctx.engine === Engine.Postgres) {
    return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, inTransaction: true }));
  }
  return ctx.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: T;
    try {
      result = await fn({ ...ctx, db: conn, inTransaction: true });
    } catch (error) {
      // SQLite may already have rolled back on its own (e.g. disk full); the original error is what matters.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

/** Keeps IN lists and multi-row inserts under both engines' bound-parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const IN_CHUNK = 500;
