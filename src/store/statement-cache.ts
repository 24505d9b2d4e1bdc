// better-sqlite3 compiles a statement on every prepare(), and Kysely prepares each query it runs: a sync
// cycle runs the same few statements thousands of times, so compiled statements are kept by their SQL.
// Safe because the store never streams a query (a statement being iterated could not be reused).
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 500;

export function cachingStatements(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        // Oldest first out: multi-row inserts of unusual sizes must not grow the cache for ever.
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
