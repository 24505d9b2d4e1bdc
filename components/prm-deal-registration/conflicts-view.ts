// The competing claims on this customer, each with why it matched, its score and who holds protection,
// so a rep sees them before submitting and a manager while deciding.
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatNumber } from '../shared/format.js';
import type { ConflictMatch, OpportunitySummary, PartnerOption, RegistrationView } from './types.js';

export type ConflictContext = {
  partners: readonly PartnerOption[];
  registrations: readonly RegistrationView[];
  opportunities: readonly OpportunitySummary[];
  locale: string;
};

export function partnerName(id: string | null | undefined, partners: readonly PartnerOption[]): string {
  if (id == null || id === '') return 'the direct team';
  return partners.find((p) => p.id === id)?.name ?? id;
}

function title(c: ConflictMatch, ctx: ConflictContext): string {
  const who = partnerName(c.partnerId, ctx.partners);
  if (c.kind === 'registration') {
    const name = ctx.registrations.find((r) => r.id === c.id)?.name ?? c.id;
    return `Registration ${name} by ${who} (${c.status ?? 'open'})`;
  }
  const name = ctx.opportunities.find((o) => o.id === c.id)?.name ?? c.id;
  return c.partnerId === null ? `Opportunity ${name}, worked by the direct team` : `Opportunity ${name}, with ${who}`;
}

function protection(c: ConflictMatch, ctx: ConflictContext): string {
  const who = partnerName(c.partnerId, ctx.partners);
  if (c.samePartner) return 'Same partner: a resubmission, not a competitor.';
  if (!c.holdsProtection) return 'Holds no protection.';
  if (c.kind === 'registration')
    return c.protectedUntil
      ? `Protects ${who} until ${formatDate(c.protectedUntil, ctx.locale)}.`
      : `Protects ${who}.`;
  return `${who} is already this customer's partner on it.`;
}

function conflictItem(c: ConflictMatch, ctx: ConflictContext): TemplateResult {
  return html`<li class="conflict ${c.holdsProtection ? 'protected' : ''}" data-id=${c.id}>
    <div class="conflict-head">
      <span class="conflict-title">${title(c, ctx)}</span>
      <span class="score">Match ${formatNumber(c.score, ctx.locale)}<span class="assistive-text"> out of 100</span></span>
    </div>
    <p class="protection">${protection(c, ctx)} ${c.earlier ? 'It came first.' : 'It came later.'}</p>
    <ul class="reasons" aria-label="Why it matched">
      ${c.reasons.map((r) => html`<li>${r.message}</li>`)}
    </ul>
  </li>`;
}

export function renderConflicts(conflicts: readonly ConflictMatch[], ctx: ConflictContext, heading: string): TemplateResult {
  const count = conflicts.length;
  return html`<section class="conflicts" aria-labelledby="conflicts-title">
    <h3 id="conflicts-title">${heading}</h3>
    <p class="conflict-count" role="status" aria-live="polite">
      ${count === 0
        ? 'No conflicting registrations or opportunities found.'
        : `${count} possible ${count === 1 ? 'conflict' : 'conflicts'} found.`}
    </p>
    ${count === 0 ? nothing : html`<ul class="conflict-list">${conflicts.map((c) => conflictItem(c, ctx))}</ul>`}
  </section>`;
}
