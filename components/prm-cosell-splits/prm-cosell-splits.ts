import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { allocateByLargestRemainder, percentToBasisPoints } from '../../src/domain/money.js';
import { allocateSplitAmounts, equalSplit, remainderFor } from '../../src/domain/splits/allocate.js';
import { validateSplits, type SplitValidation } from '../../src/domain/splits/validate.js';
import { base } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { defaultLocale, formatPercentBp } from '../shared/format.js';
import { blockingState } from '../shared/states.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './prm-cosell-splits.styles.js';
import { splitsOf, toRow, withPercent, withText, type Row } from './rows.js';
import { renderRow, type RowAmount, type RowHandlers } from './table.js';
import type { PartnerOption, PrmSplitsChangeDetail, PrmSplitsSaveDetail, SplitInput } from './types.js';

/** "Revenue splits total 99.99% — 0.01% left to allocate". */
export function totalMessage(v: SplitValidation, revenueRows: number, locale: string): string {
  if (revenueRows === 0) return 'No revenue splits yet.';
  const total = `Revenue splits total ${formatPercentBp(v.revenueTotalBp, locale)}`;
  if (v.remainingRevenueBp === 0) return `${total}.`;
  const gap = formatPercentBp(Math.abs(v.remainingRevenueBp), locale);
  return v.remainingRevenueBp > 0 ? `${total} — ${gap} left to allocate` : `${total} — ${gap} over 100%`;
}

/**
 * @summary The co-sell splits of an opportunity: partner, role, type and share, with amounts to the cent and
 * a revenue total that must reach exactly 100.00% before the set can be saved.
 * @fires prm_splits_change - PrmSplitsChangeDetail, on every edit.
 * @fires prm_splits_save - PrmSplitsSaveDetail, when a valid set is saved.
 */
