// Opens the store: SQLite in the state directory by default, PostgreSQL when a database URL is given
// (that is also how several workers share the work). Migrations run before the store is handed out.
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { cachingStatements } from './statement-cache.js';
import pg from 'pg';
import type { BackoffOptions } from './backoff.js';
import { StoreError, StoreErrorCode } from './errors.js';
import { advisoryLocks, memoryLocks } from './locks.js';
import type { ObjectLocks } from './locks.js';
import { migrateToLatest } from './migrations.js';
import { Engine } from './schema.js';
import type { Database } from './schema.js';
import { Store } from './store.js';
import type { Clock } from './time.js';
import { systemClock } from './time.js';

export type OpenStoreOptions = {
  /** postgres://…; default process.env.PRM_DATABASE_URL. When absent or '', SQLite is used. */
  readonly databaseUrl?: string;
  /** SQLite's directory; default process.env.PRM_STATE_DIR ?? '.prm'. Created if missing. */
  readonly stateDir?: string;
  /** Who claims outbox rows and runs cycles; default host:pid:random. */
  readonly workerId?: string;
  /** PostgreSQL schema to use (created if missing); default the connection's search_path. */
  readonly schema?: string;
  /** Transient failures after which a row is marked FAILED. Default 10. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** PostgreSQL pool size. Default 10. */
  readonly poolSize?: number;
  /** For tests: the time leases, backoff and timestamps are computed from. */
  readonly clock?: Clock;
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INT8_OID = 20;

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  // An explicit databaseUrl, even '', wins over the environment: '' forces SQLite.
  const databaseUrl =
    options.databaseUrl !== undefined
      ? nonEmpty(options.databaseUrl)
      : nonEmpty(process.env.PRM_DATABASE_URL);
  const common = {
    clock: options.clock ?? systemClock,
    workerId: nonEmpty(options.workerId) ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 10)),
    backoff: options.backoff ?? {},
  };
  return databaseUrl ? openPostgres(databaseUrl, options, common) : openSqlite(options, common);
}

type Common = { clock: Clock; workerId: string; maxAttempts: number; backoff: BackoffOptions };

async function openSqlite(options: OpenStoreOptions, common: Common): Promise<Store> {
  const dir = resolve(nonEmpty(options.stateDir) ?? nonEmpty(process.env.PRM_STATE_DIR) ?? '.prm');
  const file = join(dir, 'prm.sqlite');
  let database: SQLite.Database;
  try {
    mkdirSync(dir, { recursive: true });
    database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    // FULL: a committed outbox row survives a power cut too, not only a killed process.
    database.pragma('synchronous = FULL');
    // Another process (`sf prm status` while the sync runs) waits for the write lock instead of failing.
    database.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new StoreError(StoreErrorCode.Config, `cannot open the SQLite store at ${file}`, { cause });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  return finish(db, Engine.Sqlite, undefined, memoryLocks(file), file, common);
}

async function openPostgres(url: string, options: OpenStoreOptions, common: Common): Promise<Store> {
  let location: string;
  try {
    const parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('not a postgres URL');
    location = `postgres://${parsed.host}${parsed.pathname}`;
  } catch (cause) {
    // The URL may hold a password: it is never repeated in the message.
    throw new StoreError(StoreErrorCode.Config, 'the database URL is not a postgres:// URL', { cause });
  }
  const schema = nonEmpty(options.schema);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(StoreErrorCode.Config, `schema ${JSON.stringify(schema)} is not a plain identifier`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.floor(options.poolSize ?? 10)),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Epoch-millisecond and serial columns are bigint; they stay far below 2^53, so numbers are exact.
    types: { getTypeParser: int8AsNumber },
  });
  // An idle client's connection error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const migrationSchema = current.rows[0]?.schema;
    if (!migrationSchema) {
      throw new StoreError(StoreErrorCode.Config, 'the connection has no current schema (check search_path)');
    }
    return await finish(db, Engine.Postgres, migrationSchema, advisoryLocks(pool), location, common);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(StoreErrorCode.Config, `cannot open the PostgreSQL store at ${location}`, {
      cause: error,
    });
  }
}

async function finish(
  db: Kysely<Database>,
  engine: Engine,
  migrationSchema: string | undefined,
  locks: ObjectLocks,
  location: string,
  common: Common,
): Promise<Store> {
  try {
    await migrateToLatest(db, engine, migrationSchema);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return new Store({ db, engine, locks, location, onClose: () => db.destroy(), ...common });
}

// pg's getTypeParser is overloaded per format; this one only changes int8 and defers everything else.
const int8AsNumber = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID
    ? (value: string) => Number(value)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
