// The health score: each active measure earns 0–100 points on its configured thresholds, the points are
// weighted, and measures without data drop out with their weight shared among the others, said out loud
// (reason 'reweighted_not_applicable'). The score is rounded once, at the end.
import { z } from 'zod';
import { HealthBands, HealthMeasureConfig, type HealthMeasureName } from '../config.js';
import { parseRecord } from '../errors.js';
import { reason, type Reason } from '../reason.js';
import { listOf, MEASURE_LABELS } from './labels.js';
import { MeasureValues, type HealthBand, type MeasureEvidence, type MeasureStatus } from './schemas.js';

export type ScoredMeasure = {
  measure: HealthMeasureName;
  label: string;
  value: number | null;
  /** 0–100 for this measure alone; 0 when not scored (see status). */
  points: number;
  /** The configured weight. */
  weight: number;
  /** Share of the score in percent after N/A measures dropped out; the scored ones sum to 100. */
  effectiveWeight: number;
  /** points × effectiveWeight / 100: what this measure adds to the score, before the final rounding. */
  contribution: number;
  status: MeasureStatus;
  evidence: MeasureEvidence;
};

export type HealthResult = {
  score: number;
  band: HealthBand;
  measures: ScoredMeasure[];
  reweighted: boolean;
  reasons: Reason[];
};

const MeasureList = z.array(HealthMeasureConfig).superRefine((measures, ctx) => {
  const seen = new Set<string>();
  measures.forEach((m, i) => {
    if (seen.has(m.measure))
      ctx.addIssue({ code: 'custom', path: [i, 'measure'], message: `duplicate measure ${m.measure}` });
    seen.add(m.measure);
  });
});

/**
 * Linear between zeroPointsAt (0) and fullPointsAt (100), clamped; the direction follows their order, so
 * "fewer days since engagement is better" is just fullPointsAt < zeroPointsAt.
 */
export function pointsFor(
  value: number,
  measure: Pick<HealthMeasureConfig, 'fullPointsAt' | 'zeroPointsAt'>,
): number {
  const t = (value - measure.zeroPointsAt) / (measure.fullPointsAt - measure.zeroPointsAt);
  return Math.min(1, Math.max(0, t)) * 100;
}

export function bandFor(score: number, bands: HealthBands): HealthBand {
  if (score >= bands.greenMin) return 'Green';
  if (score >= bands.yellowMin) return 'Yellow';
  return 'Red';
}

const NO_EVIDENCE: MeasureEvidence = { label: 'Not measured', recordIds: [] };

/**
 * Scores measured values against the configured measures (in configuration order). Measures whose value is
 * null or missing are 'not_applicable' and re-weighted away; inactive ones are listed but not scored. When
 * no weighted measure has data the score is 0 and the band Red, with reason 'no_data'.
 * Throws DomainInputError naming the field on invalid input.
 */
export function scoreHealth(
  values: Partial<MeasureValues>,
  measures: readonly HealthMeasureConfig[],
  bands: HealthBands,
): HealthResult {
  const vals = parseRecord(MeasureValues, values, 'Health measure values');
  const configs = parseRecord(MeasureList, measures, 'Health measure configuration');
  const limits = parseRecord(HealthBands, bands, 'Health bands');

  const scorable = configs.filter((m) => m.active && (vals[m.measure]?.value ?? null) !== null);
  const totalWeight = scorable.reduce((s, m) => s + m.weight, 0);
  const notApplicable = configs.filter(
    (m) => m.active && m.weight > 0 && (vals[m.measure]?.value ?? null) === null,
  );

  const scored: ScoredMeasure[] = configs.map((m) => {
    const entry = vals[m.measure];
    const base = {
      measure: m.measure,
      label: MEASURE_LABELS[m.measure],
      value: entry?.value ?? null,
      weight: m.weight,
      evidence: entry?.evidence ?? NO_EVIDENCE,
    };
    if (!m.active) return { ...base, points: 0, effectiveWeight: 0, contribution: 0, status: 'inactive' };
    if (base.value === null)
      return { ...base, points: 0, effectiveWeight: 0, contribution: 0, status: 'not_applicable' };
    const points = pointsFor(base.value, m);
    const effectiveWeight = totalWeight === 0 ? 0 : (m.weight * 100) / totalWeight;
    return {
      ...base,
      points,
      effectiveWeight,
      contribution: (points * effectiveWeight) / 100,
      status: 'scored',
    };
  });

  const reasons: Reason[] = [];
  if (totalWeight === 0) {
    reasons.push(
      reason('no_data', 'No weighted measure has data yet: the score is 0 (Red) until there is some', {
        measures: notApplicable.map((m) => m.measure),
      }),
    );
    return { score: 0, band: 'Red', measures: scored, reweighted: false, reasons };
  }

  const reweighted = notApplicable.length > 0;
  if (reweighted) {
    const labels = notApplicable.map((m) => MEASURE_LABELS[m.measure]);
    reasons.push(
      reason(
        'reweighted_not_applicable',
        `No data for ${listOf(labels)}: ${notApplicable.length === 1 ? 'its' : 'their'} weight is shared among the other measures`,
        { measures: notApplicable.map((m) => m.measure) },
      ),
    );
  }
  const total = scored.reduce((s, m) => s + m.contribution, 0);
  // Cut float noise (99.9999999) before the one rounding, so equal inputs never land on both sides of .5.
  const score = Math.min(100, Math.max(0, Math.round(Number(total.toFixed(6)))));
  const band = bandFor(score, limits);
  reasons.push(
    reason(
      'health_band',
      `Score ${score} is ${band} (Yellow from ${limits.yellowMin}, Green from ${limits.greenMin})`,
      {
        score,
        band,
      },
    ),
  );
  const shortfall = scored
    .filter((m) => m.status === 'scored' && m.points < 100 && m.effectiveWeight > 0)
    .map((m) => ({ m, lost: ((100 - m.points) * m.effectiveWeight) / 100 }))
    .sort((a, b) => b.lost - a.lost)[0];
  if (shortfall !== undefined)
    reasons.push(
      reason(
        'largest_shortfall',
        `${shortfall.m.label} costs the most: ${Math.round(shortfall.m.points)} of 100 points at ${Math.round(shortfall.m.effectiveWeight)}% of the score`,
        { measure: shortfall.m.measure, lostPoints: Math.round(shortfall.lost * 100) / 100 },
      ),
    );
  return { score, band, measures: scored, reweighted, reasons };
}
