import { expect } from 'chai';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { startOfDay } from '../time.js';
import { attributePartners, attributePartnersReport } from './attribute.js';
import type { OpportunityFacts, RegistrationFacts, SplitFacts } from './schemas.js';

const window = { asOf: '2026-06-30', months: 12 };
const created = startOfDay('2025-01-01');

function won(
  id: string,
  amountCents: number | null,
  closeDate: string,
  extra: Partial<OpportunityFacts> = {},
): OpportunityFacts {
  return { id, amountCents, isClosed: true, isWon: true, closeDate, createdAt: created, ...extra };
}
function lost(id: string, closeDate: string, extra: Partial<OpportunityFacts> = {}): OpportunityFacts {
  return { id, amountCents: 100_00, isClosed: true, isWon: false, closeDate, createdAt: created, ...extra };
}
function open(
  id: string,
  amountCents: number | null,
  extra: Partial<OpportunityFacts> = {},
): OpportunityFacts {
  return {
    id,
    amountCents,
    isClosed: false,
    isWon: false,
    closeDate: '2026-09-30',
    createdAt: created,
    ...extra,
  };
}
const rev = (opportunityId: string, partnerId: string, percentBp: number): SplitFacts => ({
  opportunityId,
  partnerId,
  type: 'Revenue',
  percentBp,
});
const inf = (opportunityId: string, partnerId: string, percentBp: number): SplitFacts => ({
  opportunityId,
  partnerId,
  type: 'Influence',
  percentBp,
});
function reg(
  id: string,
  partnerId: string,
  status: RegistrationFacts['status'],
  submitted: string | null,
  decided: string | null,
): RegistrationFacts {
  return {
    id,
    partnerId,
    status,
    createdAt: startOfDay('2025-01-01'),
    submittedAt: submitted === null ? null : Date.parse(submitted),
    decidedAt: decided === null ? null : Date.parse(decided),
  };
}

