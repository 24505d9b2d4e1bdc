// Test support: a small in-memory org shared by the golden table and the property tests.
import { to18 } from './ids.js';
import type { SoqlDataSource, SoqlField, SoqlObject, SoqlRow } from './types.js';

export const NOW = new Date('2024-05-15T12:00:00.000Z'); // a Wednesday

const idCounters = new Map<string, number>();
/** A valid 18-character id with upper-case letters in it, so the checksum suffix is not trivial. */
export function makeId(prefix: string, n?: number): string {
  const next = n ?? (idCounters.get(prefix) ?? 0) + 1;
  idCounters.set(prefix, next);
  return to18(`${prefix}Xk${String(next).padStart(10, '0')}`);
}

const audit: SoqlField[] = [
  { name: 'Id', type: 'id' },
  { name: 'IsDeleted', type: 'boolean' },
  { name: 'CreatedDate', type: 'datetime' },
  { name: 'SystemModstamp', type: 'datetime' },
];

export const schema: SoqlObject[] = [
  {
    name: 'User',
    fields: [
      ...audit,
      { name: 'Name', type: 'string' },
      { name: 'Email', type: 'email' },
      { name: 'IsActive', type: 'boolean' },
    ],
    childRelationships: [],
  },
  {
    name: 'Account',
    fields: [
      ...audit,
      { name: 'Name', type: 'string' },
      { name: 'Type', type: 'picklist' },
      { name: 'Industry', type: 'picklist' },
      { name: 'AnnualRevenue', type: 'currency' },
      { name: 'NumberOfEmployees', type: 'int' },
      { name: 'OwnerId', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' },
      { name: 'LastActivityDate', type: 'date' },
      { name: 'Description', type: 'textarea' },
      { name: 'Partner_Tier__c', type: 'picklist' },
      { name: 'Regions__c', type: 'multipicklist' },
    ],
    childRelationships: [
      { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
    ],
  },
  {
    name: 'Opportunity',
    fields: [
      ...audit,
      { name: 'Name', type: 'string' },
      { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
      { name: 'OwnerId', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' },
      { name: 'StageName', type: 'picklist' },
      { name: 'Amount', type: 'currency' },
      { name: 'Probability', type: 'percent' },
      { name: 'CloseDate', type: 'date' },
      { name: 'IsClosed', type: 'boolean' },
      {
        name: 'Partner_Account__c',
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'Partner_Account__r',
      },
    ],
    childRelationships: [
      { relationshipName: 'Co_Sell_Splits__r', childSObject: 'Co_Sell_Split__c', field: 'Opportunity__c' },
    ],
  },
  {
    name: 'Co_Sell_Split__c',
    fields: [
      ...audit,
      { name: 'Name', type: 'string' },
      {
        name: 'Opportunity__c',
        type: 'reference',
        referenceTo: ['Opportunity'],
        relationshipName: 'Opportunity__r',
      },
      { name: 'Partner__c', type: 'reference', referenceTo: ['Account'], relationshipName: 'Partner__r' },
      { name: 'Split_Percent__c', type: 'percent' },
      { name: 'Amount__c', type: 'currency' },
      {
        name: 'Related__c',
        type: 'reference',
        referenceTo: ['Account', 'User'],
        relationshipName: 'Related__r',
      },
    ],
    childRelationships: [],
  },
];

export class MemorySource implements SoqlDataSource {
  private readonly objects = new Map<string, SoqlObject>();
  private readonly rows = new Map<string, SoqlRow[]>();
  private readonly ids = new Map<string, Map<string, SoqlRow>>();
  byIdCalls = 0;
  scans = 0;

  constructor(objects: readonly SoqlObject[]) {
    for (const o of objects) {
      this.objects.set(o.name.toLowerCase(), o);
      this.rows.set(o.name, []);
      this.ids.set(o.name, new Map());
    }
  }

  insert(objectName: string, row: Record<string, unknown>): SoqlRow {
    const object = this.object(objectName);
    if (object === undefined) throw new Error(`no ${objectName}`);
    const full: Record<string, unknown> = {};
    for (const f of object.fields) full[f.name] = null;
    full['IsDeleted'] = false;
    Object.assign(full, row);
    this.rows.get(object.name)?.push(full);
    this.ids.get(object.name)?.set(String(full['Id']), full);
    return full;
  }

  object(name: string): SoqlObject | undefined {
    return this.objects.get(name.toLowerCase());
  }

  records(objectName: string): Iterable<SoqlRow> {
    this.scans++;
    return this.rows.get(objectName) ?? [];
  }

  byId(objectName: string, id: string): SoqlRow | undefined {
    this.byIdCalls++;
    return this.ids.get(objectName)?.get(id);
  }
}

/** Named fixture rows; tests refer to them by key (A1, O3, …). */
export const ID: Record<string, string> = {};

function dt(s: string): string {
  return `${s}.000+0000`;
}

export function buildFixture(): MemorySource {
  const src = new MemorySource(schema);
  const add = (key: string, type: string, prefix: string, n: number, row: Record<string, unknown>) => {
    ID[key] = makeId(prefix, n);
    src.insert(type, { Id: ID[key], ...row });
  };
  add('U1', 'User', '005', 1, {
    Name: 'Alice Admin',
    Email: 'alice@example.com',
    IsActive: true,
    CreatedDate: dt('2023-01-01T00:00:00'),
    SystemModstamp: dt('2024-05-01T10:00:00'),
  });
  add('U2', 'User', '005', 2, {
    Name: 'Bob Builder',
    Email: 'bob@example.com',
    IsActive: false,
    CreatedDate: dt('2023-02-01T00:00:00'),
    SystemModstamp: dt('2024-05-02T10:00:00'),
  });
  const account = (key: string, n: number, row: Record<string, unknown>) =>
    add(key, 'Account', '001', n, row);
  account('A1', 1, {
    Name: 'Acme Corp',
    Type: 'Partner',
    Industry: 'Technology',
    AnnualRevenue: 5_000_000,
    NumberOfEmployees: 250,
    OwnerId: ID['U1'],
    LastActivityDate: '2024-05-14',
    Partner_Tier__c: 'Gold',
    Regions__c: 'EMEA;NA',
    Description: 'Our first partner',
    CreatedDate: dt('2024-01-15T09:30:00'),
    SystemModstamp: dt('2024-05-15T08:00:00'),
  });
  account('A2', 2, {
    Name: 'Globex',
    Type: 'Customer',
    Industry: 'Manufacturing',
    AnnualRevenue: 1_200_000,
    NumberOfEmployees: 80,
    OwnerId: ID['U2'],
    LastActivityDate: '2024-05-13',
    Regions__c: 'APAC',
    CreatedDate: dt('2024-03-02T14:00:00'),
    SystemModstamp: dt('2024-05-10T00:00:00'),
  });
  account('A3', 3, {
    Name: "O'Brien & Sons",
    Type: 'Partner',
    OwnerId: ID['U1'],
    LastActivityDate: '2024-04-30',
    Partner_Tier__c: 'Silver',
    CreatedDate: dt('2023-12-31T23:59:59'),
    SystemModstamp: dt('2024-05-12T09:00:00'),
  });
  account('A4', 4, {
    Name: 'acme labs',
    Type: 'Prospect',
    Industry: 'Technology',
    AnnualRevenue: 300_000.5,
    NumberOfEmployees: 12,
    LastActivityDate: '2024-05-20',
    Partner_Tier__c: 'Bronze',
    Regions__c: 'NA;LATAM',
    CreatedDate: dt('2024-05-15T00:00:00'),
    SystemModstamp: dt('2024-05-15T11:00:00'),
  });
  account('A5', 5, {
    Name: '100% Organic_Foods',
    Type: 'Customer',
    Industry: 'Food',
    AnnualRevenue: -50,
    NumberOfEmployees: 3,
    OwnerId: ID['U2'],
    LastActivityDate: '2023-11-02',
    Regions__c: 'LATAM;EMEA;APAC',
    Description: 'Line one\nLine two',
    CreatedDate: dt('2023-06-30T12:00:00'),
    SystemModstamp: dt('2024-04-01T00:00:00'),
  });
  account('A6', 6, {
    Name: 'Deleted Dynamics',
    Type: 'Partner',
    IsDeleted: true,
    CreatedDate: dt('2024-02-01T00:00:00'),
    SystemModstamp: dt('2024-05-14T00:00:00'),
  });
  account('A7', 7, {
    Name: 'Back\\slash Ltd',
    Type: 'Other',
    Description: 'It\'s "quoted"',
    CreatedDate: dt('2024-05-14T23:30:00'),
    SystemModstamp: dt('2024-05-14T23:30:00'),
  });
  const opp = (key: string, n: number, row: Record<string, unknown>) =>
    add(key, 'Opportunity', '006', n, row);
  opp('O1', 1, {
    Name: 'Acme - Big Deal',
    AccountId: ID['A1'],
    OwnerId: ID['U1'],
    StageName: 'Prospecting',
    Amount: 100_000,
    Probability: 10,
    CloseDate: '2024-06-30',
    IsClosed: false,
    Partner_Account__c: ID['A3'],
    CreatedDate: dt('2024-05-01T10:00:00'),
    SystemModstamp: dt('2024-05-15T09:00:00'),
  });
  opp('O2', 2, {
    Name: 'Acme - Renewal',
    AccountId: ID['A1'],
    OwnerId: ID['U2'],
    StageName: 'Closed Won',
    Amount: 50_000,
    Probability: 100,
    CloseDate: '2024-04-15',
    IsClosed: true,
    CreatedDate: dt('2024-02-01T10:00:00'),
    SystemModstamp: dt('2024-04-15T17:00:00'),
  });
  opp('O3', 3, {
    Name: 'Globex Expansion',
    AccountId: ID['A2'],
    OwnerId: ID['U1'],
    StageName: 'Negotiation',
    Amount: 75_000.5,
    Probability: 60,
    CloseDate: '2024-05-20',
    IsClosed: false,
    Partner_Account__c: ID['A3'],
    CreatedDate: dt('2024-03-10T08:00:00'),
    SystemModstamp: dt('2024-05-14T12:00:00'),
  });
  opp('O4', 4, {
    Name: 'Orphan Deal',
    OwnerId: ID['U2'],
    StageName: 'Prospecting',
    CloseDate: '2024-07-01',
    IsClosed: false,
    CreatedDate: dt('2024-05-13T00:00:00'),
    SystemModstamp: dt('2024-05-13T00:00:00'),
  });
  opp('O5', 5, {
    Name: 'Acme Labs Pilot',
    AccountId: ID['A4'],
    OwnerId: ID['U1'],
    StageName: 'Closed Lost',
    Amount: 2000,
    Probability: 0,
    CloseDate: '2024-03-31',
    IsClosed: true,
    CreatedDate: dt('2024-01-05T00:00:00'),
    SystemModstamp: dt('2024-04-01T00:00:00'),
  });
  opp('O6', 6, {
    Name: 'Deleted Opp',
    AccountId: ID['A2'],
    OwnerId: ID['U1'],
    StageName: 'Prospecting',
    Amount: 999,
    CloseDate: '2024-05-15',
    IsClosed: false,
    IsDeleted: true,
    CreatedDate: dt('2024-05-01T00:00:00'),
    SystemModstamp: dt('2024-05-14T00:00:00'),
  });
  opp('O7', 7, {
    Name: 'Organic Q3',
    AccountId: ID['A5'],
    OwnerId: ID['U2'],
    StageName: 'Closed Won',
    Amount: 30_000,
    Probability: 100,
    CloseDate: '2024-05-15',
    IsClosed: true,
    CreatedDate: dt('2024-04-20T00:00:00'),
    SystemModstamp: dt('2024-05-15T10:00:00'),
  });
  opp('O8', 8, {
    Name: 'Acme - Services',
    AccountId: ID['A1'],
    OwnerId: ID['U1'],
    StageName: 'Qualification',
    Amount: 25_000,
    Probability: 20,
    CloseDate: '2024-05-16',
    IsClosed: false,
    CreatedDate: dt('2024-05-14T18:00:00'),
    SystemModstamp: dt('2024-05-15T10:00:00'),
  });
  const split = (key: string, n: number, row: Record<string, unknown>) =>
    add(key, 'Co_Sell_Split__c', 'a0X', n, row);
  split('S1', 1, {
    Name: 'S-1',
    Opportunity__c: ID['O1'],
    Partner__c: ID['A3'],
    Split_Percent__c: 40,
    Amount__c: 40_000,
    Related__c: ID['A3'],
    CreatedDate: dt('2024-05-02T00:00:00'),
    SystemModstamp: dt('2024-05-02T00:00:00'),
  });
  split('S2', 2, {
    Name: 'S-2',
    Opportunity__c: ID['O1'],
    Partner__c: ID['A1'],
    Split_Percent__c: 60,
    Amount__c: 60_000,
    Related__c: ID['U1'],
    CreatedDate: dt('2024-05-02T00:00:00'),
    SystemModstamp: dt('2024-05-03T00:00:00'),
  });
  split('S3', 3, {
    Name: 'S-3',
    Opportunity__c: ID['O3'],
    Partner__c: ID['A3'],
    Split_Percent__c: 100,
    Amount__c: 75_000.5,
    CreatedDate: dt('2024-05-04T00:00:00'),
    SystemModstamp: dt('2024-05-04T00:00:00'),
  });
  split('S4', 4, {
    Name: 'S-4',
    Opportunity__c: ID['O1'],
    Partner__c: ID['A2'],
    Split_Percent__c: 5,
    IsDeleted: true,
    CreatedDate: dt('2024-05-05T00:00:00'),
    SystemModstamp: dt('2024-05-05T00:00:00'),
  });
  split('S5', 5, {
    Name: 'S-5',
    Opportunity__c: ID['O7'],
    Partner__c: ID['A5'],
    Split_Percent__c: 50,
    Amount__c: 15_000,
    CreatedDate: dt('2024-05-06T00:00:00'),
    SystemModstamp: dt('2024-05-06T00:00:00'),
  });
  return src;
}
