// The mirror: the last version of each pulled record. Applying a page is idempotent and order-tolerant:
// a row older than what is stored (an overlap-window re-pull, a slow page) never overwrites a newer one.
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import type { FieldValues } from './json.js';
import { hashValue, parseFieldValuesColumn, parseFieldValuesInput } from './json.js';
import type { MirrorRow } from './schema.js';
import { toIsoTimestamp } from './time.js';
import { checkId, checkObjectType } from './validate.js';

export type MirrorInput = {
  readonly id: string;
  /** Salesforce's SystemModstamp, in any ISO spelling Salesforce uses. */
  readonly systemModstamp: string | Date;
  readonly fields: FieldValues;
  readonly isDeleted?: boolean;
};

export type MirrorRecord = {
  readonly objectType: string;
  readonly id: string;
  readonly fields: FieldValues;
  /** ISO UTC with milliseconds. */
  readonly systemModstamp: string;
  readonly isDeleted: boolean;
  readonly pulledAt: number;
};

/** Which ids of a page were new, changed, the same as stored, or older than stored (and so ignored). */
export type UpsertMirrorResult = {
  readonly inserted: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly stale: string[];
};

export type MarkDeletedInput = { readonly id: string; readonly systemModstamp?: string | Date };

type Prepared = { id: string; fields: string; hash: string; modstamp: string; deleted: number };

function prepare(objectType: string, records: readonly MirrorInput[]): Prepared[] {
  const byId = new Map<string, Prepared>();
  for (const record of records) {
    checkId(record.id, `${objectType} record id`);
    const modstamp = toIsoTimestamp(record.systemModstamp, `${objectType}/${record.id} SystemModstamp`);
    const fields = parseFieldValuesInput(record.fields, `${objectType}/${record.id} fields`);
    const prepared = {
      id: record.id,
      fields: JSON.stringify(fields),
      hash: hashValue(fields),
      modstamp,
      deleted: record.isDeleted ? 1 : 0,
    };
    // A page can hold the same record twice (overlap, queryMore drift): the newer version wins.
    const seen = byId.get(record.id);
    if (!seen || seen.modstamp <= modstamp) byId.set(record.id, prepared);
  }
  return [...byId.values()];
}

/** Stores a page of pulled records in one transaction (or in the caller's). */
export async function upsertMirror(
  ctx: Ctx,
  objectType: string,
  records: readonly MirrorInput[],
): Promise<UpsertMirrorResult> {
  checkObjectType(objectType);
  const prepared = prepare(objectType, records);
  const result: UpsertMirrorResult = { inserted: [], updated: [], unchanged: [], stale: [] };
  if (prepared.length === 0) return result;
  return inTx(ctx, async (tx) => {
    const existing = new Map<string, { fields_hash: string; system_modstamp: string; is_deleted: number }>();
    for (const part of chunks(prepared, IN_CHUNK)) {
      const rows = await tx.db
        .selectFrom('mirror')
        .select(['id', 'fields_hash', 'system_modstamp', 'is_deleted'])
        .where('object_type', '=', objectType)
        .where(
          'id',
          'in',
          part.map((p) => p.id),
        )
        .execute();
      for (const row of rows) existing.set(row.id, row);
    }
    const toWrite: Prepared[] = [];
    for (const p of prepared) {
      const old = existing.get(p.id);
      if (!old) {
        result.inserted.push(p.id);
        toWrite.push(p);
      } else if (p.modstamp < old.system_modstamp) {
        result.stale.push(p.id);
      } else if (p.hash === old.fields_hash && p.deleted === old.is_deleted) {
        result.unchanged.push(p.id);
        if (p.modstamp > old.system_modstamp) toWrite.push(p);
      } else {
        result.updated.push(p.id);
        toWrite.push(p);
      }
    }
    const now = tx.clock();
    for (const part of chunks(toWrite, 100)) {
      await tx.db
        .insertInto('mirror')
        .values(
          part.map((p) => ({
            object_type: objectType,
            id: p.id,
            fields: p.fields,
            fields_hash: p.hash,
            system_modstamp: p.modstamp,
            is_deleted: p.deleted,
            pulled_at: now,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['object_type', 'id'])
            .doUpdateSet((eb) => ({
              fields: eb.ref('excluded.fields'),
              fields_hash: eb.ref('excluded.fields_hash'),
              system_modstamp: eb.ref('excluded.system_modstamp'),
              is_deleted: eb.ref('excluded.is_deleted'),
              pulled_at: eb.ref('excluded.pulled_at'),
            }))
            // Repeats the staleness check in SQL: on PostgreSQL another transaction may have written the
            // row since it was read above.
            .where((eb) => eb('mirror.system_modstamp', '<=', eb.ref('excluded.system_modstamp'))),
        )
        .execute();
    }
    return result;
  });
}

function toRecord(row: MirrorRow): MirrorRecord {
  return {
    objectType: row.object_type,
    id: row.id,
    fields: parseFieldValuesColumn(row.fields, `mirror ${row.object_type}/${row.id}`),
    systemModstamp: row.system_modstamp,
    isDeleted: row.is_deleted === 1,
    pulledAt: Number(row.pulled_at),
  };
}

/** The stored records among ids (deleted ones included, flagged); ids not mirrored are absent. */
export async function getMirror(
  ctx: Ctx,
  objectType: string,
  ids: readonly string[],
): Promise<Map<string, MirrorRecord>> {
  checkObjectType(objectType);
  const out = new Map<string, MirrorRecord>();
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    const rows = await ctx.db
      .selectFrom('mirror')
      .selectAll()
      .where('object_type', '=', objectType)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) out.set(row.id, toRecord(row));
  }
  return out;
}

