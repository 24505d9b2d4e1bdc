// SOQL over REST (query, queryAll, queryMore paging), describe, and the query errors, through jsforce.
// The first suite runs against PRM_CONFORMANCE_ORG when set.
import { expect } from 'chai';
import {
  conformance,
  defineWidget,
  localOnly,
  rejection,
  startConformanceOrg,
  startTestOrg,
  type ConformanceOrg,
  type TestOrg,
} from './helpers.js';

conformance('query and describe', function () {
  // 2,300 records written and deleted again take a while against a real org.
  this.timeout(300_000);
  let t: ConformanceOrg;

  beforeEach(async () => {
    t = await startConformanceOrg();
  });
  // t is unset when the org could not be reached; the beforeEach failure says why.
  afterEach(() => t?.stop());

  async function insertAccounts(n: number): Promise<void> {
    for (let i = 0; i < n; i += 200) {
      const batch = Array.from({ length: Math.min(200, n - i) }, (_, k) => ({
        Name: t.name(`Acct ${String(i + k).padStart(5, '0')}`),
      }));
      const res = await t.conn.sobject('Account').create(batch);
      expect(res.every((r) => r.success)).to.equal(true);
    }
  }

  it('returns one page of 2000 with a nextRecordsUrl, and queryMore walks the rest', async () => {
    await insertAccounts(2300);
    const first = await t.conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE ${t.mine} ORDER BY Name`);
    expect(first.totalSize).to.equal(2300);
    expect(first.done).to.equal(false);
    expect(first.records).to.have.length(2000);
    // jsforce rewrites nextRecordsUrl to a full URL; the wire form is checked below.
    expect(first.nextRecordsUrl).to.match(/\/services\/data\/v63\.0\/query\/01g[A-Za-z0-9]{15}-2000$/);
    const raw = await t.call('GET', '/services/data/v63.0/query?q=' + encodeURIComponent(`SELECT Id FROM Account WHERE ${t.mine}`));
    expect((raw.body as { nextRecordsUrl: string }).nextRecordsUrl).to.match(
      /^\/services\/data\/v63\.0\/query\/01g[A-Za-z0-9]{15}-2000$/,
    );
    const second = await t.conn.queryMore<{ Name: string }>(first.nextRecordsUrl!);
    expect(second.done).to.equal(true);
    expect(second.records).to.have.length(300);
    expect(second.records[299]!.Name).to.equal(t.name('Acct 02299'));
    expect(second.nextRecordsUrl).to.equal(undefined);
  });

  it('honours Sforce-Query-Options batchSize, and autoFetch gathers every page', async () => {
    await insertAccounts(450);
    const raw = await t.call('GET', '/services/data/v63.0/query?q=' + encodeURIComponent(`SELECT Id FROM Account WHERE ${t.mine}`), undefined, {
      'Sforce-Query-Options': 'batchSize=200',
    });
    const page = raw.body as { records: unknown[]; done: boolean; nextRecordsUrl: string };
    expect(page.records).to.have.length(200);
    expect(page.done).to.equal(false);
    expect(page.nextRecordsUrl).to.match(/-200$/);
    const all = await t.conn.query(`SELECT Id FROM Account WHERE ${t.mine}`, { autoFetch: true, maxFetch: 100_000 });
    expect(all.records).to.have.length(450);
  });

  it('answers INVALID_QUERY_LOCATOR for an unknown cursor', async () => {
    const err = await rejection(() => t.conn.queryMore('01gAAAAAAAAAAAAAAA-2000'));
    expect(err.errorCode).to.equal('INVALID_QUERY_LOCATOR');
  });

  it('queryAll sees deleted rows with IsDeleted = true; query does not', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Gone') })) as { id: string };
    await t.conn.sobject('Account').create({ Name: t.name('Here') });
    await t.conn.sobject('Account').destroy(id);
    const live = await t.conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE ${t.mine}`);
    expect(live.records.map((r) => r.Name)).to.deep.equal([t.name('Here')]);
    const all = await t.conn.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true AND ${t.mine}`, {
      scanAll: true,
    });
    expect(all.records).to.have.length(1);
    expect(all.records[0]!.Id).to.equal(id);
    expect(all.records[0]!.IsDeleted).to.equal(true);
  });

  it('follows parent relationships and child subqueries', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Parent') })) as { id: string };
    await t.conn.sobject('Contact').create({ LastName: t.name('Kid'), AccountId: id });
    const res = await t.conn.query<Record<string, unknown>>(
      `SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE ${t.mine}`,
    );
    const contacts = res.records[0]!['Contacts'] as { totalSize: number; records: { LastName: string }[] };
    expect(contacts.totalSize).to.equal(1);
    expect(contacts.records[0]!.LastName).to.equal(t.name('Kid'));
    const up = await t.conn.query<{ Account: { Name: string } }>(`SELECT Account.Name FROM Contact WHERE ${t.mine}`);
    expect(up.records[0]!.Account.Name).to.equal(t.name('Parent'));
  });

  it('answers MALFORMED_QUERY, INVALID_TYPE and INVALID_FIELD for bad SOQL', async () => {
    expect((await rejection(() => t.conn.query('SELECT Id FORM Account'))).errorCode).to.equal('MALFORMED_QUERY');
    const type = await rejection(() => t.conn.query('SELECT Id FROM Nope__c'));
    expect(type.errorCode).to.equal('INVALID_TYPE');
    const fieldErr = await rejection(() => t.conn.query('SELECT Bogus FROM Account'));
    expect(fieldErr.errorCode).to.equal('INVALID_FIELD');
  });

  it('counts with COUNT() and returns no records', async () => {
    await insertAccounts(3);
    const res = await t.conn.query(`SELECT COUNT() FROM Account WHERE ${t.mine}`);
    expect(res.totalSize).to.equal(3);
    expect(res.records).to.deep.equal([]);
  });

  it('describeGlobal lists the standard objects with their key prefixes and URLs', async () => {
    const global = await t.conn.describeGlobal();
    expect(global.maxBatchSize).to.equal(200);
    const names = global.sobjects.map((s) => s.name);
    expect(names).to.include.members(['Account', 'Contact', 'Opportunity', 'User']);
    const acct = global.sobjects.find((s) => s.name === 'Account')!;
    expect(acct.keyPrefix).to.equal('001');
    expect(acct.urls['describe']).to.equal('/services/data/v63.0/sobjects/Account/describe');
  });

  it('describe answers NOT_FOUND for an unknown object', async () => {
    const err = await rejection(() => t.conn.describe('Nope__c'));
    expect(err.errorCode).to.equal('NOT_FOUND');
  });
});

localOnly('local org: query and describe', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
  });
  afterEach(() => t.org.stop());

  it('describeGlobal lists standard and in-process custom objects', async () => {
    defineWidget(t.org.core);
    const global = await t.conn.describeGlobal();
    expect(global.maxBatchSize).to.equal(200);
    const names = global.sobjects.map((s) => s.name);
    expect(names).to.include.members(['Account', 'Contact', 'Opportunity', 'User', 'Widget__c']);
    const acct = global.sobjects.find((s) => s.name === 'Account')!;
    expect(acct.keyPrefix).to.equal('001');
    expect(acct.urls['describe']).to.equal('/services/data/v63.0/sobjects/Account/describe');
  });

  it('describe gives fields with types, lengths, references and child relationships', async () => {
    defineWidget(t.org.core);
    const d = await t.conn.describe('Widget__c');
    expect(d.custom).to.equal(true);
    const ext = d.fields.find((f) => f.name === 'Ext_Id__c')!;
    expect(ext).to.include({ type: 'string', length: 40, externalId: true, unique: true, idLookup: true });
    const lookup = d.fields.find((f) => f.name === 'Account__c')!;
    expect(lookup.referenceTo).to.deep.equal(['Account']);
    expect(lookup.relationshipName).to.equal('Account__r');
    const acct = await t.conn.describe('Account');
    expect(acct.childRelationships.map((c) => c.relationshipName)).to.include('Widgets__r');
    const err = await rejection(() => t.conn.describe('Nope__c'));
    expect(err.errorCode).to.equal('NOT_FOUND');
  });
});
