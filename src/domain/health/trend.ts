// The 30-day trend shown beside the score (Partner_Health_Trend__c): today's score minus the score a month
// ago, read from the daily snapshots. Snapshots can be missing (the sync was down), so the nearest one at
// least 30 days old counts if it is not older than 45 days; beyond that there is honestly no trend.
import { z } from 'zod';
import { parseRecord } from '../errors.js';
import { reason, type Reason } from '../reason.js';
import { addDays, type DateOnly } from '../time.js';
import { HealthSnapshotPoint } from './schemas.js';

export type HealthTrend = { change: number | null; comparedTo: DateOnly | null; reasons: Reason[] };

export type TrendOptions = { days?: number; toleranceDays?: number };

const TrendInput = z.object({
  snapshots: z.array(HealthSnapshotPoint),
  current: HealthSnapshotPoint,
  days: z.number().int().min(1).max(366),
  toleranceDays: z.number().int().min(0).max(366),
});

/**
 * Compares `current` with the latest snapshot dated between current.asOf − (days + toleranceDays) and
 * current.asOf − days (defaults 30 and 15). When two snapshots share that date the later one in the list
 * wins, as the later upsert would have. change is null when there is none, with the reason why.
 */
export function healthTrend(
  snapshots: readonly { asOf: DateOnly; score: number }[],
  current: { asOf: DateOnly; score: number },
  options: TrendOptions = {},
): HealthTrend {
  const input = parseRecord(
    TrendInput,
    { snapshots, current, days: options.days ?? 30, toleranceDays: options.toleranceDays ?? 15 },
    'Health trend',
  );
  const latest = addDays(input.current.asOf, -input.days);
  const earliest = addDays(latest, -input.toleranceDays);
  let best: HealthSnapshotPoint | undefined;
  for (const s of input.snapshots)
    if (s.asOf >= earliest && s.asOf <= latest && (best === undefined || s.asOf >= best.asOf)) best = s;

  if (best === undefined) {
    const why =
      input.snapshots.length === 0
        ? reason('no_history', 'No earlier health snapshots: no trend yet')
        : reason('no_snapshot_in_range', `No health snapshot between ${earliest} and ${latest}: no trend`, {
            earliest,
            latest,
          });
    return { change: null, comparedTo: null, reasons: [why] };
  }
  const change = input.current.score - best.score;
  const words =
    change === 0
      ? 'Unchanged'
      : `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change)} point${Math.abs(change) === 1 ? '' : 's'}`;
  return {
    change,
    comparedTo: best.asOf,
    reasons: [
      reason('trend', `${words} since ${best.asOf} (${best.score} → ${input.current.score})`, {
        change,
        comparedTo: best.asOf,
        from: best.score,
        to: input.current.score,
      }),
    ],
  };
}
