// Loading many records at once (demo data, test fixtures): records name each other with '@ref' keys and
// '@ref:<key>' lookups, resolved to Ids as parents are inserted. Loading is trusted (it may set audit
// fields and derived values, as a data migration can) and all-or-nothing.
import type { OrgCore } from './core.js';
import { insertRecord } from './dml.js';
import { ApiError, RecordFailure } from './errors.js';
import type { ObjectDef } from './schema/types.js';
import { parseRecord } from './validate.js';

export type SeedObject = { type: string; records: Iterable<Record<string, unknown>> };
export type SeedResult = { inserted: Record<string, number>; ids: Record<string, string> };

const REF_KEY = '@ref';
const LINK = /^@ref:(.+)$/;
/** Beyond this many records the ref → Id map is not returned (it would be larger than useful). */
const MAX_RETURNED_IDS = 5000;

export function seedRecords(org: OrgCore, objects: readonly SeedObject[]): SeedResult {
  const resolved: ObjectDef[] = objects.map((o) => {
    const def = org.object(o.type);
    if (def === undefined) {
      throw new ApiError(400, 'INVALID_TYPE', `sObject type '${o.type}' is not supported. Deploy its metadata before seeding it.`);
    }
    return def;
  });
  const refs = new Map<string, string>();
  const inserted: Record<string, number> = {};
  org.store.atomically(() => {
    objects.forEach((o, i) => {
      const object = resolved[i]!;
      let n = 0;
      for (const record of o.records) {
        const fields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(record)) {
          if (k === REF_KEY) continue;
          const link = typeof v === 'string' ? LINK.exec(v) : null;
          if (link === null) {
            fields[k] = v;
            continue;
          }
          const id = refs.get(link[1]!);
          if (id === undefined) throw new ApiError(400, 'INVALID_FIELD', `${object.name}.${k}: unknown reference ${v}`);
          fields[k] = id;
        }
        try {
          const id = insertRecord(org, object, parseRecord(org.schema, object, fields), { trusted: true });
          const ref = record[REF_KEY];
          if (typeof ref === 'string') refs.set(ref, id);
        } catch (e) {
          if (!(e instanceof RecordFailure)) throw e;
          const ref = typeof record[REF_KEY] === 'string' ? ` (${String(record[REF_KEY])})` : '';
          throw new ApiError(400, e.statusCode, `${object.name} record ${n + 1}${ref}: ${e.message}`, e.fields);
        }
        n++;
      }
      inserted[object.name] = (inserted[object.name] ?? 0) + n;
    });
  });
  const ids = refs.size <= MAX_RETURNED_IDS ? Object.fromEntries(refs) : {};
  return { inserted, ids };
}
