// The facts attribution reads, as the sync service hands them over from Opportunity, Co_Sell_Split__c and
// Deal_Registration__c, and the per-partner totals it produces (read back by the health measures).
import { z } from 'zod';
import { BasisPoints, Cents } from '../money.js';
import { DateOnly, Instant } from '../time.js';

const RecordId = z.string().trim().min(1, 'must not be empty');

export const OpportunityFacts = z
  .object({
    id: RecordId,
    amountCents: Cents.nullable(),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    closeDate: DateOnly.nullable(),
    createdAt: Instant,
    primaryPartnerId: RecordId.nullish(),
    accountId: RecordId.nullish(),
  })
  // Salesforce never reports a won opportunity as open; one that does is corrupt, not a judgement call.
  .refine((o) => !o.isWon || o.isClosed, { message: 'a won opportunity must be closed', path: ['isWon'] });
export type OpportunityFacts = z.infer<typeof OpportunityFacts>;

export const SplitType = z.enum(['Revenue', 'Influence']);
export type SplitType = z.infer<typeof SplitType>;

export const SplitFacts = z.object({
  id: RecordId.optional(),
  opportunityId: RecordId,
  partnerId: RecordId,
  type: SplitType,
  percentBp: BasisPoints,
});
export type SplitFacts = z.infer<typeof SplitFacts>;

export const RegistrationStatus = z.enum([
  'Draft',
  'Submitted',
  'Approved',
  'Rejected',
  'Expired',
  'Withdrawn',
]);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const RegistrationFacts = z.object({
  id: RecordId,
  partnerId: RecordId,
  status: RegistrationStatus,
  submittedAt: Instant.nullish(),
  decidedAt: Instant.nullish(),
  createdAt: Instant,
  opportunityId: RecordId.nullish(),
});
export type RegistrationFacts = z.infer<typeof RegistrationFacts>;

/** Lists, or any iterable read once (the sync hands over its records without copying them into a list). */
export type AttributionInput = {
  opportunities: Iterable<z.input<typeof OpportunityFacts>>;
  splits: Iterable<z.input<typeof SplitFacts>>;
  registrations: Iterable<z.input<typeof RegistrationFacts>>;
};

export const AttributionWindow = z.object({
  asOf: DateOnly,
  months: z.number().int().min(1).max(120),
});
export type AttributionWindow = z.infer<typeof AttributionWindow>;

const Ids = z.array(z.string());

export const PartnerAttribution = z.object({
  partnerId: RecordId,
  attributedRevenueCents: Cents,
  influencedRevenueCents: Cents,
  wonDeals: z.number().int().min(0),
  closedDeals: z.number().int().min(0),
  openPipelineCents: Cents,
  registrationsApproved: z.number().int().min(0),
  registrationsDecided: z.number().int().min(0),
  /** Hours from submission to decision of each registration decided in the window, ascending. */
  decisionHours: z.array(z.number().min(0)),
  medianDecisionHours: z.number().min(0).nullable(),
  /** The close date of the partner's first won deal ever (not only in the window). */
  firstWonDate: DateOnly.nullable(),
  evidence: z.object({
    attributedOpportunityIds: Ids,
    /** Won opportunities credited to the partner as primary partner because they had no revenue splits. */
    primaryPartnerOpportunityIds: Ids,
    influencedOpportunityIds: Ids,
    /** Won and lost opportunities in the window the partner had a revenue share in (the win-rate base). */
    closedOpportunityIds: Ids,
    pipelineOpportunityIds: Ids,
    /** Registrations decided (approved or rejected) in the window. */
    registrationIds: Ids,
  }),
});
export type PartnerAttribution = z.infer<typeof PartnerAttribution>;
