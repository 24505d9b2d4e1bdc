// The gap to a tier, per criterion: what Partner_Next_Tier_Gap__c shows a partner manager.
import type { TierConfig } from '../config.js';
import { TIER_CRITERIA, type PartnerTierMetrics, type TierGap } from './schemas.js';

/** One entry per criterion of `tier`, in a fixed order; [] when there is no such tier (top of the program). */
export function tierGaps(metrics: PartnerTierMetrics, tier: TierConfig | null | undefined): TierGap[] {
  if (tier == null) return [];
  return TIER_CRITERIA.map((criterion) => {
    const required = tier.thresholds[criterion];
    const actual = metrics[criterion];
    return { criterion, required, actual, missing: Math.max(0, required - actual), met: actual >= required };
  });
}

export function meetsTier(metrics: PartnerTierMetrics, tier: TierConfig): boolean {
  return TIER_CRITERIA.every((criterion) => metrics[criterion] >= tier.thresholds[criterion]);
}
