// Composite and Composite Batch through jsforce's requestPost: references between subrequests,
// allOrNone rollback, the subrequest limits, and how the calls are counted.
import { expect } from 'chai';
import { defineWidget, rejection, startTestOrg, type TestOrg } from './helpers.js';

type SubResponse = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };
type CompositeResponse = { compositeResponse: SubResponse[] };

const V = '/services/data/v63.0';

describe('local org: composite', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
    defineWidget(t.org.core);
  });
  afterEach(() => t.org.stop());

  const composite = (body: object): Promise<CompositeResponse> => t.conn.requestPost<CompositeResponse>('/composite', body);

  it('resolves @{ref.id} between subrequests and counts as one API call', async () => {
    const before = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'ct', body: { LastName: 'Smith', AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${V}/sobjects/Account/@{acct.id}?fields=Name`, referenceId: 'read' },
        { method: 'GET', url: `${V}/query?q=SELECT+Id,AccountId+FROM+Contact`, referenceId: 'q' },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/@{acct.id}`,
          referenceId: 'upd',
          body: { Description: 'first contact @{q.records[0].Id}' },
        },
      ],
    });
    const [acct, ct, read, q, upd] = res.compositeResponse;
    expect(acct!.httpStatusCode).to.equal(201);
    const acctId = (acct!.body as { id: string }).id;
    expect(acct!.httpHeaders['Location']).to.equal(`${V}/sobjects/Account/${acctId}`);
    expect(ct!.httpStatusCode).to.equal(201);
    expect((read!.body as { Name: string }).Name).to.equal('Acme');
    const rows = (q!.body as { records: { Id: string; AccountId: string }[] }).records;
    expect(rows[0]!.AccountId).to.equal(acctId);
    expect(upd!.httpStatusCode).to.equal(204);
    expect(upd!.body).to.equal(null);
    const saved = await t.conn.sobject('Account').retrieve(acctId);
    expect(saved['Description']).to.equal(`first contact ${(ct!.body as { id: string }).id}`);
    const after = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number }; callsByClass: Record<string, number> };
    // composite + retrieve through jsforce = 2 calls, however many subrequests ran.
    expect(after.apiUsage.used - before.apiUsage.used).to.equal(2);
    expect(after.callsByClass['composite']).to.equal(1);
  });

  it('allOrNone: one failure rolls back the earlier subrequests and halts the rest', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a', body: { Name: 'Kept?' } },
        { method: 'POST', url: `${V}/sobjects/Opportunity`, referenceId: 'bad', body: { Name: 'no stage' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'c', body: { Name: 'Never' } },
      ],
    });
    const codes = res.compositeResponse.map((r) => [r.httpStatusCode, (r.body as { errorCode: string }[])[0]!.errorCode]);
    expect(codes).to.deep.equal([
      [400, 'PROCESSING_HALTED'],
      [400, 'REQUIRED_FIELD_MISSING'],
      [400, 'PROCESSING_HALTED'],
    ]);
    expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(0);
  });

  it('without allOrNone keeps what succeeded; a reference to a failed subrequest halts that one', async () => {
    const res = await composite({
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'dep', body: { LastName: 'X', AccountId: '@{bad.id}' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'ok', body: { Name: 'Fine' } },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).to.deep.equal([400, 400, 201]);
    expect((res.compositeResponse[1]!.body as { errorCode: string }[])[0]!.errorCode).to.equal('PROCESSING_HALTED');
    expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(1);
  });

  it('runs sObject Collections inside a composite, resolving references in their records', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'many',
          body: {
            allOrNone: true,
            records: [
              { attributes: { type: 'Widget__c' }, Name: 'W1', Account__c: '@{acct.id}' },
              { attributes: { type: 'Widget__c' }, Name: 'W2', Account__c: '@{acct.id}' },
            ],
          },
        },
      ],
    });
    const results = res.compositeResponse[1]!.body as { success: boolean }[];
    expect(results.map((r) => r.success)).to.deep.equal([true, true]);
    const rows = await t.conn.query<{ Account__r: { Name: string } }>('SELECT Account__r.Name FROM Widget__c');
    expect(rows.records.map((r) => r.Account__r.Name)).to.deep.equal(['Acme', 'Acme']);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'POST',
      url: `${V}/sobjects/Account`,
      referenceId: `a${i}`,
      body: { Name: `A${i}` },
    }));
    const err = await rejection(() => composite({ compositeRequest }));
    expect(err.errorCode).to.equal('LIMIT_EXCEEDED');
    expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(0);
  });

  it('composite/batch runs independent subrequests, each counted, and haltOnError stops the rest', async () => {
    const before = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    const res = await t.conn.requestPost<{ hasErrors: boolean; results: { statusCode: number; result: unknown }[] }>(
      '/composite/batch',
      {
        haltOnError: true,
        batchRequests: [
          { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: 'B1' } },
          { method: 'GET', url: 'v63.0/sobjects/Account/001000000000000AAA' },
          { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: 'B3' } },
        ],
      },
    );
    expect(res.hasErrors).to.equal(true);
    expect(res.results.map((r) => r.statusCode)).to.deep.equal([201, 404, 412]);
    const after = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    expect(after.apiUsage.used - before.apiUsage.used).to.equal(3);
  });
});
