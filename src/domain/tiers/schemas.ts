// What tier evaluation reads: a partner's measured metrics, the tier state stored on its Account, and the
// program's tiers. Tier lists are validated here too, so a rule called directly never ranks ambiguously.
import { z } from 'zod';
import { TierConfig } from '../config.js';
import { Cents } from '../money.js';
import { DateOnly } from '../time.js';

const count = z.number().int().min(0);

export const PartnerTierMetrics = z.object({
  partnerId: z.string().trim().min(1, 'must not be empty'),
  attributedRevenueCents: Cents,
  wonDeals: count,
  activeCertifications: count,
  registrationsApproved: count,
});
export type PartnerTierMetrics = z.infer<typeof PartnerTierMetrics>;

/** Account.Partner_Tier__c, Partner_Tier_Since__c and Partner_Tier_Grace_Until__c. */
export const PartnerTierState = z.object({
  tier: z.string().trim().min(1, 'must not be empty').nullable(),
  tierSince: DateOnly.nullable(),
  graceUntil: DateOnly.nullable(),
});
export type PartnerTierState = z.infer<typeof PartnerTierState>;

export const EvaluationDay = z.object({ today: DateOnly });

/** The program's tiers, returned sorted by rank; names and ranks must be unique. */
export const TierList = z
  .array(TierConfig)
  .superRefine((tiers, ctx) => {
    const names = new Set<string>();
    const ranks = new Set<number>();
    tiers.forEach((tier, i) => {
      if (names.has(tier.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate tier name "${tier.name}"` });
      if (ranks.has(tier.rank))
        ctx.addIssue({ code: 'custom', path: [i, 'rank'], message: `duplicate tier rank ${tier.rank}` });
      names.add(tier.name);
      ranks.add(tier.rank);
    });
  })
  .transform((tiers) => [...tiers].sort((a, b) => a.rank - b.rank));
export type TierList = z.output<typeof TierList>;

export const TIER_CRITERIA = [
  'attributedRevenueCents',
  'wonDeals',
  'activeCertifications',
  'registrationsApproved',
] as const;
export type TierCriterion = (typeof TIER_CRITERIA)[number];
export const TierCriterion = z.enum(TIER_CRITERIA);

export const TierGap = z.object({
  criterion: TierCriterion,
  required: z.number(),
  actual: z.number(),
  /** How much more the partner needs (0 when met). */
  missing: z.number().min(0),
  met: z.boolean(),
});
export type TierGap = z.infer<typeof TierGap>;

export const TIER_CHANGES = [
  'none',
  'initial',
  'upgrade',
  'downgrade',
  'grace_started',
  'grace_continues',
  'grace_cleared',
] as const;
export type TierChangeKind = (typeof TIER_CHANGES)[number];
