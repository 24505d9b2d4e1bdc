// A stored row as the REST API returns it: attributes first, every field of the object (null when
// unset), or just the fields asked for.
import type { OrgCore } from './core.js';
import { ApiError } from './errors.js';
import type { ObjectDef } from './schema/types.js';
import type { Row } from './store.js';

export function attributes(object: ObjectDef, id: string, version: string): { type: string; url: string } {
  return { type: object.name, url: `/services/data/v${version}/sobjects/${object.name}/${id}` };
}

/** Canonical field names for a `fields` list, or INVALID_FIELD naming the first unknown one. */
export function fieldList(org: OrgCore, object: ObjectDef, names: readonly string[] | undefined): string[] {
  if (names === undefined || names.length === 0) return object.fields.map((f) => f.name);
  return names.map((n) => {
    const f = org.schema.field(object, n.trim());
    if (f === undefined) {
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `No such column '${n.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return f.name;
  });
}

export function renderRecord(object: ObjectDef, row: Row, fields: readonly string[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(object, row['Id'] as string, version) };
  for (const name of fields) {
    const v = row[name];
    out[name] = v === undefined ? null : v;
  }
  return out;
}
