import { expect } from 'chai';
import { z } from 'zod';
import { connectWithToken } from '../../src/crm/connect.js';
import { DEFAULT_PROGRAM_CONFIG, ProgramConfig } from '../../src/domain/config.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { tiersDryRun } from '../../src/sync/dry-run.js';
import { PROGRAM_KEY } from '../../src/sync/program-state.js';
import { syncStatus } from '../../src/sync/status.js';
import { advance, openTestStore, rows, runner, startOrg } from './harness.js';
import type { Opened } from './harness.js';

type R = Record<string, unknown>;

describe('sync: program rules from custom metadata', function () {
  this.timeout(180_000);
  let org: LocalOrg;
  let opened: Opened;

  const tierRow = (name: string): R => rows(org, 'PRM_Tier__mdt').find((t) => t['DeveloperName'] === name)!;
  const setTier = (name: string, values: R) =>
    org.core.store.put('PRM_Tier__mdt', { ...tierRow(name), ...values });
  const saved = async () =>
    (await opened.store.getMeta(PROGRAM_KEY, z.object({ hash: z.string(), config: ProgramConfig })))?.config;

  before(async () => {
    // Seed 11 has Silver partners; the harness's clock keeps the dry run and the next cycle on one day.
    org = await startOrg({ size: 'small', seed: 11 });
    opened = await openTestStore();
    await runner(org, opened.store).cycle();
    advance(org);
    await runner(org, opened.store).cycle();
  });
  after(async () => {
    await opened?.close();
    await org?.stop();
  });

  it('reports an invalid rule set and keeps the last valid one in force', async () => {
    setTier('Silver', { Rank__c: 3 }); // the same rank as Gold: ambiguous, refused whole
    advance(org);
    const report = await runner(org, opened.store).cycle();
    expect(report.status).to.equal('partial');
    expect(report.programProblems.map((p) => p.message).join(' ')).to.match(/duplicate tier rank 3/);
    expect(report.computed).to.equal(0);
    expect(await saved()).to.deep.equal(DEFAULT_PROGRAM_CONFIG);
    const [cycle] = await opened.store.recentCycles(1);
    expect(cycle?.error).to.match(/program rules/);
    setTier('Silver', { Rank__c: 2 });
  });

  it('explains in a dry run what new rules would change, writing nothing', async () => {
    setTier('Silver', { Min_Won_Deals__c: 6 });
    const silverBefore = rows(org, 'Account').filter((a) => a['Partner_Tier__c'] === 'Silver');
    expect(silverBefore.length).to.be.greaterThan(0);
    const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    advance(org);
    const dry = await tiersDryRun(conn, opened.store, { now: () => org.core.clock.now().getTime() });
    expect(dry.partners).to.be.greaterThan(5);
    const graces = dry.changes.filter((c) => c.change === 'grace_started');
    expect(graces.length).to.be.greaterThan(0);
    for (const c of graces) {
      expect(c.from).to.equal('Silver');
      expect(c.summary).to.match(/won deals/i);
      expect(c.reasons.map((r) => r.code)).to.include('tier_grace_started');
    }
    // Nothing written: the org still has no grace dates for them.
    for (const c of graces) {
      expect(
        rows(org, 'Account').find((a) => a['Id'] === c.partnerId)!['Partner_Tier_Grace_Until__c'] ?? null,
      ).to.equal(null);
    }
  });

  it('applies new valid rules to every partner on the next cycle', async () => {
    const dry = await tiersDryRun(
      connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken }),
      opened.store,
      {
        now: () => org.core.clock.now().getTime(),
      },
    );
    advance(org);
    const report = await runner(org, opened.store).cycle();
    expect(report.programProblems).to.deep.equal([]);
    expect(report.computed).to.be.greaterThan(dry.partners - 1);
    expect((await saved())?.tiers.find((t) => t.name === 'Silver')?.thresholds.wonDeals).to.equal(6);
    for (const c of dry.changes.filter((x) => x.change === 'grace_started')) {
      const a = rows(org, 'Account').find((x) => x['Id'] === c.partnerId)!;
      expect(a['Partner_Tier__c']).to.equal('Silver');
      expect(a['Partner_Tier_Grace_Until__c']).to.equal(c.graceUntil);
    }
    const status = await syncStatus(opened.store);
    expect(status.pendingCompute).to.equal(0);
    expect(status.tiers).to.deep.equal(['Registered', 'Silver', 'Gold', 'Platinum']);
  });
});
