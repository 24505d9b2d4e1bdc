import { expect } from 'chai';
import { executeSoql, SoqlError } from './index.js';
import { ID, NOW, buildFixture } from './test-fixture.js';

const src = buildFixture();
const KEY_OF = new Map(Object.entries(ID).map(([k, v]) => [v, k]));
const V = '63.0';
const opts = (includeDeleted = false) => ({ now: NOW, includeDeleted, apiVersion: V });
const id = (key: string) => ID[key] as string;
const id15 = (key: string) => id(key).slice(0, 15);
const attrs = (type: string, key: string) => ({
  type,
  url: `/services/data/v${V}/sobjects/${type}/${id(key)}`,
});
const agg = (fields: Record<string, unknown>) => ({ attributes: { type: 'AggregateResult' }, ...fields });

interface Case {
  q: string;
  /** Expected rows by fixture key, in order (`Id` must be selected). */
  ids?: string[];
  /** Expected `Name` values, in order. */
  names?: string[];
  records?: unknown[];
  total?: number;
  error?: [code: string, detail: string | RegExp];
  all?: boolean;
}

const accounts = (where: string, ids: string[]): Case => ({
  q: `SELECT Id FROM Account WHERE ${where}`,
  ids,
});
const opps = (where: string, ids: string[]): Case => ({
  q: `SELECT Id FROM Opportunity WHERE ${where}`,
  ids,
});
const err = (q: string, code: string, detail: string | RegExp): Case => ({ q, error: [code, detail] });

