// Everything the Opportunity page shows, read from the org in one go and shaped as the components'
// properties (the same mapping the LWC wrappers do from getRecord and GraphQL).
import type { PartnerOption, RegistrationView } from '../../components/index.js';
import type { SplitInput } from '../domain/splits/schemas.js';
import { OpportunitySummary, Registration } from '../domain/registration/schemas.js';
import { idLiteral } from '../crm/soql.js';
import type { OrgClient, SfRecord } from './org.js';
import { bool, cents, instant, num, parent, products, str } from './records.js';

/** A registration as the page holds it: the domain record plus the guard for a manager's decision. */
export type RegistrationRow = RegistrationView & { lastModified: string | null };

export type OpportunityPage = {
  header: { id: string; name: string; stage: string | null; closeDate: string | null; accountName: string | null; amountCents: number | null };
  currency: string;
  opportunity: OpportunitySummary;
  partners: PartnerOption[];
  registrations: RegistrationRow[];
  opportunities: OpportunitySummary[];
  splits: SplitInput[];
};

const OPP_FIELDS =
  'Id, Name, StageName, Amount, AccountId, Account.Name, Account.Website, IsClosed, IsWon, CreatedDate, CloseDate, Primary_Partner__c';
const REG_FIELDS =
  'Id, Name, Opportunity__c, Partner_Account__c, Customer_Account__c, Customer_Name__c, Customer_Domain__c, Registration_Type__c, Products__c, Estimated_Amount__c, Status__c, Submitted_At__c, Decided_At__c, Decided_By__c, Decision_Reason__c, Protected_Until__c, Conflict_With__c, Conflict_Score__c, CreatedDate, LastModifiedDate';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function opportunityOf(r: SfRecord): OpportunitySummary | null {
  const account = parent(r, 'Account');
  const parsed = OpportunitySummary.safeParse({
    id: r.Id,
    name: str(r, 'Name') ?? '',
    accountId: str(r, 'AccountId'),
    accountName: str(account, 'Name'),
    accountDomain: str(account, 'Website'),
    isClosed: bool(r, 'IsClosed'),
    isWon: bool(r, 'IsWon'),
    createdAt: instant(r, 'CreatedDate') ?? 0,
    closeDate: str(r, 'CloseDate'),
    primaryPartnerId: str(r, 'Primary_Partner__c'),
    amountCents: cents(r, 'Amount'),
  });
  return parsed.success ? parsed.data : null;
}

export function registrationOf(r: SfRecord): RegistrationRow | null {
  const parsed = Registration.safeParse({
    id: r.Id,
    partnerId: str(r, 'Partner_Account__c'),
    opportunityId: str(r, 'Opportunity__c'),
    customerAccountId: str(r, 'Customer_Account__c'),
    customerName: str(r, 'Customer_Name__c'),
    customerDomain: str(r, 'Customer_Domain__c'),
    type: str(r, 'Registration_Type__c') ?? 'Sourced',
    products: products(str(r, 'Products__c')),
    estimatedAmountCents: cents(r, 'Estimated_Amount__c') ?? 0,
    status: str(r, 'Status__c') ?? 'Draft',
    submittedAt: instant(r, 'Submitted_At__c'),
    decidedAt: instant(r, 'Decided_At__c'),
    decidedBy: str(r, 'Decided_By__c'),
    decisionReason: str(r, 'Decision_Reason__c'),
    protectedUntil: str(r, 'Protected_Until__c'),
    conflictWith: str(r, 'Conflict_With__c'),
    conflictScore: num(r, 'Conflict_Score__c'),
    createdAt: instant(r, 'CreatedDate') ?? 0,
  });
  // A record the rules cannot read (a hand-edited status, say) is left out rather than failing the page.
  return parsed.success ? { ...parsed.data, name: str(r, 'Name'), lastModified: str(r, 'LastModifiedDate') } : null;
}

export function splitOf(r: SfRecord): SplitInput {
  const split: SplitInput = {
    id: r.Id,
    partnerId: str(r, 'Partner_Account__c') ?? '',
    role: (str(r, 'Role__c') ?? 'Influenced') as SplitInput['role'],
    type: (str(r, 'Split_Type__c') ?? 'Revenue') as SplitInput['type'],
    percent: num(r, 'Percent__c') ?? 0,
  };
  const name = str(parent(r, 'Partner_Account__r'), 'Name');
  if (name !== null) split.partnerName = name;
  return split;
}

export async function partnerOptions(org: OrgClient): Promise<PartnerOption[]> {
  const rows = await org.query('SELECT Id, Name FROM Account WHERE Partner_Type__c != null ORDER BY Name LIMIT 200');
  return rows.map((r) => ({ id: r.Id, name: str(r, 'Name') ?? r.Id }));
}

export async function loadOpportunityPage(org: OrgClient, id: string): Promise<OpportunityPage> {
  const oppId = idLiteral(id);
  const [own] = await org.query(`SELECT ${OPP_FIELDS} FROM Opportunity WHERE Id = ${oppId}`);
  const opportunity = own ? opportunityOf(own) : null;
  if (!own || !opportunity) throw new NotFoundError(`No opportunity ${id}.`);
  const [regs, opps, partners, splits] = await Promise.all([
    org.query(
      `SELECT ${REG_FIELDS} FROM Deal_Registration__c WHERE Opportunity__c = ${oppId} OR Status__c IN ('Submitted', 'Approved') ORDER BY CreatedDate DESC LIMIT 200`,
    ),
    org.query(`SELECT ${OPP_FIELDS} FROM Opportunity WHERE IsClosed = false AND Id != ${oppId} ORDER BY CreatedDate DESC LIMIT 200`),
    partnerOptions(org),
    org.query(
      `SELECT Id, Partner_Account__c, Partner_Account__r.Name, Role__c, Split_Type__c, Percent__c FROM Co_Sell_Split__c WHERE Opportunity__c = ${oppId} ORDER BY CreatedDate`,
    ),
  ]);
  return {
    header: {
      id: own.Id,
      name: opportunity.name,
      stage: str(own, 'StageName'),
      closeDate: opportunity.closeDate ?? null,
      accountName: opportunity.accountName ?? null,
      amountCents: opportunity.amountCents ?? null,
    },
    currency: 'USD',
    opportunity,
    partners,
    registrations: regs.map(registrationOf).filter((r): r is RegistrationRow => r !== null),
    opportunities: opps.map(opportunityOf).filter((o): o is OpportunitySummary => o !== null),
    splits: splits.map(splitOf),
  };
}