/**
 * Every mirrored record of a type in id order, fetched in pages (keyset, so rows written meanwhile neither
 * repeat nor shift the pages). Holds no transaction or connection between pages.
 */
export async function* iterateMirror(
  ctx: Ctx,
  objectType: string,
  options: { batchSize?: number; includeDeleted?: boolean } = {},
): AsyncGenerator<MirrorRecord> {
  checkObjectType(objectType);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 5000));
  let after: string | undefined;
  for (;;) {
    let query = ctx.db.selectFrom('mirror').selectAll().where('object_type', '=', objectType);
    if (!options.includeDeleted) query = query.where('is_deleted', '=', 0);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(batchSize).execute();
    for (const row of rows) yield toRecord(row);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Flags records deleted (from a queryAll IsDeleted page or a reconciliation). With a SystemModstamp, a
 * delete older than the stored version is ignored (the record was undeleted since), and a record never
 * mirrored gets a tombstone so a late, older pull cannot bring it back. Returns the ids newly flagged.
 */
export async function markDeleted(
  ctx: Ctx,
  objectType: string,
  entries: readonly MarkDeletedInput[],
): Promise<string[]> {
  checkObjectType(objectType);
  const prepared = entries.map((e) => {
    checkId(e.id, `${objectType} record id`);
    return {
      id: e.id,
      modstamp:
        e.systemModstamp === undefined
          ? undefined
          : toIsoTimestamp(e.systemModstamp, `${objectType}/${e.id} SystemModstamp`),
    };
  });
  if (prepared.length === 0) return [];
  return inTx(ctx, async (tx) => {
    const existing = new Map<string, { system_modstamp: string; is_deleted: number }>();
    for (const part of chunks(prepared, IN_CHUNK)) {
      const rows = await tx.db
        .selectFrom('mirror')
        .select(['id', 'system_modstamp', 'is_deleted'])
        .where('object_type', '=', objectType)
        .where(
          'id',
          'in',
          part.map((p) => p.id),
        )
        .execute();
      for (const row of rows) existing.set(row.id, row);
    }
    const flagged: string[] = [];
    const now = tx.clock();
    for (const p of prepared) {
      const old = existing.get(p.id);
      if (!old) {
        if (p.modstamp === undefined) continue;
        await tx.db
          .insertInto('mirror')
          .values({
            object_type: objectType,
            id: p.id,
            fields: '{}',
            fields_hash: hashValue({}),
            system_modstamp: p.modstamp,
            is_deleted: 1,
            pulled_at: now,
          })
          .onConflict((oc) => oc.columns(['object_type', 'id']).doNothing())
          .execute();
        flagged.push(p.id);
        continue;
      }
      if (p.modstamp !== undefined && p.modstamp < old.system_modstamp) continue;
      const modstamp =
        p.modstamp !== undefined && p.modstamp > old.system_modstamp ? p.modstamp : old.system_modstamp;
      await tx.db
        .updateTable('mirror')
        .set({ is_deleted: 1, system_modstamp: modstamp, pulled_at: now })
        .where('object_type', '=', objectType)
        .where('id', '=', p.id)
        .execute();
      if (old.is_deleted === 0) flagged.push(p.id);
    }
    return flagged;
  });
}
