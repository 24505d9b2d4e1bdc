// Versioned schema changes, run by Kysely's Migrator at open. A migration is never edited once released:
// add a new one. Both engines run every migration inside one transaction (both have transactional DDL),
// and the Migrator's own lock makes two workers opening the same database at once safe.
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Engine } from './schema.js';
import { StoreError, StoreErrorCode } from './errors.js';

// The migration callbacks get an untyped Kysely: the typed Database describes the latest schema, which
// an older migration must not depend on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function setSchemaVersion(db: AnyDb, version: number): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: 'schema_version', value: JSON.stringify(version), updated_at: Date.now() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(version), updated_at: Date.now() }),
    )
    .execute();
}

function initial(engine: Engine): Migration {
  return {
    async up(db: AnyDb) {
      const ms = 'bigint' as const;
      await db.schema
        .createTable('mirror')
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('fields_hash', 'text', (c) => c.notNull())
        .addColumn('system_modstamp', 'text', (c) => c.notNull())
        .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pulled_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('mirror_pk', ['object_type', 'id'])
        .execute();
      await db.schema
        .createIndex('mirror_modstamp')
        .on('mirror')
        .columns(['object_type', 'system_modstamp'])
        .execute();

      await db.schema
        .createTable('base')
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('base_pk', ['object_type', 'record_id', 'field'])
        .execute();

      await db.schema
        .createTable('cursors')
        .addColumn('object_type', 'text', (c) => c.primaryKey())
        .addColumn('watermark_ts', 'text', (c) => c.notNull())
        .addColumn('watermark_id', 'text')
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('seq', engine === Engine.Postgres ? 'bigserial' : 'integer', (c) =>
          engine === Engine.Postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('external_id', 'text')
        .addColumn('operation', 'text', (c) =>
          c.notNull().check(sql`operation in ('update', 'upsert', 'insert', 'delete')`),
        )
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('base', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('NEW', 'PENDING', 'SUCCESS', 'FAILED', 'IGNORED')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('not_before', ms, (c) => c.notNull().defaultTo(0))
        .addColumn('last_error_code', 'text')
        .addColumn('last_error_message', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addColumn('sent_at', ms)
        .execute();
      // At most one unsent row per record and operation: coalescing relies on it, and on PostgreSQL it is
      // what stops two workers enqueueing the same record at once from creating two rows.
      await db.schema
        .createIndex('outbox_one_new_per_record')
        .on('outbox')
        .columns(['object_type', 'record_key', 'operation'])
        .unique()
        .where(sql.ref('state'), '=', sql.lit('NEW'))
        .execute();
      await db.schema.createIndex('outbox_state').on('outbox').columns(['state', 'not_before']).execute();
      await db.schema
        .createIndex('outbox_record_order')
        .on('outbox')
        .columns(['object_type', 'record_key', 'seq'])
        .execute();

      await db.schema
        .createTable('written')
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('value_hash', 'text', (c) => c.notNull())
        .addColumn('written_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('written_pk', ['object_type', 'record_id', 'field'])
        .execute();

      await db.schema
        .createTable('cycles')
        .addColumn('id', engine === Engine.Postgres ? 'bigserial' : 'integer', (c) =>
          engine === Engine.Postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('worker_id', 'text', (c) => c.notNull())
        .addColumn('started_at', ms, (c) => c.notNull())
        .addColumn('finished_at', ms)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('pulled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('computed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pushed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('api_calls', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lag_ms', ms)
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('cycles_started').on('cycles').column('started_at').execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      await setSchemaVersion(db, 1);
    },
  };
}

const failuresView: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createView('outbox_failures')
      .as(
        db
          .selectFrom('outbox')
          .select([
            'seq',
            'object_type',
            'record_id',
            'external_id',
            'operation',
            'fields',
            'attempts',
            'last_error_code',
            'last_error_message',
            'updated_at',
          ])
          .where('state', '=', sql.lit('FAILED')),
      )
      .execute();
    await setSchemaVersion(db, 2);
  },
};

// Claims walk the unsent rows in seq order and stop at the claim size. With only the (state, not_before)
// index, SQLite gathered every unsent row, ran the per-record ordering check on each and sorted them, for
// every claim: a backlog of n rows cost n²/claim size (8 s of a 100,000-opportunity load). This index holds
// only NEW and PENDING rows in seq order, so a claim reads about as many rows as it takes. The old index
// goes: the queries on one record's rows use outbox_record_order, and what is left reading the state over
// the whole table (status counts, the failures view, pruning) is occasional and scans it.
const unsentIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('outbox_state').execute();
    await db.schema
      .createIndex('outbox_unsent')
      .on('outbox')
      .column('seq')
      .where(sql.ref('state'), 'in', sql`(${sql.lit('NEW')}, ${sql.lit('PENDING')})`)
      .execute();
    await setSchemaVersion(db, 3);
  },
};

// Each compute reads the values the org refused (refusedFields), so a recompute does not send them again
// unless their record changed: few rows, found without scanning the outbox's history.
const failedIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createIndex('outbox_failed')
      .on('outbox')
      .columns(['object_type', 'seq'])
      .where(sql.ref('state'), '=', sql.lit('FAILED'))
      .execute();
    await setSchemaVersion(db, 4);
  },
};

export const MIGRATION_NAMES = [
  '0001_initial',
  '0002_outbox_failures_view',
  '0003_outbox_unsent_index',
  '0004_outbox_failed_index',
] as const;
export const LATEST_SCHEMA_VERSION = MIGRATION_NAMES.length;

export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        [MIGRATION_NAMES[0]]: initial(engine),
        [MIGRATION_NAMES[1]]: failuresView,
        [MIGRATION_NAMES[2]]: unsentIndex,
        [MIGRATION_NAMES[3]]: failedIndex,
      }),
  };
}

export function createMigrator(db: AnyDb, engine: Engine, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider(engine),
    // Without it, Kysely looks for its bookkeeping table in every schema of the database and would take
    // another deployment's table (or another test run's) for ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Brings the database to the latest schema; a no-op when it is already there. */
export async function migrateToLatest(db: AnyDb, engine: Engine, schema?: string): Promise<string[]> {
  const { error, results } = await createMigrator(db, engine, schema).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(StoreErrorCode.Migration, `migration ${failed} failed: ${describe(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
