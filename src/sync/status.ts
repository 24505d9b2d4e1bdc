// What `sf prm status` shows about the sync: the store's view (recent cycles, outbox by state, every
// failed record with Salesforce's reason, each object's watermark) plus the compute debt and the rules.
import { z } from 'zod';
import { ProgramConfig } from '../domain/config.js';
import type { Store, StoreStatus } from '../store/index.js';
import { DIRTY_KEY } from './dirty.js';
import { PROGRAM_KEY } from './program-state.js';

export type SyncStatus = StoreStatus & {
  /** Records pulled but not yet computed (or 'all' when a full recompute is owed). */
  readonly pendingCompute: number | 'all';
  /** The tiers in force (names by rank), or null before the first cycle read them. */
  readonly tiers: string[] | null;
};

export async function syncStatus(
  store: Store,
  options?: { cycles?: number; failures?: number },
): Promise<SyncStatus> {
  const base = await store.status(options);
  const dirty = await store.getMeta(
    DIRTY_KEY,
    z.object({ all: z.boolean(), ids: z.record(z.string(), z.array(z.string())) }),
  );
  const program = await store.getMeta(PROGRAM_KEY, z.object({ hash: z.string(), config: ProgramConfig }));
  return {
    ...base,
    pendingCompute: dirty?.all
      ? 'all'
      : Object.values(dirty?.ids ?? {}).reduce((n, ids) => n + ids.length, 0),
    tiers: program ? program.config.tiers.map((t) => t.name) : null,
  };
}
