// sObject Collections through jsforce's array calls: per-record results in request order, allOrNone
// rollback, the 200-record limit, and retrieve. The first suite runs against PRM_CONFORMANCE_ORG when set.
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

type Result = { id?: string; success: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };

conformance('sObject Collections', () => {
  let t: ConformanceOrg;

  beforeEach(async () => {
    t = await startConformanceOrg();
  });
  // t is unset when the org could not be reached; the beforeEach failure says why.
  afterEach(() => t?.stop());

  const count = async (object: string): Promise<number> =>
    (await t.conn.query(`SELECT Id FROM ${object} WHERE ${t.mine}`)).totalSize;

  it('creates many records in one call, reporting each failure in Salesforce shape', async () => {
    const res = (await t.conn.sobject('Account').create([{ Name: t.name('A') }, {}, { Name: t.name('C') }])) as Result[];
    expect(res[0]!.success).to.equal(true);
    expect(res[1]).to.deep.equal({
      success: false,
      errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }],
    });
    expect(res[2]!.success).to.equal(true);
    expect(await count('Account')).to.equal(2);
  });

  it('allOrNone rolls everything back and marks the innocent records', async () => {
    const err = await t.conn.sobject('Account').create([{ Name: t.name('A') }, { Name: t.name('B') }, {}], {
      allOrNone: true,
    });
    const res = err as Result[];
    expect(res.map((r) => r.success)).to.deep.equal([false, false, false]);
    expect(res[0]!.errors[0]!.statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(res[2]!.errors[0]!.statusCode).to.equal('REQUIRED_FIELD_MISSING');
    expect(await count('Account')).to.equal(0);
  });

  it('updates by lowercase id and reports an unknown Id per record', async () => {
    const [ok] = (await t.conn.sobject('Account').create([{ Name: t.name('A') }])) as Result[];
    const raw = await t.call('PATCH', '/services/data/v63.0/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, id: ok!.id, Name: t.name('A2') },
        { attributes: { type: 'Account' }, Name: t.name('no id') },
      ],
    });
    expect(raw.status).to.equal(200);
    const res = raw.body as Result[];
    expect(res[0]).to.deep.equal({ id: ok!.id, success: true, errors: [] });
    expect(res[1]!.errors[0]!.statusCode).to.equal('MISSING_ARGUMENT');
  });

  it('deletes many, including records of different types, and reports a deleted one', async () => {
    const [a] = (await t.conn.sobject('Account').create([{ Name: t.name('A') }])) as Result[];
    const [c] = (await t.conn.sobject('Contact').create([{ LastName: t.name('C') }])) as Result[];
    await t.conn.sobject('Contact').destroy(c!.id!);
    const raw = await t.call('DELETE', `/services/data/v63.0/composite/sobjects?ids=${a!.id},${c!.id}`);
    const res = raw.body as Result[];
    expect(res[0]).to.deep.equal({ id: a!.id, success: true, errors: [] });
    expect(res[1]!.id).to.equal(c!.id);
    expect(res[1]!.errors[0]!.statusCode).to.equal('ENTITY_IS_DELETED');
    expect(await count('Account')).to.equal(0);
  });

  it('refuses more than 200 records with a request-level error and writes nothing', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ Name: t.name(`A${i}`) }));
    const err = await rejection(() => t.conn.sobject('Account').create(records));
    expect(err.errorCode).to.equal('EXCEEDED_ID_LIMIT');
    expect(await count('Account')).to.equal(0);
  });

  it('fails the whole call for an unknown field (the JSON cannot be read)', async () => {
    const err = await rejection(() =>
      t.conn.sobject('Account').create([{ Name: t.name('A') }, { Name: t.name('B'), Nope: 1 }]),
    );
    expect(err.errorCode).to.equal('INVALID_FIELD');
    expect(await count('Account')).to.equal(0);
  });

  it('retrieves many with null for a missing record', async () => {
    const created = (await t.conn.sobject('Account').create([{ Name: t.name('A') }, { Name: t.name('B') }])) as Result[];
    await t.conn.sobject('Account').destroy(created[1]!.id!);
    const raw = await t.call('POST', '/services/data/v63.0/composite/sobjects/Account', {
      ids: [created[0]!.id, created[1]!.id],
      fields: ['Name'],
    });
    const rows = raw.body as ({ Name: string } | null)[];
    expect(rows[0]!.Name).to.equal(t.name('A'));
    expect(rows[1]).to.equal(null);
    const viaJsforce = await t.conn.sobject('Account').retrieve([created[0]!.id!], { fields: ['Name'] });
    expect(viaJsforce[0]!['Name']).to.equal(t.name('A'));
  });

  it('refuses a create that alternates types into more than 10 chunks, saving nothing', async () => {
    const records = Array.from({ length: 11 }, (_, i) =>
      i % 2 === 0
        ? { attributes: { type: 'Account' }, Name: t.name(`A${i}`) }
        : { attributes: { type: 'Contact' }, LastName: t.name(`C${i}`) },
    );
    const raw = await t.call('POST', '/services/data/v63.0/composite/sobjects', { allOrNone: false, records });
    const res = raw.body as Result[];
    expect(res).to.have.length(11);
    expect(res.every((r) => r.errors[0]!.statusCode === 'EXCEEDED_MAX_TYPES_LIMIT')).to.equal(true);
    expect(await count('Account')).to.equal(0);
    const ten = await t.call('POST', '/services/data/v63.0/composite/sobjects', { records: records.slice(0, 10) });
    expect((ten.body as Result[]).every((r) => r.success)).to.equal(true);
  });
});

