// The tier, its benefits, a pending downgrade, and one progress bar per criterion of the next tier, each
// saying what is left ("$87,700 to go") rather than only drawing it.
import { html, nothing, type TemplateResult } from 'lit';
import { CRITERION_LABELS } from '../../src/domain/tiers/format.js';
import { formatDate, formatMoney, formatNumber, formatPercentBp } from '../shared/format.js';
import type { NextTierInfo, TierGapView, TierInfo } from './types.js';

export type TierFormat = { locale: string; currency: string };

function criterionValue(criterion: string, value: number, f: TierFormat): string {
  return criterion === 'attributedRevenueCents'
    ? formatMoney(value, f.currency, f.locale, value % 100 === 0)
    : formatNumber(value, f.locale);
}

function criterionLabel(gap: TierGapView): string {
  const label = gap.label ?? CRITERION_LABELS[gap.criterion] ?? gap.criterion;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "$412,300 of $500,000, $87,700 to go" (or "…, met"). */
export function gapText(gap: TierGapView, f: TierFormat): string {
  const of = `${criterionValue(gap.criterion, gap.actual, f)} of ${criterionValue(gap.criterion, gap.required, f)}`;
  return gap.met || gap.missing <= 0 ? `${of}, met` : `${of}, ${criterionValue(gap.criterion, gap.missing, f)} to go`;
}

function progressBar(gap: TierGapView, index: number, f: TierFormat): TemplateResult {
  const max = Math.max(gap.required, 0);
  const now = Math.max(0, Math.min(gap.actual, max));
  const ratio = max === 0 ? 1 : now / max;
  const met = gap.met || gap.missing <= 0;
  const id = `gap-${index}`;
  return html`<li class="gap ${met ? 'met' : 'open'}">
    <div class="gap-head">
      <span id=${id}>${criterionLabel(gap)}</span>
      <span class="gap-left"
        >${met ? 'Met' : `${criterionValue(gap.criterion, gap.missing, f)} to go`}</span
      >
    </div>
    <div
      class="bar"
      role="progressbar"
      aria-labelledby=${id}
      aria-valuemin="0"
      aria-valuemax=${max}
      aria-valuenow=${now}
      aria-valuetext=${gapText(gap, f)}
    >
      <span class="fill" style="width: ${(ratio * 100).toFixed(1)}%"></span>
    </div>
  </li>`;
}

function benefits(tier: TierInfo, f: TierFormat): TemplateResult {
  const pct = (bp: number): string => formatPercentBp(bp, f.locale, bp % 100 === 0 ? 0 : 2);
  return html`<dl class="benefits">
    <div><dt>Discount</dt><dd>${pct(tier.benefits.discountBp)}</dd></div>
    <div><dt>MDF</dt><dd>${pct(tier.benefits.mdfBp)}</dd></div>
    ${tier.benefits.summary ? html`<div class="summary"><dt>Benefits</dt><dd>${tier.benefits.summary}</dd></div>` : nothing}
  </dl>`;
}

export function renderTier(
  tier: TierInfo | null,
  nextTier: NextTierInfo | null,
  gaps: readonly TierGapView[],
  f: TierFormat,
): TemplateResult {
  const current = tier
    ? html`<p class="tier-name">
          <strong>${tier.label}</strong>${tier.since ? html` partner since ${formatDate(tier.since, f.locale)}` : nothing}
        </p>
        ${tier.graceUntil
          ? html`<div class="alert warning grace">
              Downgrade pending: ${tier.label} is kept until ${formatDate(tier.graceUntil, f.locale)} (grace period).
              Meeting ${tier.label}'s criteria again before then keeps the tier.
            </div>`
          : nothing}
        ${benefits(tier, f)}`
    : html`<p class="empty">No tier yet.</p>`;
  const progress = nextTier
    ? html`<h3>Progress to ${nextTier.label}</h3>
        ${gaps.length === 0
          ? html`<p class="empty">No criteria to show for ${nextTier.label}.</p>`
          : html`<ul class="gaps">
              ${gaps.map((g, i) => progressBar(g, i, f))}
            </ul>`}`
    : tier
      ? html`<p class="top-tier">${tier.label} is the top tier.</p>`
      : nothing;
  return html`${current}${progress}`;
}
