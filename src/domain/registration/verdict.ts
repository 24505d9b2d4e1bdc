// A verdict is what the rules would write to the registration, plus why. `changed` tells the sync
// whether there is anything to write, which is what makes a repeated run a no-op.
import type { Reason } from '../reason.js';
import type { DateOnly, Instant } from '../time.js';
import type { ConflictMatch } from './conflicts.js';
import type { DecidedBy, Registration, RegistrationStatus } from './schemas.js';

export type RegistrationVerdict = {
  status: RegistrationStatus;
  decidedBy: DecidedBy | null;
  decidedAt: Instant | null;
  /** One readable sentence for Decision_Reason__c. */
  reason: string;
  /** The main reason first, then the facts that support it. */
  reasons: Reason[];
  conflicts: ConflictMatch[];
  /** Conflict_With__c: the competing registration behind the verdict (a self lookup, so never an opportunity). */
  conflictWith: string | null;
  /** The competing opportunity behind the verdict, when it was an opportunity. */
  conflictOpportunityId: string | null;
  /** Conflict_Score__c: the match score of the claim behind the verdict. */
  conflictScore: number | null;
  protectedUntil: DateOnly | null;
  /** When a manager should have decided; set while the registration waits for one. */
  slaDeadline: Instant | null;
  slaBreached: boolean;
  /** The day the registration lapses: undecided expiry while Submitted, protection end while Approved. */
  expiresOn: DateOnly | null;
  changed: boolean;
};

export type VerdictExtras = {
  conflicts?: ConflictMatch[];
  slaDeadline?: Instant | null;
  slaBreached?: boolean;
  expiresOn?: DateOnly | null;
};

/** The registration as it stands: the rules have nothing to write. */
export function keepAsIs(
  registration: Registration,
  sentence: string,
  reasons: Reason[],
  extras: VerdictExtras = {},
): RegistrationVerdict {
  return {
    status: registration.status,
    decidedBy: registration.decidedBy ?? null,
    decidedAt: registration.decidedAt ?? null,
    reason: registration.decisionReason ?? sentence,
    reasons,
    conflicts: extras.conflicts ?? [],
    conflictWith: registration.conflictWith ?? null,
    conflictOpportunityId: null,
    conflictScore: registration.conflictScore ?? null,
    protectedUntil: registration.protectedUntil ?? null,
    slaDeadline: extras.slaDeadline ?? null,
    slaBreached: extras.slaBreached ?? false,
    expiresOn: extras.expiresOn ?? null,
    changed: false,
  };
}

export type RuleOutcome = {
  status: RegistrationStatus;
  decidedBy: DecidedBy | null;
  decidedAt: Instant | null;
  reason: string;
  reasons: Reason[];
  protectedUntil: DateOnly | null;
  conflictWith?: string | null;
  conflictOpportunityId?: string | null;
  conflictScore?: number | null;
};

/** What the rules decided, with `changed` set when any written field differs from the record. */
export function ruled(
  registration: Registration,
  outcome: RuleOutcome,
  extras: VerdictExtras = {},
): RegistrationVerdict {
  const verdict: RegistrationVerdict = {
    status: outcome.status,
    decidedBy: outcome.decidedBy,
    decidedAt: outcome.decidedAt,
    reason: outcome.reason,
    reasons: outcome.reasons,
    conflicts: extras.conflicts ?? [],
    conflictWith: outcome.conflictWith ?? null,
    conflictOpportunityId: outcome.conflictOpportunityId ?? null,
    conflictScore: outcome.conflictScore ?? null,
    protectedUntil: outcome.protectedUntil,
    slaDeadline: extras.slaDeadline ?? null,
    slaBreached: extras.slaBreached ?? false,
    expiresOn: extras.expiresOn ?? null,
    changed: false,
  };
  verdict.changed =
    verdict.status !== registration.status ||
    verdict.decidedBy !== (registration.decidedBy ?? null) ||
    verdict.decidedAt !== (registration.decidedAt ?? null) ||
    verdict.reason !== (registration.decisionReason ?? null) ||
    verdict.protectedUntil !== (registration.protectedUntil ?? null) ||
    verdict.conflictWith !== (registration.conflictWith ?? null) ||
    verdict.conflictScore !== (registration.conflictScore ?? null);
  return verdict;
}

/** The registration with the verdict's fields written, as the sync would write them. */
export function applyVerdict(registration: Registration, verdict: RegistrationVerdict): Registration {
  if (!verdict.changed) return registration;
  return {
    ...registration,
    status: verdict.status,
    decidedBy: verdict.decidedBy,
    decidedAt: verdict.decidedAt,
    decisionReason: verdict.reason,
    protectedUntil: verdict.protectedUntil,
    conflictWith: verdict.conflictWith,
    conflictScore: verdict.conflictScore,
  };
}
