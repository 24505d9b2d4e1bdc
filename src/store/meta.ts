// Small durable settings: the last valid program configuration, the schema version. Values are JSON and
// are read back through the caller's schema, so a stale or hand-edited value is refused, not trusted.
import type { z } from 'zod';
import type { Ctx } from './context.js';
import type { JsonValue } from './json.js';
import { jsonValueSchema, parseInput, parseJsonColumn } from './json.js';
import { checkId } from './validate.js';

export async function getMeta<T>(ctx: Ctx, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  checkId(key, 'meta key');
  const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : parseJsonColumn(row.value, schema, `meta ${key}`);
}

export async function setMeta(ctx: Ctx, key: string, value: JsonValue): Promise<void> {
  checkId(key, 'meta key');
  const text = JSON.stringify(parseInput(value, jsonValueSchema, `meta ${key}`));
  const now = ctx.clock();
  await ctx.db
    .insertInto('meta')
    .values({ key, value: text, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

export async function deleteMeta(ctx: Ctx, key: string): Promise<void> {
  await ctx.db.deleteFrom('meta').where('key', '=', key).execute();
}
