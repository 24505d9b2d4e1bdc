// Bulk API 2.0 against the local org, through jsforce's bulk2 client where it works and through its
// HttpApi (with the response headers) where it does not: multi-page query results, which jsforce's
// QueryJobV2 pipes into one stream and crashes on (jsforce#1546, #1693).
import { expect } from 'chai';
import { Connection } from '@jsforce/jsforce-node';
import { HttpApi } from '@jsforce/jsforce-node/lib/http-api.js';
import { parse } from 'csv-parse/sync';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { localOnly, rejection } from './helpers.js';
import { deploySource, ensureComponentBundle, FORCE_APP, sfConnection } from './support-deploy.js';

type Row = Record<string, string>;
const POLL = { pollInterval: 10, pollTimeout: 10_000 };

/** A GET through jsforce's HttpApi, keeping the response headers jsforce's own bulk client needs. */
async function getWithHeaders(
  conn: Connection,
  url: string,
): Promise<{ body: string; headers: Record<string, string> }> {
  const api = new HttpApi(conn, { responseType: 'text/plain' });
  let headers: Record<string, string> = {};
  api.on('response', (res: { headers: Record<string, string> }) => {
    headers = res.headers;
  });
  const body = (await api.request({
    method: 'GET',
    url: conn.instanceUrl + url,
    headers: { Accept: 'text/csv' },
  })) as unknown as string;
  return { body, headers };
}

