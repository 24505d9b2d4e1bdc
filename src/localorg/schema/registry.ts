// The live schema: standard objects plus whatever deploys added, looked up case-insensitively as
// Salesforce does. Derived views (field maps, child relationships, key prefixes) are cached and dropped
// whenever the schema changes.
import type { SoqlChildRelationship, SoqlObject } from '../soql/index.js';
import { standardObjects } from './standard-objects.js';
import type { FieldDef, ObjectDef } from './types.js';

export type ChildRelationship = SoqlChildRelationship & { cascadeDelete: boolean };

export class Schema {
  private objects = new Map<string, ObjectDef>();
  private fieldMaps = new Map<string, Map<string, FieldDef>>();
  private children: Map<string, ChildRelationship[]> | undefined;
  private byPrefix: Map<string, ObjectDef> | undefined;
  /** Bumped on every change so callers (e.g. the store's indexes) know to rebuild. */
  version = 0;
  /** Told of every change (persistence saves the schema when it moves). */
  onChange: (() => void) | undefined;

  constructor(objects: ObjectDef[] = standardObjects()) {
    this.replaceAll(objects);
  }

  /** Swaps in a whole schema (a reset, or one restored from disk). */
  replaceAll(objects: ObjectDef[]): void {
    this.objects = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
    this.changed();
  }

  all(): ObjectDef[] {
    return [...this.objects.values()];
  }

  object(name: string): ObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  field(object: ObjectDef, name: string): FieldDef | undefined {
    let map = this.fieldMaps.get(object.name);
    if (map === undefined) {
      map = new Map(object.fields.map((f) => [f.name.toLowerCase(), f]));
      this.fieldMaps.set(object.name, map);
    }
    return map.get(name.toLowerCase());
  }

  byKeyPrefix(prefix: string): ObjectDef | undefined {
    this.byPrefix ??= new Map(this.all().map((o) => [o.keyPrefix, o]));
    return this.byPrefix.get(prefix);
  }

  /** Adds or replaces an object, keeping fields it already had that the new definition does not mention. */
  upsertObject(def: ObjectDef): void {
    const existing = this.object(def.name);
    if (existing !== undefined) {
      const names = new Set(def.fields.map((f) => f.name.toLowerCase()));
      def.fields = [...existing.fields.filter((f) => !names.has(f.name.toLowerCase())), ...def.fields];
      def.keyPrefix = existing.keyPrefix;
    }
    this.objects.set(def.name.toLowerCase(), def);
    this.changed();
  }

  upsertField(object: ObjectDef, def: FieldDef): void {
    const i = object.fields.findIndex((f) => f.name.toLowerCase() === def.name.toLowerCase());
    if (i >= 0) object.fields[i] = def;
    else object.fields.push(def);
    this.changed();
  }

  childRelationships(object: ObjectDef): ChildRelationship[] {
    if (this.children === undefined) {
      const children = new Map<string, ChildRelationship[]>();
      for (const child of this.all()) {
        for (const f of child.fields) {
          if (f.type !== 'reference') continue;
          for (const target of f.referenceTo) {
            const key = target.toLowerCase();
            const list = children.get(key) ?? [];
            list.push({
              relationshipName: f.childRelationshipName ?? '',
              childSObject: child.name,
              field: f.name,
              cascadeDelete: f.cascadeDelete,
            });
            children.set(key, list);
          }
        }
      }
      this.children = children;
    }
    return this.children.get(object.name.toLowerCase()) ?? [];
  }

  /** A key prefix Salesforce would never hand out to a standard object: a00, a01, … (m00 for metadata types). */
  nextCustomPrefix(first: 'a' | 'm'): string {
    const used = new Set(this.all().map((o) => o.keyPrefix));
    const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    for (const a of digits) for (const b of digits) if (!used.has(`${first}${a}${b}`)) return `${first}${a}${b}`;
    throw new Error('out of key prefixes');
  }

  soqlObject(name: string): SoqlObject | undefined {
    const o = this.object(name);
    if (o === undefined) return undefined;
    return {
      name: o.name,
      fields: o.fields.map((f) => {
        const out: SoqlObject['fields'][number] = { name: f.name, type: f.type };
        if (f.referenceTo.length > 0) out.referenceTo = f.referenceTo;
        if (f.relationshipName !== null) out.relationshipName = f.relationshipName;
        return out;
      }),
      childRelationships: this.childRelationships(o)
        .filter((c) => c.relationshipName !== '')
        .map(({ relationshipName, childSObject, field }) => ({ relationshipName, childSObject, field })),
    };
  }

  private changed(): void {
    this.fieldMaps.clear();
    this.children = undefined;
    this.byPrefix = undefined;
    this.version++;
    this.onChange?.();
  }
}
