// API allocation (limits, Sforce-Limit-Info, REQUEST_LIMIT_EXCEEDED), replication (getUpdated /
// getDeleted), and the /__localorg/ control surface: clock, faults, metrics, seed, reset.
import { expect } from 'chai';
import { definePartnerFields, localOnly, rejection, startTestOrg, type TestOrg } from './helpers.js';

localOnly('local org: limits, replication and control', () => {
  let t: TestOrg;

  afterEach(() => t.org.stop());

  describe('limits', () => {
    beforeEach(async () => {
      t = await startTestOrg({ dailyApiLimit: 5 });
    });

    it('reports DailyApiRequests and sends Sforce-Limit-Info on every data response', async () => {
      await t.conn.query('SELECT Id FROM Account');
      expect(t.conn.limitInfo?.apiUsage).to.deep.equal({ used: 1, limit: 5 });
      const limits = await t.conn.limits();
      expect(limits.DailyApiRequests).to.deep.equal({ Max: 5, Remaining: 3 });
      const raw = await t.call('GET', '/services/data/v63.0/sobjects/Account/describe');
      expect(raw.headers.get('sforce-limit-info')).to.equal('api-usage=3/5');
    });

    it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent, and counts nothing more', async () => {
      for (let i = 0; i < 5; i++) await t.conn.query('SELECT Id FROM Account');
      const err = await rejection(() => t.conn.query('SELECT Id FROM Account'));
      expect(err.errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
      const raw = await t.call('GET', '/services/data/v63.0/limits');
      expect(raw.status).to.equal(403);
      expect(raw.body).to.deep.equal([
        { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ]);
      const metrics = (await t.control('GET', 'metrics')).body as {
        apiUsage: { used: number };
        rejectedOverLimit: number;
      };
      expect(metrics.apiUsage.used).to.equal(5);
      expect(metrics.rejectedOverLimit).to.equal(2);
    });

    it('restores the allocation when the 24-hour window rolls over on the org clock', async () => {
      for (let i = 0; i < 5; i++) await t.conn.query('SELECT Id FROM Account');
      await t.control('POST', 'clock', { advanceMs: 24 * 3600_000 });
      const res = await t.conn.query('SELECT Id FROM Account');
      expect(res.totalSize).to.equal(0);
      expect(t.conn.limitInfo?.apiUsage?.used).to.equal(1);
    });
  });

  describe('replication', () => {
    beforeEach(async () => {
      t = await startTestOrg();
      await t.control('POST', 'clock', { set: '2026-03-01T10:00:00Z', frozen: true });
    });

    it('getUpdated lists Ids changed in the window, getDeleted the deletions', async () => {
      const { id: a } = (await t.conn.sobject('Account').create({ Name: 'A' })) as { id: string };
      await t.control('POST', 'clock', { advanceMs: 5 * 60_000 });
      const { id: b } = (await t.conn.sobject('Account').create({ Name: 'B' })) as { id: string };
      await t.conn.sobject('Account').destroy(a);
      await t.control('POST', 'clock', { advanceMs: 5 * 60_000 });
      const start = new Date('2026-03-01T10:01:00Z');
      const end = new Date('2026-03-01T10:10:00Z');
      const updated = await t.conn.sobject('Account').updated(start.toISOString(), end.toISOString());
      expect(updated.ids).to.deep.equal([b]);
      expect(updated.latestDateCovered).to.equal('2026-03-01T10:10:00.000+0000');
      const deleted = await t.conn.sobject('Account').deleted(start.toISOString(), end.toISOString());
      expect(deleted.deletedRecords).to.deep.equal([{ id: a, deletedDate: '2026-03-01T10:05:00.000+0000' }]);
    });

    it('answers INVALID_REPLICATION_DATE for an inverted or too old window', async () => {
      const inverted = await rejection(() =>
        t.conn.sobject('Account').updated('2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z'),
      );
      expect(inverted.errorCode).to.equal('INVALID_REPLICATION_DATE');
      const old = await rejection(() =>
        t.conn.sobject('Account').deleted('2026-01-01T00:00:00Z', '2026-03-01T09:00:00Z'),
      );
      expect(old.errorCode).to.equal('INVALID_REPLICATION_DATE');
    });
  });

  describe('control surface', () => {
    beforeEach(async () => {
      t = await startTestOrg();
    });

    it('needs the token like any call', async () => {
      const res = await fetch(`${t.org.instanceUrl}/__localorg/metrics`);
      expect(res.status).to.equal(401);
    });

    it('injects a 503 for the next N calls; jsforce retries a GET through it', async () => {
      await t.control('PUT', 'faults', {
        rules: [{ match: { class: 'query' }, times: 1, action: { type: 'status', status: 503 } }],
      });
      const res = await t.conn.query('SELECT Id FROM Account');
      expect(res.totalSize).to.equal(0);
      const metrics = (await t.control('GET', 'metrics')).body as {
        faultsInjected: number;
        callsByClass: Record<string, number>;
      };
      expect(metrics.faultsInjected).to.equal(1);
      expect(metrics.callsByClass['query']).to.equal(2);
    });

    it('injects INVALID_SESSION_ID and UNABLE_TO_LOCK_ROW on writes (not retried)', async () => {
      await t.control('PUT', 'faults', {
        rules: [
          { match: { method: 'POST', path: '/sobjects/Account' }, times: 1, action: { type: 'lock' } },
          { match: { method: 'PATCH' }, times: 1, action: { type: 'status', status: 401 } },
        ],
      });
      const lock = await rejection(() => t.conn.sobject('Account').create({ Name: 'A' }));
      expect(lock.errorCode).to.equal('UNABLE_TO_LOCK_ROW');
      const { id } = (await t.conn.sobject('Account').create({ Name: 'A' })) as { id: string };
      const session = await rejection(() => t.conn.sobject('Account').update({ Id: id, Name: 'B' }));
      expect(session.errorCode).to.equal('INVALID_SESSION_ID');
      await t.control('DELETE', 'faults');
      await t.conn.sobject('Account').update({ Id: id, Name: 'B' });
    });

    it('injects REQUEST_LIMIT_EXCEEDED as a 403 at a rate', async () => {
      await t.control('PUT', 'faults', {
        seed: 7,
        rules: [{ match: { class: 'sobject' }, probability: 0.5, action: { type: 'status', status: 403 } }],
      });
      let failed = 0;
      for (let i = 0; i < 40; i++) {
        try {
          await t.conn.sobject('Account').create({ Name: `A${i}` });
        } catch (e) {
          expect((e as { errorCode: string }).errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
          failed++;
        }
      }
      expect(failed).to.be.within(8, 32);
      expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(40 - failed);
    });

    it('delays a call so a client timeout fires', async () => {
      await t.control('PUT', 'faults', {
        rules: [{ match: { class: 'limits' }, times: 1, action: { type: 'delay', ms: 300 } }],
      });
      const started = Date.now();
      await t.conn.limits();
      expect(Date.now() - started).to.be.at.least(290);
    });

    it('reports calls by class and records written', async () => {
      await t.control('DELETE', 'metrics');
      await t.conn.sobject('Account').create([{ Name: 'A' }, { Name: 'B' }]);
      await t.conn.query('SELECT Id FROM Account');
      const m = (await t.control('GET', 'metrics')).body as {
        apiCalls: number;
        callsByClass: Record<string, number>;
        recordsWritten: number;
        recordsRead: number;
      };
      expect(m.apiCalls).to.equal(2);
      expect(m.callsByClass).to.deep.equal({ collections: 1, query: 1 });
      expect(m.recordsWritten).to.equal(2);
      expect(m.recordsRead).to.equal(2);
    });

    it('seeds records with @ref links and demo data, then reset empties the org', async () => {
      const seeded = await t.control('POST', 'seed', {
        objects: [
          { type: 'Account', records: [{ '@ref': 'acme', Name: 'Acme' }] },
          { type: 'Contact', records: [{ '@ref': 'c1', LastName: 'Smith', AccountId: '@ref:acme' }] },
        ],
      });
      expect(seeded.status).to.equal(200);
      const { ids } = seeded.body as { ids: Record<string, string> };
      const contact = await t.conn.sobject('Contact').retrieve(ids['c1']!);
      expect(contact['AccountId']).to.equal(ids['acme']);
      const demoSeed = { demo: { seed: 1, size: 'tiny', types: ['Account', 'Opportunity'] } };
      // Before the partner fields are deployed the demo data cannot load, and nothing of it is kept.
      const early = await t.control('POST', 'seed', demoSeed);
      expect((early.body as { errorCode: string }[])[0]!.errorCode).to.equal('INVALID_FIELD');
      expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(1);
      definePartnerFields(t.org.core);
      const demo = await t.control('POST', 'seed', demoSeed);
      expect(demo.status).to.equal(200);
      const inserted = (demo.body as { inserted: Record<string, number> }).inserted;
      expect(inserted['Opportunity']).to.equal(3);
      expect((await t.conn.query('SELECT Id FROM Opportunity')).totalSize).to.equal(3);
      const missing = await t.control('POST', 'seed', { demo: { seed: 1, size: 'tiny' } });
      expect(missing.status).to.equal(400);
      expect((missing.body as { errorCode: string }[])[0]!.errorCode).to.equal('INVALID_TYPE');
      await t.control('POST', 'reset');
      expect((await t.conn.query('SELECT Id FROM Account')).totalSize).to.equal(0);
      expect((await t.conn.query('SELECT Id FROM User')).totalSize).to.equal(1);
    });

    it('sets, freezes and advances the clock', async () => {
      const set = await t.control('POST', 'clock', { set: '2026-05-01T12:00:00Z', frozen: true });
      expect((set.body as { now: string }).now).to.equal('2026-05-01T12:00:00.000+0000');
      await t.control('POST', 'clock', { advanceMs: 3_600_000 });
      const { id } = (await t.conn.sobject('Account').create({ Name: 'A' })) as { id: string };
      expect((await t.conn.sobject('Account').retrieve(id))['CreatedDate']).to.equal(
        '2026-05-01T13:00:00.000+0000',
      );
      const rows = await t.conn.query('SELECT Id FROM Account WHERE CreatedDate = TODAY');
      expect(rows.totalSize).to.equal(1);
    });

    it("answers with the org's clock in the Date header, as Salesforce's servers give their time", async () => {
      await t.control('POST', 'clock', { set: '2026-05-01T12:00:00Z', frozen: true });
      const reply = await t.call('GET', '/services/data/v63.0/limits');
      expect(reply.headers.get('date')).to.equal('Fri, 01 May 2026 12:00:00 GMT');
      await t.control('POST', 'clock', { advanceMs: 90_000 });
      const unauthorised = await t.call('GET', '/services/data/v63.0/limits', undefined, {
        Authorization: '',
      });
      expect(unauthorised.status).to.equal(401);
      expect(unauthorised.headers.get('date')).to.equal('Fri, 01 May 2026 12:01:30 GMT');
    });
  });
});
