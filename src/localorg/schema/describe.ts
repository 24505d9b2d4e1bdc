// DescribeGlobal and DescribeSObject results in Salesforce's shape, from the live schema.
import type { Schema } from './registry.js';
import type { FieldDef, ObjectDef } from './types.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function objectSummary(o: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${o.name}`;
  const writable = !o.customMetadata;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: o.createable && writable,
    custom: o.custom,
    customSetting: o.customSetting,
    deepCloneable: false,
    deletable: o.deletable && writable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: !o.customMetadata,
    mergeable: false,
    mruEnabled: !o.customMetadata,
    name: o.name,
    queryable: o.queryable,
    replicateable: !o.customMetadata,
    retrieveable: true,
    searchable: !o.customMetadata,
    triggerable: !o.customMetadata,
    undeletable: o.deletable && writable,
    updateable: o.updateable && writable,
    urls: {
      rowTemplate: `${base}/{ID}`,
      defaultValues: `${base}/defaultValues?recordTypeId&fields`,
      describe: `${base}/describe`,
      sobject: base,
    },
  };
}

export function describeGlobal(schema: Schema, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema
      .all()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => objectSummary(o, version)),
  };
}

export function describeField(f: FieldDef): Record<string, unknown> {
  const text = !['boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime'].includes(f.type);
  const longText = f.type === 'textarea' && f.length > 255;
  return {
    aggregatable: !longText,
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: text ? f.length * 3 : 0,
    calculated: f.calculated,
    calculatedFormula: f.calculatedFormula,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.type === 'boolean' ? f.defaultValue === true : (f.defaultValue ?? null),
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: null,
    filterable: !longText,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !longText && !['double', 'currency', 'percent', 'datetime'].includes(f.type),
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: f.inlineHelpText,
    label: f.label,
    length: f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: false,
    nillable: f.nillable,
    permissionable: f.custom && f.nillable,
    picklistValues: f.picklistValues.map((p) => ({ ...p, validFor: null })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: f.cascadeDelete && f.custom ? 0 : null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: !longText,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

export function describeObject(schema: Schema, o: ObjectDef, version: string): Record<string, unknown> {
  return {
    ...objectSummary(o, version),
    actionOverrides: [],
    childRelationships: schema.childRelationships(o).map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName === '' ? null : c.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: !o.customMetadata,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: o.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: !o.customMetadata,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: 'All records', name: 'everything' },
      { label: 'My records', name: 'mine' },
    ],
  };
}

export function basicInfo(o: ObjectDef, version: string): Record<string, unknown> {
  return { objectDescribe: objectSummary(o, version), recentItems: [] };
}
