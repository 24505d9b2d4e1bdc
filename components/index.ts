// The bundle entry (scripts/build-components.mjs): registers every tag and exposes the classes and event
// payload types to TypeScript hosts such as the local preview.
import './register.js';

export { PRM_TAGS } from './register.js';
export { PrmCosellSplits, totalMessage } from './prm-cosell-splits/prm-cosell-splits.js';
export type {
  PartnerOption,
  PrmSplitsChangeDetail,
  PrmSplitsSaveDetail,
} from './prm-cosell-splits/types.js';
export { PrmDealRegistration } from './prm-deal-registration/prm-deal-registration.js';
export type {
  PrmDecideDetail,
  PrmRegisterDetail,
  RegistrationDraft,
  RegistrationView,
} from './prm-deal-registration/types.js';
export { PrmPartnerHealth } from './prm-partner-health/prm-partner-health.js';
export type {
  HealthPoint,
  NextTierInfo,
  PrmEvidenceDetail,
  TierGapView,
  TierInfo,
} from './prm-partner-health/types.js';
export { PrmTierBadge, badgeLabel, type HealthBandName } from './prm-tier-badge/prm-tier-badge.js';
