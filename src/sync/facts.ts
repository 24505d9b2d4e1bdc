// The mirror turned into what the domain rules read. Each record is checked against the rule's own
// schema; a record the rules cannot use is set aside with a reason naming it and its field, and the
// others go on.
import type { OpportunityFacts, RegistrationFacts, SplitFacts } from '../domain/attribution/index.js';
import type { HealthPartnerFacts } from '../domain/health/index.js';
import { toCents, percentToBasisPoints } from '../domain/money.js';
import { Registration } from '../domain/registration/index.js';
import type { OpportunitySummary } from '../domain/registration/index.js';
import { SplitInput } from '../domain/splits/index.js';
import { normaliseDomain } from '../domain/registration/identity.js';
import type { FieldValues, MirrorRecord, Store } from '../store/index.js';
import type { Rejected } from './records.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ms = (v: unknown): number | null => {
  const s = str(v);
  if (s === null) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
};

export type Row = { readonly id: string; readonly fields: FieldValues };

export type World = {
  accounts: Map<string, Row>;
  partners: Map<string, Row>;
  opportunities: Map<string, Row>;
  registrations: Map<string, Row>;
  splits: Map<string, Row>;
  snapshots: Map<string, Row>;
  /** Deleted records the compute still owes a recompute for, keyed "Object:Id": what they touched. */
  gone: Map<string, Row>;
};

async function load(store: Store, objectType: string): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for await (const r of store.iterateMirror(objectType, { batchSize: 2000 }))
    out.set(r.id, { id: r.id, fields: r.fields });
  return out;
}

export function isPartner(account: Row): boolean {
  return str(account.fields['Partner_Type__c']) !== null || str(account.fields['Partner_Status__c']) !== null;
}

/** Every live mirrored record the rules need, and the deleted ones among `dirtyIds`. */
export async function loadWorld(
  store: Store,
  dirtyIds: Readonly<Record<string, readonly string[]>> = {},
): Promise<World> {
  const accounts = await load(store, 'Account');
  const gone = new Map<string, Row>();
  for (const [type, ids] of Object.entries(dirtyIds)) {
    for (const r of (await store.getMirror(type, ids)).values()) {
      if (r.isDeleted) gone.set(`${type}:${r.id}`, { id: r.id, fields: r.fields });
    }
  }
  return {
    gone,
    accounts,
    partners: new Map([...accounts].filter(([, a]) => isPartner(a))),
    opportunities: await load(store, 'Opportunity'),
    registrations: await load(store, 'Deal_Registration__c'),
    splits: await load(store, 'Co_Sell_Split__c'),
    snapshots: await load(store, 'Partner_Health_Snapshot__c'),
  };
}

function reject(
  rejected: Rejected[],
  objectType: string,
  id: string,
  error: { issues: readonly { path: PropertyKey[]; message: string }[] },
): void {
  rejected.push({
    objectType,
    id,
    reason: error.issues.map((i) => `${i.path.map(String).join('.') || '(record)'} ${i.message}`).join('; '),
  });
}

/** Registration's fields from Deal_Registration__c. */
const REGISTRATION_FIELDS: Record<string, string> = {
  partnerId: 'Partner_Account__c',
  type: 'Registration_Type__c',
  status: 'Status__c',
  estimatedAmountCents: 'Estimated_Amount__c',
  decidedBy: 'Decided_By__c',
  protectedUntil: 'Protected_Until__c',
  conflictScore: 'Conflict_Score__c',
};

export function toRegistration(row: Row, rejected: Rejected[]): Registration | undefined {
  const f = row.fields;
  const amount = num(f['Estimated_Amount__c']);
  const parsed = Registration.safeParse({
    id: row.id,
    partnerId: str(f['Partner_Account__c']) ?? '',
    opportunityId: str(f['Opportunity__c']),
    customerAccountId: str(f['Customer_Account__c']),
    customerName: str(f['Customer_Name__c']),
    customerDomain: str(f['Customer_Domain__c']),
    type: str(f['Registration_Type__c']) ?? 'Influenced',
    products: (str(f['Products__c']) ?? '')
      .split(';')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    estimatedAmountCents: amount === null ? 0 : toCents(amount),
    status: str(f['Status__c']) ?? 'Draft',
    submittedAt: ms(f['Submitted_At__c']),
    decidedAt: ms(f['Decided_At__c']),
    decidedBy: str(f['Decided_By__c']),
    decisionReason: str(f['Decision_Reason__c']),
    protectedUntil: str(f['Protected_Until__c']),
    conflictWith: str(f['Conflict_With__c']),
    conflictScore: num(f['Conflict_Score__c']),
    createdAt: ms(f['CreatedDate']) ?? 0,
  });
  if (parsed.success) return parsed.data;
  const error = {
    issues: parsed.error.issues.map((i) => ({
      path: [REGISTRATION_FIELDS[String(i.path[0])] ?? String(i.path[0] ?? '')],
      message: i.message,
    })),
  };
  reject(rejected, 'Deal_Registration__c', row.id, error);
  return undefined;
}

