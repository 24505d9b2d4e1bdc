import { expect } from 'chai';
import fc from 'fast-check';
import type { TierConfig } from '../config.js';
import { addDays, daysBetween } from '../time.js';
import { evaluateTier, qualifiedTier } from './evaluate.js';
import { meetsTier } from './gaps.js';
import { TIER_CRITERIA, type PartnerTierMetrics, type PartnerTierState } from './schemas.js';

// Programs as config.ts accepts them: thresholds non-decreasing by rank. Won deals rise strictly, so a
// partner sitting exactly on one tier's thresholds never also meets the next one.
const cumulative = (steps: number[]): number[] =>
  steps.map((_, i) => steps.slice(0, i + 1).reduce((s, x) => s + x, 0));
const programArb = fc.integer({ min: 1, max: 5 }).chain((k) =>
  fc
    .record({
      revenue: fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { minLength: k, maxLength: k }),
      won: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: k, maxLength: k }),
      certs: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: k, maxLength: k }),
      regs: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: k, maxLength: k }),
      grace: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: k, maxLength: k }),
      rankGaps: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }),
    })
    .map(({ revenue, won, certs, regs, grace, rankGaps }): TierConfig[] => {
      const [r, w, c, g, ranks] = [
        cumulative(revenue),
        cumulative(won),
        cumulative(certs),
        cumulative(regs),
        cumulative(rankGaps),
      ];
      return ranks.map((rank, i) => ({
        name: `T${i}`,
        label: `Tier ${i}`,
        rank,
        thresholds: {
          attributedRevenueCents: r[i]!,
          wonDeals: w[i]!,
          activeCertifications: c[i]!,
          registrationsApproved: g[i]!,
        },
        benefits: { discountBp: 0, mdfBp: 0, summary: '' },
        graceDays: grace[i]!,
      }));
    }),
);
const metricsArb = fc.record({
  partnerId: fc.constant('p1'),
  attributedRevenueCents: fc.integer({ min: 0, max: 6_000_000_00 }),
  wonDeals: fc.integer({ min: 0, max: 60 }),
  activeCertifications: fc.integer({ min: 0, max: 20 }),
  registrationsApproved: fc.integer({ min: 0, max: 30 }),
});
const criterionArb = fc.constantFrom(...TIER_CRITERIA);
const dayArb = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2024-01-01', d));
const rankOf = (tier: TierConfig | null): number => tier?.rank ?? 0;

describe('tier evaluation properties', () => {
  it('never lowers the qualified tier when a metric rises', () => {
    fc.assert(
      fc.property(
        programArb,
        metricsArb,
        criterionArb,
        fc.integer({ min: 0, max: 1_000_000_00 }),
        (tiers, m, c, up) => {
          const raised: PartnerTierMetrics = { ...m, [c]: m[c] + up };
          return rankOf(qualifiedTier(raised, tiers)) >= rankOf(qualifiedTier(m, tiers));
        },
      ),
    );
  });

  it('never raises the qualified tier when a threshold rises', () => {
    fc.assert(
      fc.property(
        programArb,
        metricsArb,
        criterionArb,
        fc.nat(),
        fc.integer({ min: 0, max: 1_000_000_00 }),
        (tiers, m, c, pick, up) => {
          const i = pick % tiers.length;
          const harder = tiers.map((t, k) =>
            k === i
              ? {
                  ...t,
                  thresholds: {
                    ...t.thresholds,
                    [c]: t.thresholds[c] + (c === 'attributedRevenueCents' ? up : up % 1000),
                  },
                }
              : t,
          );
          return rankOf(qualifiedTier(m, harder)) <= rankOf(qualifiedTier(m, tiers));
        },
      ),
    );
  });

  it('qualifies for a tier whose thresholds are all met, and for no higher one that is', () => {
    fc.assert(
      fc.property(programArb, metricsArb, (tiers, m) => {
        const q = qualifiedTier(m, tiers);
        const higherMet = tiers.some((t) => t.rank > rankOf(q) && meetsTier(m, t));
        return (q === null || meetsTier(m, q)) && !higherMet;
      }),
    );
  });

  it('applies an upgrade at once, from any state', () => {
    fc.assert(
      fc.property(
        programArb,
        metricsArb,
        fc.nat(),
        fc.option(dayArb, { nil: null }),
        dayArb,
        (tiers, m, pick, grace, today) => {
          const q = qualifiedTier(m, tiers);
          const current = tiers[pick % tiers.length]!;
          fc.pre(q !== null && q.rank > current.rank);
          const v = evaluateTier(
            m,
            { tier: current.name, tierSince: '2023-01-01', graceUntil: grace },
            tiers,
            today,
          );
          expect([v.tier, v.tierSince, v.graceUntil, v.change]).to.deep.equal([
            q!.name,
            today,
            null,
            'upgrade',
          ]);
        },
      ),
    );
  });

  it('does not flap: a partner hovering at a threshold keeps its tier until a dip outlasts the grace period', () => {
    const stepArb = fc.record({ gap: fc.integer({ min: 1, max: 20 }), below: fc.boolean() });
    fc.assert(
      fc.property(
        programArb,
        fc.nat(),
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        (tiers, pick, steps) => {
          const tier = tiers[pick % tiers.length]!;
          const above: PartnerTierMetrics = { partnerId: 'p1', ...tier.thresholds };
          const below: PartnerTierMetrics = { ...above, wonDeals: tier.thresholds.wonDeals - 1 };
          let state: PartnerTierState = { tier: tier.name, tierSince: '2023-01-01', graceUntil: null };
          let today = '2024-01-01';
          let dipStart: string | null = null;
          for (const step of steps) {
            today = addDays(today, step.gap);
            const v = evaluateTier(step.below ? below : above, state, tiers, today);
            if (!step.below) {
              dipStart = null;
              expect([v.tier, v.graceUntil]).to.deep.equal([tier.name, null]);
            } else {
              dipStart ??= today;
              const dipDays = daysBetween(dipStart, today);
              if (tier.graceDays === 0 || dipDays > tier.graceDays) {
                expect(v.change).to.equal('downgrade');
                expect(rankOf(tiers.find((t) => t.name === v.tier) ?? null)).to.be.below(tier.rank);
                return;
              }
              expect([v.tier, v.tierSince, v.graceUntil]).to.deep.equal([
                tier.name,
                '2023-01-01',
                addDays(dipStart, tier.graceDays),
              ]);
            }
            state = v;
          }
        },
      ),
    );
  });
});
