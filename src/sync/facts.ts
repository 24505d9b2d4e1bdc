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

/** A split as the compute reads it: its links always, its rule input when it parsed. */
export type SplitRecord = {
  readonly id: string;
  readonly opportunityId: string | null;
  readonly partnerId: string | null;
  readonly input: SplitInput | undefined;
};

/** A past health score of a partner, for the trend. */
export type PastScore = {
  readonly id: string;
  readonly accountId: string;
  readonly asOf: string;
  readonly score: number;
};

/**
 * The mirror as the rules read it, parsed once while it is read: raw rows are kept only where few (partners,
 * today's snapshots, deleted records), so the whole book fits in memory. The values the reconcile compares
 * against stay in the store and are read by id in chunks.
 */
export type World = {
  partners: Map<string, Row>;
  opportunities: Map<string, OpportunitySummary>;
  /** Parsed registrations, with the values still queued for them laid over (see loadWorld). */
  registrations: Map<string, Registration>;
  /** Registrations whose Decision_Reasons__c is empty in the org. */
  withoutReasons: Set<string>;
  splits: Map<string, SplitRecord>;
  pastScores: PastScore[];
  /** Today's snapshots by External_Id__c, whole: the reconcile compares them with today's scores. */
  todaySnapshots: Map<string, Row>;
  /** Deleted records the compute still owes a recompute for, keyed "Object:Id": what they touched. */
  gone: Map<string, Row>;
  /** Records the rules cannot read, with the reason. */
  rejected: Rejected[];
};

export function isPartner(account: Row): boolean {
  return str(account.fields['Partner_Type__c']) !== null || str(account.fields['Partner_Status__c']) !== null;
}

export type LoadOptions = {
  /** Ids of changed records: the deleted ones among them are loaded into `gone`. */
  readonly dirtyIds?: Readonly<Record<string, readonly string[]>>;
  /** Registration fields queued and not yet delivered (store.pendingFields), by registration id. */
  readonly pendingRegistrations?: ReadonlyMap<string, FieldValues>;
  /** Today (UTC date): older snapshots become past scores, today's stay whole. */
  readonly today?: string;
};

const each = (store: Store, objectType: string) => store.iterateMirror(objectType, { batchSize: 2000 });

/**
 * One copy of each value that many records repeat (dates, products, reasons, customers, picklist values):
 * each parsed row brings its own copy, and a million records held them hundreds of thousands of times.
 */
function interner(): <T extends string | null | undefined>(value: T) => T {
  const known = new Map<string, string>();
  return <T extends string | null | undefined>(value: T): T => {
    if (typeof value !== 'string') return value;
    const held = known.get(value);
    if (held !== undefined) return held as T;
    known.set(value, value);
    return value;
  };
}

