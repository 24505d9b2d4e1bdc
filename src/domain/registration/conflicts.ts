// Competing claims on the same customer, found before a decision is made so a rep sees them while
// registering and a manager sees them while deciding, each with the signals that made it match.
import type { RegistrationSettings } from '../config.js';
import { reason, type Reason } from '../reason.js';
import { addDays, dateOf, type DateOnly, type Instant } from '../time.js';
import { matchKey, sameRecordId, scoreMatchKeys, type CustomerIdentity } from './identity.js';
import type { OpportunitySummary, Registration, RegistrationContext, RegistrationStatus } from './schemas.js';

export type ConflictMatch = {
  kind: 'registration' | 'opportunity';
  id: string;
  /** The partner that holds the claim: the registration's partner, or the opportunity's primary partner. */
  partnerId: string | null;
  status?: RegistrationStatus;
  score: number;
  reasons: Reason[];
  /**
   * The claim keeps the customer for another partner: an Approved registration whose protection runs
   * today or later, or an open opportunity whose primary partner is another partner.
   */
  holdsProtection: boolean;
  protectedUntil?: DateOnly | null;
  submittedAt?: Instant | null;
  /** The claim came before the candidate (registrations: submitted; opportunities: created). */
  earlier: boolean;
  /** The claim belongs to the candidate's own partner: a resubmission, never a competitor. */
  samePartner: boolean;
  /**
   * The match rests on evidence nobody would dispute (same opportunity, account or domain, or an equal
   * normalised name) rather than on a fuzzy name alone. The rules only reject on strong matches.
   */
  strong: boolean;
};

const OPEN_STATUSES: readonly RegistrationStatus[] = ['Submitted', 'Approved'];
const STRONG_CODES = new Set(['same_opportunity', 'same_account', 'same_domain']);

/** When a registration entered the queue; a Draft being previewed would enter it now. */
export function registeredAt(registration: Registration, now: Instant): Instant {
  if (registration.submittedAt != null) return registration.submittedAt;
  return registration.status === 'Draft' ? now : registration.createdAt;
}

/** Whether an Approved registration still protects its partner on `today` (the until day included). */
export function protectsOn(registration: Registration, today: DateOnly): boolean {
  return (
    registration.status === 'Approved' &&
    registration.protectedUntil != null &&
    registration.protectedUntil >= today
  );
}

/**
 * The candidate's customer: its own fields, completed from its opportunity when the rep registered from
 * one and left the customer fields blank.
 */
export function candidateIdentity(
  candidate: Registration,
  opportunities: readonly OpportunitySummary[],
): CustomerIdentity {
  const own =
    candidate.opportunityId == null
      ? undefined
      : opportunities.find((o) => sameRecordId(o.id, candidate.opportunityId));
  return {
    accountId: candidate.customerAccountId ?? own?.accountId ?? null,
    name: candidate.customerName ?? own?.accountName ?? null,
    domain: candidate.customerDomain ?? own?.accountDomain ?? null,
    products: candidate.products.length > 0 ? candidate.products : (own?.products ?? []),
  };
}

function isStrong(reasons: readonly Reason[]): boolean {
  return reasons.some(
    (r) => STRONG_CODES.has(r.code) || (r.code === 'similar_name' && r.data?.['similarity'] === 1),
  );
}

function byScoreThenEarlier(a: ConflictMatch & { at: Instant }, b: ConflictMatch & { at: Instant }): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.earlier !== b.earlier) return a.earlier ? -1 : 1;
  if (a.at !== b.at) return a.at - b.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The open claims on the candidate's customer that score at least `conflictMatchThreshold`:
 * Submitted and Approved registrations other than the candidate, and open opportunities other than
 * the candidate's own, registered or created no more than `conflictWindowDays` before the candidate.
 * An Approved registration that still protects another partner conflicts however old it is, because
 * its protection outlives the window. Sorted by score, then earlier claims first.
 */
export function findConflicts(
  candidate: Registration,
  context: RegistrationContext,
  settings: RegistrationSettings,
  now: Instant,
): ConflictMatch[] {
  const today = dateOf(now);
  const candidateAt = registeredAt(candidate, now);
  const windowStart = addDays(dateOf(candidateAt), -settings.conflictWindowDays);
  const key = matchKey(candidateIdentity(candidate, context.opportunities));
  const found: (ConflictMatch & { at: Instant })[] = [];

  for (const other of context.registrations) {
    if (other.id === candidate.id || sameRecordId(other.id, candidate.id)) continue;
    if (!OPEN_STATUSES.includes(other.status)) continue;
    const samePartner = sameRecordId(other.partnerId, candidate.partnerId);
    const protecting = protectsOn(other, today);
    const at = registeredAt(other, now);
    if (dateOf(at) < windowStart && !(protecting && !samePartner)) continue;
    const match = scoreMatchKeys(
      key,
      matchKey({
        accountId: other.customerAccountId,
        name: other.customerName,
        domain: other.customerDomain,
        products: other.products,
      }),
    );
    let { score, reasons } = match;
    if (candidate.opportunityId != null && sameRecordId(candidate.opportunityId, other.opportunityId)) {
      score = 100;
      reasons = [
        reason('same_opportunity', 'Registered on the same opportunity', {
          opportunityId: other.opportunityId,
        }),
        ...reasons,
      ];
    }
    if (score < settings.conflictMatchThreshold) continue;
    found.push({
      kind: 'registration',
      id: other.id,
      partnerId: other.partnerId,
      status: other.status,
      score,
      reasons,
      holdsProtection: protecting && !samePartner,
      protectedUntil: other.protectedUntil ?? null,
      submittedAt: other.submittedAt ?? null,
      // Two claims at the same instant need one first; the id decides so the order is stable.
      earlier: at < candidateAt || (at === candidateAt && other.id < candidate.id),
      samePartner,
      strong: isStrong(reasons),
      at,
    });
  }

  for (const opp of context.opportunities) {
    if (opp.isClosed) continue;
    if (candidate.opportunityId != null && sameRecordId(opp.id, candidate.opportunityId)) continue;
    if (dateOf(opp.createdAt) < windowStart) continue;
    const { score, reasons } = scoreMatchKeys(
      key,
      matchKey({
        accountId: opp.accountId,
        name: opp.accountName,
        domain: opp.accountDomain,
        products: opp.products ?? [],
      }),
    );
    if (score < settings.conflictMatchThreshold) continue;
    const partnerId = opp.primaryPartnerId ?? null;
    const samePartner = sameRecordId(partnerId, candidate.partnerId);
    found.push({
      kind: 'opportunity',
      id: opp.id,
      partnerId,
      score,
      reasons,
      holdsProtection: partnerId !== null && !samePartner,
      earlier: opp.createdAt <= candidateAt,
      samePartner,
      strong: isStrong(reasons),
      at: opp.createdAt,
    });
  }

  return found.sort(byScoreThenEarlier).map(({ at: _at, ...match }) => match);
}
