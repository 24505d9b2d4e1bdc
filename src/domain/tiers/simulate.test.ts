import { expect } from 'chai';
import { DEFAULT_PROGRAM_CONFIG } from '../config.js';
import { DomainInputError } from '../errors.js';
import { simulateTiers, type SimulatedPartner } from './simulate.js';

const tiers = DEFAULT_PROGRAM_CONFIG.tiers;
const dollars = (d: number): number => d * 100;
const goldMetrics = {
  attributedRevenueCents: dollars(500_000),
  wonDeals: 6,
  activeCertifications: 3,
  registrationsApproved: 8,
};
function partner(
  partnerId: string,
  metrics: Partial<typeof goldMetrics>,
  state: SimulatedPartner['state'],
): SimulatedPartner {
  return {
    partnerId,
    name: `Partner ${partnerId}`,
    metrics: { partnerId, ...goldMetrics, ...metrics },
    state,
  };
}

describe('simulateTiers', () => {
  it('lists only the partners whose tier state would change, with plain-word summaries', () => {
    const changes = simulateTiers(
      [
        partner(
          'down',
          { attributedRevenueCents: 41_230_000 },
          { tier: 'Gold', tierSince: '2025-01-01', graceUntil: '2026-10-01' },
        ),
        partner('same', {}, { tier: 'Gold', tierSince: '2025-01-01', graceUntil: null }),
        partner('up', {}, { tier: 'Silver', tierSince: '2025-01-01', graceUntil: null }),
        partner('dip', { wonDeals: 4 }, { tier: 'Gold', tierSince: '2025-01-01', graceUntil: null }),
        partner(
          'waiting',
          { wonDeals: 4 },
          { tier: 'Gold', tierSince: '2025-01-01', graceUntil: '2026-12-01' },
        ),
        partner('back', {}, { tier: 'Gold', tierSince: '2025-01-01', graceUntil: '2026-12-01' }),
        partner(
          'new',
          { wonDeals: 0, activeCertifications: 0 },
          { tier: null, tierSince: null, graceUntil: null },
        ),
        partner('gone', {}, { tier: 'Bronze', tierSince: '2024-01-01', graceUntil: null }),
      ],
      tiers,
      '2026-10-02',
    );
    expect(changes.map((c) => [c.partnerId, c.from, c.to, c.change, c.summary])).to.deep.equal([
      [
        'down',
        'Gold',
        'Silver',
        'downgrade',
        "Gold → Silver: attributed revenue $412,300 is below Gold's $500,000; grace ended 2026-10-01",
      ],
      ['up', 'Silver', 'Gold', 'upgrade', 'Silver → Gold: meets every Gold threshold'],
      ['dip', 'Gold', 'Gold', 'grace_started', "Gold, grace until 2026-12-31: won deals 4 is below Gold's 6"],
      [
        'back',
        'Gold',
        'Gold',
        'grace_cleared',
        'Gold: meets every Gold threshold again; grace period cleared',
      ],
      ['new', null, 'Registered', 'initial', 'no tier → Registered: meets every Registered threshold'],
      ['gone', 'Bronze', 'Gold', 'initial', 'Bronze (not in the program) → Gold: meets every Gold threshold'],
    ]);
    expect(changes[0]).to.deep.include({ name: 'Partner down', tierSince: '2026-10-02', graceUntil: null });
    expect(changes[0]!.reasons.map((r) => r.code)).to.deep.equal(['tier_downgrade', 'tier_below_threshold']);
  });

  it('says when a tier has no grace period', () => {
    const [change] = simulateTiers(
      [partner('p', { wonDeals: 0 }, { tier: 'Silver', tierSince: '2025-01-01', graceUntil: null })],
      tiers.map((t) => ({ ...t, graceDays: 0 })),
      '2026-10-02',
    );
    expect(change!.summary).to.equal(
      "Silver → Registered: won deals 0 is below Silver's 2; Silver has no grace period",
    );
  });

  it('returns nothing when nobody would move', () => {
    expect(simulateTiers([], tiers, '2026-10-02')).to.deep.equal([]);
  });

  it('refuses bad input naming the partner and the field', () => {
    const ok = partner('p1', {}, { tier: 'Gold', tierSince: '2025-01-01', graceUntil: null });
    const table: [SimulatedPartner[], string | undefined, string][] = [
      [[ok, ok], 'p1', 'partnerId'],
      [[{ ...ok, metrics: { ...ok.metrics, partnerId: 'p2' } }], 'p1', 'metrics.partnerId'],
      [
        [{ ...ok, metrics: { ...ok.metrics, activeCertifications: -2 } }],
        'p1',
        'metrics.activeCertifications',
      ],
      [[{ ...ok, state: { ...ok.state, tierSince: 'yesterday' } }], 'p1', 'state.tierSince'],
    ];
    for (const [partners, recordId, field] of table) {
      let caught: unknown;
      try {
        simulateTiers(partners, tiers, '2026-10-02');
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