localOnly('local org: Bulk API 2.0', function () {
  this.timeout(60_000);
  let org: LocalOrg;
  let conn: Connection;
  let partnerId: string;
  const base = '/services/data/v63.0/jobs';

  before(async () => {
    ensureComponentBundle();
    org = await startLocalOrg();
    const deployed = await deploySource(await sfConnection(org), FORCE_APP);
    expect(deployed.result.response.status).to.equal('Succeeded');
    conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '63.0' });
    partnerId = (await conn.sobject('Account').create({ Name: 'Bulk Partner', Partner_Type__c: 'Reseller' }))
      .id!;
  });
  after(async () => {
    await org.stop();
  });

  it('inserts through an ingest job: good rows saved, bad rows failed with the REST error, 8 API calls', async () => {
    const before = org.core.metrics.snapshot(0).callsByClass['bulk-ingest'] ?? 0;
    const csv =
      'Name,Partner_Type__c,Partner_Certifications__c\nAlpha,Reseller,3\n,MSP,1\nGamma,Wizard,2\nDelta,#N/A,\n';
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: csv,
      ...POLL,
    });
    const ok = results.successfulResults as unknown as Row[];
    const failed = results.failedResults as unknown as Row[];
    expect(ok.map((r) => r['Name'])).to.deep.equal(['Alpha', 'Delta']);
    expect(ok.every((r) => r['sf__Created'] === 'true' && /^001/.test(r['sf__Id']!))).to.equal(true);
    expect(failed.map((r) => r['sf__Error'])).to.deep.equal([
      'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Partner Type: bad value for restricted picklist field: Wizard:Partner_Type__c --',
    ]);
    expect(failed[0]).to.include({ sf__Id: '', Partner_Type__c: 'MSP' });
    expect(results.unprocessedRecords).to.deep.equal([]);
    const alpha = await conn.query<Row>(
      "SELECT Partner_Certifications__c, Partner_Type__c FROM Account WHERE Name = 'Alpha'",
    );
    expect(alpha.records[0]).to.include({ Partner_Certifications__c: 3, Partner_Type__c: 'Reseller' });
    // open + upload + close + 2 polls (InProgress, JobComplete) + 3 result files
    expect((org.core.metrics.snapshot(0).callsByClass['bulk-ingest'] ?? 0) - before).to.equal(8);
  });

  it('upserts on an external id: creates, then updates, with relationship columns, #N/A and blanks', async () => {
    const first = [
      'External_Id__c,Partner_Account__c,Customer_Name__c,Customer_Domain__c,Estimated_Amount__c',
      `B-1,${partnerId},Acme,acme.com,1000`,
      `B-2,${partnerId},Globex,globex.com,2500.5`,
      `B-3,,Initech,initech.com,10`,
      `B-4,${partnerId},Umbrella,umbrella.com,lots`,
    ].join('\n');
    const r1 = await conn.bulk2.loadAndWaitForResults({
      object: 'Deal_Registration__c',
      operation: 'upsert',
      externalIdFieldName: 'External_Id__c',
      input: first,
      ...POLL,
    });
    expect(
      (r1.successfulResults as unknown as Row[]).map((r) => [r['External_Id__c'], r['sf__Created']]),
    ).to.deep.equal([
      ['B-1', 'true'],
      ['B-2', 'true'],
    ]);
    const errors = (r1.failedResults as unknown as Row[]).map((r) => [
      r['External_Id__c'],
      r['sf__Error']!.split(':')[0],
    ]);
    expect(errors).to.deep.equal([
      ['B-3', 'REQUIRED_FIELD_MISSING'],
      ['B-4', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
    ]);
    const second = [
      'External_Id__c,Customer_Name__c,Customer_Domain__c,Conflict_With__r.External_Id__c',
      'B-1,,#N/A,B-2',
    ].join('\n');
    const r2 = await conn.bulk2.loadAndWaitForResults({
      object: 'Deal_Registration__c',
      operation: 'upsert',
      externalIdFieldName: 'External_Id__c',
      input: second,
      ...POLL,
    });
    const updated = (r2.successfulResults as unknown as Row[])[0]!;
    expect(updated['sf__Created']).to.equal('false');
    const rows = await conn.query<Record<string, unknown>>(
      "SELECT Customer_Name__c, Customer_Domain__c, Conflict_With__r.External_Id__c, Estimated_Amount__c FROM Deal_Registration__c WHERE External_Id__c = 'B-1'",
    );
    expect(rows.totalSize).to.equal(1);
    const b1 = rows.records[0]!;
    expect(b1['Customer_Name__c']).to.equal('Acme');
    expect(b1['Customer_Domain__c']).to.equal(null);
    expect((b1['Conflict_With__r'] as Record<string, unknown>)['External_Id__c']).to.equal('B-2');
    expect(b1['Estimated_Amount__c']).to.equal(1000);
  });

  it('fails the whole job for an unknown column, and refuses bad job definitions', async () => {
    const err = await rejection(() =>
      conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'insert',
        input: 'Name,Nope__c\nX,1\n',
        ...POLL,
      }),
    );
    expect(err.message).to.contain('InvalidBatch : Field name not found : Nope__c');
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name = 'X'")).totalSize).to.equal(0);
    const unknown = await rejection(() =>
      conn.requestPost(`${base}/ingest`, { object: 'Nope__c', operation: 'insert' }),
    );
    expect(unknown.errorCode).to.equal('INVALIDJOB');
    const noKey = await rejection(() =>
      conn.requestPost(`${base}/ingest`, { object: 'Account', operation: 'upsert' }),
    );
    expect(noKey.message).to.contain('External ID was blank');
    const notExternal = await rejection(() =>
      conn.requestPost(`${base}/ingest`, {
        object: 'Account',
        operation: 'upsert',
        externalIdFieldName: 'Name',
      }),
    );
    expect(notExternal.errorCode).to.equal('INVALIDJOB');
  });

  it('moves a job Open → UploadComplete → InProgress → JobComplete as it is polled, and aborts cleanly', async () => {
    const info = await conn.requestPost<{ id: string; state: string }>(`${base}/ingest`, {
      object: 'Account',
      operation: 'insert',
      lineEnding: 'CRLF',
      columnDelimiter: 'SEMICOLON',
    });
    expect(info.state).to.equal('Open');
    await conn.request({
      method: 'PUT',
      url: `${base}/ingest/${info.id}/batches`,
      body: 'Name;Partner_Certifications__c\r\nPolled One;4\r\nPolled Two;5\r\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    const closed = await conn.requestPatch<{ state: string }>(`${base}/ingest/${info.id}`, {
      state: 'UploadComplete',
    });
    expect(closed.state).to.equal('UploadComplete');
    const states: string[] = [];
    for (let i = 0; i < 3; i++)
      states.push((await conn.requestGet<{ state: string }>(`${base}/ingest/${info.id}`)).state);
    expect(states).to.deep.equal(['InProgress', 'JobComplete', 'JobComplete']);
    const done = await conn.requestGet<{ numberRecordsProcessed: number; numberRecordsFailed: number }>(
      `${base}/ingest/${info.id}`,
    );
    expect(done).to.include({ numberRecordsProcessed: 2, numberRecordsFailed: 0 });
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Polled%'")).totalSize).to.equal(2);

    const aborted = await conn.requestPost<{ id: string }>(`${base}/ingest`, {
      object: 'Account',
      operation: 'insert',
    });
    await conn.request({
      method: 'PUT',
      url: `${base}/ingest/${aborted.id}/batches`,
      body: 'Name\nNever One\nNever Two\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    await conn.requestPatch(`${base}/ingest/${aborted.id}`, { state: 'UploadComplete' });
    expect(
      (await conn.requestPatch<{ state: string }>(`${base}/ingest/${aborted.id}`, { state: 'Aborted' }))
        .state,
    ).to.equal('Aborted');
    const unprocessed = await getWithHeaders(conn, `${base}/ingest/${aborted.id}/unprocessedrecords`);
    expect(parse(unprocessed.body, { columns: true })).to.deep.equal([
      { Name: 'Never One' },
      { Name: 'Never Two' },
    ]);
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Never%'")).totalSize).to.equal(0);
  });

  it('deletes and hard-deletes by Id', async () => {
    const ids = (
      await conn.sobject('Account').create([{ Name: 'Gone 1' }, { Name: 'Gone 2' }, { Name: 'Gone 3' }])
    ).map((r) => r.id!);
    const del = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'delete',
      input: `Id\n${ids[0]}\n${ids[1]}\n001000000000000AAA\n`,
      ...POLL,
    });
    expect((del.successfulResults as unknown as Row[]).map((r) => r['sf__Id'])).to.deep.equal([
      ids[0],
      ids[1],
    ]);
    expect((del.failedResults as unknown as Row[])[0]!['sf__Error']).to.match(
      /^INVALID_CROSS_REFERENCE_KEY:/,
    );
    await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'hardDelete',
      input: `Id\n${ids[2]}\n`,
      ...POLL,
    });
    const all = await conn.query<{ Name: string; IsDeleted: boolean }>(
      "SELECT Name, IsDeleted FROM Account WHERE Name LIKE 'Gone%' ORDER BY Name",
      { scanAll: true },
    );
    expect(all.records.map((r) => [r.Name, r.IsDeleted])).to.deep.equal([
      ['Gone 1', true],
      ['Gone 2', true],
    ]);
  });

  it('answers a query job through jsforce bulk2.query on one page', async () => {
    const records = (await (
      await conn.bulk2.query(
        "SELECT Id, External_Id__c, Partner_Account__r.Name, Estimated_Amount__c, CreatedDate FROM Deal_Registration__c WHERE External_Id__c LIKE 'B-%' ORDER BY External_Id__c",
        POLL,
      )
    ).toArray()) as unknown as Row[];
    expect(records.map((r) => r['External_Id__c'])).to.deep.equal(['B-1', 'B-2']);
    expect(records[0]).to.include({ 'Partner_Account__r.Name': 'Bulk Partner', Estimated_Amount__c: '1000' });
    expect(records[0]!['CreatedDate']).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it('pages query results with Sforce-Locator until "null" (read by hand: jsforce cannot)', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `Paged ${String(i).padStart(2, '0')}`);
    await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: `Name\n${rows.join('\n')}\n`,
      ...POLL,
    });
    const job = await conn.requestPost<{ id: string; state: string }>(`${base}/query`, {
      operation: 'query',
      query: "SELECT Name FROM Account WHERE Name LIKE 'Paged%' ORDER BY Name",
    });
    expect(job.state).to.equal('UploadComplete');
    let state = job.state;
    while (state !== 'JobComplete')
      state = (await conn.requestGet<{ state: string }>(`${base}/query/${job.id}`)).state;
    const names: string[] = [];
    const pages: string[] = [];
    let locator = '';
    for (;;) {
      const { body, headers } = await getWithHeaders(
        conn,
        `${base}/query/${job.id}/results?maxRecords=10${locator ? `&locator=${locator}` : ''}`,
      );
      const page = parse(body, { columns: true }) as Row[];
      expect(headers['sforce-numberofrecords']).to.equal(String(page.length));
      names.push(...page.map((r) => r['Name']!));
      pages.push(headers['sforce-locator']!);
      if (headers['sforce-locator'] === 'null') break;
      locator = headers['sforce-locator']!;
    }
    expect(pages).to.have.length(3);
    expect(names).to.deep.equal(rows);
    expect(
      (await conn.requestGet<{ numberRecordsProcessed: number }>(`${base}/query/${job.id}`))
        .numberRecordsProcessed,
    ).to.equal(25);
    await conn.requestDelete(`${base}/query/${job.id}`);
    expect((await rejection(() => conn.requestGet(`${base}/query/${job.id}`))).errorCode).to.equal(
      'NOT_FOUND',
    );
  });

  it('rejects queries Bulk 2.0 cannot export and SOQL errors at job creation', async () => {
    const sub = await rejection(() =>
      conn.requestPost(`${base}/query`, { query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }),
    );
    expect(sub.message).to.contain('subqueries');
    const agg = await rejection(() =>
      conn.requestPost(`${base}/query`, { query: 'SELECT COUNT() FROM Account' }),
    );
    expect(agg.message).to.contain('not supported');
    const field = await rejection(() =>
      conn.requestPost(`${base}/query`, { query: 'SELECT Nope__c FROM Account' }),
    );
    expect(field.errorCode).to.equal('INVALID_FIELD');
  });

  it('sees deleted rows only through queryAll', async () => {
    const count = async (operation: string): Promise<number> => {
      const job = await conn.requestPost<{ id: string }>(`${base}/query`, {
        operation,
        query: "SELECT Id FROM Account WHERE Name LIKE 'Gone%'",
      });
      let state = '';
      while (state !== 'JobComplete')
        state = (await conn.requestGet<{ state: string }>(`${base}/query/${job.id}`)).state;
      const { headers } = await getWithHeaders(conn, `${base}/query/${job.id}/results`);
      return Number(headers['sforce-numberofrecords']);
    };
    expect(await count('query')).to.equal(0);
    expect(await count('queryAll')).to.equal(2);
  });
});
