import { expect } from 'chai';
import type { LocalOrg } from '../../src/localorg/index.js';
import type { Store } from '../../src/store/index.js';
import { PROGRAM_KEY } from '../../src/sync/program-state.js';
import { DEFAULT_PROGRAM_CONFIG, ProgramConfig } from '../../src/domain/config.js';
import { z } from 'zod';
import { expectedOpportunities, expectedPartners } from './expected.js';
import pg from 'pg';
import { advance, apiCalls, openTestStore, PG_URL, rows, runner, startOrg, todayIso } from './harness.js';
import { REFRESH_STATISTICS_AFTER } from '../../src/sync/engine.js';
import type { CycleReport } from '../../src/sync/engine.js';
import type { Opened } from './harness.js';

describe('sync: initial load of the demo org', function () {
  this.timeout(180_000);
  let org: LocalOrg;
  let opened: Opened;
  let store: Store;
  let first: CycleReport;
  let callsBefore: number;

  before(async () => {
    org = await startOrg({ size: 'small', seed: 11 });
    opened = await openTestStore();
    store = opened.store;
    callsBefore = apiCalls(org);
    first = await runner(org, store).cycle();
  });
  after(async () => {
    await opened?.close();
    await org?.stop();
  });

  it('pulls every record, rejects none and pushes without failures', async () => {
    const inOrg = ['Account', 'Opportunity', 'Deal_Registration__c', 'Co_Sell_Split__c'].reduce(
      (n, t) => n + rows(org, t).length,
      0,
    );
    expect(first.pulled).to.equal(inOrg);
    expect(first.rejected).to.deep.equal([]);
    expect(first.failed).to.equal(0);
    expect(first.pushed).to.be.greaterThan(0);
    expect(first.apiCalls).to.equal(apiCalls(org) - callsBefore);
    const status = await store.status();
    expect(status.outbox.FAILED).to.equal(0);
    expect(status.outbox.NEW + status.outbox.PENDING).to.equal(0);
  });

  it('reads the program rules from the deployed custom metadata (money in cents, percent in basis points)', async () => {
    const saved = await store.getMeta(PROGRAM_KEY, z.object({ hash: z.string(), config: ProgramConfig }));
    expect(saved?.config).to.deep.equal(DEFAULT_PROGRAM_CONFIG);
  });

  it('writes co-sell status and partner-sourced as the rules predict from the org rows', () => {
    const expected = expectedOpportunities(org);
    expect(expected.size).to.be.greaterThan(50);
    const statuses = new Set<string>();
    for (const o of rows(org, 'Opportunity')) {
      const want = expected.get(String(o['Id']))!;
      expect(o['Co_Sell_Status__c'], `Opportunity ${String(o['Id'])}`).to.equal(want.status);
      expect(o['Partner_Sourced__c'] === true, `Opportunity ${String(o['Id'])} sourced`).to.equal(
        want.sourced,
      );
      statuses.add(want.status);
    }
    expect(statuses.size).to.be.greaterThan(2);
  });

  it('writes each registration the rules decide its reasons and the day it lapses', () => {
    const regs = rows(org, 'Deal_Registration__c');
    const decided = regs.filter(
      (r) =>
        r['Status__c'] === 'Submitted' || (r['Status__c'] === 'Approved' && r['Decided_By__c'] === 'Rules'),
    );
    expect(decided.length).to.be.greaterThan(5);
    for (const r of decided) {
      const reasons = JSON.parse(String(r['Decision_Reasons__c'])) as { code: string; message: string }[];
      expect(reasons.length, `reasons of ${String(r['Id'])}`).to.be.greaterThan(0);
      expect(reasons[0]!.message).to.be.a('string');
      if (r['Status__c'] === 'Submitted') {
        const submitted = Date.parse(
          String(r['Submitted_At__c'] ?? r['CreatedDate']).replace(/\+0000$/, 'Z'),
        );
        const expires = new Date(submitted + DEFAULT_PROGRAM_CONFIG.registration.expiryDays * 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(r['Expires_On__c'], `expiry of ${String(r['Id'])}`).to.equal(expires);
      } else {
        expect(r['Expires_On__c']).to.equal(r['Protected_Until__c']);
      }
    }
    // Nobody's decision is touched: a manager's stays as the demo data set it.
    expect(
      regs.filter((r) => r['Decided_By__c'] === 'Manager').every((r) => r['Decision_Reasons__c'] == null),
    ).to.equal(true);
  });

  it('writes revenue split amounts that add up to the opportunity amount to the cent', () => {
    const splits = rows(org, 'Co_Sell_Split__c');
    let checked = 0;
    for (const o of rows(org, 'Opportunity')) {
      const revenue = splits.filter(
        (s) => s['Opportunity__c'] === o['Id'] && s['Split_Type__c'] === 'Revenue',
      );
      const pct = revenue.reduce((n, s) => n + Math.round(Number(s['Percent__c']) * 100), 0);
      if (revenue.length === 0 || pct !== 10_000 || typeof o['Amount'] !== 'number') continue;
      const cents = revenue.reduce((n, s) => n + Math.round(Number(s['Amount__c']) * 100), 0);
      expect(cents, `splits of ${String(o['Id'])}`).to.equal(Math.round(o['Amount'] * 100));
      checked += 1;
    }
    expect(checked).to.be.greaterThan(5);
  });

  it('writes each partner its tier, health score and band as the rules predict, and one snapshot today', () => {
    const today = todayIso(org);
    const expected = expectedPartners(org, today);
    expect(expected.size).to.be.greaterThan(5);
    const snapshots = rows(org, 'Partner_Health_Snapshot__c');
    const tiers = new Set<unknown>();
    for (const [id, want] of expected) {
      const a = rows(org, 'Account').find((r) => r['Id'] === id)!;
      // First evaluation: no stored tier, so the partner starts at the tier it qualifies for.
      expect(a['Partner_Tier__c'] ?? null, `tier of ${id}`).to.equal(want.qualified);
      expect(a['Partner_Tier_Since__c'] ?? null).to.equal(want.qualified === null ? null : today);
      expect(a['Partner_Health_Score__c'], `score of ${id}`).to.equal(want.score);
      expect(a['Partner_Health_Band__c']).to.equal(want.band);
      const gap = JSON.parse(String(a['Partner_Next_Tier_Gap__c'])) as { v: number; tier: string | null };
      expect(gap.v).to.equal(1);
      expect(gap.tier).to.equal(want.qualified);
      expect(JSON.parse(String(a['Partner_Health_Explained__c']))).to.have.property('score', want.score);
      const mine = snapshots.filter((s) => s['Account__c'] === id);
      expect(mine, `snapshots of ${id}`).to.have.length(1);
      expect(mine[0]!['External_Id__c']).to.equal(`${id}-${today}`);
      expect(mine[0]!['Score__c']).to.equal(want.score);
      tiers.add(want.qualified);
    }
    expect(tiers.size).to.be.greaterThan(1);
  });

  it('settles: the cycle after the echoes costs at most one API call and writes nothing', async () => {
    const r = runner(org, store);
    advance(org);
    const echo = await r.cycle();
    expect(echo.pushed).to.equal(0);
    expect(echo.queued).to.equal(0);
    advance(org);
    const before = apiCalls(org);
    const idle = await r.cycle();
    expect(apiCalls(org) - before).to.be.at.most(1);
    expect(idle.apiCalls).to.equal(apiCalls(org) - before);
    expect(idle).to.include({ pulled: 0, computed: 0, queued: 0, pushed: 0 });
    const again = await r.cycle();
    expect(again.apiCalls).to.be.at.most(1);
  });
});

// Runs only where a PostgreSQL server is given (CI always sets PRM_TEST_DATABASE_URL).
if (PG_URL) {
  describe('sync: initial load into PostgreSQL', function () {
    this.timeout(180_000);

    it("leaves the outbox's planner statistics counting the backlog it queued", async () => {
      const org = await startOrg({ size: 1000, seed: 5 });
      const opened = await openTestStore();
      const client = new pg.Client({ connectionString: PG_URL });
      try {
        // The claims must not run before the statistics are checked: stop after the compute.
        const stop = new AbortController();
        const cycle = runner(org, opened.store).cycle({
          afterCompute: () => stop.abort(),
          signal: stop.signal,
        });
        await cycle.catch(() => undefined);
        const status = await opened.store.status();
        const backlog = status.outbox.NEW;
        expect(backlog).to.be.at.least(REFRESH_STATISTICS_AFTER);
        await client.connect();
        const { rows: found } = await client.query<{ reltuples: number }>(
          `select c.reltuples::float8 as reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = $1 and c.relname = 'outbox'`,
          [opened.schema],
        );
        // Never analysed reads -1 (PostgreSQL 14+) or 0; analysed, the row count it sampled.
        expect(found[0]?.reltuples).to.be.at.least(backlog * 0.9);
      } finally {
        await client.end().catch(() => undefined);
        await opened.close();
        await org.stop();
      }
    });
  });
}
