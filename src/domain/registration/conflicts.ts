// Competing claims on the same customer, found before a decision is made so a rep sees them while
// registering and a manager sees them while deciding, each with the signals that made it match.
import type { RegistrationSettings } from '../config.js';
import { appendTo } from '../group.js';
import { reason, type Reason } from '../reason.js';
import { addDays, dateOf, type DateOnly, type Instant } from '../time.js';
import {
  canonicalRecordId,
  couldNamesMatch,
  MATCH_POINTS,
  matchKey,
  nameBlocks,
  NAME_SIMILARITY_FLOOR,
  nameProfile,
  similarityOfForms,
  sameRecordId,
  scoreMatchKeys,
  type CustomerIdentity,
  type MatchKey,
  type NameProfile,
} from './identity.js';
import { canonicalOrNull, findOpportunity } from './opportunity-index.js';
import { packIndex, type PackedIndex } from './packed-index.js';
import type { OpportunitySummary, Registration, RegistrationContext, RegistrationStatus } from './schemas.js';

export type ConflictMatch = {
  kind: 'registration' | 'opportunity';
  id: string;
  /** The partner that holds the claim: the registration's partner, or the opportunity's primary partner. */
  partnerId: string | null;
  status?: RegistrationStatus;
  score: number;
  reasons: Reason[];
  /**
   * The claim keeps the customer for another partner: an Approved registration whose protection runs
   * today or later, or an open opportunity whose primary partner is another partner.
   */
  holdsProtection: boolean;
  protectedUntil?: DateOnly | null;
  submittedAt?: Instant | null;
  /** The claim came before the candidate (registrations: submitted; opportunities: created). */
  earlier: boolean;
  /** The claim belongs to the candidate's own partner: a resubmission, never a competitor. */
  samePartner: boolean;
  /**
   * The match rests on evidence nobody would dispute (same opportunity, account or domain, or an equal
   * normalised name) rather than on a fuzzy name alone. The rules only reject on strong matches.
   */
  strong: boolean;
};

const OPEN_STATUSES: readonly RegistrationStatus[] = ['Submitted', 'Approved'];
const STRONG_CODES = new Set(['same_opportunity', 'same_account', 'same_domain']);

/** When a registration entered the queue; a Draft being previewed would enter it now. */
export function registeredAt(registration: Registration, now: Instant): Instant {
  if (registration.submittedAt != null) return registration.submittedAt;
  return registration.status === 'Draft' ? now : registration.createdAt;
}

/** Whether an Approved registration still protects its partner on `today` (the until day included). */
export function protectsOn(registration: Registration, today: DateOnly): boolean {
  return (
    registration.status === 'Approved' &&
    registration.protectedUntil != null &&
    registration.protectedUntil >= today
  );
}

/**
 * The candidate's customer: its own fields, completed from its opportunity when the rep registered from
 * one and left the customer fields blank.
 */
export function candidateIdentity(
  candidate: Registration,
  opportunities: readonly OpportunitySummary[],
): CustomerIdentity {
  return candidateIdentityWith(candidate, findOpportunity(opportunities, candidate.opportunityId));
}

function candidateIdentityWith(
  candidate: Registration,
  own: OpportunitySummary | undefined,
): CustomerIdentity {
  return {
    accountId: candidate.customerAccountId ?? own?.accountId ?? null,
    name: candidate.customerName ?? own?.accountName ?? null,
    domain: candidate.customerDomain ?? own?.accountDomain ?? null,
    products: candidate.products.length > 0 ? candidate.products : (own?.products ?? []),
  };
}

function isStrong(reasons: readonly Reason[]): boolean {
  return reasons.some(
    (r) => STRONG_CODES.has(r.code) || (r.code === 'similar_name' && r.data?.['similarity'] === 1),
  );
}

