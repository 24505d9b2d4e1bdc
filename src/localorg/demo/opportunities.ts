// Opportunities over a year around the as-of date: closed ones in the past twelve months, open ones closing
// in the next six (a few already overdue). Some have a primary partner; the plan of an opportunity also says
// whether it was registered, by what kind of registration and whether a second partner collides with it.
import { DEAL_KINDS, PRODUCTS, STAGES, type Stage } from './catalog.js';
import { customerIdentity } from './accounts.js';
import { isoDate } from './dates.js';
import { customerRef, link, opportunityRef, partnerRef, SALT, type DemoRecord, type Plan } from './plan.js';
import { chance, int, pick, streamFor, weighted, type Rng } from './random.js';

export type OpportunityPlan = {
  readonly index: number;
  readonly customer: number;
  readonly stage: Stage;
  readonly closeDay: number;
  readonly amountCents: number;
  readonly products: string;
  readonly kind: string;
  /** Partner number of the primary partner; 0 when there is none. */
  readonly partner: number;
  readonly registered: boolean;
  readonly registrationType: 'Sourced' | 'Influenced';
  /** A second partner registers the same customer inside the conflict window. */
  readonly conflict: boolean;
};

const STAGE_WEIGHTS = STAGES.map((s) => [s, s.weight] as const);
const MIN_AMOUNT = Math.log(5_000);
const MAX_AMOUNT = Math.log(750_000);

/** A partner who takes part in deals, busier partners more often; 0 when none is left to pick. */
export function pickEngaged(rng: Rng, plan: Plan, exclude: readonly number[] = []): number {
  const n = plan.engaged.length;
  if (n <= exclude.length) return 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const x = rng();
    const partner = plan.engaged[Math.floor(x * x * n)]!;
    if (!exclude.includes(partner)) return partner;
  }
  for (const partner of plan.engaged) if (!exclude.includes(partner)) return partner;
  return 0;
}

function amountCents(rng: Rng): number {
  const dollars = Math.round(Math.exp(MIN_AMOUNT + rng() * (MAX_AMOUNT - MIN_AMOUNT)) / 100) * 100;
  // Some amounts carry cents, so allocating splits to the cent is not always trivial.
  return dollars * 100 + (chance(rng, 0.15) ? int(rng, 1, 99) : 0);
}

export function products(rng: Rng): string {
  const count = weighted(rng, [
    [1, 60],
    [2, 30],
    [3, 10],
  ]);
  const first = int(rng, 0, PRODUCTS.length - 1);
  const chosen: string[] = [];
  for (let k = 0; k < count; k++) chosen.push(PRODUCTS[(first + k * 3) % PRODUCTS.length]!);
  return chosen.join('; ');
}

export function planOpportunity(plan: Plan, index: number): OpportunityPlan {
  const rng = streamFor(plan.seed, SALT.opportunity, index);
  const customer = int(rng, 1, plan.customers);
  const stage = weighted(rng, STAGE_WEIGHTS);
  const closeDay = plan.asOfDay + (stage.isClosed ? -int(rng, 0, 365) : int(rng, -20, 180));
  const amount = amountCents(rng);
  const items = products(rng);
  const kind = pick(rng, DEAL_KINDS);
  // The first and third opportunities are partnered and registered, the third also contested, so any size,
  // however small, holds those cases.
  const forced = index === 1 || index === 3;
  const partner = forced || chance(rng, 0.4) ? pickEngaged(rng, plan) : 0;
  const registered = partner !== 0 && (forced || chance(rng, 0.7));
  const registrationType = chance(rng, 0.6) ? 'Sourced' : 'Influenced';
  const conflict = registered && plan.engaged.length > 1 && (index === 3 || chance(rng, 0.08));
  return {
    index,
    customer,
    stage,
    closeDay,
    amountCents: amount,
    products: items,
    kind,
    partner,
    registered,
    registrationType,
    conflict,
  };
}

export function opportunityRecord(plan: Plan, o: OpportunityPlan): DemoRecord {
  const customer = customerIdentity(plan.seed, o.customer);
  return {
    '@ref': opportunityRef(o.index),
    Name: `${customer.name} - ${o.products.split('; ')[0]} ${o.kind}`,
    AccountId: link(customerRef(plan, o.customer)),
    StageName: o.stage.name,
    CloseDate: isoDate(o.closeDay),
    Amount: o.amountCents / 100,
    // Read-only in Salesforce (derived from StageName); kept consistent for loaders that do not derive them.
    IsClosed: o.stage.isClosed,
    IsWon: o.stage.isWon,
    Primary_Partner__c: o.partner === 0 ? null : link(partnerRef(o.partner)),
  };
}
