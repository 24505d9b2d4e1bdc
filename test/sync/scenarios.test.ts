// The business scenarios of the program, end to end: a person (or a partner portal) changes records in the
// org over its API, the sync runs its cycles, and the org's records say what the program rules decided.
// Every expectation follows from the records created here and the program defaults that force-app deploys
// (PRM_*__mdt, mirrored by DEFAULT_PROGRAM_CONFIG).
import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import { connectWithToken } from '../../src/crm/connect.js';
import { DEFAULT_PROGRAM_CONFIG } from '../../src/domain/config.js';
import { MATCH_POINTS } from '../../src/domain/registration/identity.js';
import { addDays } from '../../src/domain/time.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import type { Store } from '../../src/store/index.js';
import type { CycleReport } from '../../src/sync/engine.js';
import { DAY, advance, apiCalls, openTestStore, rows, runner, startOrg, todayIso } from './harness.js';
import type { Opened, Runner } from './harness.js';

type R = Record<string, unknown>;

const PROGRAM = DEFAULT_PROGRAM_CONFIG;
const SETTINGS = PROGRAM.registration;
const tier = (name: string) => PROGRAM.tiers.find((t) => t.name === name)!;
const SILVER = tier('Silver');
const GOLD = tier('Gold');
const bandOf = (score: number): string =>
  score >= PROGRAM.health.bands.greenMin
    ? 'Green'
    : score >= PROGRAM.health.bands.yellowMin
      ? 'Yellow'
      : 'Red';

