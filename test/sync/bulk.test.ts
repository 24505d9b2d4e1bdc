import { expect } from 'chai';
import { connectWithToken } from '../../src/crm/connect.js';
import { CrmError } from '../../src/crm/errors.js';
import { OrgTransport, TEXT } from '../../src/crm/transport.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { openTestStore, rows, runner, startOrg } from './harness.js';
import type { Opened } from './harness.js';

describe('sync: big reads and writes', function () {
  this.timeout(240_000);
  let org: LocalOrg;
  let opened: Opened;

  beforeEach(async () => {
    org = await startOrg({ size: 600, seed: 17 });
    opened = await openTestStore();
  });
  afterEach(async () => {
    await opened?.close();
    await org?.stop();
  });

  const allWritten = () => {
    expect(rows(org, 'Opportunity').every((o) => typeof o['Co_Sell_Status__c'] === 'string')).to.equal(true);
    expect(
      rows(org, 'Account')
        .filter((a) => a['Partner_Type__c'] != null)
        .every((a) => typeof a['Partner_Health_Score__c'] === 'number'),
    ).to.equal(true);
  };

  it('reads past the first page with Bulk 2.0 (paged by Sforce-Locator) and writes with Bulk 2.0 ingest', async () => {
    org.core.config.bulkQueryPageSize = 150; // several result pages: the jsforce multi-page bug path
    const r = runner(org, opened.store, { bulkReadThreshold: 100, bulkWriteThreshold: 100 }, undefined, 200);
    const report = await r.cycle();
    const inOrg = ['Account', 'Opportunity', 'Deal_Registration__c', 'Co_Sell_Split__c'].reduce(
      (n, t) => n + rows(org, t).length,
      0,
    );
    expect(report.pulled).to.equal(inOrg);
    expect(report.failed).to.equal(0);
    const byClass = org.core.metrics.snapshot(0).callsByClass;
    expect(byClass['bulk-query'] ?? 0).to.be.greaterThan(0);
    expect(byClass['bulk-ingest'] ?? 0).to.be.greaterThan(0);
    allWritten();
    expect((await opened.store.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
  });

  it("reads Bulk results as text, and a refusal of them still carries Salesforce's code and message", async () => {
    const transport = new OrgTransport(
      connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken }),
    );
    const refused = await transport
      .call({ method: 'GET', url: '/jobs/query/7500000000000AAAAA/results', responseType: TEXT })
      .catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(CrmError);
    expect([(refused as CrmError).errorCode, (refused as CrmError).message]).to.deep.equal([
      'NOT_FOUND',
      'The requested resource does not exist',
    ]);
  });

  it('reads past the first page with queryMore below the Bulk threshold, 1 write call per 1,000 records', async () => {
    const r = runner(org, opened.store, {}, undefined, 200);
    const report = await r.cycle();
    expect(report.failed).to.equal(0);
    const byClass = org.core.metrics.snapshot(0).callsByClass;
    expect(byClass['bulk-query'] ?? 0).to.equal(0);
    allWritten();
    expect(byClass.query ?? 0, 'queryMore pages').to.be.greaterThan(0);
    // Writes: collections of 200, five to a Composite call; the other two Composite calls are the poll
    // and the first pages.
    const written = (await opened.store.status()).outbox.SUCCESS;
    expect(written).to.be.greaterThan(500);
    // (+1: each object type's last collection may be partly filled)
    expect((byClass.composite ?? 0) - 2).to.be.at.most(Math.ceil(written / 1000) + 1);
    expect(report.apiCalls).to.equal((byClass.composite ?? 0) + (byClass.query ?? 0));
  });
});
