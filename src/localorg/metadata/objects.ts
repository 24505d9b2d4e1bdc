// A CustomObject's own metadata (label, name field, sharing) turned into an ObjectDef with the fields
// every custom object or custom metadata type carries; its custom fields are separate components.
import { auditFields, idField, ownerField } from '../schema/system-fields.js';
import { field, type FieldDef, type ObjectDef } from '../schema/types.js';
import { list, text, type XmlNode } from './xml.js';

export type ObjectOutcome = { object: Omit<ObjectDef, 'keyPrefix'> } | { problem: string };

const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]*__(c|mdt)$/;

function nameField(x: XmlNode): FieldDef | { problem: string } {
  const nf = (x['nameField'] ?? {}) as XmlNode;
  const label = text(nf['label']) ?? 'Name';
  const type = text(nf['type']) ?? 'Text';
  if (type === 'AutoNumber') {
    return field({
      name: 'Name',
      type: 'string',
      label,
      length: 30,
      nameField: true,
      autoNumber: true,
      displayFormat: text(nf['displayFormat']) ?? '{0}',
      createable: false,
      updateable: false,
      nillable: false,
      defaultedOnCreate: true,
    });
  }
  if (type !== 'Text')
    return { problem: `'${type}' is not a valid type for a name field: use Text or AutoNumber` };
  // The API accepts a record without a Name and uses its Id instead, so it is not required on insert.
  return field({ name: 'Name', type: 'string', length: 80, label, nameField: true, nillable: true });
}

function customMetadataFields(): FieldDef[] {
  const ro = { createable: false, updateable: false } as const;
  return [
    idField(),
    field({
      name: 'DeveloperName',
      type: 'string',
      length: 40,
      label: 'Custom Metadata Record Name',
      nillable: false,
      ...ro,
    }),
    field({
      name: 'MasterLabel',
      type: 'string',
      length: 40,
      label: 'Label',
      nillable: false,
      nameField: true,
      ...ro,
    }),
    field({ name: 'Language', type: 'picklist', length: 40, label: 'Master Language', ...ro }),
    field({ name: 'NamespacePrefix', type: 'string', length: 15, label: 'Namespace Prefix', ...ro }),
    field({ name: 'Label', type: 'string', length: 40, label: 'Label', ...ro }),
    field({ name: 'QualifiedApiName', type: 'string', length: 70, label: 'Qualified API Name', ...ro }),
    field({
      name: 'SystemModstamp',
      type: 'datetime',
      label: 'System Modstamp',
      nillable: false,
      system: true,
      ...ro,
    }),
  ];
}

/** The object, or the problem; `masterDetail` says whether the deploy gives it a master (no owner then). */
export function customObject(name: string, x: XmlNode, masterDetail: boolean): ObjectOutcome {
  if (!CUSTOM_NAME.test(name) || name.includes('___')) {
    return {
      problem: `Invalid object name '${name}': custom object names end with __c (or __mdt for custom metadata types)`,
    };
  }
  const label = text(x['label']);
  if (label === undefined) return { problem: `Must specify a label for the custom object ${name}` };
  const labelPlural = text(x['pluralLabel']) ?? `${label}s`;
  if (name.endsWith('__mdt')) {
    return {
      object: {
        name,
        label,
        labelPlural,
        custom: true,
        customSetting: false,
        customMetadata: true,
        createable: false,
        updateable: false,
        deletable: false,
        queryable: true,
        fields: customMetadataFields(),
      },
    };
  }
  const nf = nameField(x);
  if ('problem' in nf) return nf;
  const fields = [idField(), ...auditFields(), nf];
  if (!masterDetail) fields.splice(1, 0, ownerField());
  return {
    object: {
      name,
      label,
      labelPlural,
      custom: true,
      customSetting: text(x['customSettingsType']) !== undefined,
      customMetadata: false,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      fields,
    },
  };
}

/** Whether an .object file gives its object a master-detail parent. */
export function hasMasterDetail(x: XmlNode): boolean {
  return list(x['fields']).some((f) => text(f['type']) === 'MasterDetail');
}
