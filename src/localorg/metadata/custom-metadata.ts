// Custom metadata records (customMetadata/Type.Record.md): each becomes a row of its __mdt type, found
// again by DeveloperName so a redeploy updates it in place and keeps its Id.
import type { OrgCore } from '../core.js';
import { ApiError } from '../errors.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { coerce } from '../validate.js';
import { list, text, type XmlNode } from './xml.js';

export type CmdtRecord = { type: string; developerName: string; label: string; values: Map<string, unknown> };

/** Looks a field of a (possibly just-deployed) type up by name. */
export type TypeView = { name: string; field(name: string): FieldDef | undefined; fields(): FieldDef[] };

const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

export function customMetadataRecord(
  member: string,
  x: XmlNode,
  typeOf: (name: string) => TypeView | undefined,
): CmdtRecord | { problem: string } {
  const dot = member.indexOf('.');
  const typeName = `${member.slice(0, dot)}__mdt`;
  const developerName = member.slice(dot + 1);
  if (
    dot <= 0 ||
    !DEVELOPER_NAME.test(developerName) ||
    developerName.endsWith('_') ||
    developerName.length > 40
  ) {
    return {
      problem: `Invalid custom metadata record name '${member}': use Type.Record_Name with letters, digits and single underscores`,
    };
  }
  const type = typeOf(typeName);
  if (type === undefined)
    return { problem: `The custom metadata type ${typeName} does not exist or failed to deploy` };
  const label = text(x['label']) ?? developerName;
  const values = new Map<string, unknown>();
  for (const v of list(x['values'])) {
    const fieldName = text(v['field']) ?? '';
    const f = type.field(fieldName);
    if (f === undefined || !f.custom)
      return { problem: `No such column '${fieldName}' on entity '${type.name}'` };
    const raw = v['value'];
    const nil = typeof raw === 'object' && raw !== null && (raw as XmlNode)['@_xsi:nil'] === 'true';
    try {
      values.set(f.name, nil ? null : coerce(f, text(raw) ?? null));
    } catch (e) {
      if (e instanceof ApiError)
        return { problem: `${f.name}: invalid value '${text(raw) ?? ''}' for a field of type ${f.type}` };
      throw e;
    }
  }
  const missing = type
    .fields()
    .filter((f) => f.custom && !f.nillable && (values.get(f.name) ?? null) === null);
  if (missing.length > 0)
    return { problem: `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]` };
  return { type: type.name, developerName, label, values };
}

export function findRecord(
  org: OrgCore,
  type: string,
  developerName: string,
): Record<string, unknown> | undefined {
  for (const row of org.store.rows(type)) if (row['DeveloperName'] === developerName) return row;
  return undefined;
}

export function applyRecord(org: OrgCore, object: ObjectDef, record: CmdtRecord): void {
  const existing = findRecord(org, object.name, record.developerName);
  const row: Record<string, unknown> = {
    Id: (existing?.['Id'] as string | undefined) ?? org.ids.next(object.keyPrefix),
    IsDeleted: false,
    DeveloperName: record.developerName,
    MasterLabel: record.label,
    Label: record.label,
    Language: 'en_US',
    NamespacePrefix: null,
    QualifiedApiName: record.developerName,
    SystemModstamp: org.now(),
  };
  for (const f of object.fields) if (f.custom) row[f.name] = record.values.get(f.name) ?? null;
  org.store.put(object.name, row);
}
