import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { defaultLocale } from '../shared/format.js';
import { blockingState, emptyState } from '../shared/states.js';
import { tokens } from '../shared/tokens.styles.js';
import { renderGauge, renderTrend } from './gauge.js';
import { renderMeasures } from './measures.js';
import { styles } from './prm-partner-health.styles.js';
import { renderTier } from './tier.js';
import { renderTrendLine } from './trend-line.js';
import type {
  HealthExplained,
  HealthExplainedMeasure,
  HealthPoint,
  NextTierInfo,
  PrmEvidenceDetail,
  TierGapView,
  TierInfo,
} from './types.js';

/**
 * @summary A partner's health score with its reasons and trend, its tier, and what it lacks for the next.
 * @fires prm_evidence - PrmEvidenceDetail: a record behind a measure was chosen.
 */
export class PrmPartnerHealth extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'closed' };
  static override styles = [tokens, base, styles];

  /** Account.Partner_Health_Explained__c, parsed; null before the first score. */
  @property({ attribute: false }) health: HealthExplained | null = null;
  /** Account.Partner_Health_Trend__c: score change over 30 days. */
  @property({ attribute: false }) trend: number | null = null;
  /** Daily Partner_Health_Snapshot__c points. */
  @property({ attribute: false }) history: HealthPoint[] = [];
  @property({ attribute: false }) tier: TierInfo | null = null;
  @property({ attribute: false }) nextTier: NextTierInfo | null = null;
  /** Partner_Next_Tier_Gap__c gaps: one per criterion of the next tier. */
  @property({ attribute: false }) gaps: TierGapView[] = [];
  /** Whether to draw the trend line (an admin's choice in App Builder). */
  @property({ type: Boolean, attribute: 'show-trend-line' }) showTrendLine = true;
  /** Months of history the trend line covers. */
  @property({ type: Number }) months = 12;
  @property({ type: Boolean }) loading = false;
  @property() error = '';
  @property() locale = defaultLocale();
  /** The partner's currency (ISO 4217). */
  @property() currency = 'USD';

  @state() private openEvidence: ReadonlySet<string> = new Set();

  private toggleEvidence(measure: string): void {
    const next = new Set(this.openEvidence);
    if (next.has(measure)) next.delete(measure);
    else next.add(measure);
    this.openEvidence = next;
  }

  private openRecord(m: HealthExplainedMeasure, recordId: string): void {
    emit<PrmEvidenceDetail>(this, 'prm_evidence', {
      measure: m.measure,
      label: m.evidence.label,
      recordId,
      recordIds: [...m.evidence.recordIds],
      total: m.evidence.total,
    });
  }

  private renderHealth(): TemplateResult {
    const health = this.health;
    if (health === null) return emptyState('No health score yet: it appears after the next sync.');
    const format = { locale: this.locale, currency: this.currency };
    return html`<div class="score-row">
        ${renderGauge(health.score, health.band, this.locale)}
        <div class="score-side">
          ${renderTrend(this.trend, this.locale)}
          ${this.showTrendLine ? renderTrendLine(this.history, this.months, this.locale) : nothing}
        </div>
      </div>
      ${health.reasons.length > 0
        ? html`<ul class="reasons">
            ${health.reasons.map((r) => html`<li>${r.message}</li>`)}
          </ul>`
        : nothing}
      ${renderMeasures(health, {
        ...format,
        open: this.openEvidence,
        onToggle: (m) => this.toggleEvidence(m),
        onRecord: (m, id) => this.openRecord(m, id),
      })}`;
  }

  override render(): TemplateResult {
    const blocked = blockingState(this.loading, this.error, 'Loading partner health');
    if (blocked) return blocked;
    const format = { locale: this.locale, currency: this.currency };
    return html`<div class="layout">
      <section class="health" aria-labelledby="health-title">
        <h2 id="health-title">Partner health</h2>
        ${this.renderHealth()}
      </section>
      <section class="tier" aria-labelledby="tier-title">
        <h2 id="tier-title">Tier</h2>
        ${renderTier(this.tier, this.nextTier, this.gaps, format)}
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prm-partner-health': PrmPartnerHealth;
  }
}
