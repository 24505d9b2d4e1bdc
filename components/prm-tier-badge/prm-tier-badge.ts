import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { base } from '../shared/base.styles.js';
import { defaultLocale, formatNumber } from '../shared/format.js';
import { emptyState, errorState, loadingState } from '../shared/states.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './prm-tier-badge.styles.js';

export type HealthBandName = 'Green' | 'Yellow' | 'Red';

/** "Gold partner, health Green 82": what a screen reader says for the whole chip. */
export function badgeLabel(tier: string | null, band: HealthBandName | null, score: number | null, locale: string): string {
  const who = tier ? `${tier} partner` : 'Partner without a tier';
  if (band === null && score === null) return `${who}, no health score yet`;
  const scoreText = score === null ? '' : ` ${formatNumber(score, locale)}`;
  return `${who}, health ${band ?? ''}${scoreText}`.replace(/\s+/g, ' ').trim();
}

/**
 * @summary A compact tier and health chip for highlights panels and related lists.
 * Fires no events: it only shows what it is given.
 */
export class PrmTierBadge extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'closed' };
  static override styles = [tokens, base, styles];

  /** The tier's label (Account.Partner_Tier__c), e.g. "Gold"; null when the partner has none yet. */
  @property({ attribute: false }) tier: string | null = null;
  /** Account.Partner_Health_Band__c. */
  @property({ attribute: false }) band: HealthBandName | null = null;
  /** Account.Partner_Health_Score__c, 0–100. */
  @property({ attribute: false }) score: number | null = null;
  @property({ type: Boolean }) loading = false;
  @property() error = '';
  @property() locale = defaultLocale();

  override render(): TemplateResult {
    if (this.error) return errorState(this.error);
    if (this.loading) return loadingState('Loading tier and health');
    if (!this.tier && this.band === null && this.score === null) return emptyState('No tier or health score yet');
    const label = badgeLabel(this.tier, this.band, this.score, this.locale);
    const band = this.band ?? 'none';
    const score = this.score === null ? nothing : formatNumber(this.score, this.locale);
    return html`<span class="badge" role="img" aria-label=${label} title=${label}>
      <span class="tier">${this.tier || 'No tier'}</span>
      <span class="band ${band}"
        >${this.band === null
          ? score === nothing
            ? 'No score'
            : score
          : html`<span class="dot"></span>${this.band} ${score}`}</span
      >
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prm-tier-badge': PrmTierBadge;
  }
}
