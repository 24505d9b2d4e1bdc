// Pulled records through zod, object by object: values are coerced to one canonical JSON form (REST JSON
// and Bulk CSV give the same mirror row), and a record with a bad value is rejected with a reason that
// names the record and the field while the rest of the page goes on.
import { z } from 'zod';
import type { FieldValues, JsonValue } from '../store/index.js';
import { FIELD_KINDS } from './fields.js';
import type { FieldKind } from './fields.js';
import type { SyncedObjectName } from './objects.js';

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const blankToNull = (v: unknown): unknown => (v === '' || v === undefined || v === '#N/A' ? null : v);

const KIND_SCHEMAS: Record<FieldKind, z.ZodType<JsonValue>> = {
  id: z.preprocess(blankToNull, z.string().regex(ID, 'must be a Salesforce Id').nullable()),
  text: z.preprocess(blankToNull, z.string().nullable()),
  number: z.preprocess((v) => {
    const b = blankToNull(v);
    return typeof b === 'string' ? Number(b) : b;
  }, z.number().finite('must be a number').nullable()),
  bool: z.preprocess((v) => {
    const b = blankToNull(v);
    if (b === null) return false;
    if (b === 'true') return true;
    if (b === 'false') return false;
    return b;
  }, z.boolean()),
  date: z.preprocess(blankToNull, z.string().regex(DATE, 'must be a date like 2026-01-31').nullable()),
  datetime: z.preprocess(
    blankToNull,
    z
      .string()
      .refine(
        (s) => !Number.isNaN(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))),
        'must be a date-time',
      )
      .transform((s) => new Date(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toISOString())
      .nullable(),
  ),
};

/** What a hand parser answers for a value the kind's schema would refuse: that schema then names why. */
const REFUSED = Symbol('refused');
type Fast = (v: unknown) => JsonValue | typeof REFUSED;
const isoOf = (s: string): string | typeof REFUSED => {
  const ms = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? REFUSED : new Date(ms).toISOString();
};

/**
 * The same answers as KIND_SCHEMAS for every value they accept, by hand: a big load reads millions of
 * values, and zod's preprocess chains took a tenth of the pull there. Anything else goes to the schemas.
 */
const KIND_FAST: Record<FieldKind, Fast> = {
  id: (v) => {
    const b = blankToNull(v);
    return b === null || (typeof b === 'string' && ID.test(b)) ? b : REFUSED;
  },
  text: (v) => {
    const b = blankToNull(v);
    return b === null || typeof b === 'string' ? b : REFUSED;
  },
  number: (v) => {
    const b = blankToNull(v);
    const n = typeof b === 'string' ? Number(b) : b;
    return n === null || (typeof n === 'number' && Number.isFinite(n)) ? n : REFUSED;
  },
  bool: (v) => {
    const b = blankToNull(v);
    if (b === null || b === 'false' || b === false) return false;
    return b === 'true' || b === true ? true : REFUSED;
  },
  date: (v) => {
    const b = blankToNull(v);
    return b === null || (typeof b === 'string' && DATE.test(b)) ? b : REFUSED;
  },
  datetime: (v) => {
    const b = blankToNull(v);
    if (b === null) return null;
    return typeof b === 'string' ? isoOf(b) : REFUSED;
  },
};

/** Each object's fields and kinds as a list, made once: a load reads them for every row. */
const KINDS = Object.fromEntries(
  Object.entries(FIELD_KINDS).map(([objectType, kinds]) => [objectType, Object.entries(kinds)]),
) as Record<SyncedObjectName, [string, FieldKind][]>;

function fastParse(
  objectType: SyncedObjectName,
  row: Record<string, unknown>,
): Record<string, JsonValue> | undefined {
  const out: Record<string, JsonValue> = {};
  for (const [field, kind] of KINDS[objectType]) {
    const value = KIND_FAST[kind](row[field]);
    if (value === REFUSED) return undefined;
    out[field] = value;
  }
  const id = row['Id'];
  if (typeof id !== 'string' || !ID.test(id) || out['SystemModstamp'] === null) return undefined;
  out['Id'] = id;
  return out;
}

export type PulledRecord = {
  readonly id: string;
  readonly systemModstamp: string;
  readonly isDeleted: boolean;
  readonly fields: FieldValues;
};

export type Rejected = { readonly objectType: string; readonly id: string; readonly reason: string };

const schemas = new Map<string, z.ZodType<Record<string, JsonValue>>>();

function schemaFor(objectType: SyncedObjectName): z.ZodType<Record<string, JsonValue>> {
  let schema = schemas.get(objectType);
  if (!schema) {
    const shape: Record<string, z.ZodType<JsonValue>> = {};
    for (const [field, kind] of Object.entries(FIELD_KINDS[objectType])) shape[field] = KIND_SCHEMAS[kind];
    shape['Id'] = z.string().regex(ID, 'must be a Salesforce Id');
    shape['SystemModstamp'] = KIND_SCHEMAS.datetime.refine((v) => v !== null, 'is required');
    schema = z.object(shape) as unknown as z.ZodType<Record<string, JsonValue>>;
    schemas.set(objectType, schema);
  }
  return schema;
}

const DeletedRow = z.object({
  Id: z.string().regex(ID),
  SystemModstamp: KIND_SCHEMAS.datetime.refine((v) => v !== null, 'is required'),
});

/** parseRecords through the schemas alone: what the hand parsers are checked against. */
export function parseRecordsBySchema(
  objectType: SyncedObjectName,
  raw: readonly Record<string, unknown>[],
): { records: PulledRecord[]; rejected: Rejected[] } {
  return parseWith(objectType, raw, () => undefined);
}

/** Parses one page: the records that passed, and the ones rejected with their reason. */
export function parseRecords(
  objectType: SyncedObjectName,
  raw: readonly Record<string, unknown>[],
): { records: PulledRecord[]; rejected: Rejected[] } {
  return parseWith(objectType, raw, fastParse);
}

function parseWith(
  objectType: SyncedObjectName,
  raw: readonly Record<string, unknown>[],
  fast: (objectType: SyncedObjectName, row: Record<string, unknown>) => Record<string, JsonValue> | undefined,
): { records: PulledRecord[]; rejected: Rejected[] } {
  const records: PulledRecord[] = [];
  const rejected: Rejected[] = [];
  for (const row of raw) {
    const id = typeof row['Id'] === 'string' ? row['Id'] : '(no Id)';
    const deleted = row['IsDeleted'] === true || row['IsDeleted'] === 'true';
    if (deleted) {
      const parsed = DeletedRow.safeParse(row);
      if (parsed.success) {
        records.push({ id, systemModstamp: String(parsed.data.SystemModstamp), isDeleted: true, fields: {} });
      } else {
        rejected.push({ objectType, id, reason: describe(parsed.error) });
      }
      continue;
    }
    const quick = fast(objectType, row);
    const parsed = quick ? { success: true as const, data: quick } : schemaFor(objectType).safeParse(row);
    if (!parsed.success) {
      rejected.push({ objectType, id, reason: describe(parsed.error) });
      continue;
    }
    const { SystemModstamp, IsDeleted: _deleted, ...fields } = parsed.data;
    records.push({ id, systemModstamp: String(SystemModstamp), isDeleted: false, fields });
  }
  return { records, rejected };
}

/** "Partner_Certifications__c must be a number" — field names only, never the (personal) values. */
function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'} ${i.message}`).join('; ');
}
