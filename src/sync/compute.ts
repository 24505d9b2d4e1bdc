// Compute: the service-owned values the rules want, for the records a change touched (or everything on
// a new day or new program rules). Registrations first (their verdicts feed the opportunity and partner
// outputs), then opportunities and their splits, then partners' tier and health and today's snapshot.
import type { AttributionReport } from '../domain/attribution/index.js';
import { attributePartnersReport } from '../domain/attribution/index.js';
import type { ProgramConfig } from '../domain/config.js';
import { appendTo } from '../domain/group.js';
import { fromCents } from '../domain/money.js';
import {
  activeCertificationCount,
  explainHealth,
  healthTrend,
  measurePartner,
  scoreHealth,
} from '../domain/health/index.js';
import {
  applyVerdict,
  decideRegistration,
  prepareConflictPool,
  protectsOn,
} from '../domain/registration/index.js';
import type { ConflictPool, Registration, RegistrationContext } from '../domain/registration/index.js';
import { allocateSplitAmounts, coSellStatus, derivePartnerSourced } from '../domain/splits/index.js';
import type { SplitInput } from '../domain/splits/index.js';
import { dateOf } from '../domain/time.js';
import { evaluateTier, explainNextTierGap } from '../domain/tiers/index.js';
import type { FieldValues } from '../store/index.js';
import type { Dirty } from './dirty.js';
import { toHealthFacts, toOpportunityFacts, toRegistrationFacts, toSplitFacts } from './facts.js';
import type { World } from './facts.js';
import type { Rejected } from './records.js';

export type Desired = {
  /** objectType → record id → the service-owned values the rules want. */
  readonly updates: Map<string, Map<string, FieldValues>>;
  /** Today's health snapshots: upserted on External_Id__c (partner id + date). */
  readonly snapshots: { externalId: string; fields: FieldValues }[];
  readonly rejected: Rejected[];
  readonly computed: number;
};

const DECISION_REASON_MAX = 255;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const OPEN = new Set<string>(['Submitted', 'Approved']);

/**
 * Registrations the rules can still change: Submitted ones, and approvals the rules made (expiry,
 * protection). Drafts, withdrawals, rejections, expiries and a manager's decisions are left as they are.
 */
function rulesMayChange(r: Registration): boolean {
  return r.status === 'Submitted' || (r.status === 'Approved' && r.decidedBy === 'Rules');
}

export function snapshotExternalId(partnerId: string, day: string): string {
  return `${partnerId}-${day}`;
}

function put(updates: Desired['updates'], objectType: string, id: string, fields: FieldValues): void {
  let byId = updates.get(objectType);
  if (!byId) updates.set(objectType, (byId = new Map()));
  byId.set(id, { ...byId.get(id), ...fields });
}

function registrationFields(r: Registration): FieldValues {
  return {
    Status__c: r.status,
    Decided_By__c: r.decidedBy ?? null,
    Decided_At__c: r.decidedAt == null ? null : new Date(r.decidedAt).toISOString(),
    Decision_Reason__c: r.decisionReason == null ? null : r.decisionReason.slice(0, DECISION_REASON_MAX),
    Protected_Until__c: r.protectedUntil ?? null,
    Conflict_With__c: r.conflictWith ?? null,
    Conflict_Score__c: r.conflictScore ?? null,
  };
}

/** The registration that holds protection on an opportunity: approved, protecting today, registered first. */
function protectingRegistration(regs: readonly Registration[], today: string): string | null {
  const approved = regs.filter((r) => r.status === 'Approved');
  const protecting = approved.filter((r) => protectsOn(r, today));
  const pool = protecting.length > 0 ? protecting : approved;
  const first = [...pool].sort(
    (a, b) => (a.submittedAt ?? a.createdAt) - (b.submittedAt ?? b.createdAt) || a.id.localeCompare(b.id),
  )[0];
  return first?.id ?? null;
}

/** Takes the desired values in batches as they are computed (the reconcile, inside its transaction). */
export type Flush = (updates: Desired['updates']) => Promise<void>;

/** Records of one object held before a flush: at a million opportunities, holding them all took gigabytes. */
const FLUSH_EVERY = 10_000;

/**
 * The service-owned values the rules want for what `dirty` touches. With `flush`, the updates go out in
 * batches as they are computed and the returned `updates` is empty; each record is in one batch only.
 */
