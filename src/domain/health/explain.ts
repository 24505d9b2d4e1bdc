// The JSON kept in Account.Partner_Health_Explained__c (a long text field): every measure with its value,
// points, weights and the records behind it, so the record page can show why without another query.
// Record ids are capped per measure (with the total count) to keep the field small for any partner.
import { z } from 'zod';
import { HealthMeasureName } from '../config.js';
import { MEASURE_UNITS } from './labels.js';
import { HealthBand, MeasureStatus } from './schemas.js';
import type { HealthResult } from './score.js';

export const EXPLAINED_MAX_RECORD_IDS = 20;

const ReasonJson = z.object({
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const HealthExplainedMeasure = z.object({
  measure: HealthMeasureName,
  label: z.string(),
  status: MeasureStatus,
  value: z.number().nullable(),
  unit: z.enum(['cents', 'bp', 'hours', 'count', 'days']),
  /** Rounded to 2 decimals for display; the score was computed from the unrounded values. */
  points: z.number().min(0).max(100),
  weight: z.number(),
  effectiveWeight: z.number().min(0).max(100),
  contribution: z.number().min(0).max(100),
  evidence: z.object({
    label: z.string(),
    recordIds: z.array(z.string()).max(EXPLAINED_MAX_RECORD_IDS),
    /** How many records there are in all; more than recordIds.length when capped. */
    total: z.number().int().min(0),
  }),
});
export type HealthExplainedMeasure = z.infer<typeof HealthExplainedMeasure>;

export const HealthExplained = z.object({
  v: z.literal(1),
  score: z.number().int().min(0).max(100),
  band: HealthBand,
  reweighted: z.boolean(),
  measures: z.array(HealthExplainedMeasure),
  reasons: z.array(ReasonJson),
});
export type HealthExplained = z.infer<typeof HealthExplained>;

const two = (n: number): number => Math.round(n * 100) / 100;

export function explainHealth(result: HealthResult): HealthExplained {
  return {
    v: 1,
    score: result.score,
    band: result.band,
    reweighted: result.reweighted,
    measures: result.measures.map((m) => ({
      measure: m.measure,
      label: m.label,
      status: m.status,
      value: m.value,
      unit: MEASURE_UNITS[m.measure],
      points: two(m.points),
      weight: m.weight,
      effectiveWeight: two(m.effectiveWeight),
      contribution: two(m.contribution),
      evidence: {
        label: m.evidence.label,
        recordIds: m.evidence.recordIds.slice(0, EXPLAINED_MAX_RECORD_IDS),
        total: m.evidence.recordIds.length,
      },
    })),
    reasons: result.reasons.map((r) => ({ ...r, ...(r.data === undefined ? {} : { data: { ...r.data } }) })),
  };
}

/** The string written to Partner_Health_Explained__c. */
export function healthExplainedJson(result: HealthResult): string {
  return JSON.stringify(explainHealth(result));
}

/** Parses the stored field; null when empty or not this shape (an older or hand-edited value). */
export function parseHealthExplained(json: string | null | undefined): HealthExplained | null {
  if (json == null || json.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = HealthExplained.safeParse(value);
  return parsed.success ? parsed.data : null;
}