function byScoreThenEarlier(a: ConflictMatch & { at: Instant }, b: ConflictMatch & { at: Instant }): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.earlier !== b.earlier) return a.earlier ? -1 : 1;
  if (a.at !== b.at) return a.at - b.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// The pool of claims, prepared once
//
// A full recompute judges every open registration against the same pool of open registrations and
// opportunities, so each pool record's match key (normalised name and domain, product set) and its
// window day are computed once, and the records are indexed by what can make them match: the account,
// the domain and its registrable part, the opportunity, the normalised
// name. A record reachable through none of these scores 0 (product overlap only adds to another signal),
// so it is never scored. Records are treated as values: a changed record is a new object, as the parse
// functions and applyVerdict produce; so are the arrays of a context (one changed in place without a
// change of length is not noticed).

type PoolEntry = {
  key: MatchKey;
  /** When the claim was made: registrations registeredAt (open ones never depend on now), opportunities createdAt. */
  at: Instant;
  day: DateOnly;
  /** Registrations: the canonical id of their opportunity, null when none. */
  oppCid: string | null;
};

type PoolSide<R> = {
  /** The open records of the array the side was built from, in order. */
  readonly records: readonly R[];
  readonly entries: readonly PoolEntry[];
  readonly byAccount: PackedIndex;
  readonly byDomain: PackedIndex;
  readonly byRegistrable: PackedIndex;
  readonly byOpportunity: PackedIndex;
  readonly byName: PackedIndex;
  /** The distinct names' profiles, under each of their match keys (nameBlocks); byName holds their indices. */
  readonly namesByBlock: ReadonlyMap<string, readonly NameProfile[]>;
  /** candidate name + similarity bound → the indices whose names can reach it. */
  readonly nameHits: Map<string, number[]>;
};

/**
 * The open registrations and opportunities of a context, normalised and indexed once so that
 * findConflicts (and decideRegistration) can judge many candidates against them cheaply. Pass it with a
 * context whose open registrations and open opportunities are these same record objects in the same
 * order (closed opportunities may be added: they never conflict); a pool that does not fit the context
 * is ignored, never trusted.
 */
export type ConflictPool = {
  readonly registrations: PoolSide<Registration>;
  readonly opportunities: PoolSide<OpportunitySummary>;
};

const isOpenRegistration = (r: Registration): boolean => OPEN_STATUSES.includes(r.status);
const isOpenOpportunity = (o: OpportunitySummary): boolean => !o.isClosed;

const cidOf = canonicalOrNull;

/**
 * What the records of a pool share while it is built: most opportunities of an account carry the same
 * identity, many claims fall on the same day, a customer's name is named by all its claims and a few
 * product sets by most. One copy of each (key, day, name forms and profile, product set) keeps a large
 * pool's memory to what differs.
 */
type Shared = {
  keys: Map<string, MatchKey>;
  days: Map<string, DateOnly>;
  names: Map<string, Pick<MatchKey, 'name' | 'nameBlocks' | 'nameForms'>>;
  products: Map<string, MatchKey['products']>;
  profiles: Map<string, NameProfile>;
};

const newShared = (): Shared => ({
  keys: new Map(),
  days: new Map(),
  names: new Map(),
  products: new Map(),
  profiles: new Map(),
});

function sharedKey(identity: CustomerIdentity, shared: Shared): MatchKey {
  const signature = [
    identity.accountId ?? '',
    identity.name ?? '',
    identity.domain ?? '',
    ...(identity.products ?? []),
  ].join('\u0000');
  let key = shared.keys.get(signature);
  if (key !== undefined) return key;
  key = matchKey(identity);
  const name = shared.names.get(key.name);
  if (name === undefined) shared.names.set(key.name, key);
  else {
    key.name = name.name;
    key.nameBlocks = name.nameBlocks;
    key.nameForms = name.nameForms;
  }
  const products = [...key.products].join('\u0000');
  const sameProducts = shared.products.get(products);
  if (sameProducts === undefined) shared.products.set(products, key.products);
  else key.products = sameProducts;
  shared.keys.set(signature, key);
  return key;
}

