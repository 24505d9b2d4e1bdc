// Partner attribution: which won revenue, pipeline and registration decisions count for each partner over
// the trailing window. One pass over the opportunities with the splits indexed by opportunity once, because
// the service runs this over every opportunity in the org (a million is a normal org).
import { allocateByLargestRemainder, FULL_SHARE_BP, type Cents } from '../money.js';
import { reason, type Reason } from '../reason.js';
import { addDays, addMonths, dateOf, type DateOnly } from '../time.js';
import { parseEach, parseRecord } from '../errors.js';
import { invalid } from './parse.js';
import {
  AttributionWindow,
  OpportunityFacts,
  RegistrationFacts,
  SplitFacts,
  type AttributionInput,
  type PartnerAttribution,
} from './schemas.js';

const HOUR_MS = 3_600_000;

export type AttributionReport = {
  /** Inclusive bounds of the trailing window: closes and decisions on these dates count. */
  window: { from: DateOnly; to: DateOnly };
  partners: Map<string, PartnerAttribution>;
  /** Data problems that did not stop attribution (each names its record), for the sync's audit. */
  issues: Reason[];
};

type Acc = {
  attributedRevenueCents: Cents;
  influencedRevenueCents: Cents;
  wonDeals: number;
  closedDeals: number;
  openPipelineCents: Cents;
  registrationsApproved: number;
  registrationsDecided: number;
  decisionHours: number[];
  firstWonDate: DateOnly | null;
  attributedOpportunityIds: string[];
  primaryPartnerOpportunityIds: string[];
  influencedOpportunityIds: string[];
  closedOpportunityIds: string[];
  pipelineOpportunityIds: string[];
  registrationIds: string[];
};

function emptyAcc(): Acc {
  return {
    attributedRevenueCents: 0,
    influencedRevenueCents: 0,
    wonDeals: 0,
    closedDeals: 0,
    openPipelineCents: 0,
    registrationsApproved: 0,
    registrationsDecided: 0,
    decisionHours: [],
    firstWonDate: null,
    attributedOpportunityIds: [],
    primaryPartnerOpportunityIds: [],
    influencedOpportunityIds: [],
    closedOpportunityIds: [],
    pipelineOpportunityIds: [],
    registrationIds: [],
  };
}

type SplitIndex = Map<string, { revenue: SplitFacts[]; influence: SplitFacts[] }>;

function indexSplits(splits: Iterable<SplitFacts>): SplitIndex {
  const index: SplitIndex = new Map();
  for (const split of splits) {
    let entry = index.get(split.opportunityId);
    if (entry === undefined) {
      entry = { revenue: [], influence: [] };
      index.set(split.opportunityId, entry);
    }
    (split.type === 'Revenue' ? entry.revenue : entry.influence).push(split);
  }
  return index;
}

/** One partner's share of one opportunity: basis points held and cents allocated. */
type Share = { bp: number; cents: Cents };

/**
 * The revenue shares of an opportunity by partner. Revenue splits should total exactly 100%; when the org
 * holds a set that does not (a split deleted mid-edit), a short set is credited at face value and an
 * over-full set is scaled down, so a partner is never credited more than the opportunity is worth.
 */
