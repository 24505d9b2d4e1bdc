// One editable row per split: partner, role, type, share and its amount. Every control has its own label
// naming the row ("Share of split 2 (Acme)"), because in a table a screen reader user hears no column.
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { SPLIT_ROLES, SPLIT_TYPES } from '../../src/domain/splits/schemas.js';
import type { SplitProblem } from '../../src/domain/splits/validate.js';
import { formatMoney, formatPercentBp } from '../shared/format.js';
import type { Row } from './rows.js';
import type { PartnerOption, SplitRole, SplitType } from './types.js';

export type RowAmount = { cents: number; exact: boolean } | null;

export type RowHandlers = {
  partner: (row: Row, id: string) => void;
  role: (row: Row, role: SplitRole) => void;
  type: (row: Row, type: SplitType) => void;
  percent: (row: Row, text: string) => void;
  remainder: (row: Row) => void;
  remove: (row: Row) => void;
};

export type RowView = {
  row: Row;
  index: number;
  partners: readonly PartnerOption[];
  problems: readonly SplitProblem[];
  amount: RowAmount;
  /** The share this row needs for revenue to total 100.00%, or null when it cannot take it. */
  remainder: number | null;
  locale: string;
  currency: string;
  on: RowHandlers;
};

export function rowName(index: number, partnerName: string | undefined): string {
  return partnerName ? `split ${index + 1} (${partnerName})` : `split ${index + 1}`;
}

function fieldError(v: RowView, field: SplitProblem['field']): { id: string; message: string } | null {
  if (!v.row.touched) return null;
  const problem = v.problems.find((p) => p.field === field);
  return problem ? { id: `err-${v.row.key}-${field ?? 'row'}`, message: problem.message } : null;
}

function amountCell(v: RowView): TemplateResult {
  if (v.amount === null) return html`<span class="muted">—</span>`;
  const money = formatMoney(v.amount.cents, v.currency, v.locale);
  return v.amount.exact
    ? html`${money}`
    : html`<span class="muted" title="Approximate until the revenue splits total 100.00%"
        ><span aria-hidden="true">≈ </span><span class="assistive-text">about </span>${money}</span
      >`;
}

// Compact icon buttons (SLDS "button-icon-border"): the name is in aria-label, the hint in title.
const ICON_REMAINDER = svg`<path d="M2 8h8.5M7.5 4.75L10.75 8 7.5 11.25M13.5 3v10" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />`;
const ICON_REMOVE = svg`<path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />`;
const icon = (paths: SVGTemplateResult) =>
  html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${paths}</svg>`;

export function renderRow(v: RowView): TemplateResult {
  const { row, index } = v;
  const name = rowName(index, v.partners.find((p) => p.id === row.split.partnerId)?.name);
  const partnerError = fieldError(v, 'partnerId');
  const percentError = fieldError(v, 'percent');
  const known = v.partners.some((p) => p.id === row.split.partnerId);
  return html`<tr data-key=${row.key}>
    <td class="partner" data-label="Partner">
      <select
        class="partner"
        aria-label="Partner of ${name}"
        aria-invalid=${partnerError ? 'true' : 'false'}
        aria-describedby=${partnerError?.id ?? nothing}
        @change=${(e: Event) => v.on.partner(row, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${row.split.partnerId === ''}>Choose a partner…</option>
        ${!known && row.split.partnerId !== ''
          ? html`<option value=${row.split.partnerId} selected>${row.split.partnerName ?? row.split.partnerId}</option>`
          : nothing}
        ${v.partners.map(
          (p) => html`<option value=${p.id} ?selected=${p.id === row.split.partnerId}>${p.name}</option>`,
        )}
      </select>
      ${partnerError ? html`<div class="field-error" id=${partnerError.id}>${partnerError.message}</div>` : nothing}
    </td>
    <td class="role" data-label="Role">
      <select
        class="role"
        aria-label="Role of ${name}"
        @change=${(e: Event) => v.on.role(row, (e.target as HTMLSelectElement).value as SplitRole)}
      >
        ${SPLIT_ROLES.map((r) => html`<option value=${r} ?selected=${r === row.split.role}>${r}</option>`)}
      </select>
    </td>
    <td class="type" data-label="Type">
      <select
        class="type"
        aria-label="Type of ${name}"
        @change=${(e: Event) => v.on.type(row, (e.target as HTMLSelectElement).value as SplitType)}
      >
        ${SPLIT_TYPES.map((t) => html`<option value=${t} ?selected=${t === row.split.type}>${t}</option>`)}
      </select>
    </td>
    <td class="share" data-label="Share">
      <div class="percent-input">
        <input
          class="percent"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          aria-label="Share of ${name}, in percent"
          aria-invalid=${percentError ? 'true' : 'false'}
          aria-describedby=${percentError?.id ?? nothing}
          .value=${row.text}
          @input=${(e: Event) => v.on.percent(row, (e.target as HTMLInputElement).value)}
        /><span aria-hidden="true">%</span>
      </div>
      ${percentError ? html`<div class="field-error" id=${percentError.id}>${percentError.message}</div>` : nothing}
    </td>
    <td class="amount" data-label="Amount">${amountCell(v)}</td>
    <td class="actions">
      ${row.split.type === 'Revenue'
        ? html`<button
            type="button"
            class="icon-button remainder"
            title=${v.remainder === null ? 'Nothing left to allocate' : 'Give this split the remainder'}
            ?disabled=${v.remainder === null}
            aria-label=${v.remainder === null
              ? `Remainder: nothing left to give to ${name}`
              : `Give the remainder to ${name}: ${formatPercentBp(Math.round(v.remainder * 100), v.locale)}`}
            @click=${() => v.on.remainder(row)}
          >
            ${icon(ICON_REMAINDER)}
          </button>`
        : nothing}
      <button
        type="button"
        class="icon-button remove"
        title="Remove this split"
        aria-label="Remove ${name}"
        @click=${() => v.on.remove(row)}
      >
        ${icon(ICON_REMOVE)}
      </button>
    </td>
  </tr>`;
}