function dayOf(at: Instant, shared: Shared): DateOnly {
  const day = dateOf(at);
  const known = shared.days.get(day);
  if (known !== undefined) return known;
  shared.days.set(day, day);
  return day;
}

function registrationEntry(r: Registration, shared: Shared): PoolEntry {
  const at = r.submittedAt ?? r.createdAt; // registeredAt of a Submitted or Approved registration
  return {
    key: sharedKey(
      {
        accountId: r.customerAccountId,
        name: r.customerName,
        domain: r.customerDomain,
        products: r.products,
      },
      shared,
    ),
    at,
    day: dayOf(at, shared),
    oppCid: cidOf(r.opportunityId),
  };
}

function opportunityEntry(o: OpportunitySummary, shared: Shared): PoolEntry {
  return {
    key: sharedKey(
      { accountId: o.accountId, name: o.accountName, domain: o.accountDomain, products: o.products ?? [] },
      shared,
    ),
    at: o.createdAt,
    day: dayOf(o.createdAt, shared),
    oppCid: null,
  };
}

function buildSide<R>(
  all: readonly R[],
  isOpen: (r: R) => boolean,
  entryOf: (r: R, shared: Shared) => PoolEntry,
  shared: Shared,
): PoolSide<R> {
  const records = all.filter(isOpen);
  const entries = records.map((r) => entryOf(r, shared));
  const index = (keyOf: (e: PoolEntry) => string | null) =>
    packIndex(entries.length, (i) => keyOf(entries[i]!));
  const byName = index((e) => (e.key.name === '' ? null : e.key.name));
  const namesByBlock = new Map<string, NameProfile[]>();
  for (const name of byName.keys()) {
    let profile = shared.profiles.get(name);
    if (profile === undefined) {
      profile = nameProfile(name, shared.names.get(name)?.nameForms);
      shared.profiles.set(name, profile);
    }
    for (const block of nameBlocks(name)) appendTo(namesByBlock, block, profile);
  }
  return {
    records,
    entries,
    byAccount: index((e) => (e.key.accountId === null ? null : canonicalRecordId(e.key.accountId))),
    byDomain: index((e) => e.key.domain),
    byRegistrable: index((e) => e.key.registrable),
    byOpportunity: index((e) => e.oppCid),
    byName,
    namesByBlock,
    nameHits: new Map(),
  };
}

// Checked once per array (and again if its length changes): a full recompute passes the same arrays for
// every candidate, and checking them each time would grow with the square of the book.
const fitted = new WeakMap<object, WeakMap<readonly unknown[], number>>();

function fits<R>(side: PoolSide<R>, all: readonly R[], isOpen: (r: R) => boolean): boolean {
  let arrays = fitted.get(side);
  if (arrays?.get(all) === all.length) return true;
  let k = 0;
  for (const r of all) {
    if (!isOpen(r)) continue;
    if (side.records[k] !== r) return false;
    k++;
  }
  if (k !== side.records.length) return false;
  if (arrays === undefined) fitted.set(side, (arrays = new WeakMap()));
  arrays.set(all, all.length);
  return true;
}

const registrationSides = new WeakMap<readonly Registration[], PoolSide<Registration>>();
const opportunitySides = new WeakMap<readonly OpportunitySummary[], PoolSide<OpportunitySummary>>();

function sideFor<R>(
  all: readonly R[],
  given: PoolSide<R> | undefined,
  cache: WeakMap<readonly R[], PoolSide<R>>,
  isOpen: (r: R) => boolean,
  entryOf: (r: R, shared: Shared) => PoolEntry,
  shared: Shared = newShared(),
): PoolSide<R> {
  if (given !== undefined && fits(given, all, isOpen)) return given;
  const cached = cache.get(all);
  if (cached !== undefined && fits(cached, all, isOpen)) return cached;
  const side = buildSide(all, isOpen, entryOf, shared);
  cache.set(all, side);
  return side;
}

