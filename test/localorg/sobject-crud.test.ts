// Single-record REST through real jsforce: create, retrieve, update, delete, upsert, and the errors
// Salesforce gives for bad data. The first suite runs against PRM_CONFORMANCE_ORG when set.
import { expect } from 'chai';
import { checksum } from '../../src/localorg/ids.js';
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

conformance('single-record sObject REST', () => {
  let t: ConformanceOrg;

  beforeEach(async () => {
    t = await startConformanceOrg();
  });
  // t is unset when the org could not be reached; the beforeEach failure says why.
  afterEach(() => t?.stop());

  it('creates a record with an 18-character Id carrying the key prefix and a valid checksum', async () => {
    const res = await t.conn.sobject('Account').create({ Name: t.name('Acme') });
    expect(res.success).to.equal(true);
    const id = (res as { id: string }).id;
    expect(id).to.have.length(18);
    expect(id.slice(0, 3)).to.equal('001');
    expect(id.slice(15)).to.equal(checksum(id.slice(0, 15)));
  });

  it('retrieves every field with system fields filled in, and accepts the 15-character Id', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Acme'), Industry: 'Banking' })) as { id: string };
    const rec = await t.conn.sobject('Account').retrieve(id.slice(0, 15));
    expect(rec.Id).to.equal(id);
    expect(rec['Name']).to.equal(t.name('Acme'));
    expect(rec['Industry']).to.equal('Banking');
    expect(rec['Website']).to.equal(null);
    expect(rec['IsDeleted']).to.equal(false);
    expect(rec['OwnerId']).to.equal((await t.conn.identity()).user_id);
    expect(rec['CreatedDate']).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
    expect(rec.attributes).to.deep.equal({ type: 'Account', url: `/services/data/v63.0/sobjects/Account/${id}` });
  });

  it('retrieves only the fields asked for', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Acme') })) as { id: string };
    const rec = await t.conn.sobject('Account').retrieve(id, { fields: ['Name'] });
    expect(Object.keys(rec).sort()).to.deep.equal(['Name', 'attributes']);
  });

  it('deletes to the recycle bin: retrieve then says ENTITY_IS_DELETED, a second delete too', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Gone') })) as { id: string };
    const res = await t.conn.sobject('Account').destroy(id);
    expect(res).to.deep.equal({ id, success: true, errors: [] });
    const err = await rejection(() => t.conn.sobject('Account').retrieve(id));
    expect(err.errorCode).to.equal('ENTITY_IS_DELETED');
    const again = await rejection(() => t.conn.sobject('Account').destroy(id));
    expect(again.errorCode).to.equal('ENTITY_IS_DELETED');
  });

  it('answers NOT_FOUND for an unknown Id and an unknown object', async () => {
    const missing = '001' + '5g0ZZZZZZZZZ';
    const err = await rejection(() => t.conn.sobject('Account').retrieve(missing + checksum(missing)));
    expect(err.errorCode).to.equal('NOT_FOUND');
    const raw = await t.call('POST', '/services/data/v63.0/sobjects/Nope__c', { Name: t.name('x') });
    expect(raw.status).to.equal(404);
    expect(raw.body).to.deep.equal([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('rejects a record without its required fields: REQUIRED_FIELD_MISSING naming them', async () => {
    const err = await rejection(() => t.conn.sobject('Opportunity').create({ Name: t.name('Deal') }));
    expect(err.errorCode).to.equal('REQUIRED_FIELD_MISSING');
    expect(err.message).to.equal('Required fields are missing: [StageName, CloseDate]');
    const raw = await t.call('POST', '/services/data/v63.0/sobjects/Account', {});
    expect(raw.status).to.equal(400);
    expect(raw.body).to.deep.equal([
      { message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] },
    ]);
  });

  it('rejects an unknown field: INVALID_FIELD', async () => {
    const err = await rejection(() => t.conn.sobject('Account').create({ Name: t.name('A'), Bogus__c: 1 }));
    expect(err.errorCode).to.equal('INVALID_FIELD');
    expect(err.message).to.contain("No such column 'Bogus__c' on sobject of type Account");
  });

  it('rejects a lookup to the wrong kind of record: FIELD_INTEGRITY_EXCEPTION', async () => {
    const { id: contactId } = (await t.conn.sobject('Contact').create({ LastName: t.name('Smith') })) as { id: string };
    const err = await rejection(() =>
      t.conn.sobject('Opportunity').create({
        Name: t.name('D'),
        StageName: 'Prospecting', CloseDate: '2026-01-01',
        AccountId: contactId,
      }),
    );
    expect(err.errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
  });

  it('rejects a lookup to a deleted record: ENTITY_IS_DELETED', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: t.name('Gone') })) as { id: string };
    await t.conn.sobject('Account').destroy(id);
    const err = await rejection(() => t.conn.sobject('Contact').create({ LastName: t.name('S'), AccountId: id }));
    expect(err.errorCode).to.equal('ENTITY_IS_DELETED');
  });

  it('rejects writing a read-only field: INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const err = await rejection(() => t.conn.sobject('Account').create({ Name: t.name('A'), CreatedDate: '2020-01-01T00:00:00Z' }));
    expect(err.errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('derives Opportunity IsClosed/IsWon/Probability from the stage', async () => {
    const { id } = (await t.conn
      .sobject('Opportunity')
      .create({ Name: t.name('D'), StageName: 'Closed Won', CloseDate: '2026-03-01', Amount: 1000 })) as { id: string };
    const rec = await t.conn.sobject('Opportunity').retrieve(id);
    expect(rec['IsClosed']).to.equal(true);
    expect(rec['IsWon']).to.equal(true);
    expect(rec['Probability']).to.equal(100);
  });

  it('answers JSON_PARSER_ERROR to a malformed body and a wrongly typed value', async () => {
    const bad = await t.call('POST', '/services/data/v63.0/sobjects/Account', '{"Name": ');
    expect(bad.status).to.equal(400);
    expect((bad.body as { errorCode: string }[])[0]!.errorCode).to.equal('JSON_PARSER_ERROR');
    const typed = await t.call('POST', '/services/data/v63.0/sobjects/Account', { Name: t.name('A'), NumberOfEmployees: 'many' });
    expect((typed.body as { errorCode: string }[])[0]!.errorCode).to.equal('JSON_PARSER_ERROR');
  });
});