function domainOf(website: string | null): string | null {
  if (website === null) return null;
  return normaliseDomain(website);
}

export function toOpportunitySummary(row: Row, accounts: Map<string, Row>): OpportunitySummary {
  const f = row.fields;
  const accountId = str(f['AccountId']);
  const account = accountId ? accounts.get(accountId) : undefined;
  const amount = num(f['Amount']);
  return {
    id: row.id,
    name: str(f['Name']) ?? '',
    accountId,
    accountName: account ? str(account.fields['Name']) : null,
    accountDomain: account ? domainOf(str(account.fields['Website'])) : null,
    isClosed: f['IsClosed'] === true,
    isWon: f['IsWon'] === true,
    createdAt: ms(f['CreatedDate']) ?? 0,
    closeDate: str(f['CloseDate']),
    primaryPartnerId: str(f['Primary_Partner__c']),
    amountCents: amount === null ? null : toCents(amount),
  };
}

export function toOpportunityFacts(row: Row): OpportunityFacts {
  const f = row.fields;
  const amount = num(f['Amount']);
  const isClosed = f['IsClosed'] === true;
  return {
    id: row.id,
    amountCents: amount === null ? null : toCents(amount),
    isClosed,
    isWon: isClosed && f['IsWon'] === true,
    closeDate: str(f['CloseDate']),
    createdAt: ms(f['CreatedDate']) ?? 0,
    primaryPartnerId: str(f['Primary_Partner__c']),
    accountId: str(f['AccountId']),
  };
}

export function toSplitInput(row: Row, rejected: Rejected[]): SplitInput | undefined {
  const f = row.fields;
  const parsed = SplitInput.safeParse({
    id: row.id,
    partnerId: str(f['Partner_Account__c']) ?? '',
    role: str(f['Role__c']),
    type: str(f['Split_Type__c']),
    percent: num(f['Percent__c']),
  });
  if (parsed.success) return parsed.data;
  const names: Record<string, string> = {
    partnerId: 'Partner_Account__c',
    role: 'Role__c',
    type: 'Split_Type__c',
    percent: 'Percent__c',
  };
  reject(rejected, 'Co_Sell_Split__c', row.id, {
    issues: parsed.error.issues.map((i) => ({
      path: [names[String(i.path[0])] ?? String(i.path[0] ?? '')],
      message: i.message,
    })),
  });
  return undefined;
}

export function toSplitFacts(row: Row, split: SplitInput): SplitFacts | undefined {
  const opportunityId = str(row.fields['Opportunity__c']);
  const bp = percentToBasisPoints(split.percent);
  if (opportunityId === null || bp === undefined || bp < 0 || bp > 10_000 || split.partnerId.trim() === '')
    return undefined;
  return { id: row.id, opportunityId, partnerId: split.partnerId, type: split.type, percentBp: bp };
}

export function toRegistrationFacts(r: Registration): RegistrationFacts {
  return {
    id: r.id,
    partnerId: r.partnerId,
    status: r.status,
    submittedAt: r.submittedAt ?? null,
    decidedAt: r.decidedAt ?? null,
    createdAt: r.createdAt,
    opportunityId: r.opportunityId ?? null,
  };
}

export function toHealthFacts(row: Row): HealthPartnerFacts {
  const f = row.fields;
  const certs = num(f['Partner_Certifications__c']);
  return {
    id: row.id,
    certifications: certs === null ? null : Math.max(0, Math.trunc(certs)),
    certificationsExpireOn: str(f['Partner_Certifications_Expire_On__c']),
    lastEngagement: str(f['Partner_Last_Engagement__c']),
    onboardedOn: str(f['Partner_Onboarded_On__c']),
  };
}

export type { MirrorRecord };
