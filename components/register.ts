// The only module with side effects: it defines the tags. Guarded, because two Lightning components on one
// page may each load the static resource, and a second define() of a tag throws.
import { PrmCosellSplits } from './prm-cosell-splits/prm-cosell-splits.js';
import { PrmDealRegistration } from './prm-deal-registration/prm-deal-registration.js';
import { PrmPartnerHealth } from './prm-partner-health/prm-partner-health.js';
import { PrmTierBadge } from './prm-tier-badge/prm-tier-badge.js';

const TAGS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['prm-cosell-splits', PrmCosellSplits],
  ['prm-deal-registration', PrmDealRegistration],
  ['prm-partner-health', PrmPartnerHealth],
  ['prm-tier-badge', PrmTierBadge],
];

for (const [tag, element] of TAGS) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

export const PRM_TAGS: readonly string[] = TAGS.map(([tag]) => tag);
