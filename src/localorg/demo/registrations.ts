// Deal registrations in every status, the way a year of a partner program leaves them: most approved (by the
// rules or a manager, with protection), some rejected, expired or withdrawn, a few still waiting. Contested
// ones are a second partner registering the same customer days after the first, often under the customer's
// near-twin name. Conflict_With__c and the other calculated fields are left to the sync service.
import { APPROVE_REASONS, EXPIRED_REASON, REJECT_REASONS } from './catalog.js';
import { customerIdentity, domainAsTyped, isTwin } from './accounts.js';
import { isoDate, isoDateTime } from './dates.js';
import { pickEngaged, products, type OpportunityPlan } from './opportunities.js';
import { customerRef, link, opportunityRef, partnerRef, SALT, type DemoRecord, type Plan } from './plan.js';
import { chance, int, pick, streamFor, weighted, type Rng } from './random.js';

const PROTECTION_DAYS = 90;
const EXPIRY_DAYS = 30;
const AUTO_APPROVE_MAX_CENTS = 250_000_00;

type Status = 'Draft' | 'Submitted' | 'Approved' | 'Rejected' | 'Expired' | 'Withdrawn';
type Outcome = {
  status: Status;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: 'Rules' | 'Manager' | null;
  reason: string | null;
  protectedUntil: string | null;
};

function outcome(
  rng: Rng,
  plan: Plan,
  submittedDay: number,
  amountCents: number,
  contested: boolean,
): Outcome {
  const age = plan.asOfDay - submittedDay;
  const minute = int(rng, 8 * 60, 18 * 60);
  const submittedAt = isoDateTime(submittedDay, minute);
  const open = { submittedAt, decidedAt: null, decidedBy: null, reason: null, protectedUntil: null };
  if (age <= 2 || (contested && age <= 14)) return { ...open, status: 'Submitted' };
  const recent = age <= EXPIRY_DAYS;
  // Recent registrations are often still a draft or waiting on a manager (some past the SLA).
  const status: Status = contested
    ? weighted(rng, [
        ['Rejected', 70],
        ['Withdrawn', 30],
      ])
    : weighted<Status>(rng, [
        ['Approved', recent ? 45 : 75],
        ['Rejected', 8],
        ['Withdrawn', 5],
        [recent ? 'Submitted' : 'Expired', recent ? 25 : 7],
        ['Draft', recent ? 15 : 0],
      ]);
  if (status === 'Draft') return { ...open, status, submittedAt: null };
  if (status === 'Submitted' || status === 'Withdrawn') return { ...open, status };
  if (status === 'Expired') {
    const day = submittedDay + EXPIRY_DAYS;
    return { ...open, status, decidedAt: isoDateTime(day, 120), decidedBy: 'Rules', reason: EXPIRED_REASON };
  }
  const byRules = status === 'Approved' && amountCents <= AUTO_APPROVE_MAX_CENTS && chance(rng, 0.6);
  const minutes = byRules ? minute + int(rng, 1, 10) : minute + 60 * int(rng, 2, 72);
  const decidedDay = submittedDay + Math.floor(minutes / (24 * 60));
  return {
    ...open,
    status,
    decidedAt: isoDateTime(decidedDay, minutes % (24 * 60)),
    decidedBy: byRules ? 'Rules' : 'Manager',
    reason:
      status === 'Approved'
        ? APPROVE_REASONS[byRules ? 'Rules' : 'Manager']
        : contested
          ? REJECT_REASONS[1]!
          : pick(rng, [REJECT_REASONS[0]!, REJECT_REASONS[2]!]),
    protectedUntil: status === 'Approved' ? isoDate(decidedDay + PROTECTION_DAYS) : null,
  };
}

function estimate(rng: Rng, amountCents: number): number {
  return Math.max(1_000, Math.round((amountCents * (0.7 + rng() * 0.6)) / 100_000) * 1_000);
}

type Claim = {
  partner: number;
  opportunity: number | null;
  customerAccount: number | null;
  customerName: string;
  domain: string;
  type: 'Sourced' | 'Influenced';
  products: string;
  amount: number;
};

