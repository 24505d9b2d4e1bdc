// Registrations lapse on dates a rep and a partner can see coming: an undecided one after expiryDays,
// an approved one when its protection window ends.
import type { RegistrationSettings } from '../config.js';
import { reason } from '../reason.js';
import { addDays, addHours, dateOf, type DateOnly, type Instant } from '../time.js';
import type { ConflictMatch } from './conflicts.js';
import { hasClosedOpportunity } from './opportunity-index.js';
import type { OpportunitySummary, Registration } from './schemas.js';
import { ruled, type RegistrationVerdict } from './verdict.js';

/**
 * The days an approval protects its partner: from the approval day through `until`, both included
 * (a registration protects on day D while protectedUntil ≥ D).
 */
export function protectionWindow(
  approvedOn: DateOnly,
  settings: Pick<RegistrationSettings, 'protectionDays'>,
): { from: DateOnly; until: DateOnly } {
  return { from: approvedOn, until: addDays(approvedOn, settings.protectionDays) };
}

/** The instant an undecided registration expires: expiryDays after it was submitted. */
export function undecidedExpiresAt(
  registration: Registration,
  settings: Pick<RegistrationSettings, 'expiryDays'>,
): Instant {
  return addHours(registration.submittedAt ?? registration.createdAt, settings.expiryDays * 24);
}

/** The protection end of an approval, recovered from its decision day when the record lacks it. */
export function effectiveProtectedUntil(
  registration: Registration,
  settings: Pick<RegistrationSettings, 'protectionDays'>,
): DateOnly | null {
  if (registration.protectedUntil != null) return registration.protectedUntil;
  if (registration.decidedAt == null) return null;
  return protectionWindow(dateOf(registration.decidedAt), settings).until;
}

function ownOpportunityClosed(
  registration: Registration,
  opportunities: readonly OpportunitySummary[],
): boolean {
  return hasClosedOpportunity(opportunities, registration.opportunityId);
}

/**
 * The expiry verdict for a registration the rules may expire, or null when it does not expire now.
 * Only rules-owned states expire: Submitted (undecided) and Approved by the rules. A manager's decision
 * is never touched, and an approval whose own opportunity has closed stays Approved, because the deal's
 * outcome, not a calendar, now decides the partner's credit.
 */
export function expiryVerdict(
  registration: Registration,
  settings: RegistrationSettings,
  now: Instant,
  opportunities: readonly OpportunitySummary[] = [],
  conflicts: ConflictMatch[] = [],
): RegistrationVerdict | null {
  if (registration.decidedBy === 'Manager') return null;
  if (registration.status === 'Submitted') {
    const at = undecidedExpiresAt(registration, settings);
    if (now <= at) return null;
    const submittedOn = dateOf(registration.submittedAt ?? registration.createdAt);
    return ruled(
      registration,
      {
        status: 'Expired',
        // Nobody decided it; recording the rules as deciders would count an unanswered request against
        // the partner in approval rates.
        decidedBy: null,
        decidedAt: null,
        reason: `Expired: no decision within ${settings.expiryDays} days of submission on ${submittedOn}.`,
        reasons: [
          reason('expired_undecided', `No decision within ${settings.expiryDays} days of submission`, {
            submittedOn,
            expiryDays: settings.expiryDays,
            expiredAt: at,
          }),
        ],
        protectedUntil: null,
        conflictWith: registration.conflictWith ?? null,
        conflictScore: registration.conflictScore ?? null,
      },
      { conflicts, expiresOn: dateOf(at) },
    );
  }
  if (registration.status === 'Approved' && registration.decidedBy === 'Rules') {
    const until = effectiveProtectedUntil(registration, settings);
    if (until === null || until >= dateOf(now)) return null;
    if (ownOpportunityClosed(registration, opportunities)) return null;
    return ruled(
      registration,
      {
        status: 'Expired',
        decidedBy: 'Rules',
        decidedAt: registration.decidedAt ?? null,
        reason: `Expired: protection ended on ${until}.`,
        reasons: [reason('protection_ended', `Protection ended on ${until}`, { protectedUntil: until })],
        protectedUntil: until,
        conflictWith: registration.conflictWith ?? null,
        conflictScore: registration.conflictScore ?? null,
      },
      { conflicts, expiresOn: until },
    );
  }
  return null;
}

/**
 * The registrations that expire at `now`, each with its verdict, for the sync's periodic sweep. Pass the
 * opportunities of the registrations so approvals on closed deals are kept.
 */
export function expireStale(
  registrations: readonly Registration[],
  settings: RegistrationSettings,
  now: Instant,
  opportunities: readonly OpportunitySummary[] = [],
): { id: string; verdict: RegistrationVerdict }[] {
  return registrations.flatMap((registration) => {
    const verdict = expiryVerdict(registration, settings, now, opportunities);
    return verdict === null ? [] : [{ id: registration.id, verdict }];
  });
}