describe('sync: business scenarios driven through the org’s API', function () {
  this.timeout(300_000);
  let org: LocalOrg;
  let opened: Opened;
  let store: Store;
  let run: Runner;
  let person: Connection;

  /** Today in the org (UTC). */
  const today = () => todayIso(org);
  const nowIso = () => org.core.clock.now().toISOString();
  const record = (type: string, id: string): R => {
    const found = rows(org, type).find((r) => r['Id'] === id);
    expect(found, `${type} ${id} in the org`).to.not.equal(undefined);
    return found!;
  };
  const create = async (type: string, fields: R): Promise<string> => {
    const result = (await person.sobject(type).create(fields)) as { id?: string; success: boolean };
    expect(result.success, `create ${type}`).to.equal(true);
    return result.id!;
  };
  const update = async (type: string, fields: R & { Id: string }): Promise<void> => {
    const result = (await person.sobject(type).update(fields)) as { success: boolean };
    expect(result.success, `update ${type}`).to.equal(true);
  };
  /** A cycle after the org's clock moved on, so the poll window covers what just happened. */
  const next = async (): Promise<CycleReport> => {
    advance(org);
    const report = await run.cycle();
    expect(report.status, JSON.stringify(report)).to.equal('ok');
    return report;
  };
  /** Cycles until the service's own writes have echoed back and nothing is left to push. */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 4; i++) if ((await next()).pushed === 0) return;
    expect.fail('the sync did not settle within 4 cycles');
  };
  const partner = (name: string, extra: R = {}) =>
    create('Account', { Name: name, Partner_Type__c: 'Reseller', Partner_Status__c: 'Active', ...extra });

  // Names no demo customer comes near, so only the claims created here can match each other.
  let customer: string; // the customer partner A registers first
  let freshCustomer: string;
  let partnerA: string;
  let partnerB: string;
  let partnerC: string;
  let regA: string;
  let tiered: string; // the partner that moves through the tiers (scenarios 4 and 5)

  before(async () => {
    // The harness's clock starts at 00:30 UTC, so the many two-minute steps of a day's cycles stay on one day.
    org = await startOrg({ size: 'tiny', seed: 11 });
    opened = await openTestStore();
    store = opened.store;
    run = runner(org, store);
    person = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    await run.cycle();
    await settle();

    customer = await create('Account', {
      Name: 'Quuxvelt Biolumen',
      Website: 'https://www.quuxvelt-biolumen.example',
    });
    freshCustomer = await create('Account', {
      Name: 'Zorbitrax Hydroponik',
      Website: 'zorbitrax-hydroponik.example',
    });
    partnerA = await partner('Scenario Partner Alpha');
    partnerB = await partner('Scenario Partner Beta');
    partnerC = await partner('Scenario Partner Gamma');
    await settle();
  });
  after(async () => {
    await opened?.close();
    await org?.stop();
  });

  describe('1. deal registration: first to register is protected', () => {
    it('approves a registration for a fresh customer under the auto-approve limit, protected for the protection days', async () => {
      const amount = 50_000;
      expect(amount * 100).to.be.at.most(SETTINGS.autoApproveMaxAmountCents!);
      regA = await create('Deal_Registration__c', {
        Partner_Account__c: partnerA,
        Customer_Account__c: customer,
        Customer_Name__c: 'Quuxvelt Biolumen',
        Registration_Type__c: 'Sourced',
        Estimated_Amount__c: amount,
        Status__c: 'Submitted',
        Submitted_At__c: nowIso(),
        External_Id__c: 'scenario-reg-a',
      });
      await next();
      const reg = record('Deal_Registration__c', regA);
      expect(reg).to.include({
        Status__c: 'Approved',
        Decided_By__c: 'Rules',
        Protected_Until__c: addDays(today(), SETTINGS.protectionDays),
      });
      expect(reg['Conflict_With__c'] ?? null).to.equal(null);
      expect(String(reg['Decision_Reason__c'])).to.match(/^Approved by the rules/);
    });

    it('rejects another partner’s later registration of the same customer as a duplicate, saying why', async () => {
      const protectedUntil = String(record('Deal_Registration__c', regA)['Protected_Until__c']);
      const regB = await create('Deal_Registration__c', {
        Partner_Account__c: partnerB,
        Customer_Account__c: customer,
        Customer_Name__c: 'Quuxvelt Biolumen',
        Registration_Type__c: 'Sourced',
        Estimated_Amount__c: 40_000,
        Status__c: 'Submitted',
        Submitted_At__c: nowIso(),
        External_Id__c: 'scenario-reg-b',
      });
      await next();
      const reg = record('Deal_Registration__c', regB);
      // Same customer account: the strongest identity signal; no products given, so no product bonus.
      const score = MATCH_POINTS.sameAccount;
      expect(reg).to.include({
        Status__c: 'Rejected',
        Decided_By__c: 'Rules',
        Conflict_With__c: regA,
        Conflict_Score__c: score,
      });
      expect(reg['Protected_Until__c'] ?? null).to.equal(null);
      const why = String(reg['Decision_Reason__c']);
      expect(why).to.include('duplicate');
      expect(why).to.include(regA);
      expect(why).to.include(protectedUntil);
      expect(why).to.include(`match ${score}`);
      // The earlier registration keeps its protection.
      expect(record('Deal_Registration__c', regA)).to.include({
        Status__c: 'Approved',
        Protected_Until__c: protectedUntil,
      });
    });
  });

  describe('2. a manager’s decision is final', () => {
    it('keeps a hand approval the rules would have rejected, untouched over cycles', async () => {
      const decidedAt = nowIso();
      const reason = 'Strategic exception agreed with the customer';
      const regC = await create('Deal_Registration__c', {
        Partner_Account__c: partnerC,
        Customer_Account__c: customer, // protected by partner A's approval, as in scenario 1
        Customer_Name__c: 'Quuxvelt Biolumen',
        Registration_Type__c: 'Sourced',
        Estimated_Amount__c: 30_000,
        Status__c: 'Approved',
        Submitted_At__c: decidedAt,
        Decided_At__c: decidedAt,
        Decided_By__c: 'Manager',
        Decision_Reason__c: reason,
        External_Id__c: 'scenario-reg-c',
      });
      const before = record('Deal_Registration__c', regC);
      await next();
      await settle();
      const after = record('Deal_Registration__c', regC);
      expect(after).to.include({
        Status__c: 'Approved',
        Decided_By__c: 'Manager',
        Decision_Reason__c: reason,
        Decided_At__c: before['Decided_At__c'],
      });
      expect(after['Conflict_With__c'] ?? null).to.equal(null);
      expect(after['Protected_Until__c'] ?? null).to.equal(null);
      expect(after['SystemModstamp']).to.equal(before['SystemModstamp']); // never written by the service
    });
  });

  describe('3. revenue splits to the cent', () => {
    it('allocates 33.33 / 33.33 / 33.34 % of 100.01 by largest remainder, summing exactly', async () => {
      const opp = await create('Opportunity', {
        Name: 'Scenario three-way co-sell',
        AccountId: freshCustomer,
        StageName: 'Prospecting',
        CloseDate: addDays(today(), 30),
        Amount: 100.01,
      });
      const split = (partnerId: string, role: string, percent: number, key: string) =>
        create('Co_Sell_Split__c', {
          Opportunity__c: opp,
          Partner_Account__c: partnerId,
          Role__c: role,
          Split_Type__c: 'Revenue',
          Percent__c: percent,
          External_Id__c: key,
        });
      const s1 = await split(partnerA, 'Sourced', 33.33, 'scenario-split-1');
      const s2 = await split(partnerB, 'Fulfillment', 33.33, 'scenario-split-2');
      const s3 = await split(partnerC, 'Technology', 33.34, 'scenario-split-3');
      await next();
      // 10001 cents: 33.33% → 3333.3333, 33.33% → 3333.3333, 33.34% → 3334.3334. The floors sum to 10000;
      // the one cent left goes to the largest remainder (.3334, the 33.34% row): 33.33, 33.33, 33.35.
      const amount = (id: string) => record('Co_Sell_Split__c', id)['Amount__c'];
      expect([amount(s1), amount(s2), amount(s3)]).to.deep.equal([33.33, 33.33, 33.35]);
      const cents = [s1, s2, s3].map((id) => Math.round(Number(amount(id)) * 100));
      expect(cents.reduce((a, b) => a + b, 0)).to.equal(10_001);
    });
  });

  describe('4–5. partner tiers: upgrade at once, downgrade only after the grace period', () => {
    const won = (name: string, amount: number) =>
      create('Opportunity', {
        Name: name,
        AccountId: freshCustomer,
        StageName: 'Closed Won',
        CloseDate: addDays(today(), -1),
        Amount: amount,
        Primary_Partner__c: tiered,
      });

    it('moves a partner up on the next cycle once it meets every threshold of the next tier', async () => {
      // Silver asks for $100,000 attributed revenue, 2 won deals, 1 active certification, 3 approvals.
      expect(SILVER.thresholds).to.deep.equal({
        attributedRevenueCents: 100_000_00,
        wonDeals: 2,
        activeCertifications: 1,
        registrationsApproved: 3,
      });
      tiered = await partner('Scenario Partner Tiered', {
        Partner_Certifications__c: SILVER.thresholds.activeCertifications,
        Partner_Certifications_Expire_On__c: addDays(today(), 2 * 365),
      });
      for (let k = 1; k <= SILVER.thresholds.registrationsApproved; k++) {
        const at = nowIso();
        await create('Deal_Registration__c', {
          Partner_Account__c: tiered,
          Customer_Name__c: `Tiered Customer Number ${k}`,
          Registration_Type__c: 'Influenced',
          Status__c: 'Approved',
          Submitted_At__c: at,
          Decided_At__c: at,
          Decided_By__c: 'Manager',
          External_Id__c: `scenario-tiered-reg-${k}`,
        });
      }
      // One won deal of $60,000 (primary partner, no splits: 100% attributed): short of Silver on two counts.
      await won('Scenario tiered win 1', 60_000);
      await next();
      let account = record('Account', tiered);
      expect(account).to.include({ Partner_Tier__c: 'Registered', Partner_Next_Tier__c: 'Silver' });
      const gap = JSON.stringify(JSON.parse(String(account['Partner_Next_Tier_Gap__c'])));
      expect(gap).to.include('wonDeals');

      // The second win: $120,000 over 2 deals, with the certification and 3 approvals → Silver at once.
      await won('Scenario tiered win 2', 60_000);
      await next();
      account = record('Account', tiered);
      expect(account).to.include({
        Partner_Tier__c: 'Silver',
        Partner_Tier_Since__c: today(),
        Partner_Next_Tier__c: GOLD.name,
      });
      expect(account['Partner_Tier_Grace_Until__c'] ?? null).to.equal(null);
    });

    it('keeps the tier with a grace date during a dip, and clears the grace when the partner recovers', async () => {
      const since = record('Account', tiered)['Partner_Tier_Since__c'];
      await update('Account', { Id: tiered, Partner_Certifications__c: 0 }); // below Silver's 1 certification
      await next();
      let account = record('Account', tiered);
      expect(account).to.include({
        Partner_Tier__c: 'Silver',
        Partner_Tier_Since__c: since,
        Partner_Tier_Grace_Until__c: addDays(today(), SILVER.graceDays),
      });

      await update('Account', { Id: tiered, Partner_Certifications__c: 1 });
      await next();
      account = record('Account', tiered);
      expect(account).to.include({ Partner_Tier__c: 'Silver', Partner_Tier_Since__c: since });
      expect(account['Partner_Tier_Grace_Until__c'] ?? null).to.equal(null);
    });
  });

  describe('6–7. health, daily snapshots, trend; an idle run', () => {
    let healthy: string;
    let firstScore: number;
    let firstDay: string;

    it('scores a partner 0–100 with its band and evidence, and keeps one snapshot per partner a day', async () => {
      healthy = await partner('Scenario Partner Healthy', {
        Partner_Certifications__c: 5,
        Partner_Certifications_Expire_On__c: addDays(today(), 2 * 365),
        Partner_Onboarded_On__c: addDays(today(), -400),
        Partner_Last_Engagement__c: addDays(today(), -150),
      });
      await next();
      await settle();
      firstDay = today();
      const account = record('Account', healthy);
      const score = account['Partner_Health_Score__c'];
      expect(score).to.be.a('number');
      firstScore = score as number;
      expect(Number.isInteger(firstScore) && firstScore >= 0 && firstScore <= 100).to.equal(true);
      expect(account['Partner_Health_Band__c']).to.equal(bandOf(firstScore));
      const explained = JSON.parse(String(account['Partner_Health_Explained__c'])) as {
        score: number;
        band: string;
        measures: R[];
      };
      expect(explained.score).to.equal(firstScore);
      expect(explained.band).to.equal(bandOf(firstScore));
      expect(explained.measures.map((m) => m['measure'])).to.have.members(
        PROGRAM.health.measures.filter((m) => m.active).map((m) => m.measure),
      );
      // Certifications: 5 active, the full-points value.
      expect(explained.measures.find((m) => m['measure'] === 'Certifications')!['value']).to.equal(5);
      // No trend yet: there is no snapshot a month old.
      expect(account['Partner_Health_Trend__c'] ?? null).to.equal(null);

      const snaps = rows(org, 'Partner_Health_Snapshot__c').filter((s) => s['Account__c'] === healthy);
      expect(snaps).to.have.length(1);
      expect(snaps[0]).to.include({ As_Of__c: firstDay, Score__c: firstScore, Band__c: bandOf(firstScore) });
      expect(snaps[0]!['External_Id__c']).to.equal(`${healthy}-${firstDay}`);
      // Every partner: exactly one snapshot per day, after all the cycles of this day.
      const perDay = new Map<string, number>();
      for (const s of rows(org, 'Partner_Health_Snapshot__c')) {
        const key = `${String(s['Account__c'])}|${String(s['As_Of__c'])}`;
        perDay.set(key, (perDay.get(key) ?? 0) + 1);
      }
      expect([...perDay.values()].every((n) => n === 1)).to.equal(true);
    });

    it('a second run with no changes writes nothing and costs at most one API call', async () => {
      await settle();
      const calls = apiCalls(org);
      const written = org.core.store.recordsWritten;
      const report = await next();
      expect(apiCalls(org) - calls).to.be.at.most(1);
      expect(org.core.store.recordsWritten - written).to.equal(0);
      expect(report).to.include({ changed: 0, pushed: 0, computed: 0 });
    });

    it('adds the next day’s snapshot, and a month later the trend shows the change', async () => {
      advance(org, DAY);
      await run.cycle();
      await settle();
      const second = today();
      expect(second).to.equal(addDays(firstDay, 1));
      const snaps = rows(org, 'Partner_Health_Snapshot__c')
        .filter((s) => s['Account__c'] === healthy)
        .map((s) => s['As_Of__c'])
        .sort();
      expect(snaps).to.deep.equal([firstDay, second]);
      expect(record('Account', healthy)['Partner_Health_Trend__c'] ?? null).to.equal(null); // one day apart

      // Thirty days after the first snapshot the partner engages again (recency 150+ days → today).
      advance(org, 29 * DAY);
      expect(today()).to.equal(addDays(firstDay, 30));
      await update('Account', { Id: healthy, Partner_Last_Engagement__c: today() });
      await next();
      const account = record('Account', healthy);
      const score = account['Partner_Health_Score__c'] as number;
      expect(score).to.be.greaterThan(firstScore);
      // The trend compares with the snapshot at least 30 days old: the first day's.
      expect(account['Partner_Health_Trend__c']).to.equal(score - firstScore);
    });
  });

  describe('5 (continued). a dip that outlasts the grace period', () => {
    it('drops the tier when a dip outlasts the grace period', async () => {
      await settle();
      await update('Account', { Id: tiered, Partner_Certifications__c: 0 });
      await next();
      const dipped = today();
      const graceUntil = addDays(dipped, SILVER.graceDays);
      expect(record('Account', tiered)).to.include({
        Partner_Tier__c: 'Silver',
        Partner_Tier_Grace_Until__c: graceUntil,
      });

      // Halfway through the grace period: still Silver, and the grace date is not moved.
      advance(org, 30 * DAY);
      await run.cycle();
      expect(record('Account', tiered)).to.include({
        Partner_Tier__c: 'Silver',
        Partner_Tier_Grace_Until__c: graceUntil,
      });

      // The day after the grace ends: down to the highest tier it still meets (Registered).
      advance(org, (SILVER.graceDays - 30 + 1) * DAY);
      expect(today()).to.equal(addDays(graceUntil, 1));
      await run.cycle();
      const account = record('Account', tiered);
      expect(account).to.include({ Partner_Tier__c: 'Registered', Partner_Tier_Since__c: today() });
      expect(account['Partner_Tier_Grace_Until__c'] ?? null).to.equal(null);
    });
  });
});
