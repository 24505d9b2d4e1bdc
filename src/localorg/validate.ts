// Turning a caller's JSON into field values, and checking them the way Salesforce does. Problems with
// the request itself (unknown field, a value of the wrong JSON type) fail the whole request, as
// Salesforce's JSON deserializer does; problems with one record's data fail that record only.
import { formatDate, formatDateTime, isValidDate, parseDateTime } from './clock.js';
import { ApiError, RecordFailure } from './errors.js';
import { normalizeId, prefixOf } from './ids.js';
import type { Schema } from './schema/registry.js';
import type { FieldDef, ObjectDef } from './schema/types.js';
import type { Store } from './store.js';

/** A lookup given as a relationship and an external id (`"Account": {"Ext__c": "A-1"}`), resolved at save time. */
export type ExternalRef = { kind: 'external-ref'; object: string; field: string; value: unknown };

export type FieldValues = Map<string, unknown>;

export function isExternalRef(v: unknown): v is ExternalRef {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'external-ref';
}

const sfTypeName: Record<string, string> = {
  int: 'int',
  double: 'double',
  currency: 'currency',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return Number.isInteger(v) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(v)) return 'START_ARRAY';
  return 'START_OBJECT';
}

function cannotDeserialize(f: FieldDef, v: unknown): ApiError {
  const shown = typeof v === 'object' ? '' : ` value ${String(v)}`;
  return new ApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${sfTypeName[f.type] ?? 'string'} from ${jsonKind(v)}${shown} or request may be missing a required field`,
  );
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Coerces one JSON value to the stored form for its field, or throws JSON_PARSER_ERROR. */
export function coerce(f: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (f.type) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      throw cannotDeserialize(f, v);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (v === '') return null;
      const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw cannotDeserialize(f, v);
      if (f.type === 'int') return Math.round(n);
      const factor = 10 ** f.scale;
      return Math.round(n * factor) / factor;
    }
    case 'date': {
      if (v === '') return null;
      if (typeof v !== 'string') throw cannotDeserialize(f, v);
      if (isValidDate(v)) return v;
      const dt = parseDateTime(v);
      if (dt === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(v)) throw cannotDeserialize(f, v);
      return formatDate(dt);
    }
    case 'datetime': {
      if (v === '') return null;
      if (typeof v !== 'string') throw cannotDeserialize(f, v);
      const dt = parseDateTime(v);
      if (dt === undefined) throw cannotDeserialize(f, v);
      return formatDateTime(dt);
    }
    default:
      if (typeof v === 'string') return v === '' ? null : v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw cannotDeserialize(f, v);
  }
}

export function noSuchColumn(object: ObjectDef, name: string): ApiError {
  return new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
}

const IGNORED_KEYS = new Set(['attributes']);

/**
 * Parses a record body into canonical field names and stored values. `idKeys` are accepted and
 * dropped (update bodies carry the Id they address).
 */
export function parseRecord(
  schema: Schema,
  object: ObjectDef,
  input: unknown,
  idKeys: readonly string[] = [],
): FieldValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${object.name} from ${jsonKind(input)}`);
  }
  const out: FieldValues = new Map();
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (IGNORED_KEYS.has(key) || idKeys.includes(key)) continue;
    const f = schema.field(object, key);
    if (f !== undefined) {
      out.set(f.name, coerce(f, value));
      continue;
    }
    const ref = relationshipRef(schema, object, key, value);
    if (ref === undefined) throw noSuchColumn(object, key);
    out.set(ref[0].name, ref[1]);
  }
  return out;
}

