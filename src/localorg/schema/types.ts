// The org's schema as the emulator holds it: enough of Salesforce's DescribeSObjectResult to describe,
// validate and query. Standard objects come from a catalogue; custom ones from deployed metadata.
import type { SoqlFieldType } from '../soql/index.js';

export type FieldType = SoqlFieldType;

export type PicklistValue = { value: string; label: string; active: boolean; defaultValue: boolean };

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  unique: boolean;
  externalId: boolean;
  idLookup: boolean;
  caseSensitive: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** The name of the child relationship this lookup creates on its parent (e.g. Account.Opportunities). */
  childRelationshipName: string | null;
  /** Master-detail: a child needs its parent and goes with it. */
  cascadeDelete: boolean;
  picklistValues: PicklistValue[];
  restrictedPicklist: boolean;
  defaultedOnCreate: boolean;
  defaultValue: unknown;
  calculated: boolean;
  calculatedFormula: string | null;
  autoNumber: boolean;
  /** For auto numbers: e.g. DR-{00000}. */
  displayFormat: string | null;
  nameField: boolean;
  custom: boolean;
  inlineHelpText: string | null;
  /** Maintained by the org itself (Id, audit fields, IsDeleted): never written by a caller. */
  system: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  customSetting: boolean;
  /** A custom metadata type: readable by SOQL, written only by deploys. */
  customMetadata: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  fields: FieldDef[];
}

export type FieldInit = Partial<FieldDef> & { name: string; type: FieldType };

const LENGTHS: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  multipicklist: 4099,
};

function labelFor(name: string): string {
  const base = name.replace(/__c$/, '').replace(/Id$/, '');
  return base.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** A field with Salesforce's defaults for everything not given. */
export function field(init: FieldInit): FieldDef {
  const numeric = ['int', 'double', 'currency', 'percent'].includes(init.type);
  const precision = init.precision ?? (numeric && init.type !== 'int' ? 18 : 0);
  const def: FieldDef = {
    label: labelFor(init.name),
    length: numeric || ['boolean', 'date', 'datetime'].includes(init.type) ? 0 : (LENGTHS[init.type] ?? 255),
    precision,
    scale: init.scale ?? (init.type === 'currency' ? 2 : 0),
    digits: init.type === 'int' ? 9 : 0,
    nillable: init.type !== 'boolean',
    createable: true,
    updateable: true,
    unique: false,
    externalId: false,
    idLookup: false,
    caseSensitive: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    cascadeDelete: false,
    picklistValues: [],
    restrictedPicklist: false,
    defaultedOnCreate: init.type === 'boolean',
    defaultValue: init.type === 'boolean' ? false : null,
    calculated: false,
    calculatedFormula: null,
    autoNumber: false,
    displayFormat: null,
    nameField: false,
    custom: init.name.endsWith('__c'),
    inlineHelpText: null,
    system: false,
    ...init,
  };
  if (def.type === 'id' || def.externalId) def.idLookup = true;
  return def;
}

export function picklist(values: readonly string[], defaultValue?: string): PicklistValue[] {
  return values.map((v) => ({ value: v, label: v, active: true, defaultValue: v === defaultValue }));
}

/** Fields a caller must supply on insert. */
export function isRequired(f: FieldDef): boolean {
  return !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== 'boolean';
}
