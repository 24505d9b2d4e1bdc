export {
  EXPLAINED_MAX_RECORD_IDS,
  explainHealth,
  HealthExplained,
  HealthExplainedMeasure,
  healthExplainedJson,
  parseHealthExplained,
} from './explain.js';
export { listOf, MEASURE_LABELS, MEASURE_UNITS, type MeasureUnit } from './labels.js';
export { activeCertificationCount, measurePartner, type MeasureInput } from './measures.js';
export {
  HEALTH_BANDS,
  HealthBand,
  HealthPartnerFacts,
  HealthSnapshotPoint,
  MEASURE_STATUSES,
  MeasureEvidence,
  MeasureStatus,
  MeasureValue,
  MeasureValues,
} from './schemas.js';
export { bandFor, pointsFor, scoreHealth, type HealthResult, type ScoredMeasure } from './score.js';
export { healthTrend, type HealthTrend, type TrendOptions } from './trend.js';
