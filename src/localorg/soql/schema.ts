import { SoqlError, errorNear, messages } from './errors.js';
import type { SoqlChildRelationship, SoqlDataSource, SoqlField, SoqlObject, SoqlRow } from './types.js';
import { kindOf, type ValueKind } from './values.js';

export interface ObjectInfo {
  object: SoqlObject;
  fields: ReadonlyMap<string, SoqlField>;
  relationships: ReadonlyMap<string, SoqlField>;
  children: ReadonlyMap<string, SoqlChildRelationship>;
}

// Every sObject has these even when a hand-written catalogue forgets to list them.
const IMPLICIT_FIELDS: readonly SoqlField[] = [
  { name: 'Id', type: 'id' },
  { name: 'IsDeleted', type: 'boolean' },
];

const infos = new WeakMap<SoqlObject, ObjectInfo>();

export function objectInfo(object: SoqlObject): ObjectInfo {
  let info = infos.get(object);
  if (info === undefined) {
    const fields = new Map<string, SoqlField>();
    const relationships = new Map<string, SoqlField>();
    const children = new Map<string, SoqlChildRelationship>();
    for (const field of [...object.fields, ...IMPLICIT_FIELDS]) {
      const key = field.name.toLowerCase();
      if (!fields.has(key)) fields.set(key, field);
      if (field.relationshipName !== undefined && (field.referenceTo?.length ?? 0) > 0) {
        relationships.set(field.relationshipName.toLowerCase(), field);
      }
    }
    for (const child of object.childRelationships) children.set(child.relationshipName.toLowerCase(), child);
    info = { object, fields, relationships, children };
    infos.set(object, info);
  }
  return info;
}

export interface QueryContext {
  soql: string;
  source: SoqlDataSource;
}

export function requireObject(ctx: QueryContext, name: string): ObjectInfo {
  const object = ctx.source.object(name);
  if (object === undefined) throw errorNear(ctx, 'INVALID_TYPE', name, messages.noSuchObject(name));
  return objectInfo(object);
}

/** One hop through a lookup: the foreign-key field on the current row and the possible parent types. */
export interface PathStep {
  foreignKey: string;
  relationshipName: string;
  targets: ObjectInfo[];
}

export interface FieldPath {
  text: string;
  steps: PathStep[];
  field: SoqlField;
  kind: ValueKind;
  /** Canonical name of the final field per parent type, for polymorphic lookups. */
  nameByType: ReadonlyMap<string, string>;
}

export function splitPath(text: string, alias: string | undefined): string[] {
  const segments = text.split('.');
  if (alias !== undefined && segments.length > 1 && segments[0]?.toLowerCase() === alias.toLowerCase()) {
    segments.shift();
  }
  return segments;
}

export function resolvePath(ctx: QueryContext, base: ObjectInfo, segments: readonly string[]): FieldPath {
  const text = segments.join('.');
  const steps: PathStep[] = [];
  let current: ObjectInfo[] = [base];
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i] ?? '';
    const step = resolveStep(ctx, current, segment);
    steps.push(step);
    current = step.targets;
  }
  const last = segments[segments.length - 1] ?? '';
  const nameByType = new Map<string, string>();
  let field: SoqlField | undefined;
  for (const info of current) {
    const found = info.fields.get(last.toLowerCase());
    if (found !== undefined) {
      field ??= found;
      nameByType.set(info.object.name, found.name);
    }
  }
  if (field === undefined) {
    const entity = current[0]?.object.name ?? base.object.name;
    throw errorNear(ctx, 'INVALID_FIELD', last, messages.noSuchColumn(last, entity));
  }
  return { text, steps, field, kind: kindOf[field.type], nameByType };
}

export function resolveStep(ctx: QueryContext, current: readonly ObjectInfo[], segment: string): PathStep {
  for (const info of current) {
    const reference = info.relationships.get(segment.toLowerCase());
    if (reference === undefined) continue;
    const targets: ObjectInfo[] = [];
    for (const name of reference.referenceTo ?? []) {
      const target = ctx.source.object(name);
      if (target !== undefined) targets.push(objectInfo(target));
    }
    if (targets.length === 0) break;
    return { foreignKey: reference.name, relationshipName: reference.relationshipName ?? segment, targets };
  }
  throw errorNear(ctx, 'INVALID_FIELD', segment, messages.noSuchRelationship(segment));
}

export interface Parent {
  row: SoqlRow;
  info: ObjectInfo;
}

export function followStep(source: QueryContext['source'], step: PathStep, row: SoqlRow): Parent | undefined {
  const id = row[step.foreignKey];
  if (typeof id !== 'string' || id === '') return undefined;
  for (const info of step.targets) {
    const parent = source.byId(info.object.name, id);
    if (parent !== undefined) return { row: parent, info };
  }
  return undefined;
}

export type Getter = (row: SoqlRow) => unknown;

export function getterFor(source: QueryContext['source'], path: FieldPath): Getter {
  const name = path.field.name;
  if (path.steps.length === 0) return (row) => row[name];
  const steps = path.steps;
  const polymorphic = path.nameByType.size > 1 || steps.some((s) => s.targets.length > 1);
  return (row) => {
    let current: Parent = { row, info: undefined as unknown as ObjectInfo };
    for (const step of steps) {
      const parent = followStep(source, step, current.row);
      if (parent === undefined) return null;
      current = parent;
    }
    if (!polymorphic) return current.row[name];
    const typed = path.nameByType.get(current.info.object.name);
    return typed === undefined ? null : current.row[typed];
  };
}

export function assertNever(value: never, what: string): never {
  throw new SoqlError('MALFORMED_QUERY', `unexpected ${what}: ${String(value)}`);
}