describe('attributePartners', () => {
  it('allocates a won opportunity through its revenue splits to the cent', () => {
    const result = attributePartners(
      {
        opportunities: [won('o1', 100_01, '2026-03-01')],
        splits: [rev('o1', 'pA', 3333), rev('o1', 'pB', 3333), rev('o1', 'pC', 3334)],
        registrations: [],
      },
      window,
    );
    const cents = ['pA', 'pB', 'pC'].map((p) => result.get(p)!.attributedRevenueCents);
    expect(cents).to.deep.equal([33_33, 33_33, 33_35]);
    expect(cents.reduce((s, c) => s + c, 0)).to.equal(100_01);
    expect(result.get('pA')!.wonDeals).to.equal(1);
    expect(result.get('pA')!.evidence.attributedOpportunityIds).to.deep.equal(['o1']);
    expect(result.get('pA')!.evidence.primaryPartnerOpportunityIds).to.deep.equal([]);
  });

  it('credits 100% to the primary partner when a won opportunity has no revenue splits, and says so', () => {
    const result = attributePartners(
      {
        opportunities: [won('o1', 5_000_00, '2026-03-01', { primaryPartnerId: 'pA' })],
        splits: [inf('o1', 'pB', 2000)],
        registrations: [],
      },
      window,
    );
    const a = result.get('pA')!;
    expect(a.attributedRevenueCents).to.equal(5_000_00);
    expect(a.evidence.primaryPartnerOpportunityIds).to.deep.equal(['o1']);
    expect(result.get('pB')!.attributedRevenueCents).to.equal(0);
    expect(result.get('pB')!.influencedRevenueCents).to.equal(1_000_00);
    expect(result.get('pB')!.evidence.influencedOpportunityIds).to.deep.equal(['o1']);
  });

  it('prefers revenue splits over the primary partner', () => {
    const result = attributePartners(
      {
        opportunities: [won('o1', 1_000_00, '2026-03-01', { primaryPartnerId: 'pA' })],
        splits: [rev('o1', 'pB', 10_000)],
        registrations: [],
      },
      window,
    );
    expect(result.get('pB')!.attributedRevenueCents).to.equal(1_000_00);
    expect(result.has('pA')).to.equal(false);
  });

  it('counts closes inside the trailing window only, both ends inclusive', () => {
    const table: [closeDate: string, counted: boolean][] = [
      ['2025-06-30', false],
      ['2025-07-01', true],
      ['2026-06-30', true],
      ['2026-07-01', false],
    ];
    for (const [closeDate, counted] of table) {
      const result = attributePartners(
        {
          opportunities: [won('o1', 100_00, closeDate, { primaryPartnerId: 'pA' })],
          splits: [],
          registrations: [],
        },
        window,
      );
      expect(result.get('pA')?.wonDeals ?? 0, closeDate).to.equal(counted ? 1 : 0);
    }
  });

  it('counts won and lost deals for the win rate and sums revenue shares per partner', () => {
    const result = attributePartners(
      {
        opportunities: [
          won('o1', 100_00, '2026-01-10'),
          won('o2', 300_00, '2026-02-10', { primaryPartnerId: 'pA' }),
          lost('o3', '2026-03-10'),
          lost('o4', '2026-03-10', { primaryPartnerId: 'pB' }),
        ],
        // Two revenue split records for pA on one opportunity (two roles) are one deal.
        splits: [
          rev('o1', 'pA', 4000),
          rev('o1', 'pA', 1000),
          rev('o1', 'pB', 5000),
          rev('o3', 'pA', 10_000),
        ],
        registrations: [],
      },
      window,
    );
    const a = result.get('pA')!;
    expect([a.wonDeals, a.closedDeals, a.attributedRevenueCents]).to.deep.equal([2, 3, 350_00]);
    expect(a.evidence.closedOpportunityIds).to.deep.equal(['o1', 'o2', 'o3']);
    const b = result.get('pB')!;
    expect([b.wonDeals, b.closedDeals, b.attributedRevenueCents]).to.deep.equal([1, 2, 50_00]);
  });

  it('puts open opportunities into pipeline by split share or primary partner', () => {
    const result = attributePartners(
      {
        opportunities: [
          open('o1', 1_000_00),
          open('o2', 500_00, { primaryPartnerId: 'pA' }),
          open('o3', null, { primaryPartnerId: 'pA' }),
        ],
        splits: [rev('o1', 'pA', 2500), rev('o1', 'pB', 7500), inf('o2', 'pC', 5000)],
        registrations: [],
      },
      window,
    );
    expect(result.get('pA')!.openPipelineCents).to.equal(750_00);
    expect(result.get('pA')!.evidence.pipelineOpportunityIds).to.deep.equal(['o1', 'o2', 'o3']);
    expect(result.get('pB')!.openPipelineCents).to.equal(750_00);
    expect(result.has('pC')).to.equal(false);
    expect(result.get('pA')!.wonDeals).to.equal(0);
  });

  it('keeps the first won date from before the window', () => {
    const result = attributePartners(
      {
        opportunities: [
          won('o1', 100_00, '2024-02-01', { primaryPartnerId: 'pA' }),
          won('o2', 100_00, '2026-02-01', { primaryPartnerId: 'pA' }),
          lost('o3', '2023-01-01', { primaryPartnerId: 'pA' }),
        ],
        splits: [],
        registrations: [],
      },
      window,
    );
    const a = result.get('pA')!;
    expect(a.firstWonDate).to.equal('2024-02-01');
    expect([a.wonDeals, a.closedDeals]).to.deep.equal([1, 1]);
  });

  it('counts registration decisions in the window and their decision hours', () => {
    const result = attributePartners(
      {
        opportunities: [],
        splits: [],
        registrations: [
          reg('r1', 'pA', 'Approved', '2026-05-01T00:00:00Z', '2026-05-01T10:00:00Z'),
          reg('r2', 'pA', 'Rejected', '2026-05-02T00:00:00Z', '2026-05-03T06:00:00Z'),
          reg('r3', 'pA', 'Approved', '2026-05-04T00:00:00Z', '2026-05-04T02:00:00Z'),
          reg('r4', 'pA', 'Expired', '2026-05-01T00:00:00Z', null),
          reg('r5', 'pA', 'Approved', '2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'),
          reg('r6', 'pA', 'Submitted', '2026-06-01T00:00:00Z', null),
        ],
      },
      window,
    );
    const a = result.get('pA')!;
    expect([a.registrationsApproved, a.registrationsDecided]).to.deep.equal([2, 3]);
    expect(a.decisionHours).to.deep.equal([2, 10, 30]);
    expect(a.medianDecisionHours).to.equal(10);
    expect(a.evidence.registrationIds).to.deep.equal(['r1', 'r2', 'r3']);
  });

  it('reports data problems without dropping the rest', () => {
    const report = attributePartnersReport(
      {
        opportunities: [
          won('short', 1_000_00, '2026-03-01'),
          won('over', 1_000_00, '2026-03-01'),
          won('nodate', 1_000_00, '2026-03-01', { closeDate: null, primaryPartnerId: 'pA' }),
        ],
        splits: [rev('short', 'pA', 5000), rev('over', 'pA', 10_000), rev('over', 'pB', 10_000)],
        registrations: [reg('r1', 'pA', 'Approved', '2026-05-02T00:00:00Z', '2026-05-01T00:00:00Z')],
      },
      window,
    );
    expect(report.issues.map((r) => [r.code, r.data])).to.deep.equal([
      ['revenue_splits_not_100', { opportunityId: 'short', totalBp: 5000 }],
      ['revenue_splits_not_100', { opportunityId: 'over', totalBp: 20_000 }],
      ['closed_without_close_date', { opportunityId: 'nodate' }],
      ['decided_before_submitted', { registrationId: 'r1' }],
    ]);
    // Short set: face value; over-full set: scaled so the parts still sum to the amount.
    expect(report.partners.get('pA')!.attributedRevenueCents).to.equal(500_00 + 500_00);
    expect(report.partners.get('pB')!.attributedRevenueCents).to.equal(500_00);
    expect(report.partners.get('pA')!.registrationsDecided).to.equal(1);
    expect(report.partners.get('pA')!.decisionHours).to.deep.equal([]);
    expect(report.window).to.deep.equal({ from: '2025-07-01', to: '2026-06-30' });
  });

  it('refuses bad input with an error naming the record and the field', () => {
    const table: [
      input: Parameters<typeof attributePartners>[0],
      win: typeof window,
      recordId: string | undefined,
      field: string,
    ][] = [
      [
        {
          opportunities: [won('o1', 1, '2026-01-01'), won('o2', 1.5, '2026-01-01')],
          splits: [],
          registrations: [],
        },
        window,
        'o2',
        'amountCents',
      ],
      [
        { opportunities: [{ ...open('o3', 1), isWon: true }], splits: [], registrations: [] },
        window,
        'o3',
        'isWon',
      ],
      [
        { opportunities: [won('o4', 1, '2026-02-30')], splits: [], registrations: [] },
        window,
        'o4',
        'closeDate',
      ],
      [
        {
          opportunities: [won('o5', 1, '2026-01-01'), won('o5', 2, '2026-01-02')],
          splits: [],
          registrations: [],
        },
        window,
        'o5',
        'id',
      ],
      [
        { opportunities: [], splits: [rev('o1', 'pA', 10_001)], registrations: [] },
        window,
        undefined,
        '[0].percentBp',
      ],
      [
        {
          opportunities: [],
          splits: [{ ...rev('o1', 'pA', 100), type: 'Other' as 'Revenue' }],
          registrations: [],
        },
        window,
        undefined,
        '[0].type',
      ],
      [
        {
          opportunities: [],
          splits: [],
          registrations: [{ ...reg('r1', 'pA', 'Approved', null, null), status: 'Done' as 'Approved' }],
        },
        window,
        'r1',
        'status',
      ],
      [
        { opportunities: [], splits: [], registrations: [] },
        { asOf: '2026-06-30', months: 0 },
        undefined,
        'months',
      ],
    ];
    for (const [input, win, recordId, field] of table) {
      let caught: unknown;
      try {
        attributePartners(input, win);
      } catch (error) {
        caught = error;
      }
      expect(caught, field).to.be.instanceOf(DomainInputError);
      const e = caught as DomainInputError;
      expect([e.recordId, e.field, e.code], e.message).to.deep.equal([recordId, field, 'INVALID_INPUT']);
      expect(e.message).to.include(field);
    }
  });

  it('reads each input once, from any iterable, to the same report as from lists', () => {
    const lists = {
      opportunities: [
        won('o1', 1000_00, '2026-03-01', { primaryPartnerId: 'pA' }),
        lost('o2', '2026-02-01'),
        open('o3', 500_00, { primaryPartnerId: 'pB' }),
        won('o4', 300_00, '2026-04-01'),
      ],
      splits: [
        rev('o2', 'pA', 10_000),
        rev('o4', 'pB', 6_000),
        rev('o4', 'pC', 4_000),
        inf('o4', 'pA', 2_500),
      ],
      registrations: [
        reg('r1', 'pA', 'Approved', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
        reg('r2', 'pB', 'Rejected', '2026-02-01T00:00:00Z', '2026-02-01T12:00:00Z'),
      ],
    };
    const reads: string[] = [];
    function* once<T>(name: string, items: readonly T[]): Generator<T> {
      reads.push(name);
      yield* items;
    }
    const streamed = attributePartnersReport(
      {
        opportunities: once('opportunities', lists.opportunities),
        splits: once('splits', lists.splits),
        registrations: once('registrations', lists.registrations),
      },
      window,
    );
    expect(reads.sort()).to.deep.equal(['opportunities', 'registrations', 'splits']);
    expect(streamed).to.deep.equal(attributePartnersReport(lists, window));
    expect(streamed.partners.get('pC')?.attributedRevenueCents).to.equal(120_00);
  });

  it('attributes exactly the won amount in the window, whatever the split sets', () => {
    const partner = fc.constantFrom('pA', 'pB', 'pC', 'pD');
    // Revenue split sets that total exactly 100.00%, as the splits rule enforces on write.
    const splitSet = fc
      .array(fc.tuple(partner, fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 4 })
      .map((parts) => {
        let left = 10_000;
        const out: [string, number][] = [];
        for (const [p, w] of parts) {
          const bp = Math.min(left, w);
          if (bp > 0) out.push([p, bp]);
          left -= bp;
        }
        if (left > 0) out.push([parts[0]![0], left]);
        return out;
      });
    const oppArb = fc.record({
      amount: fc.integer({ min: -1_000_000_00, max: 1_000_000_000_00 }),
      day: fc.integer({ min: 0, max: 900 }),
      state: fc.constantFrom('won', 'lost', 'open'),
      primary: fc.option(partner, { nil: null }),
      splits: fc.option(splitSet, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(oppArb, { maxLength: 30 }), (specs) => {
        const opportunities: OpportunityFacts[] = [];
        const splits: SplitFacts[] = [];
        specs.forEach((s, i) => {
          const id = `o${i}`;
          const closeDate = new Date(Date.UTC(2024, 0, 1 + s.day)).toISOString().slice(0, 10);
          opportunities.push({
            id,
            amountCents: s.amount,
            isClosed: s.state !== 'open',
            isWon: s.state === 'won',
            closeDate,
            createdAt: created,
            primaryPartnerId: s.primary,
          });
          for (const [p, bp] of s.splits ?? []) splits.push(rev(id, p, bp));
        });
        const result = attributePartners({ opportunities, splits, registrations: [] }, window);
        const credited = [...result.values()].reduce((sum, a) => sum + a.attributedRevenueCents, 0);
        const pipeline = [...result.values()].reduce((sum, a) => sum + a.openPipelineCents, 0);
        const expected = specs
          .map((s, i) => ({ s, o: opportunities[i]! }))
          .filter(
            ({ s, o }) => s.state === 'won' && o.closeDate! >= '2025-07-01' && o.closeDate! <= '2026-06-30',
          )
          .filter(({ s }) => s.splits !== null || s.primary !== null)
          .reduce((sum, { s }) => sum + s.amount, 0);
        const expectedPipeline = specs
          .filter((s) => s.state === 'open' && (s.splits !== null || s.primary !== null))
          .reduce((sum, s) => sum + s.amount, 0);
        return credited === expected && pipeline === expectedPipeline;
      }),
    );
  });
});
