import { expect } from 'chai';
import { DEFAULT_PROGRAM_CONFIG, type TierConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { addDays } from '../time.js';
import { evaluateTier, qualifiedTier } from './evaluate.js';
import type { PartnerTierMetrics, PartnerTierState } from './schemas.js';

const tiers = DEFAULT_PROGRAM_CONFIG.tiers; // Registered 0 · Silver 60 days · Gold 90 days · Platinum 90 days
const dollars = (d: number): number => d * 100;

const silver: PartnerTierMetrics = {
  partnerId: 'p1',
  attributedRevenueCents: dollars(150_000),
  wonDeals: 3,
  activeCertifications: 1,
  registrationsApproved: 4,
};
const gold: PartnerTierMetrics = {
  partnerId: 'p1',
  attributedRevenueCents: dollars(500_000),
  wonDeals: 6,
  activeCertifications: 3,
  registrationsApproved: 8,
};
const registered: PartnerTierMetrics = {
  partnerId: 'p1',
  attributedRevenueCents: 0,
  wonDeals: 0,
  activeCertifications: 0,
  registrationsApproved: 0,
};
const atGold: PartnerTierState = { tier: 'Gold', tierSince: '2025-01-01', graceUntil: null };
const today = '2026-07-03';

describe('qualifiedTier', () => {
  it('is the highest tier whose every threshold is met', () => {
    const table: [PartnerTierMetrics, string][] = [
      [registered, 'Registered'],
      [silver, 'Silver'],
      [gold, 'Gold'],
      [{ ...gold, activeCertifications: 2 }, 'Silver'],
      [{ ...gold, attributedRevenueCents: dollars(100_000_000), wonDeals: 99 }, 'Gold'],
    ];
    for (const [metrics, expected] of table) expect(qualifiedTier(metrics, tiers)?.name).to.equal(expected);
  });

  it('is null when no tier is met, and ranks tiers whatever their order', () => {
    const noEntry = tiers.filter((t) => t.name !== 'Registered');
    expect(qualifiedTier(registered, noEntry)).to.equal(null);
    expect(qualifiedTier(gold, [...tiers].reverse())?.name).to.equal('Gold');
  });
});

describe('evaluateTier', () => {
  it('moves a partner up at once when it crosses a threshold', () => {
    const v = evaluateTier(gold, { tier: 'Silver', tierSince: '2025-03-01', graceUntil: null }, tiers, today);
    expect(v).to.deep.include({
      tier: 'Gold',
      tierSince: today,
      graceUntil: null,
      qualifiedTier: 'Gold',
      nextTier: 'Platinum',
      change: 'upgrade',
      changed: true,
    });
    expect(v.reasons.map((r) => r.code)).to.deep.equal(['tier_upgrade']);
    expect(v.reasons[0]!.message).to.equal('Silver → Gold: meets every Gold threshold');
  });

  it('upgrades past several tiers and clears a running grace period', () => {
    const v = evaluateTier(
      {
        ...gold,
        attributedRevenueCents: dollars(2_000_000),
        wonDeals: 15,
        activeCertifications: 6,
        registrationsApproved: 20,
      },
      { tier: 'Silver', tierSince: '2025-03-01', graceUntil: '2026-08-01' },
      tiers,
      today,
    );
    expect([v.tier, v.graceUntil, v.change, v.nextTier, v.gaps]).to.deep.equal([
      'Platinum',
      null,
      'upgrade',
      null,
      [],
    ]);
  });

  it('keeps the tier and starts a grace period of the current tier when the partner dips below', () => {
    const v = evaluateTier({ ...gold, wonDeals: 4 }, atGold, tiers, today);
    expect(v).to.deep.include({
      tier: 'Gold',
      tierSince: '2025-01-01',
      graceUntil: addDays(today, 90),
      qualifiedTier: 'Silver',
      change: 'grace_started',
      changed: true,
    });
    expect(v.reasons.map((r) => r.code)).to.deep.equal(['tier_grace_started', 'tier_below_threshold']);
    expect(v.reasons[1]!.message).to.equal("won deals 4 is below Gold's 6");
    expect(v.currentTierGaps.find((g) => g.criterion === 'wonDeals')).to.deep.equal({
      criterion: 'wonDeals',
      required: 6,
      actual: 4,
      missing: 2,
      met: false,
    });
  });

  it('keeps the tier for a dip shorter than the grace period, without restarting the grace', () => {
    const graceUntil = addDays(today, 90);
    let state: PartnerTierState = atGold;
    for (let day = 0; day <= 90; day += 15) {
      const v = evaluateTier({ ...gold, wonDeals: 5 }, state, tiers, addDays(today, day));
      expect([v.tier, v.graceUntil], `day ${day}`).to.deep.equal(['Gold', graceUntil]);
      expect(v.change).to.equal(day === 0 ? 'grace_started' : 'grace_continues');
      expect(v.changed).to.equal(day === 0);
      state = v;
    }
    const back = evaluateTier(gold, state, tiers, addDays(today, 90));
    expect([back.tier, back.graceUntil, back.change, back.tierSince]).to.deep.equal([
      'Gold',
      null,
      'grace_cleared',
      '2025-01-01',
    ]);
  });

  it('moves a partner down to its qualified tier once the grace period is over', () => {
    const state: PartnerTierState = { tier: 'Gold', tierSince: '2025-01-01', graceUntil: '2026-10-01' };
    const onLastDay = evaluateTier(
      { ...gold, attributedRevenueCents: 41_230_000 },
      state,
      tiers,
      '2026-10-01',
    );
    expect(onLastDay.tier).to.equal('Gold');
    const after = evaluateTier({ ...gold, attributedRevenueCents: 41_230_000 }, state, tiers, '2026-10-02');
    expect(after).to.deep.include({
      tier: 'Silver',
      tierSince: '2026-10-02',
      graceUntil: null,
      change: 'downgrade',
      nextTier: 'Gold',
      changed: true,
    });
    expect(after.reasons.map((r) => r.message)).to.deep.equal([
      'Gold → Silver: grace ended 2026-10-01',
      "attributed revenue $412,300 is below Gold's $500,000",
    ]);
    expect(after.gaps.find((g) => g.criterion === 'attributedRevenueCents')).to.deep.include({
      missing: 8_770_000,
    });
  });

  it('downgrades at once from a tier without grace days, to no tier when none is met', () => {
    const noEntry: TierConfig[] = tiers.map((t) => (t.name === 'Silver' ? { ...t, graceDays: 0 } : t));
    const v = evaluateTier(
      registered,
      { tier: 'Silver', tierSince: '2025-01-01', graceUntil: null },
      noEntry,
      today,
    );
    expect([v.tier, v.tierSince, v.change]).to.deep.equal(['Registered', today, 'downgrade']);
    const none = evaluateTier(
      registered,
      { tier: 'Silver', tierSince: '2025-01-01', graceUntil: null },
      noEntry.filter((t) => t.name !== 'Registered'),
      today,
    );
    expect([none.tier, none.tierSince, none.change, none.nextTier]).to.deep.equal([
      null,
      null,
      'downgrade',
      'Silver',
    ]);
  });

  it('evaluates a first partner and an unknown stored tier as initial', () => {
    const first = evaluateTier(silver, { tier: null, tierSince: null, graceUntil: null }, tiers, today);
    expect([first.tier, first.tierSince, first.change, first.changed]).to.deep.equal([
      'Silver',
      today,
      'initial',
      true,
    ]);
    const renamed = evaluateTier(
      gold,
      { tier: 'Bronze', tierSince: '2024-01-01', graceUntil: '2026-08-01' },
      tiers,
      today,
    );
    expect([renamed.tier, renamed.tierSince, renamed.graceUntil, renamed.change]).to.deep.equal([
      'Gold',
      today,
      null,
      'initial',
    ]);
    expect(renamed.reasons.map((r) => r.code)).to.deep.equal(['tier_unknown_current', 'tier_initial']);
  });

  it('reports no change for a partner that keeps its tier, and for one with no tier that meets none', () => {
    const kept = evaluateTier(gold, atGold, tiers, today);
    expect([kept.change, kept.changed, kept.tierSince]).to.deep.equal(['none', false, '2025-01-01']);
    const noEntry = tiers.filter((t) => t.name !== 'Registered');
    const nothing = evaluateTier(
      registered,
      { tier: null, tierSince: null, graceUntil: null },
      noEntry,
      today,
    );
    expect([nothing.tier, nothing.change, nothing.changed, nothing.nextTier]).to.deep.equal([
      null,
      'none',
      false,
      'Silver',
    ]);
    expect(nothing.reasons.map((r) => r.code)).to.deep.equal(['tier_not_qualified']);
  });

  it('reports the gap to the next tier per criterion', () => {
    const v = evaluateTier(
      silver,
      { tier: 'Silver', tierSince: '2025-01-01', graceUntil: null },
      tiers,
      today,
    );
    expect(v.nextTier).to.equal('Gold');
    expect(v.gaps).to.deep.equal([
      {
        criterion: 'attributedRevenueCents',
        required: dollars(500_000),
        actual: dollars(150_000),
        missing: dollars(350_000),
        met: false,
      },
      { criterion: 'wonDeals', required: 6, actual: 3, missing: 3, met: false },
      { criterion: 'activeCertifications', required: 3, actual: 1, missing: 2, met: false },
      { criterion: 'registrationsApproved', required: 8, actual: 4, missing: 4, met: false },
    ]);
  });

  it('refuses bad input with an error naming the partner and the field', () => {
    const table: [() => unknown, string | undefined, string][] = [
      [() => evaluateTier({ ...gold, wonDeals: -1 }, atGold, tiers, today), 'p1', 'wonDeals'],
      [() => evaluateTier({ ...gold, wonDeals: 2.5 }, atGold, tiers, today), 'p1', 'wonDeals'],
      [() => evaluateTier(gold, { ...atGold, graceUntil: '2026-13-01' }, tiers, today), 'p1', 'graceUntil'],
      [() => evaluateTier(gold, atGold, tiers, '03/07/2026'), undefined, 'today'],
      [
        () => evaluateTier(gold, atGold, [tiers[0]!, { ...tiers[1]!, rank: 1 }], today),
        undefined,
        '[1].rank',
      ],
      [
        () => evaluateTier(gold, atGold, [tiers[0]!, { ...tiers[1]!, name: 'Registered' }], today),
        undefined,
        '[1].name',
      ],
      [() => qualifiedTier({ ...gold, partnerId: '' }, tiers), undefined, 'partnerId'],
    ];
    for (const [run, recordId, field] of table) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught, field).to.be.instanceOf(DomainInputError);
      expect([(caught as DomainInputError).recordId, (caught as DomainInputError).field]).to.deep.equal([
        recordId,
        field,
      ]);
    }
  });
});
