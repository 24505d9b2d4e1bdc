// Demo data for the local org (or any org): a believable partner ecosystem, deterministic from a seed.
// Records come in dependency order with '@ref' keys and '@ref:<key>' lookups that a loader resolves to Ids.
// demoRecordStreams() yields them lazily (constant memory, for up to a million opportunities);
// generateDemoData() collects them. Service-calculated fields and health snapshots are left to the service.
import { customerRecord, engagedPartners, partnerRecord } from './accounts.js';
import { dayNumber } from './dates.js';
import { opportunityRecord, planOpportunity } from './opportunities.js';
import type { DemoRecord, Plan } from './plan.js';
import { opportunityRegistrations, standaloneRegistration } from './registrations.js';
import { opportunitySplits } from './splits.js';

export type { DemoRecord } from './plan.js';

export const DEMO_SIZES = {
  /** About a dozen records: one of each case, for tests. */
  tiny: { partners: 3, customers: 3, opportunities: 3 },
  small: { partners: 20, customers: 60, opportunities: 200 },
  medium: { partners: 200, customers: 2_000, opportunities: 10_000 },
  large: { partners: 2_000, customers: 20_000, opportunities: 100_000 },
} as const;
export type DemoSizeName = keyof typeof DEMO_SIZES;
export const MAX_DEMO_OPPORTUNITIES = 1_000_000;

export type DemoOptions = {
  seed: number;
  /** A named size, or that many opportunities (partners and customers scale with it). */
  size: DemoSizeName | number;
  /** The day the demo org is "today" (YYYY-MM-DD); every date is relative to it. */
  asOf?: string;
};

export type DemoData = { objects: { type: string; records: Record<string, unknown>[] }[] };
export type DemoStream = { type: DemoObjectType; records: Iterable<DemoRecord> };

/** The objects, parents first: a loader inserts them in this order. */
export const DEMO_OBJECT_TYPES = [
  'Account',
  'Opportunity',
  'Deal_Registration__c',
  'Co_Sell_Split__c',
] as const;
export type DemoObjectType = (typeof DEMO_OBJECT_TYPES)[number];

/** Fields the records carry that Salesforce derives itself: a loader for a real org leaves them out. */
export const DERIVED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Opportunity: ['IsClosed', 'IsWon'],
};

export const DEFAULT_AS_OF = '2026-11-01';

/** Registrations with no opportunity yet: one per this many opportunities. */
const OPPORTUNITIES_PER_STANDALONE = 20;

function counts(size: DemoOptions['size']): { partners: number; customers: number; opportunities: number } {
  if (typeof size === 'string') {
    const named = DEMO_SIZES[size];
    if (named === undefined) throw new RangeError(`unknown demo size "${String(size)}"`);
    return named;
  }
  if (!Number.isInteger(size) || size < 1 || size > MAX_DEMO_OPPORTUNITIES) {
    throw new RangeError(
      `demo size must be a whole number of opportunities from 1 to ${MAX_DEMO_OPPORTUNITIES}`,
    );
  }
  return {
    partners: Math.min(20_000, Math.max(3, Math.round(size / 50))),
    customers: Math.max(3, Math.round(size / 5)),
    opportunities: size,
  };
}

export function demoPlan(options: DemoOptions): Plan {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('demo seed must be a whole number');
  const seed = options.seed >>> 0;
  const sized = counts(options.size);
  return {
    seed,
    asOfDay: dayNumber(options.asOf ?? DEFAULT_AS_OF),
    ...sized,
    engaged: engagedPartners(seed, sized.partners),
  };
}

function* accounts(plan: Plan): Generator<DemoRecord> {
  for (let p = 1; p <= plan.partners; p++) yield partnerRecord(plan, p);
  for (let c = 1; c <= plan.customers; c++) yield customerRecord(plan, c);
}

function* opportunities(plan: Plan): Generator<DemoRecord> {
  for (let i = 1; i <= plan.opportunities; i++) yield opportunityRecord(plan, planOpportunity(plan, i));
}

function* registrations(plan: Plan): Generator<DemoRecord> {
  let n = 1;
  for (let i = 1; i <= plan.opportunities; i++) {
    for (const record of opportunityRegistrations(plan, planOpportunity(plan, i), n)) {
      n++;
      yield record;
    }
  }
  const standalone = Math.floor(plan.opportunities / OPPORTUNITIES_PER_STANDALONE);
  for (let k = 1; k <= standalone; k++) {
    const record = standaloneRegistration(plan, k, n);
    if (record === null) continue;
    n++;
    yield record;
  }
}

function* splits(plan: Plan): Generator<DemoRecord> {
  let n = 1;
  for (let i = 1; i <= plan.opportunities; i++) {
    for (const record of opportunitySplits(plan, planOpportunity(plan, i), n)) {
      n++;
      yield record;
    }
  }
}

/** Re-iterable, lazy record streams in dependency order; each pass regenerates the same records. */
export function demoRecordStreams(options: DemoOptions): DemoStream[] {
  const plan = demoPlan(options);
  const stream = (make: (plan: Plan) => Generator<DemoRecord>): Iterable<DemoRecord> => ({
    [Symbol.iterator]: () => make(plan),
  });
  return [
    { type: 'Account', records: stream(accounts) },
    { type: 'Opportunity', records: stream(opportunities) },
    { type: 'Deal_Registration__c', records: stream(registrations) },
    { type: 'Co_Sell_Split__c', records: stream(splits) },
  ];
}

export function generateDemoData(options: DemoOptions): DemoData {
  return {
    objects: demoRecordStreams(options).map(({ type, records }) => ({ type, records: Array.from(records) })),
  };
}
