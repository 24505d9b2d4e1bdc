import { expect } from 'chai';
import type { LocalOrg } from '../../src/localorg/index.js';
import { connectWithToken } from '../../src/crm/connect.js';
import { syncConfig } from '../../src/sync/config.js';
import { gatewayFor, runCycle } from '../../src/sync/engine.js';
import { advance, openTestStore, rows, runner, startOrg } from './harness.js';
import type { Opened } from './harness.js';

describe('sync: record failures and faults', function () {
  this.timeout(180_000);
  let org: LocalOrg;
  let opened: Opened;

  beforeEach(async () => {
    org = await startOrg({ size: 'small', seed: 5 });
    opened = await openTestStore();
  });
  afterEach(async () => {
    await opened?.close();
    await org?.stop();
  });

  it('marks a record the org refuses FAILED with Salesforce’s reason and lands the rest', async () => {
    // A validation failure for some records only: 'Red' is no longer an allowed health band.
    const band = org.core.schema.field(org.core.schema.object('Account')!, 'Partner_Health_Band__c')!;
    band.picklistValues = band.picklistValues.map((p) => (p.value === 'Red' ? { ...p, active: false } : p));
    const report = await runner(org, opened.store).cycle();
    expect(report.status).to.equal('partial');
    expect(report.failed).to.be.greaterThan(0);
    expect(report.pushed).to.be.greaterThan(report.failed);

    const status = await opened.store.status();
    expect(status.failures).to.have.length(report.failed);
    const partners = rows(org, 'Account').filter((a) => a['Partner_Type__c'] != null);
    for (const failure of status.failures) {
      expect(failure.objectType).to.equal('Account');
      expect(failure.code).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
      expect(failure.message).to.contain('Red');
      expect(failure.fields).to.include('Partner_Health_Band__c');
      // The whole record was refused: nothing of it landed.
      expect(partners.find((p) => p['Id'] === failure.recordId)!['Partner_Health_Score__c'] ?? null).to.equal(
        null,
      );
    }
    const landed = partners.filter((p) => typeof p['Partner_Health_Band__c'] === 'string');
    expect(landed.length).to.equal(partners.length - report.failed);
    expect(rows(org, 'Opportunity').every((o) => typeof o['Co_Sell_Status__c'] === 'string')).to.equal(true);
    // A failed record is not retried in a loop: the next cycles leave it FAILED.
    advance(org);
    await runner(org, opened.store).cycle();
    expect((await opened.store.status()).outbox.FAILED).to.equal(report.failed);
  });

  it('sends a refused value again once its record changed in the org, and only that record', async () => {
    const band = org.core.schema.field(org.core.schema.object('Account')!, 'Partner_Health_Band__c')!;
    const all = band.picklistValues;
    band.picklistValues = all.map((p) => (p.value === 'Red' ? { ...p, active: false } : p));
    const r = runner(org, opened.store);
    const first = await r.cycle();
    expect(first.failed).to.be.greaterThan(1);
    const refused = (await opened.store.status()).failures.map((f) => String(f.recordId));
    // The admin fixes the cause; a person then edits one of the refused partners.
    band.picklistValues = all;
    const person = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    await person.sobject('Account').update({ Id: refused[0]!, Partner_Last_Engagement__c: '2020-01-01' });
    advance(org);
    await r.cycle();
    advance(org);
    await r.cycle();
    const band0 = (id: string) => rows(org, 'Account').find((a) => a['Id'] === id)!['Partner_Health_Band__c'];
    expect(band0(refused[0]!)).to.equal('Red');
    // The others were recomputed (their registrations' decisions echoed) but not sent again.
    for (const id of refused.slice(1)) expect(band0(id) ?? null, id).to.equal(null);
    expect((await opened.store.status()).outbox.FAILED).to.equal(first.failed);
  });

  it('retries whole calls that fail transiently (503) and ends with everything written', async () => {
    org.core.faults.set({
      seed: 1,
      rules: [{ match: { class: 'composite' }, times: 3, action: { type: 'status', status: 503 } }],
    });
    const r = runner(org, opened.store);
    const report = await r.cycle();
    expect(org.core.metrics.faultsInjected).to.equal(3);
    expect(r.events.filter((e) => e.kind === 'retry')).to.have.length(3);
    expect(report).to.include({ status: 'ok', failed: 0 });
    expect((await opened.store.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
    expect(rows(org, 'Opportunity').every((o) => typeof o['Co_Sell_Status__c'] === 'string')).to.equal(true);
  });

  it('retries calls whose connection drops without an answer', async () => {
    org.core.faults.set({
      seed: 1,
      rules: [{ match: { class: 'composite' }, times: 2, action: { type: 'drop' } }],
    });
    const r = runner(org, opened.store);
    const report = await r.cycle();
    expect(org.core.metrics.faultsInjected).to.equal(2);
    expect(r.events.filter((e) => e.kind === 'retry')).to.have.length(2);
    expect(report).to.include({ status: 'ok', failed: 0 });
    expect((await opened.store.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
  });

  it('retries records locked by others (UNABLE_TO_LOCK_ROW) until they land, none marked failed', async () => {
    org.core.faults.set({
      seed: 9,
      rules: [{ match: { class: 'composite' }, probability: 0.3, action: { type: 'lock' } }],
    });
    const r = runner(org, opened.store);
    const report = await r.cycle();
    expect(org.core.metrics.faultsInjected).to.be.greaterThan(0);
    expect(report.failed).to.equal(0);
    // Locked rows went back to the outbox with a backoff and were sent again: more than one write call.
    expect(report.apiCalls).to.be.greaterThan(3);
    expect((await opened.store.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
    expect(rows(org, 'Opportunity').every((o) => typeof o['Co_Sell_Status__c'] === 'string')).to.equal(true);
    expect(rows(org, 'Co_Sell_Split__c').every((s) => typeof s['Amount__c'] === 'number')).to.equal(true);
  });

  it('gives back the round it claimed ahead when every write fails: nothing stays claimed', async () => {
    const report = await runner(org, opened.store, { claimSize: 20 }).cycle({
      // After the pull: from now on every write call fails (the retries run out).
      afterCompute: () =>
        org.core.faults.set({
          seed: 1,
          rules: [
            { match: { class: ['composite', 'collections'] }, action: { type: 'status', status: 503 } },
          ],
        }),
    });
    expect(report.pushed).to.equal(0);
    const outbox = (await opened.store.status()).outbox;
    // The second round was claimed while the first was on its way; both are NEW again, not held for a lease.
    expect(outbox).to.include({ PENDING: 0, SUCCESS: 0, FAILED: 0 });
    expect(outbox.NEW).to.equal(report.queued);
  });

  it('when stopped, gives back the round it claimed ahead: what was sent is recorded, nothing stays claimed', async () => {
    const stop = new AbortController();
    let error: unknown;
    try {
      await runner(org, opened.store, { claimSize: 20 }).cycle({
        signal: stop.signal,
        afterCompute: () => {
          org.core.faults.set({
            seed: 1,
            rules: [{ match: { class: ['composite', 'collections'] }, action: { type: 'delay', ms: 2000 } }],
          });
          setTimeout(() => stop.abort(), 300);
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    const outbox = (await opened.store.status()).outbox;
    // The first round was on its way when the stop came: it lands and is recorded; the second had been
    // claimed meanwhile and is NEW again.
    expect(outbox).to.include({ PENDING: 0, SUCCESS: 20 });
    expect(outbox.NEW).to.be.greaterThan(20);
  });

  it('stops the cycle with a clear error when the session is refused and cannot be renewed', async () => {
    org.core.tokens.clear();
    const r = runner(org, opened.store);
    let error: unknown;
    try {
      await r.cycle();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as { errorClass?: string }).errorClass).to.equal('auth');
    expect((error as Error).message).to.match(/log in to the org again/);
    const [cycle] = await opened.store.recentCycles(1);
    expect(cycle?.status).to.equal('failed');
  });

  it('renews a refused session once and goes on', async () => {
    const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    org.core.tokens.clear(); // the session expired
    let renewals = 0;
    const config = syncConfig({});
    const gateway = gatewayFor(
      {
        conn,
        gateway: {
          reauth: async (c) => {
            renewals += 1;
            org.core.tokens.add('renewed-token');
            c.accessToken = 'renewed-token';
          },
        },
      },
      config,
    );
    const report = await runCycle({
      gateway,
      store: opened.store,
      config,
      now: () => org.core.clock.now().getTime(),
    });
    expect(renewals).to.equal(1);
    expect(report).to.include({ failed: 0 });
    expect(report.pushed).to.be.greaterThan(0);
  });

  it('stops at its share of the daily API allocation (read from Sforce-Limit-Info)', async () => {
    org.core.usage.used = 9_000; // of 15,000: already past the sync's default share of one half
    const before = org.core.metrics.apiCalls;
    let error: unknown;
    try {
      await runner(org, opened.store).cycle();
    } catch (e) {
      error = e;
    }
    expect((error as { errorCode?: string }).errorCode).to.equal('API_BUDGET_EXHAUSTED');
    expect((error as { errorClass?: string }).errorClass).to.equal('throttled');
    // Only the first call went out: the one whose answer told the sync where the org stands.
    expect(org.core.metrics.apiCalls - before).to.equal(1);
  });
});
