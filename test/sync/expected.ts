// Test helper only: what the domain rules say the org should hold, computed from the org's own rows
// (read in-process) with the domain functions directly, independent of the engine's plumbing.
import { attributePartners } from '../../src/domain/attribution/index.js';
import { DEFAULT_PROGRAM_CONFIG } from '../../src/domain/config.js';
import { toCents } from '../../src/domain/money.js';
import { activeCertificationCount, measurePartner, scoreHealth } from '../../src/domain/health/index.js';
import { coSellStatus, derivePartnerSourced } from '../../src/domain/splits/index.js';
import type { Registration } from '../../src/domain/registration/index.js';
import type { SplitInput } from '../../src/domain/splits/index.js';
import { qualifiedTier } from '../../src/domain/tiers/index.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { rows } from './harness.js';

type R = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const t = (v: unknown): number | null =>
  s(v) === null ? null : Date.parse(String(v).replace(/\+0000$/, 'Z'));

function registration(r: R): Registration {
  return {
    id: String(r['Id']),
    partnerId: String(r['Partner_Account__c']),
    opportunityId: s(r['Opportunity__c']),
    type: (s(r['Registration_Type__c']) ?? 'Influenced') as Registration['type'],
    products: [],
    estimatedAmountCents: 0,
    status: (s(r['Status__c']) ?? 'Draft') as Registration['status'],
    submittedAt: t(r['Submitted_At__c']),
    decidedAt: t(r['Decided_At__c']),
    createdAt: t(r['CreatedDate']) ?? 0,
  };
}

function split(r: R): SplitInput {
  return {
    partnerId: String(r['Partner_Account__c']),
    role: r['Role__c'] as SplitInput['role'],
    type: r['Split_Type__c'] as SplitInput['type'],
    percent: Number(r['Percent__c']),
  };
}

/** Per opportunity: the co-sell status and partner-sourced flag the rules give for the org's current rows. */
export function expectedOpportunities(org: LocalOrg): Map<string, { status: string; sourced: boolean }> {
  const regs = rows(org, 'Deal_Registration__c').map(registration);
  const splits = rows(org, 'Co_Sell_Split__c');
  const out = new Map<string, { status: string; sourced: boolean }>();
  for (const o of rows(org, 'Opportunity')) {
    const id = String(o['Id']);
    const mine = regs.filter((r) => r.opportunityId === id);
    const mySplits = splits.filter((x) => x['Opportunity__c'] === id).map(split);
    out.set(id, {
      status: coSellStatus({ isClosed: o['IsClosed'] === true, isWon: o['IsWon'] === true }, mine, mySplits)
        .status,
      sourced: derivePartnerSourced(mine),
    });
  }
  return out;
}

/** Per partner: the tier it qualifies for today and its health score and band. */
export function expectedPartners(
  org: LocalOrg,
  today: string,
): Map<string, { qualified: string | null; score: number; band: string }> {
  const opps = rows(org, 'Opportunity');
  const regs = rows(org, 'Deal_Registration__c').map(registration);
  const attribution = attributePartners(
    {
      opportunities: opps.map((o) => ({
        id: String(o['Id']),
        amountCents: typeof o['Amount'] === 'number' ? toCents(o['Amount']) : null,
        isClosed: o['IsClosed'] === true,
        isWon: o['IsWon'] === true,
        closeDate: s(o['CloseDate']),
        createdAt: t(o['CreatedDate']) ?? 0,
        primaryPartnerId: s(o['Primary_Partner__c']),
        accountId: s(o['AccountId']),
      })),
      splits: rows(org, 'Co_Sell_Split__c').map((x) => ({
        id: String(x['Id']),
        opportunityId: String(x['Opportunity__c']),
        partnerId: String(x['Partner_Account__c']),
        type: x['Split_Type__c'] as 'Revenue' | 'Influence',
        percentBp: Math.round(Number(x['Percent__c']) * 100),
      })),
      registrations: regs.map((r) => ({
        id: r.id,
        partnerId: r.partnerId,
        status: r.status,
        submittedAt: r.submittedAt ?? null,
        decidedAt: r.decidedAt ?? null,
        createdAt: r.createdAt,
        opportunityId: r.opportunityId ?? null,
      })),
    },
    { asOf: today, months: DEFAULT_PROGRAM_CONFIG.registration.attributionWindowMonths },
  );
  const out = new Map<string, { qualified: string | null; score: number; band: string }>();
  for (const a of rows(org, 'Account')) {
    if (s(a['Partner_Type__c']) === null && s(a['Partner_Status__c']) === null) continue;
    const id = String(a['Id']);
    const facts = {
      id,
      certifications:
        typeof a['Partner_Certifications__c'] === 'number' ? a['Partner_Certifications__c'] : null,
      certificationsExpireOn: s(a['Partner_Certifications_Expire_On__c']),
      lastEngagement: s(a['Partner_Last_Engagement__c']),
      onboardedOn: s(a['Partner_Onboarded_On__c']),
    };
    const att = attribution.get(id);
    const tier = qualifiedTier(
      {
        partnerId: id,
        attributedRevenueCents: att?.attributedRevenueCents ?? 0,
        wonDeals: att?.wonDeals ?? 0,
        activeCertifications: activeCertificationCount(facts, today),
        registrationsApproved: att?.registrationsApproved ?? 0,
      },
      DEFAULT_PROGRAM_CONFIG.tiers,
    );
    const health = scoreHealth(
      measurePartner({ partner: facts, attribution: att }, today),
      DEFAULT_PROGRAM_CONFIG.health.measures,
      DEFAULT_PROGRAM_CONFIG.health.bands,
    );
    out.set(id, { qualified: tier?.name ?? null, score: health.score, band: health.band });
  }
  return out;
}
