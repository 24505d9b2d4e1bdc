// The raw value of each health measure for one partner, in the unit HEALTH_MEASURES gives it, with the
// records behind it. Missing data is null (not applicable), so the score can re-weight it away openly
// instead of counting it as zero. Sums (revenue, pipeline) are never missing: no deals is a true zero.
import { parseRecord } from '../errors.js';
import { parseKeyed, invalid } from '../attribution/parse.js';
import { PartnerAttribution } from '../attribution/schemas.js';
import { FULL_SHARE_BP } from '../money.js';
import { daysBetween, type DateOnly } from '../time.js';
import { formatCents } from '../tiers/format.js';
import { EvaluationDay } from '../tiers/schemas.js';
import { HealthPartnerFacts, type MeasureValue, type MeasureValues } from './schemas.js';

export type MeasureInput = {
  partner: HealthPartnerFacts;
  attribution: PartnerAttribution | undefined;
};

/**
 * Certifications that count today: the recorded number, or 0 once their expiry date has passed (they are
 * valid through the expiry date itself). Tier metrics use the same count, so tiers and health agree.
 */
export function activeCertificationCount(
  partner: Pick<HealthPartnerFacts, 'certifications' | 'certificationsExpireOn'>,
  today: DateOnly,
): number {
  if (partner.certifications === null) return 0;
  if (partner.certificationsExpireOn !== null && partner.certificationsExpireOn < today) return 0;
  return partner.certifications;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const rateBp = (part: number, whole: number): number => Math.round((part * FULL_SHARE_BP) / whole);
const measured = (value: number | null, label: string, recordIds: readonly string[]): MeasureValue => ({
  value,
  evidence: { label, recordIds: [...recordIds] },
});

function revenueMeasures(
  a: PartnerAttribution | undefined,
): Pick<MeasureValues, 'Attributed_Revenue' | 'Pipeline' | 'Win_Rate'> {
  const won = a?.wonDeals ?? 0;
  const viaPrimary = a?.evidence.primaryPartnerOpportunityIds.length ?? 0;
  const revenueLabel =
    won === 0
      ? 'No won opportunities in the window'
      : `${formatCents(a!.attributedRevenueCents)} from ${plural(won, 'won opportunity', 'won opportunities')} in the window` +
        (viaPrimary === 0
          ? ''
          : ` (${viaPrimary} credited in full as primary partner, having no revenue splits)`);
  const open = a?.evidence.pipelineOpportunityIds.length ?? 0;
  const closed = a?.closedDeals ?? 0;
  return {
    Attributed_Revenue: measured(
      a?.attributedRevenueCents ?? 0,
      revenueLabel,
      a?.evidence.attributedOpportunityIds ?? [],
    ),
    Pipeline: measured(
      a?.openPipelineCents ?? 0,
      open === 0
        ? 'On no open opportunities'
        : `${formatCents(a!.openPipelineCents)} on ${plural(open, 'open opportunity', 'open opportunities')}`,
      a?.evidence.pipelineOpportunityIds ?? [],
    ),
    Win_Rate:
      closed === 0
        ? measured(null, 'No won or lost opportunities in the window', [])
        : measured(
            rateBp(won, closed),
            `${won} won of ${plural(closed, 'closed opportunity', 'closed opportunities')} in the window`,
            a!.evidence.closedOpportunityIds,
          ),
  };
}

function registrationMeasures(
  a: PartnerAttribution | undefined,
): Pick<MeasureValues, 'Registration_Approval_Rate' | 'Registration_Speed'> {
  const decided = a?.registrationsDecided ?? 0;
  const ids = a?.evidence.registrationIds ?? [];
  const median = a?.medianDecisionHours ?? null;
  return {
    Registration_Approval_Rate:
      decided === 0
        ? measured(null, 'No registrations approved or rejected in the window', [])
        : measured(
            rateBp(a!.registrationsApproved, decided),
            `${a!.registrationsApproved} approved of ${plural(decided, 'decided registration')} in the window`,
            ids,
          ),
    Registration_Speed:
      median === null
        ? measured(null, 'No registration in the window has both a submission and a decision time', [])
        : measured(
            median,
            `Median ${Math.round(median * 10) / 10} hours from submission to decision over ${plural(a!.decisionHours.length, 'registration')}`,
            ids,
          ),
  };
}

function certificationMeasures(
  p: HealthPartnerFacts,
  today: DateOnly,
): Pick<MeasureValues, 'Certifications' | 'Certification_Freshness'> {
  const ids = [p.id];
  const expired = p.certificationsExpireOn !== null && p.certificationsExpireOn < today;
  const count =
    p.certifications === null
      ? measured(null, 'Number of certifications not recorded', [])
      : measured(
          activeCertificationCount(p, today),
          expired && p.certifications > 0
            ? `${plural(p.certifications, 'certification')} expired on ${p.certificationsExpireOn!}`
            : `${plural(p.certifications, 'active certification')}`,
          ids,
        );
  let freshness: MeasureValue;
  if (p.certificationsExpireOn === null)
    freshness = measured(null, 'No certification expiry date recorded', []);
  else if (p.certifications === null || p.certifications === 0)
    // An expiry date without certifications is left over from lapsed ones; Certifications already scores that.
    freshness = measured(null, 'No certifications to keep fresh', []);
  else {
    const days = daysBetween(today, p.certificationsExpireOn);
    freshness = measured(
      days,
      days >= 0
        ? `Certifications expire on ${p.certificationsExpireOn}, in ${plural(days, 'day')}`
        : `Certifications expired on ${p.certificationsExpireOn}, ${plural(-days, 'day')} ago`,
      ids,
    );
  }
  return { Certifications: count, Certification_Freshness: freshness };
}

function engagementMeasure(p: HealthPartnerFacts, today: DateOnly): MeasureValue {
  if (p.lastEngagement === null) return measured(null, 'No engagement recorded', []);
  // An engagement dated in the future (a planned meeting) is as recent as it gets.
  const days = Math.max(0, daysBetween(p.lastEngagement, today));
  return measured(days, `Last engagement on ${p.lastEngagement}, ${plural(days, 'day')} ago`, [p.id]);
}

/**
 * Days from onboarding to the first won deal. Until there is one, the clock is still running: the value is
 * the days since onboarding, so a new partner is not penalised yet and a long-barren one is. Null (not
 * applicable) when the partner has no onboarding date or is onboarded in the future.
 */
function firstRevenueMeasure(
  p: HealthPartnerFacts,
  a: PartnerAttribution | undefined,
  today: DateOnly,
): MeasureValue {
  if (p.onboardedOn === null) return measured(null, 'Onboarding date not recorded', []);
  if (p.onboardedOn > today) return measured(null, `Onboarding on ${p.onboardedOn} has not happened yet`, []);
  const first = a?.firstWonDate ?? null;
  if (first === null) {
    const days = daysBetween(p.onboardedOn, today);
    return measured(days, `No won deal yet, ${plural(days, 'day')} since onboarding on ${p.onboardedOn}`, [
      p.id,
    ]);
  }
  const days = Math.max(0, daysBetween(p.onboardedOn, first));
  return measured(
    days,
    `First won deal closed on ${first}, ${plural(days, 'day')} after onboarding on ${p.onboardedOn}`,
    [p.id],
  );
}

/**
 * Every measure's value for one partner on `today`. `attribution` undefined means the partner has no
 * opportunities or registrations at all. Throws DomainInputError naming the partner and field.
 */
export function measurePartner(input: MeasureInput, today: DateOnly): MeasureValues {
  const partner = parseRecord(HealthPartnerFacts, input.partner, 'Partner');
  const attribution =
    input.attribution === undefined
      ? undefined
      : parseKeyed(PartnerAttribution, input.attribution, 'Partner attribution');
  const day = parseRecord(EvaluationDay, { today }, 'Health measurement').today;
  if (attribution !== undefined && attribution.partnerId !== partner.id)
    throw invalid(
      'Partner attribution',
      attribution.partnerId,
      'partnerId',
      `must be the partner's id ${partner.id}`,
    );
  return {
    ...revenueMeasures(attribution),
    ...registrationMeasures(attribution),
    ...certificationMeasures(partner, day),
    Engagement_Recency: engagementMeasure(partner, day),
    Time_To_First_Revenue: firstRevenueMeasure(partner, attribution, day),
  };
}