/** Normalises and indexes the open claims of a context once, for many findConflicts calls. */
export function prepareConflictPool(context: RegistrationContext): ConflictPool {
  // Both sides name the same customers: one key, name profile and day each for the two.
  const shared = newShared();
  return {
    registrations: sideFor(
      context.registrations,
      undefined,
      registrationSides,
      isOpenRegistration,
      registrationEntry,
      shared,
    ),
    opportunities: sideFor(
      context.opportunities,
      undefined,
      opportunitySides,
      isOpenOpportunity,
      opportunityEntry,
      shared,
    ),
  };
}

/**
 * The lowest (rounded) name similarity that can still bring a claim matched on its name alone to the
 * threshold: name points plus the product bonus. Infinity when a name alone cannot reach it.
 */
function nameSimilarityNeeded(threshold: number): number {
  const best = MATCH_POINTS.nameMax + MATCH_POINTS.productOverlap;
  if (threshold > best) return Infinity;
  const points = threshold - MATCH_POINTS.productOverlap;
  const span = MATCH_POINTS.nameMax - MATCH_POINTS.nameMin;
  // points = round(nameMin + span·(s − floor)/(1 − floor)) ≥ p  ⇔  s ≥ floor + (p − 0.5 − nameMin)·(1 − floor)/span
  const s =
    NAME_SIMILARITY_FLOOR + ((points - 0.5 - MATCH_POINTS.nameMin) * (1 - NAME_SIMILARITY_FLOOR)) / span;
  // A margin, so float noise can only widen the search.
  return Math.max(NAME_SIMILARITY_FLOOR, s) - 0.002;
}

/**
 * Indices of the side whose names can be similar enough to `name`, ascending: only names that share one
 * of its match keys are looked at, as scoreMatchKeys compares only those.
 */
function nameHits<R>(side: PoolSide<R>, name: string, needed: number): number[] {
  const memo = `${needed}\u0000${name}`;
  let hits = side.nameHits.get(memo);
  if (hits !== undefined) return hits;
  const profile = nameProfile(name);
  const seen = new Set<NameProfile>();
  hits = [];
  for (const block of nameBlocks(name)) {
    for (const other of side.namesByBlock.get(block) ?? []) {
      if (seen.has(other)) continue;
      seen.add(other);
      // A cheap upper bound first; the exact similarity only for names that pass it.
      if (!couldNamesMatch(profile, other, needed)) continue;
      if (similarityOfForms(profile.forms, other.forms) < needed) continue;
      for (const i of side.byName.get(other.name)!) hits.push(i);
    }
  }
  hits.sort((a, b) => a - b);
  side.nameHits.set(memo, hits);
  return hits;
}

/** The indices of the side that can reach the threshold against the candidate, ascending. */
function reachable<R>(
  side: PoolSide<R>,
  key: MatchKey,
  candidateOppCid: string | null,
  threshold: number,
): Iterable<number> {
  // Score 0 passes a threshold of 0 or less (or a threshold that is not a number): nothing to prune.
  if (!(threshold > 0)) return side.entries.keys();
  const found = new Set<number>();
  const add = (list: Iterable<number> | undefined) => {
    if (list) for (const i of list) found.add(i);
  };
  if (key.accountId !== null) add(side.byAccount.get(canonicalRecordId(key.accountId)));
  if (key.domain !== null) add(side.byDomain.get(key.domain));
  if (key.registrable !== null) add(side.byRegistrable.get(key.registrable));
  if (candidateOppCid !== null) add(side.byOpportunity.get(candidateOppCid));
  const needed = nameSimilarityNeeded(threshold);
  if (key.name !== '' && needed !== Infinity) add(nameHits(side, key.name, needed));
  return [...found].sort((a, b) => a - b);
}