function registration(n: number, claim: Claim, result: Outcome, plan: Plan): DemoRecord {
  return {
    '@ref': `reg-${n}`,
    Partner_Account__c: link(partnerRef(claim.partner)),
    Opportunity__c: claim.opportunity === null ? null : link(opportunityRef(claim.opportunity)),
    Customer_Account__c:
      claim.customerAccount === null ? null : link(customerRef(plan, claim.customerAccount)),
    Customer_Name__c: claim.customerName,
    Customer_Domain__c: claim.domain,
    Registration_Type__c: claim.type,
    Products__c: claim.products,
    Estimated_Amount__c: claim.amount,
    Status__c: result.status,
    Submitted_At__c: result.submittedAt,
    Decided_At__c: result.decidedAt,
    Decided_By__c: result.decidedBy,
    Decision_Reason__c: result.reason,
    Protected_Until__c: result.protectedUntil,
    External_Id__c: `demo-reg-${n}`,
  };
}

/** The registrations of one opportunity, numbered from `first`: the primary partner's, then a rival's. */
export function opportunityRegistrations(plan: Plan, o: OpportunityPlan, first: number): DemoRecord[] {
  if (!o.registered) return [];
  const rng = streamFor(plan.seed, SALT.registration, o.index);
  const customer = customerIdentity(plan.seed, o.customer);
  const submittedDay = Math.min(
    plan.asOfDay,
    o.stage.isClosed ? o.closeDay - int(rng, 20, 150) : plan.asOfDay - int(rng, 0, 120),
  );
  const claim: Claim = {
    partner: o.partner,
    opportunity: o.index,
    customerAccount: o.customer,
    customerName: customer.name,
    domain: domainAsTyped(rng, customer.domain),
    type: o.registrationType,
    products: o.products,
    amount: estimate(rng, o.amountCents),
  };
  const records = [registration(first, claim, outcome(rng, plan, submittedDay, o.amountCents, false), plan)];
  if (!o.conflict) return records;

  const r2 = streamFor(plan.seed, SALT.conflict, o.index);
  const rival = pickEngaged(r2, plan, [o.partner]);
  if (rival === 0) return records;
  // The rival often knows the customer under its near-twin's name, and rarely links the account.
  const twin = o.customer + 1 <= plan.customers && isTwin(o.customer + 1) ? o.customer + 1 : o.customer;
  const known = chance(r2, 0.7) ? twin : o.customer;
  const rivalClaim: Claim = {
    partner: rival,
    opportunity: null,
    customerAccount: chance(r2, 0.5) ? known : null,
    customerName: customerIdentity(plan.seed, known).name,
    domain: domainAsTyped(r2, customer.domain),
    type: chance(r2, 0.7) ? 'Sourced' : 'Influenced',
    products: o.products,
    amount: estimate(r2, o.amountCents),
  };
  const rivalDay = Math.min(plan.asOfDay, submittedDay + int(r2, 1, 25));
  records.push(registration(first + 1, rivalClaim, outcome(r2, plan, rivalDay, o.amountCents, true), plan));
  return records;
}

/** A registration for a customer with no opportunity yet: the partner found the deal first. */
export function standaloneRegistration(plan: Plan, k: number, n: number): DemoRecord | null {
  const rng = streamFor(plan.seed, SALT.standalone, k);
  const partner = pickEngaged(rng, plan);
  if (partner === 0) return null;
  const customer = int(rng, 1, plan.customers);
  const identity = customerIdentity(plan.seed, customer);
  const amount = 100 * Math.round(Math.exp(Math.log(5_000) + rng() * Math.log(60)) / 100) * 100;
  const claim: Claim = {
    partner,
    opportunity: null,
    customerAccount: chance(rng, 0.5) ? customer : null,
    customerName: identity.name,
    domain: domainAsTyped(rng, identity.domain),
    type: chance(rng, 0.8) ? 'Sourced' : 'Influenced',
    products: products(rng),
    amount: amount / 100,
  };
  const submittedDay = plan.asOfDay - int(rng, 0, 90);
  return registration(n, claim, outcome(rng, plan, submittedDay, amount, false), plan);
}