function revenueShares(
  opp: OpportunityFacts,
  revenue: readonly SplitFacts[] | undefined,
  issues: Reason[],
): { shares: Map<string, Share>; viaPrimary: boolean } {
  const shares = new Map<string, Share>();
  const amount = opp.amountCents ?? 0;
  if (revenue === undefined || revenue.length === 0) {
    if (opp.primaryPartnerId != null) shares.set(opp.primaryPartnerId, { bp: FULL_SHARE_BP, cents: amount });
    return { shares, viaPrimary: opp.primaryPartnerId != null };
  }
  const weights = revenue.map((s) => s.percentBp);
  const totalBp = weights.reduce((s, w) => s + w, 0);
  if (totalBp !== FULL_SHARE_BP)
    issues.push(
      reason(
        'revenue_splits_not_100',
        `Opportunity ${opp.id}: revenue splits total ${(totalBp / 100).toFixed(2)}%, not 100.00%; ${
          totalBp > FULL_SHARE_BP ? 'scaled down to the amount' : 'credited at face value'
        }`,
        { opportunityId: opp.id, totalBp },
      ),
    );
  const parts =
    totalBp === 0
      ? weights.map(() => 0)
      : allocateByLargestRemainder(amount, weights, Math.max(totalBp, FULL_SHARE_BP));
  revenue.forEach((split, i) => {
    const prev = shares.get(split.partnerId) ?? { bp: 0, cents: 0 };
    shares.set(split.partnerId, { bp: prev.bp + split.percentBp, cents: prev.cents + (parts[i] ?? 0) });
  });
  return { shares, viaPrimary: false };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Attribution with its window and the data problems it worked around. Throws DomainInputError naming the
 * record and field on input that fails its schema or repeats an id.
 */
export function attributePartnersReport(
  input: AttributionInput,
  window: AttributionWindow,
): AttributionReport {
  const { asOf, months } = parseRecord(AttributionWindow, window, 'attribution window');
  const from = addDays(addMonths(asOf, -months), 1);
  const inWindow = (d: DateOnly): boolean => d >= from && d <= asOf;

  const accs = new Map<string, Acc>();
  const acc = (partnerId: string): Acc => {
    let a = accs.get(partnerId);
    if (a === undefined) {
      a = emptyAcc();
      accs.set(partnerId, a);
    }
    return a;
  };
  const issues: Reason[] = [];
  // Each record is parsed as it is read: the splits are kept (indexed by opportunity), the opportunities
  // and registrations only for their turn, so the input is never held twice.
  const splitIndex = indexSplits(parseEach(SplitFacts, input.splits, 'Co-sell split'));
  const seenOpps = new Set<string>();

  let oppIndex = -1;
  for (const opp of parseEach(OpportunityFacts, input.opportunities, 'Opportunity')) {
    oppIndex += 1;
    if (seenOpps.has(opp.id))
      throw invalid('Opportunity', opp.id, 'id', `appears twice (again at [${oppIndex}])`);
    seenOpps.add(opp.id);
    const entry = splitIndex.get(opp.id);

    if (!opp.isClosed) {
      const { shares } = revenueShares(opp, entry?.revenue, issues);
      for (const [partnerId, share] of shares) {
        if (share.bp <= 0) continue;
        const a = acc(partnerId);
        a.openPipelineCents += share.cents;
        a.pipelineOpportunityIds.push(opp.id);
      }
      continue;
    }
    if (opp.closeDate === null) {
      issues.push(
        reason(
          'closed_without_close_date',
          `Opportunity ${opp.id} is closed but has no close date; not counted`,
          {
            opportunityId: opp.id,
          },
        ),
      );
      continue;
    }
    const closeDate = opp.closeDate;
    // Future close dates are not history yet; they neither count in the window nor as a first win.
    if (closeDate > asOf) continue;
    const counted = inWindow(closeDate);
    if (!opp.isWon && !counted) continue;

    const { shares, viaPrimary } = revenueShares(opp, entry?.revenue, issues);
    for (const [partnerId, share] of shares) {
      if (share.bp <= 0) continue;
      const a = acc(partnerId);
      if (opp.isWon && (a.firstWonDate === null || closeDate < a.firstWonDate)) a.firstWonDate = closeDate;
      if (!counted) continue;
      a.closedDeals += 1;
      a.closedOpportunityIds.push(opp.id);
      if (!opp.isWon) continue;
      a.wonDeals += 1;
      a.attributedRevenueCents += share.cents;
      a.attributedOpportunityIds.push(opp.id);
      if (viaPrimary) a.primaryPartnerOpportunityIds.push(opp.id);
    }

    const influence = entry?.influence;
    if (opp.isWon && counted && influence !== undefined && influence.length > 0) {
      // Influence splits need not total 100%: each is its own share of the amount, rounded as one set.
      const parts = allocateByLargestRemainder(
        opp.amountCents ?? 0,
        influence.map((s) => s.percentBp),
      );
      const credited = new Set<string>();
      influence.forEach((split, k) => {
        if (split.percentBp <= 0) return;
        const a = acc(split.partnerId);
        a.influencedRevenueCents += parts[k] ?? 0;
        if (!credited.has(split.partnerId)) a.influencedOpportunityIds.push(opp.id);
        credited.add(split.partnerId);
      });
    }
  }

  const seenRegs = new Set<string>();
  let regIndex = -1;
  for (const reg of parseEach(RegistrationFacts, input.registrations, 'Deal registration')) {
    regIndex += 1;
    if (seenRegs.has(reg.id))
      throw invalid('Deal registration', reg.id, 'id', `appears twice (again at [${regIndex}])`);
    seenRegs.add(reg.id);
    // Only a manager's or the rules' yes/no is a decision; Expired and Withdrawn registrations were never decided.
    if (reg.status !== 'Approved' && reg.status !== 'Rejected') continue;
    const decidedOn = dateOf(reg.decidedAt ?? reg.submittedAt ?? reg.createdAt);
    if (!inWindow(decidedOn)) continue;
    const a = acc(reg.partnerId);
    a.registrationsDecided += 1;
    if (reg.status === 'Approved') a.registrationsApproved += 1;
    a.registrationIds.push(reg.id);
    if (reg.submittedAt != null && reg.decidedAt != null) {
      if (reg.decidedAt >= reg.submittedAt) a.decisionHours.push((reg.decidedAt - reg.submittedAt) / HOUR_MS);
      else
        issues.push(
          reason('decided_before_submitted', `Registration ${reg.id} was decided before it was submitted`, {
            registrationId: reg.id,
          }),
        );
    }
  }

  const partners = new Map<string, PartnerAttribution>();
  for (const [partnerId, a] of accs) {
    const decisionHours = [...a.decisionHours].sort((x, y) => x - y);
    partners.set(partnerId, {
      partnerId,
      attributedRevenueCents: a.attributedRevenueCents,
      influencedRevenueCents: a.influencedRevenueCents,
      wonDeals: a.wonDeals,
      closedDeals: a.closedDeals,
      openPipelineCents: a.openPipelineCents,
      registrationsApproved: a.registrationsApproved,
      registrationsDecided: a.registrationsDecided,
      decisionHours,
      medianDecisionHours: median(decisionHours),
      firstWonDate: a.firstWonDate,
      evidence: {
        attributedOpportunityIds: a.attributedOpportunityIds,
        primaryPartnerOpportunityIds: a.primaryPartnerOpportunityIds,
        influencedOpportunityIds: a.influencedOpportunityIds,
        closedOpportunityIds: a.closedOpportunityIds,
        pipelineOpportunityIds: a.pipelineOpportunityIds,
        registrationIds: a.registrationIds,
      },
    });
  }
  return { window: { from, to: asOf }, partners, issues };
}

/**
 * Per-partner attribution over the trailing `window.months` ending on `window.asOf` (inclusive). A won
 * opportunity's revenue is allocated to the cent through its revenue splits; one without revenue splits
 * goes 100% to its primary partner (listed in evidence.primaryPartnerOpportunityIds). A won opportunity
 * without an amount still counts as a won deal, for 0 cents. Win rate counts won and lost opportunities the
 * partner held a revenue share in; registrations count when Approved or Rejected in the window (dated by
 * their decision, else submission, else creation).
 */
export function attributePartners(
  input: AttributionInput,
  window: AttributionWindow,
): Map<string, PartnerAttribution> {
  return attributePartnersReport(input, window).partners;
}
