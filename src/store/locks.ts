// One puller per object. PostgreSQL: a session advisory lock held on a dedicated pooled connection for the
// duration of fn, so it is released when fn ends or, if the worker dies, when its connection closes.
// SQLite is single-worker: an in-process lock keyed by database file is enough.
import type { Pool, PoolClient } from 'pg';

export type LockResult<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

export interface ObjectLocks {
  /** Runs fn while holding the lock; never waits: if another holder has it, returns { acquired: false }. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<LockResult<T>>;
}

const heldInProcess = new Set<string>();

export function memoryLocks(scope: string): ObjectLocks {
  return {
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<LockResult<T>> {
      const id = `${scope}\u0000${key}`;
      if (heldInProcess.has(id)) return { acquired: false };
      heldInProcess.add(id);
      try {
        return { acquired: true, value: await fn() };
      } finally {
        heldInProcess.delete(id);
      }
    },
  };
}

// The schema is part of the key: two deployments (or test runs) sharing a database must not block each other.
const TRY_LOCK = 'select pg_try_advisory_lock(hashtext(current_schema()), hashtext($1)) as ok';
const UNLOCK = 'select pg_advisory_unlock(hashtext(current_schema()), hashtext($1)) as ok';

export function advisoryLocks(pool: Pool): ObjectLocks {
  return {
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<LockResult<T>> {
      const client: PoolClient = await pool.connect();
      // A connection whose lock state is unknown must be closed, not handed back to the pool.
      let destroy = false;
      try {
        let ok: boolean | undefined;
        try {
          ok = (await client.query<{ ok: boolean }>(TRY_LOCK, [key])).rows[0]?.ok;
        } catch (error) {
          destroy = true;
          throw error;
        }
        if (ok !== true) return { acquired: false };
        try {
          return { acquired: true, value: await fn() };
        } finally {
          await client.query(UNLOCK, [key]).catch(() => {
            destroy = true;
          });
        }
      } finally {
        client.release(destroy);
      }
    },
  };
}
