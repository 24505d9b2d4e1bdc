// The sync's own settings (not the program rules, which live in custom metadata), with defaults.
import { z } from 'zod';

export const SyncConfig = z.object({
  /** How far behind each object's watermark the poll starts again (commit lag, same-second writes). */
  overlapMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .default(5 * 60_000),
  /** Reads above this many rows for one object go through Bulk 2.0 query. */
  bulkReadThreshold: z.number().int().min(0).default(10_000),
  /** Writes above this many records of one object and operation go through Bulk 2.0 ingest. */
  bulkWriteThreshold: z.number().int().min(0).default(10_000),
  /** Outbox rows claimed per push round. */
  claimSize: z.number().int().min(1).max(10_000).default(1000),
  /** How long a claimed row belongs to this worker before another may replay it. */
  leaseMs: z.number().int().min(1000).default(120_000),
  /** The share of the org's daily API allocation the sync may use. */
  budgetShare: z.number().gt(0).max(1).default(0.5),
  /** Pause between cycles in continuous mode. */
  intervalMs: z.number().int().min(0).default(60_000),
  /** Bulk 2.0 job poll interval. */
  bulkPollMs: z.number().int().min(10).default(1000),
});
export type SyncConfigInput = z.input<typeof SyncConfig>;
export type SyncConfig = z.output<typeof SyncConfig>;

export function syncConfig(input: SyncConfigInput = {}): SyncConfig {
  const parsed = SyncConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Error(
    `invalid sync setting: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  );
}
