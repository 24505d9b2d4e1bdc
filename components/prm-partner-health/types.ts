// What prm-partner-health takes in and sends out. The health and gap shapes are the domain's own, parsed
// by the host from Partner_Health_Explained__c and Partner_Next_Tier_Gap__c.
import type { HealthExplained, HealthExplainedMeasure } from '../../src/domain/health/explain.js';
import type { TierGap } from '../../src/domain/tiers/schemas.js';

export type { HealthExplained, HealthExplainedMeasure, TierGap };

/** The partner's current tier (Partner_Tier__c and its PRM_Tier__mdt benefits). */
export type TierInfo = {
  name: string;
  label: string;
  /** Partner_Tier_Since__c, 'YYYY-MM-DD'. */
  since: string | null;
  /** Partner_Tier_Grace_Until__c: set while a downgrade waits for the grace period to end. */
  graceUntil: string | null;
  benefits: { discountBp: number; mdfBp: number; summary: string };
};

export type NextTierInfo = { name: string; label: string };

/** A gap as stored in Partner_Next_Tier_Gap__c, which adds a readable label to the domain's TierGap. */
export type TierGapView = TierGap & { label?: string };

/** One daily Partner_Health_Snapshot__c. */
export type HealthPoint = { asOf: string; score: number };

/** `prm_evidence`: the person asked to open one record behind a measure. */
export type PrmEvidenceDetail = {
  measure: string;
  label: string;
  recordId: string;
  recordIds: string[];
  total: number;
};

declare global {
  interface HTMLElementEventMap {
    prm_evidence: CustomEvent<PrmEvidenceDetail>;
  }
}
