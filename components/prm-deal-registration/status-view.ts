// A submitted registration: its status and why, the manager's deadline or the protection countdown, and
// for a partner manager the decision with its required reason.
import { html, nothing, type TemplateResult } from 'lit';
import type { RegistrationVerdict } from '../../src/domain/registration/verdict.js';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../shared/format.js';
import { partnerName } from './conflicts-view.js';
import { daysUntil } from './draft.js';
import type { PartnerOption, RegistrationView } from './types.js';

export type StatusContext = {
  partners: readonly PartnerOption[];
  locale: string;
  currency: string;
  now: number;
  /** When a manager should decide a Submitted registration (epoch ms). */
  slaDeadline: number | null;
};

/** "Protected for 83 more days, until 14 Feb 2027". */
export function protectionText(protectedUntil: string, now: number, locale: string): string {
  const days = daysUntil(protectedUntil, now);
  const until = formatDate(protectedUntil, locale);
  if (days < 0) return `Protection ended on ${until}.`;
  if (days === 0) return `Protected until the end of today, ${until}.`;
  return `Protected for ${formatNumber(days, locale)} more ${days === 1 ? 'day' : 'days'}, until ${until}.`;
}

function timing(r: RegistrationView, verdict: RegistrationVerdict, ctx: StatusContext): TemplateResult | typeof nothing {
  if (r.status === 'Approved') {
    const until = r.protectedUntil ?? verdict.protectedUntil;
    return until ? html`<p class="countdown">${protectionText(until, ctx.now, ctx.locale)}</p>` : nothing;
  }
  if (r.status === 'Submitted' && ctx.slaDeadline !== null) {
    const when = formatDateTime(ctx.slaDeadline, ctx.locale);
    return ctx.now > ctx.slaDeadline
      ? html`<p class="sla breached">The decision deadline passed on ${when}.</p>`
      : html`<p class="sla">A partner manager decides by ${when}.</p>`;
  }
  return nothing;
}

export function renderStatus(r: RegistrationView, verdict: RegistrationVerdict, ctx: StatusContext): TemplateResult {
  const reason = r.decisionReason || verdict.reason;
  return html`<div class="status-card">
    <p class="status-line">
      <span class="pill ${r.status}">${r.status}</span>
      <span>Registered for <strong>${partnerName(r.partnerId, ctx.partners)}</strong> (${r.type})</span>
    </p>
    ${reason ? html`<p class="decision-reason">${reason}</p>` : nothing} ${timing(r, verdict, ctx)}
    <dl class="facts">
      <div><dt>Estimated amount</dt><dd>${formatMoney(r.estimatedAmountCents, ctx.currency, ctx.locale)}</dd></div>
      <div><dt>Products</dt><dd>${r.products.length > 0 ? r.products.join(', ') : 'None given'}</dd></div>
      ${r.submittedAt != null
        ? html`<div><dt>Submitted</dt><dd>${formatDateTime(r.submittedAt, ctx.locale)}</dd></div>`
        : nothing}
      ${r.decidedBy
        ? html`<div><dt>Decided by</dt><dd>${r.decidedBy === 'Rules' ? 'The program rules' : 'A partner manager'}</dd></div>`
        : nothing}
    </dl>
  </div>`;
}

export type DecisionView = {
  reason: string;
  error: string;
  busy: boolean;
  onReason: (text: string) => void;
  onDecide: (decision: 'Approved' | 'Rejected') => void;
};

export function renderDecision(v: DecisionView): TemplateResult {
  return html`<section class="decide" aria-labelledby="decide-title">
    <h3 id="decide-title">Your decision</h3>
    <label class="label" for="decision-reason"><abbr class="required" title="required">*</abbr>Reason</label>
    <textarea
      id="decision-reason"
      required
      aria-required="true"
      aria-invalid=${v.error ? 'true' : 'false'}
      aria-describedby=${v.error ? 'decision-error' : nothing}
      .value=${v.reason}
      @input=${(e: Event) => v.onReason((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${v.error ? html`<div class="field-error" id="decision-error">${v.error}</div>` : nothing}
    <div class="buttons">
      <button type="button" class="brand approve" ?disabled=${v.busy} @click=${() => v.onDecide('Approved')}>
        Approve
      </button>
      <button type="button" class="destructive reject" ?disabled=${v.busy} @click=${() => v.onDecide('Rejected')}>
        Reject
      </button>
    </div>
  </section>`;
}
