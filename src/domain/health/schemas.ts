// What the health rules read and produce: the partner's own fields, each measure's value with the records
// it came from, and the scored result. Higher is healthier for the score and for every measure's points.
import { z } from 'zod';
import { HealthMeasureName, type HEALTH_MEASURES } from '../config.js';
import { DateOnly } from '../time.js';

/** The Account fields health reads (Partner_Certifications__c … Partner_Onboarded_On__c). */
export const HealthPartnerFacts = z.object({
  id: z.string().trim().min(1, 'must not be empty'),
  certifications: z.number().int().min(0).nullable(),
  certificationsExpireOn: DateOnly.nullable(),
  lastEngagement: DateOnly.nullable(),
  onboardedOn: DateOnly.nullable(),
});
export type HealthPartnerFacts = z.infer<typeof HealthPartnerFacts>;

export const MeasureEvidence = z.object({
  /** One sentence on where the value came from, in plain words. */
  label: z.string(),
  recordIds: z.array(z.string()),
});
export type MeasureEvidence = z.infer<typeof MeasureEvidence>;

export const MeasureValue = z.object({
  /** In the unit HEALTH_MEASURES gives the measure; null means no data (not applicable), never zero. */
  value: z.number().finite().nullable(),
  evidence: MeasureEvidence,
});
export type MeasureValue = z.infer<typeof MeasureValue>;

/** A value per measure; scoreHealth treats a measure missing here as not applicable. */
export const MeasureValues = z.partialRecord(HealthMeasureName, MeasureValue);
export type MeasureValues = Record<keyof typeof HEALTH_MEASURES, MeasureValue>;

export const HEALTH_BANDS = ['Green', 'Yellow', 'Red'] as const;
export const HealthBand = z.enum(HEALTH_BANDS);
export type HealthBand = z.infer<typeof HealthBand>;

export const MEASURE_STATUSES = ['scored', 'not_applicable', 'inactive'] as const;
export const MeasureStatus = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatus>;

export const HealthSnapshotPoint = z.object({
  asOf: DateOnly,
  score: z.number().finite().min(0).max(100),
});
export type HealthSnapshotPoint = z.infer<typeof HealthSnapshotPoint>;
