// The registration decision: first to register is protected, the rules decide what is clear-cut, and
// everything a person should weigh waits for a partner manager with a deadline. The rules never
// overwrite a manager's decision.
import type { RegistrationSettings } from '../config.js';
import { reason, type Reason } from '../reason.js';
import { addHours, dateOf, type Instant } from '../time.js';
import { findConflicts, registeredAt, type ConflictMatch, type ConflictPool } from './conflicts.js';
import { effectiveProtectedUntil, expiryVerdict, protectionWindow, undecidedExpiresAt } from './expiry.js';
import type { Registration, RegistrationContext } from './schemas.js';
import { keepAsIs, ruled, type RegistrationVerdict } from './verdict.js';

export type { RegistrationVerdict } from './verdict.js';

const LEFT_ALONE = {
  Draft: ['not_submitted', 'Not submitted yet'],
  Withdrawn: ['withdrawn', 'Withdrawn by the partner'],
  Rejected: ['already_rejected', 'Already rejected'],
  Expired: ['already_expired', 'Already expired'],
} as const;

type ManagerWhy =
  'earlier_registration' | 'protected_weak_match' | 'partner_opportunity' | 'direct_opportunity';

/** Why a conflict needs a person, or null when it does not stand in the way. */
function managerWhy(conflict: ConflictMatch, candidate: Registration): ManagerWhy | null {
  if (conflict.samePartner) return null;
  if (conflict.kind === 'registration') {
    // A protected claim matched only on a fuzzy name: rejecting on it could wrong a partner.
    if (conflict.holdsProtection) return conflict.strong ? null : 'protected_weak_match';
    return conflict.status === 'Submitted' && conflict.earlier ? 'earlier_registration' : null;
  }
  if (!conflict.earlier) return null;
  if (conflict.holdsProtection) return 'partner_opportunity';
  // The direct team already works this customer: a claim to have sourced the deal needs a look, a
  // claim to influence it does not.
  return candidate.type === 'Sourced' ? 'direct_opportunity' : null;
}

function describe(conflict: ConflictMatch): string {
  const owner = conflict.partnerId === null ? 'the direct team' : `partner ${conflict.partnerId}`;
  return conflict.kind === 'registration'
    ? `registration ${conflict.id} by ${owner}`
    : `open opportunity ${conflict.id} held by ${owner}`;
}

const WHY_TEXT: Record<ManagerWhy, string> = {
  earlier_registration: 'was submitted earlier for the same customer',
  protected_weak_match: 'protects a customer with a similar name',
  partner_opportunity: 'already covers the same customer',
  direct_opportunity: 'already covers the same customer, so the sourced claim needs a check',
};

/**
 * Decides a registration against the other claims on its customer. In order:
 * 1. a manager's decision is final; Draft, Withdrawn, Rejected and Expired registrations are left alone;
 * 2. expiry: Submitted and undecided for more than expiryDays → Expired; Approved by the rules after
 *    its protection ended → Expired (unless its own opportunity has closed);
 * 3. Submitted: rejected when another partner's approved registration protects the same customer on a
 *    strong match; left for a manager (with an SLA deadline) when another partner registered first or
 *    an opportunity already covers the customer; else approved by the rules when auto-approval is on
 *    and the amount is within its limit; else left for a manager.
 * Deciding again with the same context writes nothing (`changed` false). `pool`: see findConflicts.
 * `decisiveOnly`: look for conflicts only where they decide (a Submitted registration that is not
 * expiring); elsewhere the verdict lists none. The sync takes this: it writes the decision, never the
 * list, and most open registrations of a big book are approvals the rules only keep or expire.
 */
export function decideRegistration(
  candidate: Registration,
  context: RegistrationContext,
  settings: RegistrationSettings,
  now: Instant,
  pool?: ConflictPool,
  options: { readonly decisiveOnly?: boolean } = {},
): RegistrationVerdict {
  const today = dateOf(now);
  const status = candidate.status;
  // Conflicts decide only for a Submitted registration that is not expiring (see decideSubmitted).
  const decisive = (): boolean =>
    status === 'Submitted' &&
    candidate.decidedBy !== 'Manager' &&
    expiryVerdict(candidate, settings, now, context.opportunities) === null;
  const conflicts =
    options.decisiveOnly === true && !decisive()
      ? []
      : findConflicts(candidate, context, settings, now, pool);

  if (candidate.decidedBy === 'Manager' || (status === 'Approved' && candidate.decidedBy == null)) {
    const reasons: Reason[] = [
      reason('manager_decision_final', 'A partner manager decided this registration; the rules keep it', {
        status,
        inferred: candidate.decidedBy == null,
      }),
    ];
    if (status === 'Approved' && candidate.protectedUntil != null && candidate.protectedUntil < today)
      reasons.push(
        reason('protection_lapsed', `Protection ended on ${candidate.protectedUntil}`, {
          protectedUntil: candidate.protectedUntil,
        }),
      );
    return keepAsIs(candidate, `Decided by a partner manager (${status}).`, reasons, {
      conflicts,
      expiresOn: status === 'Approved' ? (candidate.protectedUntil ?? null) : null,
    });
  }
  if (status !== 'Submitted' && status !== 'Approved') {
    const [code, text] = LEFT_ALONE[status];
    return keepAsIs(candidate, `${text}.`, [reason(code, text, { status })], { conflicts });
  }

  const expired = expiryVerdict(candidate, settings, now, context.opportunities, conflicts);
  if (expired !== null) return expired;

  if (status === 'Approved') {
    const until = effectiveProtectedUntil(candidate, settings);
    const reasons = [
      until === null
        ? reason('protection_unknown', 'Approved with no protection end date on record')
        : reason('protection_active', `Protected until ${until}`, { protectedUntil: until }),
    ];
    if (until !== null && candidate.protectedUntil == null)
      return ruled(
        candidate,
        {
          status,
          decidedBy: 'Rules',
          decidedAt: candidate.decidedAt ?? null,
          reason: candidate.decisionReason ?? `Approved by the rules; protected until ${until}.`,
          reasons,
          protectedUntil: until,
          conflictWith: candidate.conflictWith ?? null,
          conflictScore: candidate.conflictScore ?? null,
        },
        { conflicts, expiresOn: until },
      );
    return keepAsIs(candidate, `Approved; protected until ${until ?? 'an unknown date'}.`, reasons, {
      conflicts,
      expiresOn: until,
    });
  }

  return decideSubmitted(candidate, conflicts, settings, now);
}

