import { expect } from 'chai';
import { DEFAULT_PROGRAM_CONFIG } from '../config.js';
import { evaluateTier } from './evaluate.js';
import { explainNextTierGap, parseNextTierGap } from './next-tier-gap.js';

const tiers = DEFAULT_PROGRAM_CONFIG.tiers;
const metrics = {
  partnerId: 'p1',
  attributedRevenueCents: 60_000_000,
  wonDeals: 5,
  activeCertifications: 3,
  registrationsApproved: 9,
};

describe('Partner_Next_Tier_Gap__c', () => {
  it('holds the gap to the next tier and, in grace, what keeps the current one', () => {
    const verdict = evaluateTier(
      metrics,
      { tier: 'Gold', tierSince: '2025-01-01', graceUntil: null },
      tiers,
      '2026-07-03',
    );
    const explained = explainNextTierGap(verdict, tiers);
    expect(explained).to.deep.include({
      v: 1,
      tier: 'Gold',
      tierLabel: 'Gold',
      nextTier: 'Platinum',
      nextTierLabel: 'Platinum',
      graceUntil: '2026-10-01',
    });
    expect(explained.gaps.map((g) => [g.criterion, g.missing, g.met])).to.deep.equal([
      ['attributedRevenueCents', 140_000_000, false],
      ['wonDeals', 10, false],
      ['activeCertifications', 3, false],
      ['registrationsApproved', 11, false],
    ]);
    expect(explained.keepGaps).to.deep.equal([
      { criterion: 'wonDeals', label: 'won deals', required: 6, actual: 5, missing: 1, met: false },
    ]);
  });

  it('round-trips through its JSON and refuses what is not this shape', () => {
    const top = {
      ...metrics,
      attributedRevenueCents: 9e9,
      wonDeals: 99,
      activeCertifications: 99,
      registrationsApproved: 99,
    };
    const explained = explainNextTierGap(
      evaluateTier(top, { tier: 'Platinum', tierSince: '2025-01-01', graceUntil: null }, tiers, '2026-07-03'),
      tiers,
    );
    expect([explained.nextTier, explained.gaps, explained.keepGaps]).to.deep.equal([null, [], []]);
    expect(parseNextTierGap(JSON.stringify(explained))).to.deep.equal(explained);
    expect(parseNextTierGap('')).to.equal(null);
    expect(parseNextTierGap('{not json')).to.equal(null);
    expect(parseNextTierGap(JSON.stringify({ ...explained, v: 2 }))).to.equal(null);
  });
});
