// Looking up a registration's own opportunity in a context's opportunity list, indexed once per list:
// a full recompute asks for each of its registrations, and a scan per question would grow with the square
// of the book. Lists are treated as values, as records are: one whose length changes is indexed again.
import { canonicalRecordId } from './identity.js';
import type { OpportunitySummary } from './schemas.js';

type OpportunityIndex = {
  readonly length: number;
  /** Canonical id → the first opportunity with it. */
  readonly first: ReadonlyMap<string, OpportunitySummary>;
  /** Canonical ids with at least one closed opportunity. */
  readonly closed: ReadonlySet<string>;
};

const indexes = new WeakMap<readonly OpportunitySummary[], OpportunityIndex>();

/** The canonical form of a record id, or null when it is blank. */
export function canonicalOrNull(id: string | null | undefined): string | null {
  const x = id?.trim() ?? '';
  return x === '' ? null : canonicalRecordId(x);
}

function indexOf(opportunities: readonly OpportunitySummary[]): OpportunityIndex {
  const cached = indexes.get(opportunities);
  if (cached !== undefined && cached.length === opportunities.length) return cached;
  const first = new Map<string, OpportunitySummary>();
  const closed = new Set<string>();
  for (const o of opportunities) {
    const cid = canonicalOrNull(o.id);
    if (cid === null) continue;
    if (!first.has(cid)) first.set(cid, o);
    if (o.isClosed) closed.add(cid);
  }
  const index = { length: opportunities.length, first, closed };
  indexes.set(opportunities, index);
  return index;
}

/** The first opportunity of the list with this id (15 or 18 characters), if any. */
export function findOpportunity(
  opportunities: readonly OpportunitySummary[],
  id: string | null | undefined,
): OpportunitySummary | undefined {
  const cid = canonicalOrNull(id);
  return cid === null ? undefined : indexOf(opportunities).first.get(cid);
}

/** Whether the list holds a closed opportunity with this id. */
export function hasClosedOpportunity(
  opportunities: readonly OpportunitySummary[],
  id: string | null | undefined,
): boolean {
  const cid = canonicalOrNull(id);
  return cid !== null && indexOf(opportunities).closed.has(cid);
}
