// What the compute phase still owes: the records whose pulled change it has not yet turned into outbox
// rows. Kept in the store and updated in the same transaction as the mirror rows and the cursor, and
// cleared in the same transaction as the outbox rows it produced, so a crash between pull and compute
// loses nothing.
import { z } from 'zod';
import type { StoreTx } from '../store/index.js';

export const DIRTY_KEY = 'sync:dirty';

const Dirty = z.object({
  /** Everything must be recomputed (initial load, new program rules, a new day). */
  all: z.boolean(),
  ids: z.record(z.string(), z.array(z.string())),
});
export type Dirty = z.infer<typeof Dirty>;

export const EMPTY_DIRTY: Dirty = { all: false, ids: {} };

export async function readDirty(tx: StoreTx): Promise<Dirty> {
  return (await tx.getMeta(DIRTY_KEY, Dirty)) ?? EMPTY_DIRTY;
}

export async function addDirty(
  tx: StoreTx,
  change: { all?: boolean; objectType?: string; ids?: readonly string[] },
): Promise<void> {
  const current = await readDirty(tx);
  const next: Dirty = { all: current.all || change.all === true, ids: { ...current.ids } };
  if (!next.all && change.objectType && change.ids && change.ids.length > 0) {
    next.ids[change.objectType] = [...new Set([...(next.ids[change.objectType] ?? []), ...change.ids])];
  }
  if (next.all) next.ids = {};
  if (next.all === current.all && JSON.stringify(next.ids) === JSON.stringify(current.ids)) return;
  await tx.setMeta(DIRTY_KEY, next);
}

export function isClean(dirty: Dirty): boolean {
  return !dirty.all && Object.values(dirty.ids).every((ids) => ids.length === 0);
}