function relationshipRef(
  schema: Schema,
  object: ObjectDef,
  key: string,
  value: unknown,
): [FieldDef, ExternalRef] | undefined {
  const f = object.fields.find((x) => x.relationshipName?.toLowerCase() === key.toLowerCase());
  if (f === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const target = schema.object(f.referenceTo[0] ?? '');
  if (target === undefined) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => k !== 'attributes');
  if (entries.length !== 1) throw new ApiError(400, 'INVALID_FIELD', `The reference for ${key} must name exactly one external id field`);
  const [[fieldName, fieldValue]] = entries as [[string, unknown]];
  const lookup = schema.field(target, fieldName);
  if (lookup === undefined) throw noSuchColumn(target, fieldName);
  if (!lookup.idLookup) {
    throw new ApiError(400, 'INVALID_FIELD', `Field ${lookup.name} on ${target.name} is not an external id or id lookup field`);
  }
  return [f, { kind: 'external-ref', object: target.name, field: lookup.name, value: coerce(lookup, fieldValue) }];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks caller-written values on one record: writability, formats, picklists, lookups. */
export function checkValues(
  schema: Schema,
  store: Store,
  object: ObjectDef,
  values: FieldValues,
  mode: 'insert' | 'update',
  trusted: boolean,
): void {
  if (!trusted) {
    const readOnly = [...values.keys()].filter((name) => {
      const f = schema.field(object, name)!;
      return mode === 'insert' ? !f.createable : !f.updateable;
    });
    if (readOnly.length > 0) {
      throw new RecordFailure(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
    }
  }
  for (const [name, value] of values) {
    const f = schema.field(object, name)!;
    if (value === null) continue;
    if (isExternalRef(value)) {
      values.set(name, resolveExternalRef(store, f, value));
      continue;
    }
    values.set(name, checkValue(schema, store, f, value));
  }
}

function resolveExternalRef(store: Store, f: FieldDef, ref: ExternalRef): string {
  const ids = store.lookup(ref.object, ref.field, ref.value);
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) {
    throw new RecordFailure(
      'INVALID_FIELD',
      `Foreign key external ID: ${String(ref.value)} not found for field ${ref.field} in entity ${ref.object}`,
      [f.name],
    );
  }
  throw new RecordFailure(
    'INVALID_FIELD',
    `Foreign key external ID: ${String(ref.value)} matches multiple records for field ${ref.field} in entity ${ref.object}`,
    [f.name],
  );
}

function checkValue(schema: Schema, store: Store, f: FieldDef, value: unknown): unknown {
  switch (f.type) {
    case 'reference':
    case 'id': {
      const id = normalizeId(String(value));
      if (id === undefined) {
        throw new RecordFailure('MALFORMED_ID', `${f.label}: id value of incorrect type: ${String(value)}`, [f.name]);
      }
      const target = schema.byKeyPrefix(prefixOf(id));
      if (target === undefined || !f.referenceTo.some((r) => r.toLowerCase() === target.name.toLowerCase())) {
        throw new RecordFailure(
          'FIELD_INTEGRITY_EXCEPTION',
          `field integrity exception: unknown (${f.label}: id value of incorrect type: ${String(value)})`,
          [f.name],
        );
      }
      const row = store.get(target.name, id);
      if (row === undefined) {
        throw new RecordFailure('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]);
      }
      if (row['IsDeleted'] === true) throw new RecordFailure('ENTITY_IS_DELETED', 'entity is deleted', [f.name]);
      return id;
    }
    case 'picklist':
    case 'multipicklist': {
      checkLength(f, value);
      if (!f.restrictedPicklist) return value;
      const allowed = new Set(f.picklistValues.filter((p) => p.active).map((p) => p.value));
      const chosen = f.type === 'multipicklist' ? String(value).split(';') : [String(value)];
      const bad = chosen.find((c) => !allowed.has(c));
      if (bad !== undefined) {
        throw new RecordFailure(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${f.label}: bad value for restricted picklist field: ${bad}`,
          [f.name],
        );
      }
      return value;
    }
    case 'email':
      checkLength(f, value);
      if (!EMAIL.test(String(value))) {
        throw new RecordFailure('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${String(value)}`, [f.name]);
      }
      return value;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const digits = f.type === 'int' ? f.digits : f.precision - f.scale;
      if (digits > 0 && Math.abs(value as number) >= 10 ** digits) {
        throw new RecordFailure(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${f.label}: value outside of valid range on numeric field: ${String(value)}`,
          [f.name],
        );
      }
      return value;
    }
    case 'boolean':
    case 'date':
    case 'datetime':
      return value;
    default:
      checkLength(f, value);
      return value;
  }
}

function checkLength(f: FieldDef, value: unknown): void {
  const s = String(value);
  if (f.length > 0 && s.length > f.length) {
    throw new RecordFailure(
      'STRING_TOO_LONG',
      `${f.label}: data value too large: ${s.length > 80 ? `${s.slice(0, 80)}...` : s} (max length=${f.length})`,
      [f.name],
    );
  }
}
