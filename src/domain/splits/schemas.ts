// Co_Sell_Split__c as the components and the sync hand it over: percentages as the rep typed them
// (33.33), turned into basis points by the rules so no float ever decides a total.
import { z } from 'zod';
import { parseRecord } from '../errors.js';

export const SPLIT_ROLES = ['Sourced', 'Influenced', 'Fulfillment', 'Technology'] as const;
export const SplitRole = z.enum(SPLIT_ROLES);
export type SplitRole = z.infer<typeof SplitRole>;

export const SPLIT_TYPES = ['Revenue', 'Influence'] as const;
export const SplitType = z.enum(SPLIT_TYPES);
export type SplitType = z.infer<typeof SplitType>;

/**
 * One split row. The schema checks only the shape; the business rules (a partner is chosen, 0 < percent
 * ≤ 100 with two decimals, revenue totals 100%) are validateSplits' job, so a half-typed row in the
 * editor yields a problem list instead of an exception.
 */
export const SplitInput = z.object({
  id: z.string().optional(),
  partnerId: z.string(),
  partnerName: z.string().optional(),
  role: SplitRole,
  type: SplitType,
  /** As entered, e.g. 33.33. */
  percent: z.number().finite(),
});
export type SplitInput = z.infer<typeof SplitInput>;

export function parseSplit(input: unknown): SplitInput {
  return parseRecord(SplitInput, input, 'Co-sell split');
}

/** Parses each row on its own, so the error names the split that is wrong. */
export function parseSplits(input: unknown): SplitInput[] {
  return parseRecord(z.array(z.unknown()), input, 'Co-sell splits').map(parseSplit);
}
