// Composite and Composite Batch through jsforce's requestPost: references between subrequests,
// allOrNone rollback, the subrequest limits, and how the calls are counted. The first suite runs
// against PRM_CONFORMANCE_ORG when set.
import { expect } from 'chai';
import {
  conformance,
  localOnly,
  rejection,
  startConformanceOrg,
  startTestOrg,
  type ConformanceOrg,
  type TestOrg,
} from './helpers.js';

type SubResponse = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };
type CompositeResponse = { compositeResponse: SubResponse[] };

const V = '/services/data/v63.0';

conformance('composite', () => {
  let t: ConformanceOrg;

  beforeEach(async () => {
    t = await startConformanceOrg();
  });
  // t is unset when the org could not be reached; the beforeEach failure says why.
  afterEach(() => t?.stop());

  const composite = (body: object): Promise<CompositeResponse> => t.conn.requestPost<CompositeResponse>('/composite', body);

  it('resolves @{ref.id} between subrequests', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: t.name('Acme') } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'ct', body: { LastName: t.name('Smith'), AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${V}/sobjects/Account/@{acct.id}?fields=Name`, referenceId: 'read' },
        { method: 'GET', url: `${V}/query?q=SELECT+Id,AccountId+FROM+Contact+WHERE+AccountId='@{acct.id}'`, referenceId: 'q' },
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
    expect((read!.body as { Name: string }).Name).to.equal(t.name('Acme'));
    const rows = (q!.body as { records: { Id: string; AccountId: string }[] }).records;
    expect(rows[0]!.AccountId).to.equal(acctId);
    expect(upd!.httpStatusCode).to.equal(204);
    expect(upd!.body).to.equal(null);
    const saved = await t.conn.sobject('Account').retrieve(acctId);
    expect(saved['Description']).to.equal(`first contact ${(ct!.body as { id: string }).id}`);
  });

  it('allOrNone: one failure rolls back the earlier subrequests and halts the rest', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a', body: { Name: t.name('Kept?') } },
        { method: 'POST', url: `${V}/sobjects/Opportunity`, referenceId: 'bad', body: { Name: t.name('no stage') } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'c', body: { Name: t.name('Never') } },
      ],
    });
    const codes = res.compositeResponse.map((r) => [r.httpStatusCode, (r.body as { errorCode: string }[])[0]!.errorCode]);
    expect(codes).to.deep.equal([
      [400, 'PROCESSING_HALTED'],
      [400, 'REQUIRED_FIELD_MISSING'],
      [400, 'PROCESSING_HALTED'],
    ]);
    expect((await t.conn.query(`SELECT Id FROM Account WHERE ${t.mine}`)).totalSize).to.equal(0);
  });

  it('without allOrNone keeps what succeeded; a reference to a failed subrequest halts that one', async () => {
    const res = await composite({
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'dep', body: { LastName: t.name('X'), AccountId: '@{bad.id}' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'ok', body: { Name: t.name('Fine') } },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).to.deep.equal([400, 400, 201]);
    expect((res.compositeResponse[1]!.body as { errorCode: string }[])[0]!.errorCode).to.equal('PROCESSING_HALTED');
    expect((await t.conn.query(`SELECT Id FROM Account WHERE ${t.mine}`)).totalSize).to.equal(1);
  });

  it('runs sObject Collections inside a composite, resolving references in their records', async () => {
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: t.name('Acme') } },
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'many',
          body: {
            allOrNone: true,
            records: [
              { attributes: { type: 'Contact' }, LastName: t.name('C1'), AccountId: '@{acct.id}' },
              { attributes: { type: 'Contact' }, LastName: t.name('C2'), AccountId: '@{acct.id}' },
            ],
          },
        },
      ],
    });
    const results = res.compositeResponse[1]!.body as { success: boolean }[];
    expect(results.map((r) => r.success)).to.deep.equal([true, true]);
    const rows = await t.conn.query<{ Account: { Name: string } }>(`SELECT Account.Name FROM Contact WHERE ${t.mine}`);
    expect(rows.records.map((r) => r.Account.Name)).to.deep.equal([t.name('Acme'), t.name('Acme')]);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'POST',
      url: `${V}/sobjects/Account`,
      referenceId: `a${i}`,
      body: { Name: t.name(`A${i}`) },
    }));
    const err = await rejection(() => composite({ compositeRequest }));
    expect(err.errorCode).to.equal('LIMIT_EXCEEDED');
    expect((await t.conn.query(`SELECT Id FROM Account WHERE ${t.mine}`)).totalSize).to.equal(0);
  });

  it('composite/batch runs independent subrequests, and haltOnError stops the rest', async () => {
    const res = await t.conn.requestPost<{ hasErrors: boolean; results: { statusCode: number; result: unknown }[] }>(
      '/composite/batch',
      {
        haltOnError: true,
        batchRequests: [
          { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: t.name('B1') } },
          { method: 'GET', url: 'v63.0/sobjects/Account/001000000000000AAA' },
          { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: t.name('B3') } },
        ],
      },
    );
    expect(res.hasErrors).to.equal(true);
    expect(res.results.map((r) => r.statusCode)).to.deep.equal([201, 404, 412]);
  });
});

localOnly('local org: composite', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
  });
  afterEach(() => t.org.stop());

  const composite = (body: object): Promise<CompositeResponse> => t.conn.requestPost<CompositeResponse>('/composite', body);

  it('counts a composite request as one API call, however many subrequests ran', async () => {
    const before = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Acme' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'ct', body: { LastName: 'Smith', AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${V}/sobjects/Account/@{acct.id}?fields=Name`, referenceId: 'read' },
      ],
    });
    const after = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number }; callsByClass: Record<string, number> };
    expect(after.apiUsage.used - before.apiUsage.used).to.equal(1);
    expect(after.callsByClass['composite']).to.equal(1);
  });

  it('counts each composite/batch subrequest as an API call', async () => {
    const before = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    await t.conn.requestPost('/composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: 'B1' } },
        { method: 'GET', url: 'v63.0/sobjects/Account/001000000000000AAA' },
        { method: 'POST', url: 'v63.0/sobjects/Account', richInput: { Name: 'B3' } },
      ],
    });
    const after = (await t.control('GET', 'metrics')).body as { apiUsage: { used: number } };
    expect(after.apiUsage.used - before.apiUsage.used).to.equal(3);
  });
});