localOnly('local org: sObject Collections', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
    defineWidget(t.org.core);
  });
  afterEach(() => t.org.stop());

  it('counts a collection call as one API call', async () => {
    const before = t.conn.limitInfo?.apiUsage?.used ?? 0;
    await t.conn.sobject('Account').create([{ Name: 'A' }, {}, { Name: 'C' }]);
    expect(t.conn.limitInfo?.apiUsage?.used).to.equal(before + 1);
  });

  it('allOrNone rolls back updates too', async () => {
    const created = (await t.conn.sobject('Widget__c').create([
      { Name: 'A', Ext_Id__c: 'A' },
      { Name: 'B', Ext_Id__c: 'B' },
    ])) as Result[];
    const [a, b] = created.map((r) => r.id!);
    const res = (await t.conn.sobject('Widget__c').update(
      [
        { Id: a!, Name: 'A2' },
        { Id: b!, Ext_Id__c: 'A' },
      ],
      { allOrNone: true },
    )) as Result[];
    expect(res[1]!.errors[0]!.statusCode).to.equal('DUPLICATE_VALUE');
    expect(res[0]!.errors[0]!.statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect((await t.conn.sobject('Widget__c').retrieve(a!))['Name']).to.equal('A');
  });

  it('upserts many by external id with created flags', async () => {
    await t.conn.sobject('Widget__c').create({ Name: 'Old', Ext_Id__c: 'X-1' });
    const res = (await t.conn.sobject('Widget__c').upsert(
      [
        { Ext_Id__c: 'X-1', Name: 'Updated' },
        { Ext_Id__c: 'X-2', Name: 'New' },
      ],
      'Ext_Id__c',
    )) as (Result & { created: boolean })[];
    expect(res.map((r) => [r.success, r.created])).to.deep.equal([
      [true, false],
      [true, true],
    ]);
    const rows = await t.conn.query<{ Name: string }>('SELECT Name FROM Widget__c ORDER BY Ext_Id__c');
    expect(rows.records.map((r) => r.Name)).to.deep.equal(['Updated', 'New']);
  });

  it('injected UNABLE_TO_LOCK_ROW fails single records inside a collection', async () => {
    await t.control('PUT', 'faults', { rules: [{ match: { class: 'collections' }, times: 1, action: { type: 'lock' } }] });
    const res = (await t.conn.sobject('Account').create([{ Name: 'A' }, { Name: 'B' }])) as Result[];
    expect(res[0]!.errors[0]!.statusCode).to.equal('UNABLE_TO_LOCK_ROW');
    expect(res[1]!.success).to.equal(true);
  });
});
