// What the compute phase still owes: the records whose pulled change it has not yet turned into outbox
// rows. Kept in the store and updated in the same transaction as the mirror rows and the cursor, and
// cleared in the same transaction as the outbox rows it produced, so a crash between pull and compute
// loses nothing.
import { z } from 'zod';
import type { StoreTx } from '../store/index.js';

export const DIRTY_KEY = 'sync:dirty';

const Ids = z.record(z.string(), z.array(z.string()));

const Dirty = z.object({
  /** Everything must be recomputed (initial load, new program rules, a new day). */
  all: z.boolean(),
  /** Records whose own values changed: recomputed with every record they move. */
  ids: Ids,
  /** Records recomputed on their own: an output of another record they read changed (objects.ts feeds). */
  refresh: Ids.default({}),
});
export type Dirty = z.infer<typeof Dirty>;

export const EMPTY_DIRTY: Dirty = { all: false, ids: {}, refresh: {} };

export async function readDirty(tx: StoreTx): Promise<Dirty> {
  return (await tx.getMeta(DIRTY_KEY, Dirty)) ?? EMPTY_DIRTY;
}

function merged(
  into: Record<string, string[]>,
  type: string,
  ids: readonly string[],
): Record<string, string[]> {
  return ids.length === 0 ? into : { ...into, [type]: [...new Set([...(into[type] ?? []), ...ids])] };
}

export async function addDirty(
  tx: StoreTx,
  change: { all?: boolean; objectType?: string; ids?: readonly string[]; refresh?: boolean },
): Promise<void> {
  const current = await readDirty(tx);
  let next: Dirty = { ...current, all: current.all || change.all === true };
  if (next.all) next = { all: true, ids: {}, refresh: {} };
  else if (change.objectType && change.ids) {
    const key = change.refresh ? 'refresh' : 'ids';
    next[key] = merged(next[key], change.objectType, change.ids);
  }
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  await tx.setMeta(DIRTY_KEY, next);
}

/** Clears the debt a compute paid (`processed`): a page stored meanwhile keeps its own. */
export async function settleDirty(tx: StoreTx, processed: Dirty): Promise<void> {
  const now = await readDirty(tx);
  const rest = (current: Record<string, string[]>, done: Record<string, string[]>) => {
    const out: Record<string, string[]> = {};
    for (const [type, ids] of Object.entries(current)) {
      const paid = new Set(processed.all ? ids : (done[type] ?? []));
      const left = ids.filter((id) => !paid.has(id));
      if (left.length > 0) out[type] = left;
    }
    return out;
  };
  const left: Dirty = {
    all: now.all && !processed.all,
    ids: rest(now.ids, processed.ids),
    refresh: rest(now.refresh, processed.refresh),
  };
  await tx.setMeta(DIRTY_KEY, isClean(left) ? EMPTY_DIRTY : left);
}

export function isClean(dirty: Dirty): boolean {
  const none = (ids: Record<string, string[]>) => Object.values(ids).every((list) => list.length === 0);
  return !dirty.all && none(dirty.ids) && none(dirty.refresh);
}
