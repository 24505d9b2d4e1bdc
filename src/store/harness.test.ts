// Test harness only (registers no tests): a fresh database per test on each engine, and raw access to it
// for the tests that must inspect or damage what is stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { openStore } from './open.js';
import type { OpenStoreOptions } from './open.js';
import { Engine } from './schema.js';
import type { Store } from './store.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawDb = Kysely<any>;

export type Harness = {
  readonly engine: Engine;
  /** A fresh, empty database for the current test. */
  setup(): Promise<void>;
  /** Opens a store (a worker) on the current test's database; closed by teardown. */
  open(options?: Omit<OpenStoreOptions, 'databaseUrl' | 'stateDir' | 'schema'>): Promise<Store>;
  /** A Kysely connection to the same database, outside the store; closed by teardown. */
  raw(): RawDb;
  /** The PostgreSQL schema of the current test (undefined on SQLite). */
  schema(): string | undefined;
  teardown(): Promise<void>;
};

/** A clock the test moves by hand: leases and backoff are tested without waiting. */
export function fakeClock(start = Date.UTC(2025, 0, 15, 12)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function sqliteHarness(): Harness {
  let dir: string | undefined;
  let stores: Store[] = [];
  let raws: RawDb[] = [];
  const current = () => {
    if (!dir) throw new Error('setup() first');
    return dir;
  };
  return {
    engine: Engine.Sqlite,
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'prm-store-'));
    },
    async open(options = {}) {
      const store = await openStore({ ...options, stateDir: current(), databaseUrl: '' });
      stores.push(store);
      return store;
    },
    raw() {
      const db: RawDb = new Kysely({
        dialect: new SqliteDialect({ database: new SQLite(join(current(), 'prm.sqlite')) }),
      });
      raws.push(db);
      return db;
    },
    schema: () => undefined,
    async teardown() {
      await Promise.all(stores.map((s) => s.close()));
      await Promise.all(raws.map((r) => r.destroy()));
      stores = [];
      raws = [];
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

export function postgresHarness(url: string): Harness {
  let schema: string | undefined;
  let stores: Store[] = [];
  let raws: RawDb[] = [];
  const current = () => {
    if (!schema) throw new Error('setup() first');
    return schema;
  };
  const connect = (searchPath?: string): RawDb =>
    new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: url,
          max: 2,
          ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
        }),
      }),
    });
  return {
    engine: Engine.Postgres,
    async setup() {
      schema = `test_${randomBytes(6).toString('hex')}`;
    },
    async open(options = {}) {
      const store = await openStore({ ...options, databaseUrl: url, schema: current(), poolSize: 4 });
      stores.push(store);
      return store;
    },
    raw() {
      const db = connect(current());
      raws.push(db);
      return db;
    },
    schema: () => schema,
    async teardown() {
      await Promise.all(stores.map((s) => s.close()));
      await Promise.all(raws.map((r) => r.destroy()));
      stores = [];
      raws = [];
      if (schema) {
        const admin = connect();
        try {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
        } finally {
          await admin.destroy();
        }
      }
      schema = undefined;
    },
  };
}
