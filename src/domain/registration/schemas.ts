// The registration rules' inputs as the sync service and the components hand them over (one shape for
// both, so a rep sees the verdict the service will make). Field names follow Deal_Registration__c.
import { z } from 'zod';
import { parseRecord } from '../errors.js';
import { Cents } from '../money.js';
import { DateOnly, Instant } from '../time.js';

export const REGISTRATION_STATUSES = [
  'Draft',
  'Submitted',
  'Approved',
  'Rejected',
  'Expired',
  'Withdrawn',
] as const;
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const REGISTRATION_TYPES = ['Sourced', 'Influenced'] as const;
export const RegistrationType = z.enum(REGISTRATION_TYPES);
export type RegistrationType = z.infer<typeof RegistrationType>;

export const DECIDERS = ['Rules', 'Manager'] as const;
export const DecidedBy = z.enum(DECIDERS);
export type DecidedBy = z.infer<typeof DecidedBy>;

const recordId = z.string().trim().min(1);
const optionalId = recordId.nullish();
const optionalText = z.string().nullish();
const products = z.array(z.string()).default([]);

export const Registration = z.object({
  id: recordId,
  partnerId: recordId,
  opportunityId: optionalId,
  customerAccountId: optionalId,
  customerName: optionalText,
  customerDomain: optionalText,
  type: RegistrationType,
  products,
  estimatedAmountCents: Cents.min(0, 'must be a whole number of cents ≥ 0'),
  status: RegistrationStatus,
  submittedAt: Instant.nullish(),
  decidedAt: Instant.nullish(),
  decidedBy: DecidedBy.nullish(),
  decisionReason: optionalText,
  protectedUntil: DateOnly.nullish(),
  /** Conflict_With__c: the registration this one was judged against (a self lookup). */
  conflictWith: optionalId,
  /** Conflict_Score__c: the match score (0–100) behind conflictWith. */
  conflictScore: z.number().int().min(0).max(100).nullish(),
  createdAt: Instant,
});
export type Registration = z.infer<typeof Registration>;

export const OpportunitySummary = z.object({
  id: recordId,
  name: z.string(),
  accountId: optionalId,
  accountName: optionalText,
  accountDomain: optionalText,
  isClosed: z.boolean(),
  isWon: z.boolean(),
  createdAt: Instant,
  closeDate: DateOnly.nullish(),
  /** Primary_Partner__c: the partner account that holds this deal, if any. */
  primaryPartnerId: optionalId,
  amountCents: Cents.nullish(),
  products: z.array(z.string()).optional(),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummary>;

/**
 * What a registration is judged against: the other registrations and the opportunities of the same
 * customers. Closed opportunities may be included; they never conflict, but they tell the rules that a
 * registration's own deal has closed.
 */
export const RegistrationContext = z.object({
  registrations: z.array(Registration),
  opportunities: z.array(OpportunitySummary),
});
export type RegistrationContext = z.infer<typeof RegistrationContext>;

/** Throws a DomainInputError such as "Registration a0B…: estimatedAmountCents must be …". */
export function parseRegistration(input: unknown): Registration {
  return parseRecord(Registration, input, 'Registration');
}

export function parseOpportunitySummary(input: unknown): OpportunitySummary {
  return parseRecord(OpportunitySummary, input, 'Opportunity');
}

/** Parses each record on its own so the error names the registration or opportunity that is wrong. */
export function parseRegistrationContext(input: unknown): RegistrationContext {
  const shape = parseRecord(
    z.object({ registrations: z.array(z.unknown()), opportunities: z.array(z.unknown()) }),
    input,
    'Registration context',
  );
  return {
    registrations: shape.registrations.map(parseRegistration),
    opportunities: shape.opportunities.map(parseOpportunitySummary),
  };
}