function decideSubmitted(
  candidate: Registration,
  conflicts: ConflictMatch[],
  settings: RegistrationSettings,
  now: Instant,
): RegistrationVerdict {
  const slaDeadline = addHours(registeredAt(candidate, now), settings.approvalSlaHours);
  const slaBreached = now > slaDeadline;
  const waiting = {
    conflicts,
    slaDeadline,
    slaBreached,
    expiresOn: dateOf(undecidedExpiresAt(candidate, settings)),
  };
  const slaReasons = slaBreached
    ? [reason('sla_breached', 'The approval deadline has passed', { slaDeadline })]
    : [];

  const protector = conflicts.find((c) => c.kind === 'registration' && c.holdsProtection && c.strong);
  if (protector !== undefined) {
    const until = protector.protectedUntil ?? null;
    return ruled(
      candidate,
      {
        status: 'Rejected',
        decidedBy: 'Rules',
        decidedAt: now,
        reason: `Rejected as a duplicate: ${describe(protector)} protects this customer until ${until} (match ${protector.score}).`,
        reasons: [
          reason('duplicate_of_protected', 'Another partner’s approved registration protects this customer', {
            registrationId: protector.id,
            partnerId: protector.partnerId,
            protectedUntil: until,
            score: protector.score,
          }),
        ],
        protectedUntil: null,
        conflictWith: protector.id,
        conflictScore: protector.score,
      },
      { conflicts },
    );
  }

  const blocking = conflicts.flatMap((c) => {
    const why = managerWhy(c, candidate);
    return why === null ? [] : [{ conflict: c, why }];
  });
  const top = blocking[0];
  if (top !== undefined) {
    const firstRegistration = blocking.find((b) => b.conflict.kind === 'registration')?.conflict;
    const firstOpportunity = blocking.find((b) => b.conflict.kind === 'opportunity')?.conflict;
    return ruled(
      candidate,
      {
        status: 'Submitted',
        decidedBy: null,
        decidedAt: null,
        reason: `Waiting for a partner manager: ${describe(top.conflict)} ${WHY_TEXT[top.why]} (match ${top.conflict.score}).`,
        reasons: [
          reason('conflict_needs_manager', 'A competing claim on this customer needs a partner manager', {
            kind: top.conflict.kind,
            id: top.conflict.id,
            partnerId: top.conflict.partnerId,
            score: top.conflict.score,
            why: top.why,
            conflicts: blocking.length,
          }),
          ...slaReasons,
        ],
        protectedUntil: null,
        conflictWith: firstRegistration?.id ?? null,
        conflictOpportunityId: firstOpportunity?.id ?? null,
        conflictScore: top.conflict.score,
      },
      waiting,
    );
  }

  const limit = settings.autoApproveMaxAmountCents;
  const hold: Reason | null = !settings.autoApprove
    ? reason('auto_approve_off', 'Automatic approval is off')
    : limit !== null && candidate.estimatedAmountCents > limit
      ? reason('amount_over_limit', 'The estimated amount is above the automatic approval limit', {
          amountCents: candidate.estimatedAmountCents,
          limitCents: limit,
        })
      : null;
  if (hold !== null) {
    const why =
      hold.code === 'auto_approve_off'
        ? 'automatic approval is off'
        : 'the amount is above the automatic approval limit';
    return ruled(
      candidate,
      {
        status: 'Submitted',
        decidedBy: null,
        decidedAt: null,
        reason: `Waiting for a partner manager: no conflict found, but ${why}.`,
        reasons: [
          reason('awaiting_manager', `Waiting for a partner manager: ${why}`, { why: hold.code }),
          hold,
          ...slaReasons,
        ],
        protectedUntil: null,
      },
      waiting,
    );
  }

  const window = protectionWindow(dateOf(now), settings);
  return ruled(
    candidate,
    {
      status: 'Approved',
      decidedBy: 'Rules',
      decidedAt: now,
      reason: `Approved by the rules: no competing claim found; protected until ${window.until}.`,
      reasons: [
        reason('auto_approved', 'No competing claim and within the automatic approval rules', {
          protectedFrom: window.from,
          protectedUntil: window.until,
        }),
      ],
      protectedUntil: window.until,
    },
    { conflicts, expiresOn: window.until },
  );
}
