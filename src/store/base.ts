// Base values for the three-way compare: per record and service-owned field, the value the service last
// wrote or confirmed in the org. remote ≠ base means a person changed it; desired ≠ base means we want to.
import type { Ctx } from './context.js';
import { chunks, IN_CHUNK, inTx } from './context.js';
import type { FieldValues } from './json.js';
import { jsonValueSchema, parseFieldValuesInput, parseJsonColumn } from './json.js';
import { checkField, checkId, checkObjectType } from './validate.js';

export type BaseInput = { readonly recordId: string; readonly values: FieldValues };

/** Sets the base of the given fields (others keep theirs), for many records in one transaction. */
export async function setBase(ctx: Ctx, objectType: string, entries: readonly BaseInput[]): Promise<void> {
  checkObjectType(objectType);
  const rows: { record_id: string; field: string; value: string }[] = [];
  for (const entry of entries) {
    checkId(entry.recordId, `${objectType} record id`);
    const values = parseFieldValuesInput(entry.values, `${objectType}/${entry.recordId} base`);
    for (const [field, value] of Object.entries(values)) {
      checkField(field, objectType);
      rows.push({ record_id: entry.recordId, field, value: JSON.stringify(value) });
    }
  }
  if (rows.length === 0) return;
  await inTx(ctx, async (tx) => {
    const now = tx.clock();
    for (const part of chunks(rows, 200)) {
      await tx.db
        .insertInto('base')
        .values(part.map((r) => ({ object_type: objectType, ...r, updated_at: now })))
        .onConflict((oc) =>
          oc.columns(['object_type', 'record_id', 'field']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  });
}

/** Base values by record id; a record with no base is absent, a field with no base is absent. */
export async function getBase(
  ctx: Ctx,
  objectType: string,
  recordIds: readonly string[],
): Promise<Map<string, FieldValues>> {
  checkObjectType(objectType);
  const out = new Map<string, FieldValues>();
  for (const part of chunks([...new Set(recordIds)], IN_CHUNK)) {
    const rows = await ctx.db
      .selectFrom('base')
      .select(['record_id', 'field', 'value'])
      .where('object_type', '=', objectType)
      .where('record_id', 'in', part)
      .execute();
    for (const row of rows) {
      const values = out.get(row.record_id) ?? {};
      values[row.field] = parseJsonColumn(
        row.value,
        jsonValueSchema,
        `base ${objectType}/${row.record_id}.${row.field}`,
      );
      out.set(row.record_id, values);
    }
  }
  return out;
}
