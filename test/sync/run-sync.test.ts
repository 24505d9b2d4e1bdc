import { expect } from 'chai';
import { connectWithToken } from '../../src/crm/connect.js';
import { runSync } from '../../src/sync/engine.js';
import type { SyncProgress } from '../../src/sync/engine.js';
import { advance, openTestStore, rows, startOrg, T0 } from './harness.js';

describe('sync: continuous run', function () {
  this.timeout(120_000);

  it('runs cycles until stopped, reporting load progress per object and a summary per cycle', async () => {
    const org = await startOrg({ size: 'tiny', seed: 2 });
    const opened = await openTestStore();
    try {
      const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
      const controller = new AbortController();
      const events: SyncProgress[] = [];
      const result = await runSync({
        conn,
        store: opened.store,
        config: { intervalMs: 20 },
        signal: controller.signal,
        onProgress: (e) => {
          events.push(e);
          if (events.filter((x) => x.kind === 'cycle').length === 3) controller.abort();
        },
      });
      expect(result.cycles).to.have.length(3);
      expect(result.apiCalls).to.equal(result.cycles.reduce((n, c) => n + c.apiCalls, 0));
      const loads = events.filter((e): e is Extract<SyncProgress, { kind: 'load' }> => e.kind === 'load');
      const opportunities = loads.filter((e) => e.object === 'Opportunity');
      expect(opportunities.at(-1)).to.deep.include({
        done: rows(org, 'Opportunity').length,
        total: rows(org, 'Opportunity').length,
      });
      expect(result.cycles[0]!.pushed).to.be.greaterThan(0);
      expect((await opened.store.recentCycles(5)).filter((c) => c.status === 'ok')).to.have.length(3);
    } finally {
      await opened.close();
      await org.stop();
    }
  });

  it('runs one cycle with once', async () => {
    const org = await startOrg({ size: 'tiny', seed: 2 });
    const opened = await openTestStore();
    try {
      const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
      const result = await runSync({ conn, store: opened.store, once: true });
      expect(result.cycles).to.have.length(1);
      expect(result.cycles[0]!.status).to.equal('ok');
    } finally {
      await opened.close();
      await org.stop();
    }
  });

  it("keeps to the org's time when this machine's clock is months ahead of it", async () => {
    // The harness's org runs from T0; this machine's clock is later. Each runSync is a fresh gateway that
    // knows the org's time only once it has an answer.
    const org = await startOrg({ size: 'tiny', seed: 2 });
    const opened = await openTestStore();
    try {
      expect(Date.now() - org.core.clock.now().getTime()).to.be.greaterThan(86_400_000);
      expect(org.core.clock.now().getTime() - T0).to.be.lessThan(3_600_000);
      const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
      await runSync({ conn, store: opened.store, once: true });
      const opp = rows(org, 'Opportunity').find(
        (o) => o['IsClosed'] === false && o['Co_Sell_Status__c'] === 'Co-Selling',
      )!;
      await conn.sobject('Opportunity').update({ Id: String(opp['Id']), StageName: 'Closed Won' });
      advance(org);
      const next = await runSync({ conn, store: opened.store, once: true });
      expect(next.cycles[0]!.pulled).to.be.greaterThan(0);
      expect(org.core.store.get('Opportunity', String(opp['Id']))?.['Co_Sell_Status__c']).to.equal('Won');
    } finally {
      await opened.close();
      await org.stop();
    }
  });
});
