import { expect } from 'chai';
import type { PartnerAttribution } from '../attribution/schemas.js';
import { DomainInputError } from '../errors.js';
import { activeCertificationCount, measurePartner } from './measures.js';
import type { HealthPartnerFacts } from './schemas.js';

const today = '2026-07-01';
const partner: HealthPartnerFacts = {
  id: 'p1',
  certifications: 3,
  certificationsExpireOn: '2026-12-28',
  lastEngagement: '2026-06-21',
  onboardedOn: '2025-10-01',
};
const attribution: PartnerAttribution = {
  partnerId: 'p1',
  attributedRevenueCents: 412_300_00,
  influencedRevenueCents: 0,
  wonDeals: 3,
  closedDeals: 4,
  openPipelineCents: 900_000_00,
  registrationsApproved: 4,
  registrationsDecided: 5,
  decisionHours: [2, 10, 30],
  medianDecisionHours: 10,
  firstWonDate: '2026-01-29',
  evidence: {
    attributedOpportunityIds: ['o1', 'o2', 'o3'],
    primaryPartnerOpportunityIds: ['o3'],
    influencedOpportunityIds: [],
    closedOpportunityIds: ['o1', 'o2', 'o3', 'o4'],
    pipelineOpportunityIds: ['o5', 'o6'],
    registrationIds: ['r1', 'r2', 'r3', 'r4', 'r5'],
  },
};

describe('measurePartner', () => {
  it('measures every measure in its unit, with the records behind it', () => {
    const m = measurePartner({ partner, attribution }, today);
    const values = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]));
    expect(values).to.deep.equal({
      Attributed_Revenue: 412_300_00,
      Pipeline: 900_000_00,
      Win_Rate: 7500,
      Registration_Approval_Rate: 8000,
      Registration_Speed: 10,
      Certifications: 3,
      Certification_Freshness: 180,
      Engagement_Recency: 10,
      Time_To_First_Revenue: 120,
    });
    expect(m.Attributed_Revenue.evidence).to.deep.equal({
      label:
        '$412,300 from 3 won opportunities in the window (1 credited in full as primary partner, having no revenue splits)',
      recordIds: ['o1', 'o2', 'o3'],
    });
    expect(m.Win_Rate.evidence).to.deep.equal({
      label: '3 won of 4 closed opportunities in the window',
      recordIds: ['o1', 'o2', 'o3', 'o4'],
    });
    expect(m.Registration_Speed.evidence.label).to.equal(
      'Median 10 hours from submission to decision over 3 registrations',
    );
    expect(m.Time_To_First_Revenue.evidence.label).to.equal(
      'First won deal closed on 2026-01-29, 120 days after onboarding on 2025-10-01',
    );
  });

  it('marks missing data as not applicable (null), never as a silent zero', () => {
    const bare: HealthPartnerFacts = {
      id: 'p2',
      certifications: null,
      certificationsExpireOn: null,
      lastEngagement: null,
      onboardedOn: null,
    };
    const m = measurePartner({ partner: bare, attribution: undefined }, today);
    const values = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]));
    expect(values).to.deep.equal({
      // Sums are real zeros: no deals is data.
      Attributed_Revenue: 0,
      Pipeline: 0,
      Win_Rate: null,
      Registration_Approval_Rate: null,
      Registration_Speed: null,
      Certifications: null,
      Certification_Freshness: null,
      Engagement_Recency: null,
      Time_To_First_Revenue: null,
    });
    expect(m.Win_Rate.evidence.label).to.equal('No won or lost opportunities in the window');
  });

  it('keeps the time-to-first-revenue clock running until the first won deal', () => {
    const table: [onboardedOn: string | null, firstWon: string | null, value: number | null][] = [
      ['2026-05-02', null, 60],
      ['2025-07-01', null, 365],
      ['2026-08-01', null, null],
      [null, '2026-01-01', null],
      ['2026-02-01', '2026-01-01', 0],
    ];
    for (const [onboardedOn, firstWonDate, value] of table) {
      const m = measurePartner(
        { partner: { ...partner, onboardedOn }, attribution: { ...attribution, firstWonDate } },
        today,
      );
      expect(m.Time_To_First_Revenue.value, `${onboardedOn} ${firstWonDate}`).to.equal(value);
    }
  });

  it('counts expired certifications as none and their freshness as negative days', () => {
    const lapsed = { ...partner, certificationsExpireOn: '2026-06-21' };
    const m = measurePartner({ partner: lapsed, attribution }, today);
    expect([m.Certifications.value, m.Certification_Freshness.value]).to.deep.equal([0, -10]);
    expect(m.Certifications.evidence.label).to.equal('3 certifications expired on 2026-06-21');
    expect(activeCertificationCount(lapsed, today)).to.equal(0);
    expect(activeCertificationCount({ ...partner, certificationsExpireOn: today }, today)).to.equal(3);
    const none = measurePartner({ partner: { ...partner, certifications: 0 }, attribution }, today);
    expect(none.Certification_Freshness.value).to.equal(null);
  });

  it('refuses bad input naming the partner and the field', () => {
    const table: [() => unknown, string | undefined, string][] = [
      [
        () => measurePartner({ partner: { ...partner, certifications: -1 }, attribution }, today),
        'p1',
        'certifications',
      ],
      [
        () => measurePartner({ partner: { ...partner, lastEngagement: '2026-02-31' }, attribution }, today),
        'p1',
        'lastEngagement',
      ],
      [
        () => measurePartner({ partner, attribution: { ...attribution, wonDeals: 1.5 } }, today),
        'p1',
        'wonDeals',
      ],
      [
        () => measurePartner({ partner, attribution: { ...attribution, partnerId: 'p9' } }, today),
        'p9',
        'partnerId',
      ],
      [() => measurePartner({ partner, attribution }, 'today'), undefined, 'today'],
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
