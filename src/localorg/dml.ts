// Saving records as Salesforce does: defaults, derived values, required fields, uniqueness, system
// fields, the recycle bin and master-detail cascades. Every function either saves or throws without
// having written anything (a RecordFailure for one record's data).
import type { OrgCore } from './core.js';
import { derive, formatAutoNumber } from './derive.js';
import { ApiError, RecordFailure } from './errors.js';
import { normalizeId, prefixOf } from './ids.js';
import { isRequired, type FieldDef, type ObjectDef } from './schema/types.js';
import { SYSTEM_FIELD_NAMES } from './schema/system-fields.js';
import type { Row } from './store.js';
import { checkValues, type FieldValues } from './validate.js';

export type DmlOptions = {
  /** Demo-data loading: may set read-only fields (e.g. CreatedDate) and skips writability checks. */
  trusted?: boolean;
};

type Mutable = Record<string, unknown>;

function cannot(op: string, object: ObjectDef): RecordFailure {
  return new RecordFailure('INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${op}: ${object.name}`);
}

export function insertRecord(org: OrgCore, object: ObjectDef, input: FieldValues, options: DmlOptions = {}): string {
  if (!options.trusted && (!object.createable || object.customMetadata)) throw cannot('inserted', object);
  const values = new Map(input);
  if (!options.trusted) {
    // Salesforce ignores an Id that names no record of this type; one that does is an error.
    values.delete('Id');
  }
  checkValues(org.schema, org.store, object, values, 'insert', options.trusted === true);
  const now = org.now();
  const { userId } = org.identity;
  const row: Mutable = {};
  for (const f of object.fields) {
    const initial = defaultOf(f);
    if (initial !== null) row[f.name] = initial;
  }
  if (org.schema.field(object, 'OwnerId') !== undefined) row['OwnerId'] = userId;
  for (const [k, v] of values) row[k] = v;
  missingRequired(object, row, object.fields);
  derive(object, row, new Set(values.keys()), true);
  for (const f of object.fields) {
    if (!f.autoNumber || (options.trusted && values.has(f.name))) continue;
    const key = `${object.name}.${f.name}`;
    const n = (org.autoNumbers[key] ?? 0) + 1;
    org.autoNumbers[key] = n;
    row[f.name] = formatAutoNumber(f.displayFormat, n, org.clock.now());
  }
  const id = options.trusted && typeof values.get('Id') === 'string' ? (values.get('Id') as string) : org.ids.next(object.keyPrefix);
  Object.assign(row, {
    Id: id,
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: userId,
    LastModifiedDate: now,
    LastModifiedById: userId,
    SystemModstamp: now,
  });
  if (options.trusted) {
    for (const name of SYSTEM_FIELD_NAMES) if (values.has(name) && name !== 'Id') row[name] = values.get(name);
  }
  checkUnique(org, object, row, undefined);
  org.store.put(object.name, row);
  return id;
}

function defaultOf(f: FieldDef): unknown {
  if (f.system || f.calculated) return null;
  if (f.type === 'picklist' || f.type === 'multipicklist') {
    return f.picklistValues.find((p) => p.defaultValue)?.value ?? null;
  }
  return f.defaultValue ?? null;
}

function missingRequired(object: ObjectDef, row: Mutable, fields: readonly FieldDef[]): void {
  const missing = fields.filter((f) => isRequired(f) && (row[f.name] === null || row[f.name] === undefined));
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    throw new RecordFailure('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
  }
}

function checkUnique(org: OrgCore, object: ObjectDef, row: Mutable, self: string | undefined): void {
  for (const f of object.fields) {
    if (!f.unique || f.type === 'id') continue;
    const value = row[f.name];
    if (value === null || value === undefined) continue;
    const other = org.store.lookup(object.name, f.name, value).find((id) => id !== self);
    if (other !== undefined) {
      throw new RecordFailure(
        'DUPLICATE_VALUE',
        `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
        [f.name],
      );
    }
  }
}

/** The live row an update or delete addresses, or the per-record error Salesforce gives. */
export function existingRow(org: OrgCore, object: ObjectDef, rawId: unknown): Row {
  const id = typeof rawId === 'string' ? normalizeId(rawId) : undefined;
  if (id === undefined) {
    throw new RecordFailure('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${String(rawId)}`, ['Id']);
  }
  if (org.schema.byKeyPrefix(prefixOf(id))?.name !== object.name) {
    throw new RecordFailure('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${String(rawId)}`, ['Id']);
  }
  const row = org.store.get(object.name, id);
  if (row === undefined) throw new RecordFailure('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['Id']);
  if (row['IsDeleted'] === true) throw new RecordFailure('ENTITY_IS_DELETED', 'entity is deleted', []);
  return row;
}

export function updateRecord(
  org: OrgCore,
  object: ObjectDef,
  rawId: unknown,
  input: FieldValues,
  options: DmlOptions = {},
): string {
  if (!options.trusted && (!object.updateable || object.customMetadata)) throw cannot('updated', object);
  const before = existingRow(org, object, rawId);
  const id = before['Id'] as string;
  const values = new Map(input);
  values.delete('Id');
  checkValues(org.schema, org.store, object, values, 'update', options.trusted === true);
  const row: Mutable = { ...before };
  for (const [k, v] of values) row[k] = v;
  missingRequired(
    object,
    row,
    object.fields.filter((f) => values.has(f.name)),
  );
  derive(object, row, new Set(values.keys()), false);
  const now = org.now();
  row['LastModifiedDate'] = now;
  row['LastModifiedById'] = org.identity.userId;
  row['SystemModstamp'] = now;
  checkUnique(org, object, row, id);
  org.store.put(object.name, row);
  return id;
}

export type UpsertResult = { id: string; created: boolean };

/** Finds by external id (or Id) and updates, or inserts; several matches is the caller's 300. */
export function upsertRecord(
  org: OrgCore,
  object: ObjectDef,
  extField: FieldDef,
  extValue: unknown,
  input: FieldValues,
  options: DmlOptions = {},
): UpsertResult {
  const matches = matchesFor(org, object, extField, extValue);
  if (matches.length > 1) {
    throw new RecordFailure(
      'DUPLICATE_EXTERNAL_ID',
      `${extField.name}: more than one record found for external id field: [${matches.join(', ')}]`,
      [extField.name],
    );
  }
  const values = new Map(input);
  if (matches.length === 1) {
    values.delete(extField.name);
    return { id: updateRecord(org, object, matches[0], values, options), created: false };
  }
  if (extField.type !== 'id' && extValue !== null && extValue !== undefined && extValue !== '') {
    values.set(extField.name, extValue);
  }
  return { id: insertRecord(org, object, values, options), created: true };
}

export function matchesFor(org: OrgCore, object: ObjectDef, extField: FieldDef, extValue: unknown): string[] {
  if (extValue === null || extValue === undefined || extValue === '') return [];
  if (extField.type === 'id') {
    const id = normalizeId(String(extValue));
    const row = id === undefined ? undefined : org.store.get(object.name, id);
    return row !== undefined && row['IsDeleted'] !== true ? [row['Id'] as string] : [];
  }
  return org.store.lookup(object.name, extField.name, extValue);
}

/** The field an upsert keys on: Id or an external-id field. */
export function externalIdField(org: OrgCore, object: ObjectDef, name: string): FieldDef {
  const f = org.schema.field(object, name);
  if (f === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  if (f.type !== 'id' && !f.externalId) {
    throw new ApiError(400, 'INVALID_FIELD', `Field ${f.name} is not an external id field`, [f.name]);
  }
  return f;
}

/**
 * Moves rows to the recycle bin. Each id gets its own outcome; then children of master-detail (and
 * cascading standard) relationships follow their deleted parents, in one pass per relationship.
 */
export function deleteRecords(org: OrgCore, object: ObjectDef, rawIds: readonly unknown[]): (RecordFailure | string)[] {
  const outcomes: (RecordFailure | string)[] = [];
  const deleted = new Set<string>();
  const now = org.now();
  for (const rawId of rawIds) {
    try {
      if (!object.deletable || object.customMetadata) throw cannot('deleted', object);
      const row = existingRow(org, object, rawId);
      const id = row['Id'] as string;
      if (deleted.has(id)) throw new RecordFailure('ENTITY_IS_DELETED', 'entity is deleted');
      org.store.put(object.name, { ...row, IsDeleted: true, SystemModstamp: now });
      deleted.add(id);
      outcomes.push(id);
    } catch (e) {
      if (!(e instanceof RecordFailure)) throw e;
      outcomes.push(e);
    }
  }
  cascade(org, object, deleted, now);
  return outcomes;
}

function cascade(org: OrgCore, parent: ObjectDef, parents: ReadonlySet<string>, now: string): void {
  if (parents.size === 0) return;
  for (const rel of org.schema.childRelationships(parent)) {
    if (!rel.cascadeDelete) continue;
    const child = org.schema.object(rel.childSObject);
    if (child === undefined) continue;
    const children = new Set<string>();
    for (const row of org.store.rows(child.name)) {
      if (row['IsDeleted'] !== true && parents.has(row[rel.field] as string)) children.add(row['Id'] as string);
    }
    for (const id of children) {
      const row = org.store.get(child.name, id)!;
      org.store.put(child.name, { ...row, IsDeleted: true, SystemModstamp: now });
    }
    cascade(org, child, children, now);
  }
}
