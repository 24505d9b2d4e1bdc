// The shape of one demo org: how many of each record, the anchor date and the seed. Records are derived
// from the plan and their index alone, so a generator can stream them in any amount.

/** One record as the loader takes it: field values plus '@ref'; lookups hold '@ref:<ref of the target>'. */
export type DemoRecord = { '@ref': string } & Record<string, unknown>;

export type Plan = {
  readonly seed: number;
  /** Days since the epoch of the as-of date; every date in the org is relative to it. */
  readonly asOfDay: number;
  readonly partners: number;
  readonly customers: number;
  readonly opportunities: number;
  /** Partner numbers (1-based) of the partners who take part in deals, busiest first. */
  readonly engaged: Int32Array;
};

/** One salt per kind of record, so their random streams never overlap. */
export const SALT = {
  partner: 1,
  customer: 2,
  opportunity: 3,
  registration: 4,
  conflict: 5,
  split: 6,
  standalone: 7,
} as const;

export const accountRef = (n: number): string => `acc-${n}`;
export const partnerRef = (partner: number): string => accountRef(partner);
export const customerRef = (plan: Plan, customer: number): string => accountRef(plan.partners + customer);
export const opportunityRef = (i: number): string => `opp-${i}`;
export const link = (ref: string): string => `@ref:${ref}`;
