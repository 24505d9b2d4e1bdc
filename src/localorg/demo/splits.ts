// Co-sell splits: the revenue splits of a partnered opportunity total exactly 100.00% (held in basis points
// so no float ever rounds a share away), with a second or third revenue partner on some deals, and influence
// splits on top that total anything. Amount__c is left to the sync service, which allocates it to the cent.
import { pickEngaged, type OpportunityPlan } from './opportunities.js';
import { link, opportunityRef, partnerRef, SALT, type DemoRecord, type Plan } from './plan.js';
import { chance, pick, streamFor, weighted, type Rng } from './random.js';

/** Revenue shares in basis points; each row totals exactly 10,000 (100.00%). */
const REVENUE_SHARES: readonly (readonly number[])[][] = [
  [[10_000]],
  [
    [7_000, 3_000],
    [6_000, 4_000],
    [5_000, 5_000],
    [8_000, 2_000],
    [6_667, 3_333],
  ],
  [
    [5_000, 3_000, 2_000],
    [3_334, 3_333, 3_333],
    [6_000, 2_500, 1_500],
  ],
];
const INFLUENCE_PERCENTS = [10, 15, 20, 25, 50];

function split(
  n: number,
  o: OpportunityPlan,
  partner: number,
  role: string,
  type: 'Revenue' | 'Influence',
  bp: number,
): DemoRecord {
  return {
    '@ref': `split-${n}`,
    Opportunity__c: link(opportunityRef(o.index)),
    Partner_Account__c: link(partnerRef(partner)),
    Role__c: role,
    Split_Type__c: type,
    Percent__c: bp / 100,
    External_Id__c: `demo-split-${n}`,
  };
}

function revenuePartners(rng: Rng, plan: Plan, primary: number): number[] {
  const count = weighted(rng, [
    [1, 60],
    [2, 30],
    [3, 10],
  ]);
  const partners = [primary];
  while (partners.length < count) {
    const next = pickEngaged(rng, plan, partners);
    if (next === 0) break;
    partners.push(next);
  }
  return partners;
}

/** The splits of one opportunity, numbered from `first`. */
export function opportunitySplits(plan: Plan, o: OpportunityPlan, first: number): DemoRecord[] {
  if (o.partner === 0) return [];
  const rng = streamFor(plan.seed, SALT.split, o.index);
  const records: DemoRecord[] = [];
  const partners = revenuePartners(rng, plan, o.partner);
  const shares = pick(rng, REVENUE_SHARES[partners.length - 1]!);
  partners.forEach((partner, k) => {
    const role =
      k === 0
        ? o.registered && o.registrationType === 'Sourced'
          ? 'Sourced'
          : 'Fulfillment'
        : pick(rng, ['Fulfillment', 'Technology']);
    records.push(split(first + records.length, o, partner, role, 'Revenue', shares[k]!));
  });
  if (chance(rng, 0.3)) {
    const helper = pickEngaged(rng, plan, partners);
    if (helper !== 0) {
      const role = pick(rng, ['Influenced', 'Technology']);
      records.push(
        split(first + records.length, o, helper, role, 'Influence', 100 * pick(rng, INFLUENCE_PERCENTS)),
      );
    }
  }
  return records;
}