localOnly('local org: single-record sObject REST', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
    defineWidget(t.org.core);
  });
  afterEach(() => t.org.stop());

  it('gives a custom object record an Id carrying the key prefix it was defined with', async () => {
    const widget = (await t.conn.sobject('Widget__c').create({ Name: 'W' })) as { id: string };
    expect(widget.id.slice(0, 3)).to.equal(t.org.core.schema.object('Widget__c')!.keyPrefix);
  });

  it('updates a record and moves LastModifiedDate with the org clock', async () => {
    await t.control('POST', 'clock', { set: '2026-01-01T00:00:00Z', frozen: true });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Acme' })) as { id: string };
    await t.control('POST', 'clock', { advanceMs: 60_000 });
    const res = await t.conn.sobject('Account').update({ Id: id, Name: 'Acme 2' });
    expect(res).to.deep.equal({ id, success: true, errors: [] });
    const rec = await t.conn.sobject('Account').retrieve(id);
    expect(rec['Name']).to.equal('Acme 2');
    expect(rec['CreatedDate']).to.equal('2026-01-01T00:00:00.000+0000');
    expect(rec['LastModifiedDate']).to.equal('2026-01-01T00:01:00.000+0000');
    expect(rec['SystemModstamp']).to.equal('2026-01-01T00:01:00.000+0000');
  });

  it('answers 412 to a PATCH with If-Unmodified-Since older than the last change, and applies a current one', async () => {
    await t.control('POST', 'clock', { set: '2026-01-01T10:00:00Z', frozen: true });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Acme' })) as { id: string };
    const stale = await t.call('PATCH', `/services/data/v63.0/sobjects/Account/${id}`, { Name: 'X' }, {
      'If-Unmodified-Since': new Date('2026-01-01T09:00:00Z').toUTCString(),
    });
    expect(stale.status).to.equal(412);
    expect((stale.body as { errorCode: string }[])[0]!.errorCode).to.equal('PRECONDITION_FAILED');
    const fresh = await t.call('PATCH', `/services/data/v63.0/sobjects/Account/${id}`, { Name: 'Y' }, {
      'If-Unmodified-Since': new Date('2026-01-01T10:00:00Z').toUTCString(),
    });
    expect(fresh.status).to.equal(204);
    expect((await t.conn.sobject('Account').retrieve(id))['Name']).to.equal('Y');
  });

  it('rejects a duplicate unique value: DUPLICATE_VALUE naming the existing record', async () => {
    const { id } = (await t.conn.sobject('Widget__c').create({ Name: 'A', Ext_Id__c: 'W-1' })) as { id: string };
    const err = await rejection(() => t.conn.sobject('Widget__c').create({ Name: 'B', Ext_Id__c: 'w-1' }));
    expect(err.errorCode).to.equal('DUPLICATE_VALUE');
    expect(err.message).to.equal(`duplicate value found: Ext_Id__c duplicates value on record with id: ${id}`);
  });

  it('rejects a value longer than the field: STRING_TOO_LONG', async () => {
    const err = await rejection(() => t.conn.sobject('Widget__c').create({ Name: 'W', Code__c: 'x'.repeat(11) }));
    expect(err.errorCode).to.equal('STRING_TOO_LONG');
    expect(err.message).to.contain('max length=10');
  });

  it('upserts by external id: 201 created, then 200 updated', async () => {
    const created = await t.call('PATCH', '/services/data/v63.0/sobjects/Widget__c/Ext_Id__c/W-9', { Name: 'First' });
    expect(created.status).to.equal(201);
    const body = created.body as { id: string; created: boolean };
    expect(body.created).to.equal(true);
    const updated = await t.call('PATCH', '/services/data/v63.0/sobjects/Widget__c/Ext_Id__c/W-9', { Name: 'Second' });
    expect(updated.status).to.equal(200);
    expect(updated.body).to.deep.equal({ id: body.id, success: true, errors: [], created: false });
    const viaJsforce = await t.conn.sobject('Widget__c').upsert({ Ext_Id__c: 'W-10', Name: 'Third' }, 'Ext_Id__c');
    expect(viaJsforce.success).to.equal(true);
    const rows = await t.conn.query<{ Name: string }>("SELECT Name FROM Widget__c WHERE Ext_Id__c IN ('W-9','W-10') ORDER BY Name");
    expect(rows.records.map((r) => r.Name)).to.deep.equal(['Second', 'Third']);
  });

  it('answers 300 (MULTIPLE_CHOICES in jsforce) when an external id matches several records', async () => {
    const widget = t.org.core.schema.object('Widget__c')!;
    // Two records sharing a non-unique external id field.
    t.org.core.schema.upsertField(widget, { ...t.org.core.schema.field(widget, 'Code__c')!, externalId: true, idLookup: true });
    await t.conn.sobject('Widget__c').create({ Name: 'A', Code__c: 'DUP' });
    await t.conn.sobject('Widget__c').create({ Name: 'B', Code__c: 'DUP' });
    const raw = await t.call('PATCH', '/services/data/v63.0/sobjects/Widget__c/Code__c/DUP', { Name: 'C' });
    expect(raw.status).to.equal(300);
    expect(raw.body).to.have.length(2);
    const err = await rejection(() => t.conn.sobject('Widget__c').upsert({ Code__c: 'DUP', Name: 'C' }, 'Code__c'));
    expect(err.name).to.equal('MULTIPLE_CHOICES');
  });

  it('upsert with updateOnly=true does not create', async () => {
    const raw = await t.call('PATCH', '/services/data/v63.0/sobjects/Widget__c/Ext_Id__c/NEW?updateOnly=true', { Name: 'X' });
    expect(raw.status).to.equal(404);
    expect((await t.conn.query('SELECT Id FROM Widget__c')).totalSize).to.equal(0);
  });
});
