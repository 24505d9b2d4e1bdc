// How each measure is named and what unit its value has, for reasons, evidence and the explained JSON.
import type { HealthMeasureName } from '../config.js';

export const MEASURE_LABELS: Readonly<Record<HealthMeasureName, string>> = {
  Attributed_Revenue: 'Attributed revenue',
  Pipeline: 'Pipeline',
  Win_Rate: 'Win rate',
  Registration_Approval_Rate: 'Registration approval rate',
  Registration_Speed: 'Registration decision speed',
  Certifications: 'Certifications',
  Certification_Freshness: 'Certification freshness',
  Engagement_Recency: 'Engagement recency',
  Time_To_First_Revenue: 'Time to first revenue',
};

export const MEASURE_UNITS = {
  Attributed_Revenue: 'cents',
  Pipeline: 'cents',
  Win_Rate: 'bp',
  Registration_Approval_Rate: 'bp',
  Registration_Speed: 'hours',
  Certifications: 'count',
  Certification_Freshness: 'days',
  Engagement_Recency: 'days',
  Time_To_First_Revenue: 'days',
} as const satisfies Record<HealthMeasureName, string>;
export type MeasureUnit = (typeof MEASURE_UNITS)[HealthMeasureName];

/** "Win rate and Pipeline", "Win rate, Pipeline and Certifications". */
export function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}