export class PrmCosellSplits extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'closed' };
  static override styles = [tokens, base, styles];

  /** Opportunity.Amount in cents; null when the opportunity has no amount. */
  @property({ attribute: false }) amountCents: number | null = null;
  /** The opportunity's currency (ISO 4217). */
  @property() currency = 'USD';
  /** The saved Co_Sell_Split__c rows; setting it discards unsaved edits. */
  @property({ attribute: false }) splits: SplitInput[] = [];
  /** The partner Accounts to choose from. */
  @property({ attribute: false }) partners: PartnerOption[] = [];
  @property({ type: Boolean }) loading = false;
  /** Set by the host while it writes, so the same set is not saved twice. */
  @property({ type: Boolean }) saving = false;
  @property() error = '';
  @property() locale = defaultLocale();

  @state() private rows: Row[] = [];
  @state() private dirty = false;
  private focusKey: number | 'add' | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('splits')) {
      this.rows = (this.splits ?? []).map((s) => toRow(s, this.locale));
      this.dirty = false;
    }
  }

  protected override updated(): void {
    if (this.focusKey === null) return;
    const target =
      this.focusKey === 'add'
        ? this.renderRoot.querySelector<HTMLElement>('button.add')
        : this.renderRoot.querySelector<HTMLElement>(`tr[data-key="${this.focusKey}"] select.partner`);
    this.focusKey = null;
    target?.focus();
  }

  private current(): SplitInput[] {
    return splitsOf(this.rows, this.partners);
  }

  private commit(rows: Row[]): void {
    this.rows = rows;
    this.dirty = true;
    const splits = this.current();
    const v = validateSplits(splits);
    emit<PrmSplitsChangeDetail>(this, 'prm_splits_change', {
      splits,
      valid: v.ok,
      revenueTotalBp: v.revenueTotalBp,
      remainingRevenueBp: v.remainingRevenueBp,
    });
  }

  private replace(row: Row, next: Row): void {
    this.commit(this.rows.map((r) => (r.key === row.key ? next : r)));
  }

  private readonly on: RowHandlers = {
    partner: (row, id) => this.replace(row, { ...row, touched: true, split: { ...row.split, partnerId: id } }),
    role: (row, role) => this.replace(row, { ...row, touched: true, split: { ...row.split, role } }),
    type: (row, type) => this.replace(row, { ...row, touched: true, split: { ...row.split, type } }),
    percent: (row, text) => this.replace(row, withText(row, text, this.locale)),
    remainder: (row) => {
      const index = this.rows.indexOf(row);
      this.replace(row, withPercent(row, remainderFor(this.current(), index), this.locale));
    },
    remove: (row) => {
      const index = this.rows.indexOf(row);
      const rows = this.rows.filter((r) => r !== row);
      this.focusKey = rows[index]?.key ?? rows[index - 1]?.key ?? 'add';
      this.commit(rows);
    },
  };

  private addRow(): void {
    const left = remainderFor(this.current(), this.rows.length);
    const row = toRow(
      { partnerId: '', role: 'Influenced', type: 'Revenue', percent: left > 0 ? left : NaN },
      this.locale,
    );
    this.focusKey = row.key;
    this.commit([...this.rows, row]);
  }

  private splitEqually(): void {
    const revenue = this.rows.filter((r) => r.split.type === 'Revenue');
    const shares = equalSplit(revenue.length);
    this.commit(
      this.rows.map((r) => {
        const k = revenue.indexOf(r);
        return k < 0 ? r : withPercent(r, shares[k]!, this.locale);
      }),
    );
  }

  private save(): void {
    const splits = this.current();
    if (!validateSplits(splits).ok || this.saving) return;
    emit<PrmSplitsSaveDetail>(this, 'prm_splits_save', { splits });
  }

  private amounts(splits: SplitInput[]): RowAmount[] {
    const exact = new Map<number, number>();
    if (this.amountCents !== null)
      for (const a of allocateSplitAmounts(this.amountCents, splits)) exact.set(a.index, a.amountCents);
    return splits.map((s, i) => {
      const cents = exact.get(i);
      if (cents !== undefined) return { cents, exact: true };
      const bp = percentToBasisPoints(s.percent);
      if (this.amountCents === null || bp === undefined || bp <= 0 || bp > 10_000) return null;
      return { cents: allocateByLargestRemainder(this.amountCents, [bp])[0]!, exact: false };
    });
  }

  override render(): TemplateResult {
    const blocked = blockingState(this.loading, this.error, 'Loading co-sell splits');
    if (blocked) return blocked;
    const splits = this.current();
    const v = validateSplits(splits);
    const amounts = this.amounts(splits);
    const revenueRows = splits.filter((s) => s.type === 'Revenue').length;
    const canSave = v.ok && this.dirty && !this.saving;
    return html`<h2>Co-sell splits</h2>
      ${this.amountCents === null
        ? html`<p class="alert info">This opportunity has no amount: shares are saved, amounts follow once it has one.</p>`
        : nothing}
      ${this.rows.length === 0
        ? html`<p class="empty">No co-sell splits yet. Add a partner's share of this deal.</p>`
        : html`<table>
            <caption class="assistive-text">Co-sell splits</caption>
            <thead>
              <tr>
                <th scope="col" class="partner">Partner</th>
                <th scope="col" class="role">Role</th>
                <th scope="col" class="type">Type</th>
                <th scope="col" class="share">Share</th>
                <th scope="col" class="amount">Amount</th>
                <th scope="col" class="actions"><span class="assistive-text">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.rows.map((row, index) => {
                const left = remainderFor(splits, index);
                return renderRow({
                  row,
                  index,
                  partners: this.partners,
                  problems: v.problems.filter((p) => p.index === index),
                  amount: amounts[index] ?? null,
                  remainder: left > 0 && left !== row.split.percent ? left : null,
                  locale: this.locale,
                  currency: this.currency,
                  on: this.on,
                });
              })}
            </tbody>
          </table>`}
      <p class="total ${v.remainingRevenueBp === 0 || revenueRows === 0 ? 'ok' : 'off'}" role="status" aria-live="polite">
        ${totalMessage(v, revenueRows, this.locale)}
      </p>
      <div class="toolbar">
        <button type="button" class="add" @click=${() => this.addRow()}>Add split</button>
        <button type="button" class="equal" ?disabled=${revenueRows < 2} @click=${() => this.splitEqually()}>
          Split revenue equally
        </button>
        <button
          type="button"
          class="brand save"
          ?disabled=${!canSave}
          aria-describedby=${canSave ? nothing : 'save-hint'}
          @click=${() => this.save()}
        >
          ${this.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      ${canSave
        ? nothing
        : html`<p class="hint" id="save-hint">
            ${this.saving
              ? 'Saving the splits…'
              : !this.dirty
                ? 'No changes to save.'
                : 'Save is available once every split has a partner and a share, and revenue totals exactly 100.00%.'}
          </p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prm-cosell-splits': PrmCosellSplits;
  }
}