/** Every live mirrored record the rules need, and the deleted ones among the dirty ids. */
export async function loadWorld(store: Store, options: LoadOptions = {}): Promise<World> {
  const rejected: Rejected[] = [];
  const gone = new Map<string, Row>();
  const intern = interner();
  for (const [type, ids] of Object.entries(options.dirtyIds ?? {})) {
    for (const r of (await store.getMirror(type, ids)).values()) {
      if (r.isDeleted) gone.set(`${type}:${r.id}`, { id: r.id, fields: r.fields });
    }
  }
  // Customers' names and domains are read into the opportunities; only partners are kept whole.
  const partners = new Map<string, Row>();
  const accounts = new Map<string, Customer>();
  for await (const r of each(store, 'Account')) {
    const row = { id: r.id, fields: r.fields };
    if (isPartner(row)) partners.set(r.id, row);
    accounts.set(r.id, toCustomer(row));
  }
  const opportunities = new Map<string, OpportunitySummary>();
  for await (const r of each(store, 'Opportunity')) {
    const summary = toOpportunitySummary(r, accounts);
    // The rules never read an opportunity's own name. Set on the new summary, not copied into another.
    summary.name = '';
    summary.closeDate = intern(summary.closeDate);
    opportunities.set(r.id, summary);
  }
  // A decision already queued (by this worker before a crash, or by another worker) stands: the rules and
  // every number computed from it see the registration as the org will hold it once it lands.
  const pending = options.pendingRegistrations ?? new Map<string, FieldValues>();
  const registrations = new Map<string, Registration>();
  const withoutReasons = new Set<string>();
  for await (const r of each(store, 'Deal_Registration__c')) {
    const reasons = r.fields['Decision_Reasons__c'];
    if (reasons == null || reasons === '') withoutReasons.add(r.id);
    const queued = pending.get(r.id);
    const parsed = toRegistration(
      { id: r.id, fields: queued ? { ...r.fields, ...queued } : r.fields },
      rejected,
    );
    if (!parsed) continue;
    parsed.partnerId = heldId(accounts, parsed.partnerId);
    parsed.customerAccountId = heldId(accounts, parsed.customerAccountId);
    parsed.opportunityId = heldId(opportunities, parsed.opportunityId);
    parsed.customerName = intern(parsed.customerName);
    parsed.customerDomain = intern(parsed.customerDomain);
    if (parsed.products.length > 0) parsed.products = parsed.products.map(intern);
    parsed.decisionReason = intern(parsed.decisionReason);
    parsed.protectedUntil = intern(parsed.protectedUntil);
    registrations.set(r.id, parsed);
  }
  const splits = new Map<string, SplitRecord>();
  for await (const r of each(store, 'Co_Sell_Split__c')) {
    const input = toSplitInput(r, rejected);
    if (input) {
      input.partnerId = heldId(accounts, input.partnerId);
      input.role = intern(input.role);
      input.type = intern(input.type);
    }
    splits.set(r.id, {
      id: r.id,
      opportunityId: heldId(opportunities, str(r.fields['Opportunity__c'])),
      partnerId: heldId(accounts, str(r.fields['Partner_Account__c'])),
      input,
    });
  }
  const pastScores: PastScore[] = [];
  const todaySnapshots = new Map<string, Row>();
  for await (const r of each(store, 'Partner_Health_Snapshot__c')) {
    const accountId = str(r.fields['Account__c']);
    const asOf = str(r.fields['As_Of__c']);
    const score = r.fields['Score__c'];
    const ext = r.fields['External_Id__c'];
    if (asOf !== null && asOf === options.today && typeof ext === 'string')
      todaySnapshots.set(ext, { id: r.id, fields: r.fields });
    else if (accountId && asOf && typeof score === 'number' && score >= 0 && score <= 100)
      pastScores.push({ id: r.id, accountId: heldId(accounts, accountId), asOf, score });
  }
  return {
    partners,
    opportunities,
    registrations,
    withoutReasons,
    splits,
    pastScores,
    todaySnapshots,
    gone,
    rejected,
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

/**
 * The id string already held for that record when there is one: an id parsed from each row that names it
 * would otherwise be one more copy per row (a million opportunities name a few hundred thousand accounts).
 */
function heldId<T extends string | null | undefined>(
  records: ReadonlyMap<string, { readonly id: string }>,
  id: T,
): T | string {
  return (id && records.get(id)?.id) ?? id;
}

/** A customer account as the registration rules read it (the opportunity's account). */
export type Customer = { readonly id: string; readonly name: string | null; readonly domain: string | null };

export function toCustomer(row: Row): Customer {
  return { id: row.id, name: str(row.fields['Name']), domain: domainOf(str(row.fields['Website'])) };
}

export function toOpportunitySummary(row: Row, accounts: ReadonlyMap<string, Customer>): OpportunitySummary {
  const f = row.fields;
  const accountId = str(f['AccountId']);
  const account = accountId ? accounts.get(accountId) : undefined;
  const amount = num(f['Amount']);
  return {
    id: row.id,
    name: str(f['Name']) ?? '',
    accountId: heldId(accounts, accountId),
    accountName: account?.name ?? null,
    accountDomain: account?.domain ?? null,
    isClosed: f['IsClosed'] === true,
    isWon: f['IsWon'] === true,
    createdAt: ms(f['CreatedDate']) ?? 0,
    closeDate: str(f['CloseDate']),
    primaryPartnerId: heldId(accounts, str(f['Primary_Partner__c'])),
    amountCents: amount === null ? null : toCents(amount),
  };
}

export function toOpportunityFacts(o: OpportunitySummary): OpportunityFacts {
  return {
    id: o.id,
    amountCents: o.amountCents ?? null,
    isClosed: o.isClosed,
    isWon: o.isClosed && o.isWon,
    closeDate: o.closeDate ?? null,
    createdAt: o.createdAt,
    primaryPartnerId: o.primaryPartnerId ?? null,
    accountId: o.accountId ?? null,
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

export function toSplitFacts(opportunityId: string | null, split: SplitInput): SplitFacts | undefined {
  const bp = percentToBasisPoints(split.percent);
  if (opportunityId === null || bp === undefined || bp < 0 || bp > 10_000 || split.partnerId.trim() === '')
    return undefined;
  return { id: split.id, opportunityId, partnerId: split.partnerId, type: split.type, percentBp: bp };
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
