export {
  evaluateTier,
  qualifiedTier,
  qualifiedTierOf,
  shortfallReasons,
  type TierVerdict,
} from './evaluate.js';
export { CRITERION_LABELS, formatCents, formatCriterionValue } from './format.js';
export { meetsTier, tierGaps } from './gaps.js';
export { explainNextTierGap, NextTierGapExplained, parseNextTierGap } from './next-tier-gap.js';
export {
  PartnerTierMetrics,
  PartnerTierState,
  TIER_CHANGES,
  TIER_CRITERIA,
  TierCriterion,
  TierGap,
  TierList,
  type TierChangeKind,
} from './schemas.js';
export { SimulatedPartner, simulateTiers, type TierChange } from './simulate.js';
