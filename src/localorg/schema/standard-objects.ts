// The standard objects the product touches, with the fields and behaviour it relies on. Labels, lengths
// and picklists follow a fresh Developer Edition org.
import { auditFields, idField, ownerField } from './system-fields.js';
import { field, picklist, type FieldDef, type ObjectDef } from './types.js';

type ObjectInit = Partial<ObjectDef> & { name: string; keyPrefix: string; fields: FieldDef[] };

export function sobject(init: ObjectInit): ObjectDef {
  return {
    label: init.name,
    labelPlural: `${init.name}s`,
    custom: false,
    customSetting: false,
    customMetadata: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    ...init,
  };
}

const readOnly = { createable: false, updateable: false } as const;

export const OPPORTUNITY_STAGES = [
  { name: 'Prospecting', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Qualification', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Needs Analysis', probability: 20, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Value Proposition', probability: 50, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Id. Decision Makers', probability: 60, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Perception Analysis', probability: 70, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false, forecast: 'Commit' },
  { name: 'Closed Won', probability: 100, closed: true, won: true, forecast: 'Closed' },
  { name: 'Closed Lost', probability: 0, closed: true, won: false, forecast: 'Omitted' },
] as const;

const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction',
  'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental',
  'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery',
  'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology',
  'Telecommunications', 'Transportation', 'Utilities', 'Other',
];

const address = (prefix: string): FieldDef[] => [
  field({ name: `${prefix}Street`, type: 'textarea', label: `${prefix} Street` }),
  field({ name: `${prefix}City`, type: 'string', length: 40, label: `${prefix} City` }),
  field({ name: `${prefix}State`, type: 'string', length: 80, label: `${prefix} State/Province` }),
  field({ name: `${prefix}PostalCode`, type: 'string', length: 20, label: `${prefix} Zip/Postal Code` }),
  field({ name: `${prefix}Country`, type: 'string', length: 80, label: `${prefix} Country` }),
];

const nameOf = (length: number, label = 'Name'): FieldDef =>
  field({ name: 'Name', type: 'string', length, label, nillable: false, nameField: true });

function account(): ObjectDef {
  return sobject({
    name: 'Account',
    keyPrefix: '001',
    fields: [
      idField(),
      ...auditFields(),
      nameOf(255, 'Account Name'),
      field({ name: 'AccountNumber', type: 'string', length: 40, label: 'Account Number' }),
      field({
        name: 'Type',
        type: 'picklist',
        label: 'Account Type',
        length: 255,
        picklistValues: picklist([
          'Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller',
          'Installation Partner', 'Technology Partner', 'Other',
        ]),
      }),
      field({
        name: 'ParentId',
        type: 'reference',
        label: 'Parent Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Parent',
        childRelationshipName: 'ChildAccounts',
      }),
      field({ name: 'Website', type: 'url', label: 'Website' }),
      field({ name: 'Phone', type: 'phone', label: 'Account Phone' }),
      field({ name: 'Industry', type: 'picklist', label: 'Industry', picklistValues: picklist(INDUSTRIES) }),
      field({ name: 'AnnualRevenue', type: 'currency', label: 'Annual Revenue', precision: 18, scale: 0 }),
      field({ name: 'NumberOfEmployees', type: 'int', label: 'Employees', digits: 8 }),
      field({ name: 'Description', type: 'textarea', length: 32000, label: 'Account Description' }),
      ...address('Billing'),
      ...address('Shipping'),
      ownerField(),
    ],
  });
}

function contact(): ObjectDef {
  return sobject({
    name: 'Contact',
    keyPrefix: '003',
    fields: [
      idField(),
      ...auditFields(),
      field({ name: 'FirstName', type: 'string', length: 40, label: 'First Name' }),
      field({ name: 'LastName', type: 'string', length: 80, label: 'Last Name', nillable: false }),
      field({ name: 'Name', type: 'string', length: 121, label: 'Full Name', nameField: true, ...readOnly }),
      field({
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Account',
        childRelationshipName: 'Contacts',
        cascadeDelete: true,
      }),
      field({ name: 'Email', type: 'email', label: 'Email', idLookup: true }),
      field({ name: 'Phone', type: 'phone', label: 'Business Phone' }),
      field({ name: 'Title', type: 'string', length: 128, label: 'Title' }),
      ownerField(),
    ],
  });
}

