import { expect } from 'chai';
import { connectWithToken } from '../../src/crm/connect.js';
import { runSync } from '../../src/sync/engine.js';
import type { SyncProgress } from '../../src/sync/engine.js';
import { openTestStore, rows, startOrg } from './harness.js';

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
});
