import { expect } from 'chai';
import { connectWithToken } from '../../src/crm/connect.js';
import { Gateway } from '../../src/crm/gateway.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { toBatches } from '../../src/sync/push.js';
import { differences, outputs, T0 } from '../reliability/support.js';
import { advance, DAY, openTestStore, rows, runner, startOrg } from './harness.js';
import type { Opened, Runner } from './harness.js';

function snapshotsPerPartner(org: LocalOrg): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of rows(org, 'Partner_Health_Snapshot__c')) {
    const key = `${String(s['Account__c'])}/${String(s['As_Of__c'])}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Per partner, the approved registrations its next-tier gap counts. */
function approvedCounts(org: LocalOrg): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const a of rows(org, 'Account')) {
    const gap = a['Partner_Next_Tier_Gap__c'];
    if (typeof gap !== 'string') continue;
    const gaps = (JSON.parse(gap) as { gaps: { criterion: string; actual: unknown }[] }).gaps;
    out.set(String(a['Id']), gaps.find((g) => g.criterion === 'registrationsApproved')?.actual);
  }
  return out;
}

class Killed extends Error {}

/** A cycle stopped once its outbox is persisted, before anything is sent: a worker killed there. */
async function killedAfterCompute(run: Runner): Promise<void> {
  let error: unknown;
  try {
    await run.cycle({
      afterCompute: () => {
        throw new Killed('killed after compute');
      },
    });
  } catch (e) {
    error = e;
  }
  expect(error).to.be.instanceOf(Killed);
}

describe('sync: crash safety', function () {
  this.timeout(240_000);
  let reference: LocalOrg;
  let crashed: LocalOrg;
  let openedA: Opened;
  let openedB: Opened;

  beforeEach(async () => {
    // Both orgs on one pinned clock: the same org time in both runs, however long the crashed run takes
    // (decision speed and health read the time of the decision).
    reference = await startOrg({ size: 'small', seed: 21, now: () => T0 });
    crashed = await startOrg({ size: 'small', seed: 21, now: () => T0 });
    openedA = await openTestStore();
    openedB = await openTestStore();
    // The reference: the same org synced without interruption.
    await runner(reference, openedA.store).cycle();
    advance(reference);
    await runner(reference, openedA.store).cycle();
  });
  afterEach(async () => {
    await openedA?.close();
    await openedB?.close();
    await reference?.stop();
    await crashed?.stop();
  });

  it('a kill after the outbox is persisted, then a restart, ends in the same org state', async () => {
    await killedAfterCompute(runner(crashed, openedB.store));
    expect((await openedB.store.status()).outbox.NEW).to.be.greaterThan(0);
    expect(rows(crashed, 'Account').some((a) => a['Partner_Health_Score__c'] != null)).to.equal(false);

    const store = await openedB.restart();
    const resumed = await runner(crashed, store).cycle();
    expect(resumed.pushed).to.be.greaterThan(0);
    advance(crashed);
    await runner(crashed, store).cycle();
    expect(differences(outputs(crashed), outputs(reference))).to.deep.equal([]);
    expect([...snapshotsPerPartner(crashed).values()].every((n) => n === 1)).to.equal(true);
    expect(snapshotsPerPartner(crashed).size).to.equal(snapshotsPerPartner(reference).size);
  });

  it('a kill after the outbox is persisted, then a new day: the recompute counts the decisions still queued', async () => {
    await killedAfterCompute(runner(crashed, openedB.store));
    // Next day: a full recompute while the dead worker's decisions still wait in the outbox. They stand as
    // queued, and the partners' numbers computed now must count them as decided.
    advance(crashed, DAY);
    const store = await openedB.restart();
    await runner(crashed, store).cycle();
    advance(crashed);
    await runner(crashed, store).cycle();
    advance(reference, DAY);
    await runner(reference, openedA.store).cycle();
    advance(reference);
    await runner(reference, openedA.store).cycle();
    // (Dates such as Partner_Tier_Since__c differ by the day the crash cost; the counts must not.)
    expect(approvedCounts(crashed)).to.deep.equal(approvedCounts(reference));
    expect(approvedCounts(crashed).size).to.be.greaterThan(0);
  });

  it('a decision another worker lands between this worker’s pull and its compute counts once it echoes', async () => {
    const a = runner(crashed, openedB.store);
    const b = runner(crashed, openedB.store);
    await killedAfterCompute(a); // the decisions wait in the outbox
    // A person's edit on every partner: the next compute recomputes their numbers.
    const person = connectWithToken({ instanceUrl: crashed.instanceUrl, accessToken: crashed.accessToken });
    const partners = rows(crashed, 'Account').filter((r) => r['Partner_Type__c'] != null);
    for (const p of partners)
      await person.sobject('Account').update({ Id: String(p['Id']), Partner_Onboarded_On__c: '2020-01-01' });
    advance(crashed);
    // B pulls; then A, which cannot take the cycle while B holds it, only pushes: the queued decisions
    // land after B read the registrations and are no longer queued when B computes the partners.
    let landed = 0;
    await b.cycle({
      afterPull: async () => {
        landed = (await a.cycle()).pushed;
      },
    });
    expect(landed).to.be.greaterThan(0);
    for (let i = 0; i < 2; i++) {
      advance(crashed);
      await b.cycle();
    }
    expect(approvedCounts(crashed).size).to.be.greaterThan(0);
    expect(approvedCounts(crashed)).to.deep.equal(approvedCounts(reference));
  });

  it('a kill after the writes landed but before they were recorded replays them without duplicates', async () => {
    await killedAfterCompute(runner(crashed, openedB.store));
    // The dying worker had claimed the rows and sent them; the acknowledgement never reached the store.
    const claimed = await openedB.store.claimOutbox(10_000, 1000);
    expect(claimed.some((r) => r.objectType === 'Partner_Health_Snapshot__c')).to.equal(true);
    const gateway = new Gateway(
      connectWithToken({ instanceUrl: crashed.instanceUrl, accessToken: crashed.accessToken }),
    );
    const groups = toBatches(claimed);
    const outcomes = await gateway.write(groups.map((g) => g.batch));
    expect(outcomes.flat().every((o) => o.ok)).to.equal(true);

    const store = await openedB.restart();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the dead worker's lease runs out
    const resumed = await runner(crashed, store).cycle();
    expect(resumed.failed).to.equal(0);
    advance(crashed);
    await runner(crashed, store).cycle();
    expect(differences(outputs(crashed), outputs(reference))).to.deep.equal([]);
    expect([...snapshotsPerPartner(crashed).values()].every((n) => n === 1)).to.equal(true);
    expect((await store.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
  });

  it('a kill in the middle of a pull keeps the cursor behind what is stored and loses nothing', async () => {
    // Stopped right after the first page of a first load is stored; restarted on the same store.
    const ac = new AbortController();
    const run = runner(crashed, openedB.store, {}, (e) => {
      if (e.kind === 'load') ac.abort();
    });
    let error: unknown;
    try {
      await run.cycle({ signal: ac.signal });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('AbortError');
    const mid = await openedB.store.listCursors();
    expect(mid.map((c) => c.objectType)).to.deep.equal(['Account']);
    let accounts = 0;
    for await (const row of openedB.store.iterateMirror('Account')) if (row) accounts += 1;
    expect(accounts).to.equal(rows(crashed, 'Account').length);

    const restarted = await openedB.restart();
    await runner(crashed, restarted).cycle();
    advance(crashed);
    await runner(crashed, restarted).cycle();
    for (const type of ['Account', 'Opportunity', 'Deal_Registration__c', 'Co_Sell_Split__c']) {
      let n = 0;
      for await (const row of restarted.iterateMirror(type)) if (row) n += 1;
      expect(n, type).to.equal(rows(crashed, type).length);
    }
    expect((await restarted.status()).outbox).to.include({ NEW: 0, PENDING: 0, FAILED: 0 });
    expect(differences(outputs(crashed), outputs(reference))).to.deep.equal([]);
  });
});
