// What a deploy would do, decided before anything changes: each component is checked against the org
// as it is plus the components of this deploy that checked out before it (objects before fields,
// fields before the records and permission sets that name them). Nothing here writes to the org; each
// good component carries the change that applying it makes.
import type { OrgCore } from '../core.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import type { TypeView } from './custom-metadata.js';
import type { Problem } from './messages.js';
import { componentFiles, TYPES, type DeployPackage } from './package.js';
import { parseXml, rootOf, text, type XmlNode } from './xml.js';

export type Checked =
  | { problem: Problem }
  | { apply: () => void; created: boolean; changed: boolean; files: Record<string, string> };

export type Unit = { type: string; fullName: string; fileName: string; rank: number };

/** Deploy order: what later components depend on goes first. */
export function rankOf(type: string): number {
  if (type === 'CustomObject') return 0;
  if (type === 'CustomField') return 1;
  if (TYPES[type]?.parent !== undefined) return 2;
  if (type === 'CustomMetadata') return 3;
  return 4;
}

export const notInZip = (type: string, fullName: string): Problem => ({
  problem: `An object '${fullName}' of type ${type} was named in package.xml, but was not found in zipped directory`,
});

export class Plan {
  /** Custom objects this deploy creates or changes, by lower-case name. */
  readonly objects = new Map<string, Omit<ObjectDef, 'keyPrefix'>>();
  /** Fields this deploy creates or changes, by lower-case object then field name. */
  readonly fields = new Map<string, Map<string, FieldDef>>();
  private readonly xml = new Map<string, { doc: XmlNode } | Problem>();

  constructor(
    readonly org: OrgCore,
    readonly pkg: DeployPackage,
  ) {}

  /** The canonical name of an object that exists or that this deploy creates. */
  resolveObject = (name: string): string | undefined =>
    this.objects.get(name.toLowerCase())?.name ?? this.org.schema.object(name)?.name;

  fieldOf(objectName: string, fieldName: string): FieldDef | undefined {
    const pending = this.fields.get(objectName.toLowerCase())?.get(fieldName.toLowerCase());
    if (pending !== undefined) return pending;
    const planned = this.objects.get(objectName.toLowerCase());
    const fromPlan = planned?.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
    if (fromPlan !== undefined) return fromPlan;
    const o = this.org.schema.object(objectName);
    return o === undefined ? undefined : this.org.schema.field(o, fieldName);
  }

  /** A custom metadata type as it will be once this deploy's earlier components are applied. */
  typeView = (name: string): TypeView | undefined => {
    const canonical = this.resolveObject(name);
    if (canonical === undefined) return undefined;
    const planned = this.objects.get(canonical.toLowerCase());
    const existing = this.org.schema.object(canonical);
    if (!(planned?.customMetadata ?? existing?.customMetadata ?? false)) return undefined;
    return {
      name: canonical,
      field: (f) => this.fieldOf(canonical, f),
      fields: () => {
        const byName = new Map<string, FieldDef>();
        for (const f of [
          ...(existing?.fields ?? []),
          ...(planned?.fields ?? []),
          ...(this.fields.get(canonical.toLowerCase())?.values() ?? []),
        ]) {
          byName.set(f.name.toLowerCase(), f);
        }
        return [...byName.values()];
      },
    };
  };

  addField(objectName: string, def: FieldDef): void {
    const key = objectName.toLowerCase();
    const map = this.fields.get(key) ?? new Map<string, FieldDef>();
    map.set(def.name.toLowerCase(), def);
    this.fields.set(key, map);
  }

  text(path: string): string | undefined {
    return this.pkg.files.get(path)?.toString('utf8');
  }

  /** The parsed file (cached), or its parse problem. */
  parse(path: string): { doc: XmlNode } | Problem {
    let out = this.xml.get(path);
    if (out === undefined) {
      const raw = this.text(path);
      out = raw === undefined ? notInZip('file', path) : parseXml(raw);
      this.xml.set(path, out);
    }
    return out;
  }

  /** The root content of a metadata file whose root element must be `rootName`. */
  root(path: string, rootName: string): XmlNode | Problem {
    const parsed = this.parse(path);
    if (!('doc' in parsed)) return parsed;
    const root = rootOf(parsed.doc);
    if (root === undefined || root[0] !== rootName) {
      return {
        problem: `Error parsing file: the root element must be ${rootName}, not ${root?.[0] ?? 'empty'}`,
      };
    }
    return root[1];
  }

  /** A child element (a field, a validation rule…) inside its parent's .object file. */
  child(type: string, fullName: string): { x: XmlNode; path: string; parent: string } | Problem {
    const info = TYPES[type]!;
    const dot = fullName.indexOf('.');
    if (dot <= 0) return { problem: `Invalid ${type} name '${fullName}': expected Object.Name` };
    const parent = fullName.slice(0, dot);
    const name = fullName.slice(dot + 1);
    const [path] = componentFiles(this.pkg, type, fullName);
    if (path === undefined) return notInZip(type, fullName);
    const root = this.root(path, 'CustomObject');
    if ('problem' in root) return root as Problem;
    const raw = root[info.parent!.element];
    const items = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as XmlNode[];
    const x = items.find((i) => text(i['fullName']) === name);
    if (x === undefined) return notInZip(type, fullName);
    return { x, path, parent };
  }

  /** Whether `fullName` of `type` was deployed before with the same content. */
  previous(type: string, fullName: string): Record<string, string> | undefined {
    return this.org.components.get(`${type}:${fullName}`)?.files;
  }
}

export function sameFiles(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