const noColumn = (f: string, e: string) =>
  `No such column '${f}' on entity '${e}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

const cases: Case[] = [
  // --- field lists and visibility
  { q: 'SELECT Id FROM Account', ids: ['A1', 'A2', 'A3', 'A4', 'A5', 'A7'] },
  { q: 'SELECT Id FROM Account', ids: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'], all: true },
  { q: 'select id from account where isdeleted = true', ids: [] },
  { q: 'SELECT Id FROM Account WHERE IsDeleted = true', ids: ['A6'], all: true },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsDeleted = false',
    ids: ['O1', 'O2', 'O3', 'O4', 'O5', 'O7', 'O8'],
    all: true,
  },
  {
    q: `SELECT name, ACCOUNT.name FROM opportunity WHERE Id = '${id('O1')}'`,
    records: [
      {
        attributes: attrs('Opportunity', 'O1'),
        Name: 'Acme - Big Deal',
        Account: { attributes: attrs('Account', 'A1'), Name: 'Acme Corp' },
      },
    ],
  },
  {
    q: `SELECT Id, Name, Account.Name, Account.Owner.Name FROM Opportunity WHERE Id = '${id('O4')}'`,
    records: [{ attributes: attrs('Opportunity', 'O4'), Id: id('O4'), Name: 'Orphan Deal', Account: null }],
  },
  {
    q: `SELECT Account.Name, Name, Account.Owner.Name, Account.Industry FROM Opportunity WHERE Id = '${id('O3')}'`,
    records: [
      {
        attributes: attrs('Opportunity', 'O3'),
        Account: {
          attributes: attrs('Account', 'A2'),
          Name: 'Globex',
          Owner: { attributes: attrs('User', 'U2'), Name: 'Bob Builder' },
          Industry: 'Manufacturing',
        },
        Name: 'Globex Expansion',
      },
    ],
  },
  {
    q: `SELECT Name, Account.Owner.Name FROM Account WHERE Id = '${id('A4')}'`,
    error: ['INVALID_FIELD', /Didn't understand relationship 'Account' in field path/],
  },
  {
    q: `SELECT Name, Owner.Name, Amount, CloseDate, IsClosed, Probability, CreatedDate FROM Opportunity WHERE Id = '${id('O4')}'`,
    records: [
      {
        attributes: attrs('Opportunity', 'O4'),
        Name: 'Orphan Deal',
        Owner: { attributes: attrs('User', 'U2'), Name: 'Bob Builder' },
        Amount: null,
        CloseDate: '2024-07-01',
        IsClosed: false,
        Probability: null,
        CreatedDate: '2024-05-13T00:00:00.000+0000',
      },
    ],
  },
  {
    q: 'SELECT Name, Related__r.Name FROM Co_Sell_Split__c ORDER BY Name',
    records: [
      {
        attributes: attrs('Co_Sell_Split__c', 'S1'),
        Name: 'S-1',
        Related__r: { attributes: attrs('Account', 'A3'), Name: "O'Brien & Sons" },
      },
      {
        attributes: attrs('Co_Sell_Split__c', 'S2'),
        Name: 'S-2',
        Related__r: { attributes: attrs('User', 'U1'), Name: 'Alice Admin' },
      },
      { attributes: attrs('Co_Sell_Split__c', 'S3'), Name: 'S-3', Related__r: null },
      { attributes: attrs('Co_Sell_Split__c', 'S5'), Name: 'S-5', Related__r: null },
    ],
  },
  {
    q: `SELECT Name, Opportunity__r.Account.Name FROM Co_Sell_Split__c WHERE Id = '${id('S3')}'`,
    records: [
      {
        attributes: attrs('Co_Sell_Split__c', 'S3'),
        Name: 'S-3',
        Opportunity__r: {
          attributes: attrs('Opportunity', 'O3'),
          Account: { attributes: attrs('Account', 'A2'), Name: 'Globex' },
        },
      },
    ],
  },
  {
    q: `SELECT a.Name FROM Account a WHERE a.Name = 'Globex'`,
    records: [{ attributes: attrs('Account', 'A2'), Name: 'Globex' }],
  },
  {
    q: `SELECT toLabel(StageName) FROM Opportunity WHERE Id = '${id('O2')}'`,
    records: [{ attributes: attrs('Opportunity', 'O2'), StageName: 'Closed Won' }],
  },
  {
    q: `SELECT FIELDS(STANDARD) FROM User WHERE Id = '${id('U1')}'`,
    records: [
      {
        attributes: attrs('User', 'U1'),
        Id: id('U1'),
        IsDeleted: false,
        CreatedDate: '2023-01-01T00:00:00.000+0000',
        SystemModstamp: '2024-05-01T10:00:00.000+0000',
        Name: 'Alice Admin',
        Email: 'alice@example.com',
        IsActive: true,
      },
    ],
  },
  {
    q: `SELECT FIELDS(CUSTOM) FROM Co_Sell_Split__c WHERE Id = '${id('S3')}' LIMIT 1`,
    records: [
      {
        attributes: attrs('Co_Sell_Split__c', 'S3'),
        Opportunity__c: id('O3'),
        Partner__c: id('A3'),
        Split_Percent__c: 100,
        Amount__c: 75_000.5,
        Related__c: null,
      },
    ],
  },
  err(
    'SELECT FIELDS(ALL) FROM Account',
    'MALFORMED_QUERY',
    'The SOQL FIELDS function must have a LIMIT of at most 200',
  ),

  // --- child subqueries
  {
    q: `SELECT Name, (SELECT Name FROM Co_Sell_Splits__r ORDER BY Name) FROM Opportunity WHERE Id IN ('${id('O1')}', '${id('O2')}') ORDER BY Name DESC`,
    records: [
      { attributes: attrs('Opportunity', 'O2'), Name: 'Acme - Renewal', Co_Sell_Splits__r: null },
      {
        attributes: attrs('Opportunity', 'O1'),
        Name: 'Acme - Big Deal',
        Co_Sell_Splits__r: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: attrs('Co_Sell_Split__c', 'S1'), Name: 'S-1' },
            { attributes: attrs('Co_Sell_Split__c', 'S2'), Name: 'S-2' },
          ],
        },
      },
    ],
  },
  {
    q: `SELECT Id, (SELECT Name, Partner__r.Name FROM co_sell_splits__r WHERE Split_Percent__c > 50) FROM Opportunity WHERE Id = '${id('O1')}'`,
    records: [
      {
        attributes: attrs('Opportunity', 'O1'),
        Id: id('O1'),
        Co_Sell_Splits__r: {
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: attrs('Co_Sell_Split__c', 'S2'),
              Name: 'S-2',
              Partner__r: { attributes: attrs('Account', 'A1'), Name: 'Acme Corp' },
            },
          ],
        },
      },
    ],
  },
  {
    q: `SELECT Id, (SELECT Name FROM Co_Sell_Splits__r ORDER BY Split_Percent__c DESC LIMIT 1) FROM Opportunity WHERE Id = '${id('O1')}'`,
    records: [
      {
        attributes: attrs('Opportunity', 'O1'),
        Id: id('O1'),
        Co_Sell_Splits__r: {
          totalSize: 1,
          done: true,
          records: [{ attributes: attrs('Co_Sell_Split__c', 'S2'), Name: 'S-2' }],
        },
      },
    ],
  },
  {
    q: `SELECT Id, (SELECT Name FROM Co_Sell_Splits__r ORDER BY Name) FROM Opportunity WHERE Id = '${id('O1')}'`,
    all: true,
    records: [
      {
        attributes: attrs('Opportunity', 'O1'),
        Id: id('O1'),
        Co_Sell_Splits__r: {
          totalSize: 3,
          done: true,
          records: ['S1', 'S2', 'S4'].map((k) => ({
            attributes: attrs('Co_Sell_Split__c', k),
            Name: `S-${k.slice(1)}`,
          })),
        },
      },
    ],
  },
  {
    q: `SELECT Name, (SELECT Name FROM Opportunities ORDER BY Name) FROM Account WHERE Name LIKE 'acme%' ORDER BY Name`,
    records: [
      {
        attributes: attrs('Account', 'A1'),
        Name: 'Acme Corp',
        Opportunities: {
          totalSize: 3,
          done: true,
          records: [
            { attributes: attrs('Opportunity', 'O1'), Name: 'Acme - Big Deal' },
            { attributes: attrs('Opportunity', 'O2'), Name: 'Acme - Renewal' },
            { attributes: attrs('Opportunity', 'O8'), Name: 'Acme - Services' },
          ],
        },
      },
      {
        attributes: attrs('Account', 'A4'),
        Name: 'acme labs',
        Opportunities: {
          totalSize: 1,
          done: true,
          records: [{ attributes: attrs('Opportunity', 'O5'), Name: 'Acme Labs Pilot' }],
        },
      },
    ],
  },
  err(
    'SELECT Id, (SELECT Id FROM Splits__r) FROM Opportunity',
    'INVALID_TYPE',
    /^Didn't understand relationship 'Splits__r' in FROM part of query call/,
  ),
  err(
    'SELECT Id, (SELECT Nope__c FROM Co_Sell_Splits__r) FROM Opportunity',
    'INVALID_FIELD',
    noColumn('Nope__c', 'Co_Sell_Split__c'),
  ),

  // --- text comparison, escapes, injection
  accounts("Name = 'ACME CORP'", ['A1']),
  accounts("Name = 'Acme'", []),
  accounts("Name != 'Acme Corp'", ['A2', 'A3', 'A4', 'A5', 'A7']),
  accounts("Name <> 'Acme Corp'", ['A2', 'A3', 'A4', 'A5', 'A7']),
  accounts("Name = 'O\\'Brien & Sons'", ['A3']),
  accounts("Name = 'Back\\\\slash Ltd'", ['A7']),
  accounts("Description = 'Line one\\nLine two'", ['A5']),
  accounts("Description = 'It\\'s \\\"quoted\\\"'", ['A7']),
  accounts("Name = 'x\\' OR Name != \\''", []),
  accounts("Name = '100% Organic_Foods'", ['A5']),
  accounts("Name IN ('globex', 'ACME LABS')", ['A2', 'A4']),
  accounts("Name NOT IN ('Globex')", ['A1', 'A3', 'A4', 'A5', 'A7']),
  accounts('Industry = null', ['A3', 'A7']),
  accounts('Industry != null', ['A1', 'A2', 'A4', 'A5']),
  accounts("Industry NOT IN ('Technology')", ['A2', 'A3', 'A5', 'A7']),
  accounts("Industry IN ('Food', null)", ['A3', 'A5', 'A7']),
  accounts("Name > 'b'", ['A2', 'A3', 'A7']),
  accounts("Name <= 'ACME CORP'", ['A1', 'A5']),
  accounts("Type = 'partner'", ['A1', 'A3']),
  err("SELECT Id FROM Account WHERE Email = 'x'", 'INVALID_FIELD', noColumn('Email', 'Account')),
  { q: "SELECT Id FROM User WHERE Email = 'ALICE@example.com'", ids: ['U1'] },
  err("SELECT Id FROM Account WHERE Name = 'bad\\q'", 'MALFORMED_QUERY', /Illegal character sequence '\\q'/),

  // --- LIKE
  accounts("Name LIKE 'acme%'", ['A1', 'A4']),
  accounts("Name LIKE '%CORP'", ['A1']),
  accounts("Name LIKE '%\\%%'", ['A5']),
  accounts("Name LIKE '100\\% Organic\\_%'", ['A5']),
  accounts("Name LIKE '100\\_%'", []),
  accounts("Name LIKE '_lobex'", ['A2']),
  accounts("Name LIKE 'O\\'%'", ['A3']),
  accounts("Name LIKE '%\\\\%'", ['A7']),
  accounts("Name LIKE 'acme'", []),
  accounts("Description LIKE '%one%two'", ['A5']),
  accounts("NOT Name LIKE 'acme%'", ['A2', 'A3', 'A5', 'A7']),
  err("SELECT Id FROM Account WHERE AnnualRevenue LIKE '5%'", 'INVALID_FIELD', /LIKE/),

  // --- numbers, booleans
  accounts('AnnualRevenue > 1000000', ['A1', 'A2']),
  accounts('AnnualRevenue < 0', ['A5']),
  accounts('AnnualRevenue = 300000.5', ['A4']),
  accounts('AnnualRevenue >= -50', ['A1', 'A2', 'A4', 'A5']),
  accounts('AnnualRevenue > -50.5 AND AnnualRevenue < -49.5', ['A5']),
  accounts('AnnualRevenue = USD5000000', ['A1']),
  accounts('NumberOfEmployees IN (3, 12)', ['A4', 'A5']),
  accounts('NumberOfEmployees <= 80', ['A2', 'A4', 'A5']),
  accounts('AnnualRevenue = null', ['A3', 'A7']),
  accounts('AnnualRevenue != null AND NumberOfEmployees > 100', ['A1']),
  opps('Amount > 50000', ['O1', 'O3']),
  opps('Probability = 100', ['O2', 'O7']),
  opps('IsClosed = true', ['O2', 'O5', 'O7']),
  opps('IsClosed = FALSE', ['O1', 'O3', 'O4', 'O8']),
  opps('IsClosed != true', ['O1', 'O3', 'O4', 'O8']),

  // --- multi-select picklists
  accounts("Regions__c INCLUDES ('NA')", ['A1', 'A4']),
  accounts("Regions__c INCLUDES ('na;emea', 'APAC')", ['A1', 'A2', 'A5']),
  accounts("Regions__c INCLUDES ('NA;APAC')", []),
  accounts("Regions__c EXCLUDES ('APAC')", ['A1', 'A4']),
  accounts("Regions__c = 'NA;EMEA'", ['A1']),
  accounts('Regions__c = null', ['A3', 'A7']),
  err("SELECT Id FROM Account WHERE Type INCLUDES ('Partner')", 'INVALID_FIELD', /multipicklist/),

  // --- ids
  accounts(`Id = '${id('A1')}'`, ['A1']),
  accounts(`Id = '${id15('A1')}'`, ['A1']),
  accounts(`Id = '${id15('A1').toLowerCase()}'`, []),
  accounts(`Id IN ('${id15('A2')}', '${id('A5')}', '${id('A6')}')`, ['A2', 'A5']),
  { q: `SELECT Id FROM Account WHERE Id IN ('${id15('A2')}', '${id('A6')}')`, ids: ['A2', 'A6'], all: true },
  accounts(`Id != '${id('A1')}' AND Type = 'Partner'`, ['A3']),
  opps(`AccountId = '${id15('A1')}'`, ['O1', 'O2', 'O8']),
  opps(`AccountId IN ('${id('A1')}', '${id('A2')}')`, ['O1', 'O2', 'O3', 'O8']),
  opps('AccountId = null', ['O4']),
  opps(`Partner_Account__c = '${id('A3')}' AND AccountId != '${id('A1')}'`, ['O3']),
  err("SELECT Id FROM Account WHERE Id = 'foo'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: foo'),
  err(
    "SELECT Id FROM Opportunity WHERE AccountId IN ('001000000000001', 'nope')",
    'INVALID_QUERY_FILTER_OPERATOR',
    'invalid ID field: nope',
  ),

  // --- dates (now = Wednesday 2024-05-15 12:00 UTC)
  opps('CloseDate = TODAY', ['O7']),
  opps('CloseDate = TOMORROW', ['O8']),
  opps('CloseDate = YESTERDAY', []),
  opps('CloseDate = THIS_WEEK', ['O7', 'O8']),
  opps('CloseDate = NEXT_WEEK', ['O3']),
  opps('CloseDate = LAST_WEEK', []),
  opps('CloseDate = LAST_MONTH', ['O2']),
  opps('CloseDate = NEXT_MONTH', ['O1']),
  opps('CloseDate = THIS_QUARTER', ['O1', 'O2', 'O3', 'O7', 'O8']),
  opps('CloseDate = LAST_QUARTER', ['O5']),
  opps('CloseDate = NEXT_QUARTER', ['O4']),
  opps('CloseDate = THIS_FISCAL_QUARTER', ['O1', 'O2', 'O3', 'O7', 'O8']),
  opps('CloseDate = THIS_YEAR', ['O1', 'O2', 'O3', 'O4', 'O5', 'O7', 'O8']),
  opps('CloseDate = LAST_YEAR', []),
  opps('CloseDate < THIS_MONTH', ['O2', 'O5']),
  opps('CloseDate <= THIS_MONTH', ['O2', 'O3', 'O5', 'O7', 'O8']),
  opps('CloseDate > THIS_MONTH', ['O1', 'O4']),
  opps('CloseDate >= THIS_MONTH', ['O1', 'O3', 'O4', 'O7', 'O8']),
  opps('CloseDate != THIS_MONTH', ['O1', 'O2', 'O4', 'O5']),
  opps('CloseDate = NEXT_N_DAYS:7', ['O3', 'O8']),
  opps('CloseDate = LAST_N_DAYS:60', ['O2', 'O5', 'O7']),
  opps('CloseDate = N_DAYS_AGO:30', ['O2']),
  opps('CloseDate = LAST_N_MONTHS:2', ['O2', 'O5']),
  opps('CloseDate = NEXT_N_MONTHS:2', ['O1', 'O4']),
  opps('CloseDate = LAST_90_DAYS', ['O2', 'O5', 'O7']),
  opps('CloseDate = NEXT_90_DAYS', ['O1', 'O3', 'O4', 'O8']),
  opps('CloseDate = NEXT_N_WEEKS:1', ['O3']),
  opps('CloseDate IN (TODAY, 2024-07-01)', ['O4', 'O7']),
  opps('CloseDate = 2024-05-20', ['O3']),
  opps('CloseDate > 2024-05-15', ['O1', 'O3', 'O4', 'O8']),
  accounts('CreatedDate = TODAY', ['A4']),
  accounts('CreatedDate = YESTERDAY', ['A7']),
  accounts('CreatedDate = LAST_N_DAYS:1', ['A4', 'A7']),
  accounts('CreatedDate = THIS_YEAR', ['A1', 'A2', 'A4', 'A7']),
  accounts('CreatedDate < 2024-01-01T00:00:00Z', ['A3', 'A5']),
  accounts('CreatedDate < 2024-01-01T01:00:00+01:00', ['A3', 'A5']),
  accounts('CreatedDate = 2023-12-31T23:59:59.000+0000', ['A3']),
  accounts('CreatedDate > 2024-05-14T20:00:00-04:00', []),
  accounts('CreatedDate >= 2024-05-14T20:00:00-04:00', ['A4']),
  accounts('LastActivityDate = LAST_N_DAYS:2', ['A1', 'A2']),
  err(
    "SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-01'",
    'INVALID_FIELD',
    "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Opportunity WHERE CloseDate = 2024-01-01T00:00:00Z',
    'INVALID_FIELD',
    "value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Account WHERE CreatedDate > 2024-01-01',
    'INVALID_FIELD',
    "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
  ),
  err(
    "SELECT Id FROM Opportunity WHERE Amount = '5'",
    'INVALID_FIELD',
    "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Opportunity WHERE Name = 5',
    'INVALID_FIELD',
    "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
  ),
  err(
    "SELECT Id FROM Opportunity WHERE IsClosed = 'true'",
    'INVALID_FIELD',
    "value of filter criterion for field 'IsClosed' must be of type boolean and should not be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Opportunity WHERE Name = TODAY',
    'INVALID_FIELD',
    "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Opportunity WHERE Amount = TRUE',
    'INVALID_FIELD',
    "value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
  ),
  err(
    'SELECT Id FROM Opportunity WHERE AccountId = 5',
    'INVALID_FIELD',
    "value of filter criterion for field 'AccountId' must be of type id and should be enclosed in quotes",
  ),

  // --- logic
  accounts("NOT Name = 'Globex'", ['A1', 'A3', 'A4', 'A5', 'A7']),
  accounts("NOT (Type = 'Partner' OR Type = 'Customer')", ['A4', 'A7']),
  accounts("(Type = 'Partner' OR Type = 'Customer') AND Industry != null", ['A1', 'A2', 'A5']),
  accounts("Type = 'Partner' OR (Type = 'Customer' AND AnnualRevenue > 0)", ['A1', 'A2', 'A3']),
  accounts("((Type = 'Partner'))", ['A1', 'A3']),
  accounts("NOT (NOT Type = 'Partner')", ['A1', 'A3']),
  accounts("(NOT Type = 'Partner') AND Industry = 'Technology'", ['A4']),
  accounts("Type = 'Partner' AND NOT Name LIKE 'acme%'", ['A3']),
  accounts("Type = 'Customer' AND (Name = 'Globex' OR (Industry = 'Food' AND NumberOfEmployees < 5))", [
    'A2',
    'A5',
  ]),
  accounts(
    "((Type = 'Partner' OR Type = 'Prospect') AND (Industry = 'Technology' OR Industry = null)) OR Name = 'Globex'",
    ['A1', 'A2', 'A3', 'A4'],
  ),
  accounts("Name = 'Globex' OR Name = 'acme labs' OR Name = 'nope'", ['A2', 'A4']),
  err(
    "SELECT Id FROM Account WHERE NOT (NOT (NOT (Name = 'a')))",
    'MALFORMED_QUERY',
    /three or more consecutive NOT/,
  ),
  accounts("Name NOT IN ('Globex') AND NOT (NOT (Type = 'Partner'))", ['A1', 'A3']),
  err(
    "SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Name = 'c'",
    'MALFORMED_QUERY',
    'unexpected token: OR',
  ),
  err(
    "SELECT Id FROM Account WHERE Name = 'a' OR Type = 'b' AND Name = 'c'",
    'MALFORMED_QUERY',
    'unexpected token: AND',
  ),

  // --- relationship paths in WHERE
  opps("Account.Name = 'acme corp'", ['O1', 'O2', 'O8']),
  opps("Account.Owner.Name = 'Bob Builder'", ['O3', 'O7']),
  opps('Account.Name = null', ['O4']),
  opps("Partner_Account__r.Partner_Tier__c = 'Silver'", ['O1', 'O3']),
  opps('Owner.IsActive = false', ['O2', 'O4', 'O7']),
  { q: "SELECT Id FROM Co_Sell_Split__c WHERE Opportunity__r.Account.Name LIKE 'Acme%'", ids: ['S1', 'S2'] },
  err(
    "SELECT Id FROM Opportunity WHERE Acount.Name = 'x'",
    'INVALID_FIELD',
    /^Didn't understand relationship 'Acount' in field path/,
  ),
  err(
    "SELECT Id FROM Opportunity WHERE Name.Foo = 'x'",
    'INVALID_FIELD',
    /^Didn't understand relationship 'Name' in field path/,
  ),
  err("SELECT Id FROM Opportunity WHERE Account.Nam = 'x'", 'INVALID_FIELD', noColumn('Nam', 'Account')),

  // --- semi-joins
  accounts('Id IN (SELECT AccountId FROM Opportunity WHERE IsClosed = true)', ['A1', 'A4', 'A5']),
  accounts('Id NOT IN (SELECT AccountId FROM Opportunity)', ['A3', 'A7']),
  opps('Id IN (SELECT Opportunity__c FROM Co_Sell_Split__c WHERE Split_Percent__c >= 50)', [
    'O1',
    'O3',
    'O7',
  ]),
  err('SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Opportunity)', 'MALFORMED_QUERY', /semi join/),

  // --- ORDER BY, LIMIT, OFFSET
  { q: 'SELECT Id FROM Account ORDER BY Name', ids: ['A5', 'A1', 'A4', 'A7', 'A2', 'A3'] },
  { q: 'SELECT Id FROM Account ORDER BY Name DESC', ids: ['A3', 'A2', 'A7', 'A4', 'A1', 'A5'] },
  { q: 'SELECT Id FROM Account ORDER BY AnnualRevenue', ids: ['A3', 'A7', 'A5', 'A4', 'A2', 'A1'] },
  { q: 'SELECT Id FROM Account ORDER BY AnnualRevenue DESC', ids: ['A1', 'A2', 'A4', 'A5', 'A3', 'A7'] },
  {
    q: 'SELECT Id FROM Account ORDER BY AnnualRevenue ASC NULLS LAST',
    ids: ['A5', 'A4', 'A2', 'A1', 'A3', 'A7'],
  },
  {
    q: 'SELECT Id FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST',
    ids: ['A3', 'A7', 'A1', 'A2', 'A4', 'A5'],
  },
  { q: 'SELECT Id FROM Account ORDER BY Type, Name', ids: ['A5', 'A2', 'A7', 'A1', 'A3', 'A4'] },
  { q: 'SELECT Id FROM Account ORDER BY Type DESC, Name ASC', ids: ['A4', 'A1', 'A3', 'A7', 'A5', 'A2'] },
  { q: 'SELECT Id FROM Account ORDER BY LastActivityDate DESC', ids: ['A4', 'A1', 'A2', 'A3', 'A5', 'A7'] },
  { q: 'SELECT Id FROM Account ORDER BY Owner.Name, Name', ids: ['A4', 'A7', 'A1', 'A3', 'A5', 'A2'] },
  {
    q: 'SELECT Id FROM Opportunity ORDER BY Account.Name NULLS LAST, Amount DESC',
    ids: ['O7', 'O1', 'O2', 'O8', 'O5', 'O3', 'O4'],
  },
  { q: 'SELECT Id FROM Opportunity ORDER BY CloseDate DESC LIMIT 2', ids: ['O4', 'O1'] },
  { q: 'SELECT Id FROM Opportunity ORDER BY CloseDate LIMIT 2 OFFSET 1', ids: ['O2', 'O7'] },
  {
    q: 'SELECT Id FROM Opportunity ORDER BY SystemModstamp, Id',
    ids: ['O5', 'O2', 'O4', 'O3', 'O1', 'O7', 'O8'],
  },
  { q: 'SELECT Id FROM Opportunity ORDER BY SystemModstamp DESC, Id DESC LIMIT 3', ids: ['O8', 'O7', 'O1'] },
  {
    q: 'SELECT Id FROM Opportunity ORDER BY IsClosed, Name',
    ids: ['O1', 'O8', 'O3', 'O4', 'O2', 'O5', 'O7'],
  },
  {
    q: 'SELECT Id FROM Account WHERE SystemModstamp > 2024-05-14T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 2000',
    ids: ['A7', 'A1', 'A4'],
  },
  { q: 'SELECT Id FROM Account LIMIT 2 OFFSET 2', ids: ['A3', 'A4'] },
  { q: 'SELECT Id FROM Account LIMIT 0', ids: [] },
  { q: 'SELECT Id FROM Account ORDER BY Name OFFSET 5', ids: ['A3'] },
  err('SELECT Id FROM Account ORDER BY Nope', 'INVALID_FIELD', noColumn('Nope', 'Account')),

  // --- COUNT() and aggregates
  { q: 'SELECT COUNT() FROM Opportunity', total: 7, records: [] },
  { q: 'SELECT COUNT() FROM Opportunity', total: 8, records: [], all: true },
  { q: 'SELECT COUNT() FROM Opportunity WHERE IsClosed = true', total: 3, records: [] },
  { q: 'SELECT COUNT() FROM Opportunity LIMIT 2', total: 2, records: [] },
  { q: `SELECT COUNT() FROM Account WHERE Id = '${id('A6')}'`, total: 0, records: [] },
  { q: 'SELECT COUNT(Id) FROM Account', records: [agg({ expr0: 6 })] },
  {
    q: 'SELECT COUNT(Industry) n, COUNT_DISTINCT(Industry) FROM Account',
    records: [agg({ n: 4, expr0: 3 })],
  },
  {
    q: 'SELECT SUM(Amount), AVG(Amount), MIN(Amount), MAX(Amount) FROM Opportunity',
    records: [agg({ expr0: 282_000.5, expr1: 282_000.5 / 6, expr2: 2000, expr3: 100_000 })],
  },
  {
    q: 'SELECT MIN(CloseDate) earliest, MAX(CreatedDate) FROM Opportunity',
    records: [agg({ earliest: '2024-03-31', expr0: '2024-05-14T18:00:00.000+0000' })],
  },
  {
    q: "SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Name = 'none'",
    records: [agg({ expr0: 0, expr1: null })],
  },
  {
    q: 'SELECT StageName, COUNT(Id) cnt FROM Opportunity GROUP BY StageName ORDER BY StageName',
    records: [
      agg({ StageName: 'Closed Lost', cnt: 1 }),
      agg({ StageName: 'Closed Won', cnt: 2 }),
      agg({ StageName: 'Negotiation', cnt: 1 }),
      agg({ StageName: 'Prospecting', cnt: 2 }),
      agg({ StageName: 'Qualification', cnt: 1 }),
    ],
  },
  {
    q: 'SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName HAVING COUNT(Id) > 1 ORDER BY StageName DESC',
    records: [agg({ StageName: 'Prospecting', expr0: 2 }), agg({ StageName: 'Closed Won', expr0: 2 })],
  },
  {
    q: "SELECT StageName, SUM(Amount) FROM Opportunity GROUP BY StageName HAVING StageName = 'Prospecting'",
    records: [agg({ StageName: 'Prospecting', expr0: 100_000 })],
  },
  {
    q: 'SELECT Account.Name, SUM(Amount) total FROM Opportunity WHERE AccountId != null GROUP BY Account.Name ORDER BY SUM(Amount) DESC LIMIT 3',
    records: [
      agg({ Name: 'Acme Corp', total: 175_000 }),
      agg({ Name: 'Globex', total: 75_000.5 }),
      agg({ Name: '100% Organic_Foods', total: 30_000 }),
    ],
  },
  {
    q: 'SELECT IsClosed, COUNT(Id) FROM Opportunity GROUP BY IsClosed ORDER BY IsClosed',
    records: [agg({ IsClosed: false, expr0: 4 }), agg({ IsClosed: true, expr0: 3 })],
  },
  {
    q: 'SELECT Type, MAX(AnnualRevenue) FROM Account GROUP BY Type ORDER BY MAX(AnnualRevenue) DESC NULLS LAST',
    records: [
      agg({ Type: 'Partner', expr0: 5_000_000 }),
      agg({ Type: 'Customer', expr0: 1_200_000 }),
      agg({ Type: 'Prospect', expr0: 300_000.5 }),
      agg({ Type: 'Other', expr0: null }),
    ],
  },
  err(
    'SELECT Name, COUNT(Id) FROM Account GROUP BY Type',
    'MALFORMED_QUERY',
    'Field must be grouped or aggregated: Name',
  ),
  err(
    'SELECT SUM(Name) FROM Account',
    'MALFORMED_QUERY',
    'field Name does not support aggregate operator SUM',
  ),

  // --- bad input
  err('SELECT Id FORM Account', 'MALFORMED_QUERY', 'unexpected token: Account'),
  err('SELECT Id FROM Account WHERE', 'MALFORMED_QUERY', 'unexpected token: <EOF>'),
  err('SELECT FROM Account', 'MALFORMED_QUERY', 'unexpected token: FROM'),
  err("SELECT Id FROM Account WHERE (Name = 'a'", 'MALFORMED_QUERY', /^unexpected token/),
  err('SELECT Id FROM Account LIMIT 5 LIMIT 6', 'MALFORMED_QUERY', 'unexpected token: LIMIT'),
  err('SELECT Id FROM Account WHERE Name = "a"', 'MALFORMED_QUERY', /^unexpected token/),
  err('', 'MALFORMED_QUERY', /^unexpected token/),
  err(
    'SELECT Id FROM Foo',
    'INVALID_TYPE',
    "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
  ),
  err('SELECT Id, Nam FROM Account', 'INVALID_FIELD', noColumn('Nam', 'Account')),
  err("SELECT Id FROM Account WHERE Foo__c = 'x'", 'INVALID_FIELD', noColumn('Foo__c', 'Account')),
  err('SELECT Account FROM Opportunity', 'INVALID_FIELD', noColumn('Account', 'Opportunity')),
  err('SELECT Id, Name, name FROM Account', 'MALFORMED_QUERY', 'duplicate field selected: name'),
  err('SELECT Name n FROM Account', 'MALFORMED_QUERY', 'Only aggregate expressions use field aliasing'),
];

describe('executeSoql golden table', () => {
  it('has a table of at least 120 queries', () => {
    expect(cases.length).to.be.at.least(120);
  });

  for (const c of cases) {
    it(`${c.all === true ? '[queryAll] ' : ''}${c.q}`, () => {
      if (c.error !== undefined) {
        const [code, detail] = c.error;
        let thrown: unknown;
        try {
          executeSoql(c.q, src, opts(c.all));
        } catch (e) {
          thrown = e;
        }
        expect(thrown, 'expected an error').to.be.instanceOf(SoqlError);
        const e = thrown as SoqlError;
        expect(e.errorCode).to.equal(code);
        if (typeof detail === 'string') expect(e.detail).to.equal(detail);
        else expect(e.detail).to.match(detail);
        expect(e.message.endsWith(e.detail)).to.equal(true);
        return;
      }
      const result = executeSoql(c.q, src, opts(c.all));
      if (c.ids !== undefined) {
        expect(result.records.map((r) => KEY_OF.get(String(r['Id'])) ?? r['Id'])).to.deep.equal(c.ids);
        expect(result.totalSize).to.equal(c.ids.length);
      }
      if (c.names !== undefined) expect(result.records.map((r) => r['Name'])).to.deep.equal(c.names);
      if (c.records !== undefined) expect(result.records).to.deep.equal(c.records);
      if (c.total !== undefined) expect(result.totalSize).to.equal(c.total);
      else expect(result.totalSize).to.equal(result.records.length);
    });
  }
});