/**
 * The open claims on the candidate's customer that score at least `conflictMatchThreshold`:
 * Submitted and Approved registrations other than the candidate, and open opportunities other than
 * the candidate's own, registered or created no more than `conflictWindowDays` before the candidate.
 * An Approved registration that still protects another partner conflicts however old it is, because
 * its protection outlives the window. Sorted by score, then earlier claims first.
 *
 * `pool` (from prepareConflictPool) saves normalising the same claims again when many candidates are
 * judged against one context; without it the pool is prepared and kept for the context's arrays.
 */
export function findConflicts(
  candidate: Registration,
  context: RegistrationContext,
  settings: RegistrationSettings,
  now: Instant,
  pool?: ConflictPool,
): ConflictMatch[] {
  const regSide = sideFor(
    context.registrations,
    pool?.registrations,
    registrationSides,
    isOpenRegistration,
    registrationEntry,
  );
  const oppSide = sideFor(
    context.opportunities,
    pool?.opportunities,
    opportunitySides,
    isOpenOpportunity,
    opportunityEntry,
  );
  const today = dateOf(now);
  const candidateAt = registeredAt(candidate, now);
  const windowStart = addDays(dateOf(candidateAt), -settings.conflictWindowDays);
  const candidateOppCid = candidate.opportunityId == null ? null : cidOf(candidate.opportunityId);
  const own = findOpportunity(context.opportunities, candidateOppCid);
  const key = matchKey(candidateIdentityWith(candidate, own));
  const threshold = settings.conflictMatchThreshold;
  const found: (ConflictMatch & { at: Instant })[] = [];

  for (const i of reachable(regSide, key, candidateOppCid, threshold)) {
    const other = regSide.records[i]!;
    const entry = regSide.entries[i]!;
    if (other.id === candidate.id || sameRecordId(other.id, candidate.id)) continue;
    const samePartner = sameRecordId(other.partnerId, candidate.partnerId);
    const protecting = protectsOn(other, today);
    const at = entry.at;
    if (entry.day < windowStart && !(protecting && !samePartner)) continue;
    let { score, reasons } = scoreMatchKeys(key, entry.key);
    if (candidateOppCid !== null && candidateOppCid === entry.oppCid) {
      score = 100;
      reasons = [
        reason('same_opportunity', 'Registered on the same opportunity', {
          opportunityId: other.opportunityId,
        }),
        ...reasons,
      ];
    }
    if (score < threshold) continue;
    found.push({
      kind: 'registration',
      id: other.id,
      partnerId: other.partnerId,
      status: other.status,
      score,
      reasons,
      holdsProtection: protecting && !samePartner,
      protectedUntil: other.protectedUntil ?? null,
      submittedAt: other.submittedAt ?? null,
      // Two claims at the same instant need one first; the id decides so the order is stable.
      earlier: at < candidateAt || (at === candidateAt && other.id < candidate.id),
      samePartner,
      strong: isStrong(reasons),
      at,
    });
  }

  for (const i of reachable(oppSide, key, null, threshold)) {
    const opp = oppSide.records[i]!;
    const entry = oppSide.entries[i]!;
    if (candidateOppCid !== null && cidOf(opp.id) === candidateOppCid) continue;
    if (entry.day < windowStart) continue;
    const { score, reasons } = scoreMatchKeys(key, entry.key);
    if (score < threshold) continue;
    const partnerId = opp.primaryPartnerId ?? null;
    const samePartner = sameRecordId(partnerId, candidate.partnerId);
    found.push({
      kind: 'opportunity',
      id: opp.id,
      partnerId,
      score,
      reasons,
      holdsProtection: partnerId !== null && !samePartner,
      earlier: opp.createdAt <= candidateAt,
      samePartner,
      strong: isStrong(reasons),
      at: opp.createdAt,
    });
  }

  return found.sort(byScoreThenEarlier).map(({ at: _at, ...match }) => match);
}