function opportunity(): ObjectDef {
  return sobject({
    name: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: [
      idField(),
      ...auditFields(),
      nameOf(120),
      field({
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Account',
        childRelationshipName: 'Opportunities',
        cascadeDelete: true,
      }),
      field({ name: 'Description', type: 'textarea', length: 32000, label: 'Description' }),
      field({ name: 'Amount', type: 'currency', label: 'Amount', precision: 18, scale: 2 }),
      field({
        name: 'StageName',
        type: 'picklist',
        label: 'Stage',
        nillable: false,
        picklistValues: picklist(OPPORTUNITY_STAGES.map((s) => s.name)),
      }),
      field({ name: 'Probability', type: 'percent', label: 'Probability (%)', precision: 3, scale: 0, defaultedOnCreate: true }),
      field({ name: 'CloseDate', type: 'date', label: 'Close Date', nillable: false }),
      field({
        name: 'Type',
        type: 'picklist',
        label: 'Opportunity Type',
        picklistValues: picklist(['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
      }),
      field({ name: 'NextStep', type: 'string', length: 255, label: 'Next Step' }),
      field({
        name: 'LeadSource',
        type: 'picklist',
        label: 'Lead Source',
        picklistValues: picklist(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      }),
      field({ name: 'IsClosed', type: 'boolean', label: 'Closed', ...readOnly }),
      field({ name: 'IsWon', type: 'boolean', label: 'Won', ...readOnly }),
      field({
        name: 'ForecastCategoryName',
        type: 'picklist',
        label: 'Forecast Category',
        defaultedOnCreate: true,
        picklistValues: picklist(['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
      }),
      ownerField(),
    ],
  });
}

function user(): ObjectDef {
  return sobject({
    name: 'User',
    keyPrefix: '005',
    deletable: false,
    fields: [
      idField(),
      ...auditFields().filter((f) => f.name !== 'IsDeleted'),
      field({ name: 'Username', type: 'string', length: 80, label: 'Username', nillable: false, unique: true, idLookup: true }),
      field({ name: 'FirstName', type: 'string', length: 40, label: 'First Name' }),
      field({ name: 'LastName', type: 'string', length: 80, label: 'Last Name', nillable: false }),
      field({ name: 'Name', type: 'string', length: 121, label: 'Full Name', nameField: true, ...readOnly }),
      field({ name: 'Alias', type: 'string', length: 8, label: 'Alias', nillable: false }),
      field({ name: 'Email', type: 'email', length: 128, label: 'Email', nillable: false }),
      field({ name: 'IsActive', type: 'boolean', label: 'Active', defaultValue: true }),
      field({ name: 'ProfileId', type: 'reference', label: 'Profile ID', referenceTo: ['Profile'], relationshipName: 'Profile', nillable: false }),
      field({ name: 'UserType', type: 'picklist', label: 'User Type', ...readOnly, picklistValues: picklist(['Standard', 'PowerPartner', 'CsnOnly', 'AutomatedProcess']) }),
      field({ name: 'TimeZoneSidKey', type: 'picklist', label: 'Time Zone', nillable: false, defaultedOnCreate: true, picklistValues: picklist(['GMT', 'Europe/London', 'America/Los_Angeles']) }),
      field({ name: 'LocaleSidKey', type: 'picklist', label: 'Locale', nillable: false, defaultedOnCreate: true, picklistValues: picklist(['en_US', 'en_GB']) }),
      field({ name: 'LanguageLocaleKey', type: 'picklist', label: 'Language', nillable: false, defaultedOnCreate: true, picklistValues: picklist(['en_US']) }),
      field({ name: 'EmailEncodingKey', type: 'picklist', label: 'Email Encoding', nillable: false, defaultedOnCreate: true, picklistValues: picklist(['UTF-8']) }),
    ],
  });
}

function organization(): ObjectDef {
  return sobject({
    name: 'Organization',
    keyPrefix: '00D',
    createable: false,
    deletable: false,
    updateable: false,
    fields: [
      idField(),
      ...auditFields().filter((f) => f.name !== 'IsDeleted'),
      field({ name: 'Name', type: 'string', length: 80, label: 'Name', nameField: true, ...readOnly }),
      field({ name: 'OrganizationType', type: 'picklist', label: 'Edition', ...readOnly, picklistValues: picklist(['Developer Edition', 'Enterprise Edition']) }),
      field({ name: 'InstanceName', type: 'string', length: 5, label: 'Instance Name', ...readOnly }),
      field({ name: 'IsSandbox', type: 'boolean', label: 'Is Sandbox', ...readOnly }),
      field({ name: 'TrialExpirationDate', type: 'datetime', label: 'Trial Expiration Date', ...readOnly }),
      field({ name: 'NamespacePrefix', type: 'string', length: 15, label: 'Namespace Prefix', ...readOnly }),
      field({ name: 'DefaultLocaleSidKey', type: 'picklist', label: 'Locale', ...readOnly, picklistValues: picklist(['en_US']) }),
      field({ name: 'LanguageLocaleKey', type: 'picklist', label: 'Language', ...readOnly, picklistValues: picklist(['en_US']) }),
      field({ name: 'TimeZoneSidKey', type: 'picklist', label: 'Time Zone', ...readOnly, picklistValues: picklist(['GMT']) }),
      field({ name: 'DefaultCurrencyIsoCode', type: 'picklist', label: 'Currency', ...readOnly, picklistValues: picklist(['USD']) }),
    ],
  });
}

function profile(): ObjectDef {
  return sobject({
    name: 'Profile',
    keyPrefix: '00e',
    createable: false,
    deletable: false,
    fields: [
      idField(),
      ...auditFields().filter((f) => f.name !== 'IsDeleted'),
      field({ name: 'Name', type: 'string', length: 255, label: 'Name', nillable: false, nameField: true }),
      field({ name: 'UserType', type: 'picklist', label: 'User Type', ...readOnly, picklistValues: picklist(['Standard']) }),
      field({ name: 'Description', type: 'string', length: 255, label: 'Description' }),
    ],
  });
}

function permissionSet(): ObjectDef {
  return sobject({
    name: 'PermissionSet',
    keyPrefix: '0PS',
    fields: [
      idField(),
      ...auditFields().filter((f) => f.name !== 'IsDeleted'),
      field({ name: 'Name', type: 'string', length: 80, label: 'Name', nillable: false, unique: true }),
      field({ name: 'Label', type: 'string', length: 80, label: 'Label', nillable: false, nameField: true }),
      field({ name: 'Description', type: 'textarea', length: 255, label: 'Description' }),
      field({ name: 'IsOwnedByProfile', type: 'boolean', label: 'Is Owned By Profile', ...readOnly }),
      field({ name: 'IsCustom', type: 'boolean', label: 'Custom', ...readOnly }),
      field({ name: 'NamespacePrefix', type: 'string', length: 15, label: 'Namespace Prefix', ...readOnly }),
      field({ name: 'HasActivationRequired', type: 'boolean', label: 'Session Activation Required' }),
    ],
  });
}

function permissionSetAssignment(): ObjectDef {
  return sobject({
    name: 'PermissionSetAssignment',
    keyPrefix: '0Pa',
    updateable: false,
    fields: [
      idField(),
      ...auditFields().filter((f) => !['IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'].includes(f.name)),
      field({
        name: 'AssigneeId',
        type: 'reference',
        label: 'Assignee ID',
        referenceTo: ['User'],
        relationshipName: 'Assignee',
        nillable: false,
        updateable: false,
      }),
      field({
        name: 'PermissionSetId',
        type: 'reference',
        label: 'Permission Set ID',
        referenceTo: ['PermissionSet'],
        relationshipName: 'PermissionSet',
        childRelationshipName: 'Assignments',
        nillable: false,
        updateable: false,
      }),
      field({ name: 'IsActive', type: 'boolean', label: 'Is Active', ...readOnly, defaultValue: true }),
    ],
  });
}

function recordType(): ObjectDef {
  return sobject({
    name: 'RecordType',
    keyPrefix: '012',
    createable: false,
    deletable: false,
    updateable: false,
    fields: [
      idField(),
      ...auditFields().filter((f) => f.name !== 'IsDeleted'),
      field({ name: 'Name', type: 'string', length: 80, label: 'Name', nameField: true, ...readOnly }),
      field({ name: 'DeveloperName', type: 'string', length: 80, label: 'Record Type Name', ...readOnly }),
      field({ name: 'SobjectType', type: 'picklist', label: 'SObject Type Name', ...readOnly }),
      field({ name: 'IsActive', type: 'boolean', label: 'Active', ...readOnly }),
      field({ name: 'Description', type: 'string', length: 255, label: 'Description', ...readOnly }),
      field({ name: 'NamespacePrefix', type: 'string', length: 15, label: 'Namespace Prefix', ...readOnly }),
    ],
  });
}

/** A fresh copy each time: deploys add fields to standard objects, and a reset must undo that. */
export function standardObjects(): ObjectDef[] {
  return [
    account(),
    contact(),
    opportunity(),
    user(),
    organization(),
    profile(),
    permissionSet(),
    permissionSetAssignment(),
    recordType(),
  ];
}
