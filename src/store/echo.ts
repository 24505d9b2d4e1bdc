// Echo suppression: the service's own writes come back on the next pull. For each record field we keep a
// hash of the last value we wrote, so the engine can tell "that is our write" from "a person changed it".
// Only the last value counts: if a person later sets an older value of ours back, that is their edit.
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import type { FieldValues } from './json.js';
import { hashValue } from './json.js';
import { checkField, checkId, checkObjectType } from './validate.js';

export type WrittenInput = { readonly recordId: string; readonly fields: FieldValues };

export async function recordWritten(
  ctx: Ctx,
  objectType: string,
  entries: readonly WrittenInput[],
): Promise<void> {
  checkObjectType(objectType);
  const rows: { record_id: string; field: string; value_hash: string }[] = [];
  for (const entry of entries) {
    checkId(entry.recordId, `${objectType} record id`);
    for (const [field, value] of Object.entries(entry.fields)) {
      checkField(field, objectType);
      rows.push({ record_id: entry.recordId, field, value_hash: hashValue(value) });
    }
  }
  if (rows.length === 0) return;
  await inTx(ctx, async (tx) => {
    const now = tx.clock();
    for (const part of chunks(rows, 200)) {
      await tx.db
        .insertInto('written')
        .values(part.map((r) => ({ object_type: objectType, ...r, written_at: now })))
        .onConflict((oc) =>
          oc.columns(['object_type', 'record_id', 'field']).doUpdateSet((eb) => ({
            value_hash: eb.ref('excluded.value_hash'),
            written_at: eb.ref('excluded.written_at'),
          })),
        )
        .execute();
    }
  });
}

/** True when value is (by canonical JSON) the last value the service wrote to this field. */
export async function wasWrittenByUs(
  ctx: Ctx,
  objectType: string,
  recordId: string,
  field: string,
  value: unknown,
): Promise<boolean> {
  checkObjectType(objectType);
  const row = await ctx.db
    .selectFrom('written')
    .select('value_hash')
    .where('object_type', '=', objectType)
    .where('record_id', '=', recordId)
    .where('field', '=', field)
    .executeTakeFirst();
  return row !== undefined && row.value_hash === hashValue(value);
}

/**
 * For a pulled page: per record, the fields whose incoming value equals our last write (the echoes).
 * Records with no echoed field are absent.
 */
export async function echoedFields(
  ctx: Ctx,
  objectType: string,
  records: readonly { readonly id: string; readonly fields: FieldValues }[],
): Promise<Map<string, Set<string>>> {
  checkObjectType(objectType);
  const byId = new Map(records.map((r) => [r.id, r.fields]));
  const out = new Map<string, Set<string>>();
  for (const part of chunks([...byId.keys()], IN_CHUNK)) {
    const rows = await ctx.db
      .selectFrom('written')
      .select(['record_id', 'field', 'value_hash'])
      .where('object_type', '=', objectType)
      .where('record_id', 'in', part)
      .execute();
    for (const row of rows) {
      const fields = byId.get(row.record_id);
      if (!fields || !Object.hasOwn(fields, row.field)) continue;
      if (hashValue(fields[row.field]) !== row.value_hash) continue;
      const set = out.get(row.record_id) ?? new Set<string>();
      set.add(row.field);
      out.set(row.record_id, set);
    }
  }
  return out;
}