export async function compute(
  world: World,
  program: ProgramConfig,
  dirty: Dirty,
  now: number,
  flush?: Flush,
): Promise<Desired> {
  const today = dateOf(now);
  const rejected: Rejected[] = [...world.rejected];
  const updates: Desired['updates'] = new Map();
  const snapshots: Desired['snapshots'] = [];
  let computed = 0;
  // Called before each record: an object's values go out once enough of them are held. One object at a
  // time, so the outbox holds long runs of one object and the push fills whole collections.
  const release = async () => {
    if (!flush) return;
    for (const [type, byId] of updates) {
      if (byId.size < FLUSH_EVERY) continue;
      await flush(new Map([[type, byId]]));
      updates.delete(type);
    }
  };
  const dirtyIds = (type: string) => new Set(dirty.ids[type] ?? []);
  // Registrations are copied on write: the world stays the mirror as loaded.
  const registrations = new Map(world.registrations);

  // Scope: what the dirty records touch.
  const regScope = new Set<string>(dirty.all ? registrations.keys() : dirtyIds('Deal_Registration__c'));
  const oppScope = new Set<string>(dirty.all ? world.opportunities.keys() : dirtyIds('Opportunity'));
  const partnerScope = new Set<string>(
    dirty.all ? world.partners.keys() : [...dirtyIds('Account')].filter((id) => world.partners.has(id)),
  );

  for (const id of dirtyIds('Co_Sell_Split__c')) {
    const gone = world.gone.get(`Co_Sell_Split__c:${id}`)?.fields;
    const s = world.splits.get(id) ?? {
      opportunityId: str(gone?.['Opportunity__c']),
      partnerId: str(gone?.['Partner_Account__c']),
    };
    if (s.opportunityId) oppScope.add(s.opportunityId);
    partnerScope.add(s.partnerId ?? '');
  }
  // A snapshot changed or deleted in the org moves its partner's trend, or today's is written again.
  const snapshotDirt = dirtyIds('Partner_Health_Snapshot__c');
  if (snapshotDirt.size > 0) {
    for (const s of world.pastScores) if (snapshotDirt.has(s.id)) partnerScope.add(s.accountId);
    for (const row of [...world.todaySnapshots.values(), ...world.gone.values()]) {
      if (snapshotDirt.has(row.id)) partnerScope.add(str(row.fields['Account__c']) ?? '');
    }
  }
  // A deleted registration or opportunity still moves its partners' numbers.
  for (const id of dirtyIds('Deal_Registration__c')) {
    const r = world.gone.get(`Deal_Registration__c:${id}`);
    if (!r) continue;
    partnerScope.add(str(r.fields['Partner_Account__c']) ?? '');
    const opp = str(r.fields['Opportunity__c']);
    if (opp) oppScope.add(opp);
  }
  for (const id of dirtyIds('Opportunity')) {
    const o = world.gone.get(`Opportunity:${id}`);
    if (o) partnerScope.add(str(o.fields['Primary_Partner__c']) ?? '');
  }
  for (const r of registrations.values()) {
    if (r.opportunityId && oppScope.has(r.opportunityId)) regScope.add(r.id);
  }
  // A changed registration moves its partner's numbers and its opportunity's co-sell state, whatever
  // the rules decide about it (a manager's approval counts too).
  for (const id of dirtyIds('Deal_Registration__c')) {
    const r = registrations.get(id);
    if (!r) continue;
    partnerScope.add(r.partnerId);
    if (r.opportunityId) oppScope.add(r.opportunityId);
  }

  // Refreshed on their own: added once the scopes above have drawn in what changes touch.
  for (const id of dirty.refresh['Opportunity'] ?? []) oppScope.add(id);
  for (const id of dirty.refresh['Account'] ?? []) if (world.partners.has(id)) partnerScope.add(id);

  // 1. Registrations: decisions, conflicts, expiry, protection. Only open claims can conflict, so each
  // candidate is judged against the open registrations and every opportunity (its own tells the rules
  // whether its deal closed), through one pool prepared for all of them. Both are built for the first
  // registration the rules judge: a cycle that judges none (most incremental ones) skips indexing the book.
  let context: RegistrationContext | undefined;
  let pool: ConflictPool | undefined;
  for (const id of regScope) {
    await release();
    const r = registrations.get(id);
    if (!r) continue;
    computed += 1;
    if (!rulesMayChange(r)) continue;
    context ??= {
      registrations: [...registrations.values()].filter((reg) => OPEN.has(reg.status)),
      opportunities: [...world.opportunities.values()],
    };
    pool ??= prepareConflictPool(context);
    const verdict = decideRegistration(r, context, program.registration, now, pool, { decisiveOnly: true });
    // Until when: kept current. Why: the reasons of the decision — kept current while it waits for one,
    // then left as decided (a later look at a standing decision must not reword it), filled if missing.
    const reasonsOpen = verdict.changed || r.status === 'Submitted' || world.withoutReasons.has(id);
    put(updates, 'Deal_Registration__c', id, {
      Expires_On__c: verdict.expiresOn,
      ...(reasonsOpen ? { Decision_Reasons__c: JSON.stringify(verdict.reasons) } : {}),
    });
    if (!verdict.changed) continue;
    const applied = applyVerdict(r, verdict);
    registrations.set(id, applied);
    put(updates, 'Deal_Registration__c', id, registrationFields(applied));
    if (applied.opportunityId) oppScope.add(applied.opportunityId);
    partnerScope.add(applied.partnerId);
  }
  // The pool and the book's index the context carries are the largest things a full recompute builds
  // (a third of a gigabyte at a million opportunities): let them go before opportunities and partners.
  context = undefined;
  pool = undefined;

  // 2. Opportunities: co-sell status, partner sourced, the protecting registration, split amounts.
  const regsByOpp = new Map<string, Registration[]>();
  for (const r of registrations.values()) {
    if (!r.opportunityId) continue;
    appendTo(regsByOpp, r.opportunityId, r);
  }
  const splitsByOpp = new Map<string, SplitInput[]>();
  for (const s of world.splits.values()) {
    if (s.opportunityId && s.input) appendTo(splitsByOpp, s.opportunityId, s.input);
  }
  for (const id of oppScope) {
    await release();
    const summary = world.opportunities.get(id);
    if (!summary) continue;
    computed += 1;
    const facts = toOpportunityFacts(summary);
    const regs = regsByOpp.get(id) ?? [];
    const inputs = [...(splitsByOpp.get(id) ?? [])].sort((a, b) => a.id!.localeCompare(b.id!));
    put(updates, 'Opportunity', id, {
      Co_Sell_Status__c: coSellStatus(facts, regs, inputs).status,
      Partner_Sourced__c: derivePartnerSourced(regs),
      Deal_Registration__c: protectingRegistration(regs, today),
    });
    const amounts = new Map(
      allocateSplitAmounts(facts.amountCents ?? 0, inputs).map((a) => [a.index, a.amountCents]),
    );
    inputs.forEach((s, index) => {
      const cents = amounts.get(index);
      put(updates, 'Co_Sell_Split__c', s.id!, {
        Amount__c: cents === undefined ? null : fromCents(cents),
      });
    });
    if (facts.primaryPartnerId) partnerScope.add(facts.primaryPartnerId);
    for (const s of inputs) partnerScope.add(s.partnerId);
  }

  // 3. Partners: tier with grace, next-tier gap, health score, band, trend, explanation, snapshot.
  partnerScope.delete('');
  if (partnerScope.size > 0) {
    const report = attributeAll(world, registrations, program, today);
    const snapshotsByPartner = new Map<string, { asOf: string; score: number }[]>();
    for (const s of world.pastScores) {
      if (s.asOf < today) appendTo(snapshotsByPartner, s.accountId, { asOf: s.asOf, score: s.score });
    }
    for (const id of partnerScope) {
      await release();
      const row = world.partners.get(id);
      if (!row) continue;
      computed += 1;
      const facts = toHealthFacts(row);
      const attribution = report.partners.get(id);
      const verdict = evaluateTier(
        {
          partnerId: id,
          attributedRevenueCents: attribution?.attributedRevenueCents ?? 0,
          wonDeals: attribution?.wonDeals ?? 0,
          activeCertifications: activeCertificationCount(facts, today),
          registrationsApproved: attribution?.registrationsApproved ?? 0,
        },
        {
          tier: str(row.fields['Partner_Tier__c']),
          tierSince: str(row.fields['Partner_Tier_Since__c']),
          graceUntil: str(row.fields['Partner_Tier_Grace_Until__c']),
        },
        program.tiers,
        today,
      );
      const health = scoreHealth(
        measurePartner({ partner: facts, attribution }, today),
        program.health.measures,
        program.health.bands,
      );
      const trend = healthTrend(snapshotsByPartner.get(id) ?? [], { asOf: today, score: health.score });
      const explained = explainHealth(health);
      put(updates, 'Account', id, {
        Partner_Tier__c: verdict.tier,
        Partner_Tier_Since__c: verdict.tierSince,
        Partner_Tier_Grace_Until__c: verdict.graceUntil,
        Partner_Next_Tier__c: verdict.nextTier,
        Partner_Next_Tier_Gap__c: JSON.stringify(explainNextTierGap(verdict, program.tiers)),
        Partner_Health_Score__c: health.score,
        Partner_Health_Band__c: health.band,
        Partner_Health_Trend__c: trend.change,
        Partner_Health_Explained__c: JSON.stringify(explained),
      });
      snapshots.push({
        externalId: snapshotExternalId(id, today),
        fields: {
          Account__c: id,
          As_Of__c: today,
          Score__c: health.score,
          Band__c: health.band,
          Measures__c: JSON.stringify(explained.measures),
        },
      });
    }
  }
  if (flush) {
    await flush(updates);
    updates.clear();
  }
  return { updates, snapshots, rejected, computed };
}

/** Every partner's attribution over the mirror: the tier metrics and the health measures read it. */
export function attributeAll(
  world: World,
  registrations: ReadonlyMap<string, Registration>,
  program: ProgramConfig,
  today: string,
): AttributionReport {
  // Handed over one record at a time: facts for a million opportunities and their splits, made up front,
  // were hundreds of megabytes held only to be read once.
  return attributePartnersReport(
    {
      opportunities: mapped(world.opportunities.values(), toOpportunityFacts),
      splits: mapped(world.splits.values(), (s) =>
        s.input ? toSplitFacts(s.opportunityId, s.input) : undefined,
      ),
      registrations: mapped(registrations.values(), toRegistrationFacts),
    },
    { asOf: today, months: program.registration.attributionWindowMonths },
  );
}

/** `items` through `f`, lazily, leaving out what `f` maps to undefined. */
function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U | undefined): Generator<U> {
  for (const item of items) {
    const out = f(item);
    if (out !== undefined) yield out;
  }
}
