// A CustomField's metadata (an element of an .object file) turned into the emulated schema's FieldDef,
// with the problems Salesforce reports for a field it cannot create. Types follow describe: a custom
// Number is "double" whatever its scale, an AutoNumber is a read-only "string", lookups are "reference".
import { field, picklist, type FieldDef, type FieldType, type PicklistValue } from '../schema/types.js';
import { bool, int, list, text, texts, type XmlNode } from './xml.js';

export type FieldOutcome = { field: FieldDef; masterDetail: boolean } | { problem: string };

/** Resolves an object name known to the org or to this deploy, to its canonical spelling. */
export type ObjectResolver = (name: string) => string | undefined;

const SIMPLE: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  EncryptedText: 'string',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  AutoNumber: 'string',
  MetadataRelationship: 'string',
};

const FIXED_LENGTH: Partial<Record<string, number>> = {
  TextArea: 255,
  Email: 80,
  Phone: 40,
  Url: 255,
  Picklist: 255,
  MultiselectPicklist: 4099,
  AutoNumber: 30,
  MetadataRelationship: 255,
};

function picklistValues(x: XmlNode): PicklistValue[] {
  const valueSet = x['valueSet'] as XmlNode | undefined;
  const definition = valueSet?.['valueSetDefinition'] as XmlNode | undefined;
  const values = list(definition?.['value']).map((v) => ({
    value: text(v['fullName']) ?? '',
    label: text(v['label']) ?? text(v['fullName']) ?? '',
    active: text(v['isActive']) !== 'false',
    defaultValue: bool(v['default']),
  }));
  if (values.length > 0) return values;
  // Pre-v38 metadata: <picklist><picklistValues>.
  const legacy = x['picklist'] as XmlNode | undefined;
  return picklist(texts(list(legacy?.['picklistValues']).map((v) => v['fullName'])));
}

/** A formula-style default ("'Draft'", "true", "42") as a stored value; formulas beyond literals are not evaluated. */
function literalDefault(raw: string | undefined, type: FieldType): unknown {
  if (raw === undefined) return type === 'boolean' ? false : null;
  const t = raw.trim();
  if (type === 'boolean') return t.toLowerCase() === 'true';
  const quoted = /^(['"])(.*)\1$/.exec(t);
  if (quoted !== null) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(t) && ['double', 'currency', 'percent', 'int'].includes(type)) return Number(t);
  return null;
}

export function customField(objectName: string, x: XmlNode, resolve: ObjectResolver): FieldOutcome {
  const name = text(x['fullName']) ?? '';
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) || name.includes('___')) {
    return {
      problem: `Invalid field name '${name}': custom field names must end with __c and contain only letters, digits and single underscores`,
    };
  }
  const sfType = text(x['type']);
  const formula = text(x['formula']);
  if (sfType === undefined)
    return { problem: `Must specify a type for the custom field ${objectName}.${name}` };
  const type = SIMPLE[sfType];
  if (type === undefined) return { problem: `'${sfType}' is not a valid value for the enum 'FieldType'` };
  const label = text(x['label']) ?? name.replace(/__c$/, '').replace(/_/g, ' ');
  const required = bool(x['required']);
  const init: Partial<FieldDef> & { name: string; type: FieldType } = {
    name,
    type,
    label,
    custom: true,
    nillable: !required || type === 'boolean',
    unique: bool(x['unique']),
    externalId: bool(x['externalId']),
    caseSensitive: bool(x['caseSensitive']),
    inlineHelpText: text(x['inlineHelpText']) ?? null,
  };
  const length = int(x['length']);
  const precision = int(x['precision']);
  const scale = int(x['scale']);
  if (sfType === 'Text' || sfType === 'EncryptedText') {
    if (formula === undefined) {
      if (length === undefined)
        return { problem: `Must specify 'length' for a CustomField of type ${sfType}` };
      if (Number.isNaN(length) || length < 1 || length > 255)
        return { problem: `Length must be between 1 and 255: ${text(x['length'])}` };
    }
    init.length = length ?? 255;
  } else if (sfType === 'LongTextArea' || sfType === 'Html') {
    if (length === undefined || Number.isNaN(length) || length < 256 || length > 131072) {
      return { problem: `Length must be between 256 and 131072 for a CustomField of type ${sfType}` };
    }
    init.length = length;
  } else if (FIXED_LENGTH[sfType] !== undefined) {
    init.length = FIXED_LENGTH[sfType];
  }
  if (type === 'double' || type === 'currency' || type === 'percent') {
    const p = precision ?? 18;
    const s = scale ?? 0;
    if (Number.isNaN(p) || Number.isNaN(s) || p < 1 || p > 18 || s < 0 || s > p) {
      return {
        problem: `Invalid precision/scale for ${objectName}.${name}: precision must be 1 to 18 and scale 0 to precision`,
      };
    }
    init.precision = p;
    init.scale = s;
  }
  if (type === 'picklist' || type === 'multipicklist') {
    init.picklistValues = picklistValues(x);
    const valueSet = x['valueSet'] as XmlNode | undefined;
    init.restrictedPicklist = bool(valueSet?.['restricted']);
    if (type === 'multipicklist') init.length = 4099;
  }
  if (sfType === 'AutoNumber') {
    Object.assign(init, {
      autoNumber: true,
      displayFormat: text(x['displayFormat']) ?? '{0}',
      createable: false,
      updateable: false,
      nillable: false,
      defaultedOnCreate: true,
    });
  }
  let masterDetail = false;
  if (sfType === 'Lookup' || sfType === 'MasterDetail') {
    const targets = texts(x['referenceTo']);
    if (targets.length === 0)
      return { problem: `Must specify 'referenceTo' for a CustomField of type ${sfType}` };
    const resolved: string[] = [];
    for (const t of targets) {
      const r = resolve(t);
      if (r === undefined)
        return { problem: `referenceTo value of '${t}' does not resolve to a valid sObject type` };
      resolved.push(r);
    }
    const relationshipName = text(x['relationshipName']);
    if (relationshipName === undefined)
      return { problem: `Must specify 'relationshipName' for a CustomField of type ${sfType}` };
    init.referenceTo = resolved;
    init.relationshipName = name.replace(/__c$/, '__r');
    init.childRelationshipName = `${relationshipName}__r`;
    init.length = 18;
    if (sfType === 'MasterDetail') {
      masterDetail = true;
      Object.assign(init, {
        nillable: false,
        cascadeDelete: true,
        updateable: bool(x['reparentableMasterDetail']),
      });
    } else {
      // Restrict and SetNull keep children; Cascade (allowed on lookups by support request) deletes them.
      init.cascadeDelete = text(x['deleteConstraint']) === 'Cascade';
    }
  }
  if (formula !== undefined) {
    Object.assign(init, {
      calculated: true,
      calculatedFormula: formula,
      createable: false,
      updateable: false,
      nillable: true,
    });
  }
  const def = field(init);
  if (sfType !== 'AutoNumber' && formula === undefined) {
    if (type === 'picklist') def.defaultValue = null;
    else def.defaultValue = literalDefault(text(x['defaultValue']), type);
    def.defaultedOnCreate =
      type === 'boolean' || (def.defaultValue !== null && def.defaultValue !== undefined);
  }
  if (def.unique && def.externalId) def.idLookup = true;
  return { field: def, masterDetail };
}
