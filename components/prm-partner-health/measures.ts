// Each measure with its value in its own unit, its points and weights, and a disclosure with the evidence.
// N/A and inactive are written out, because a missing measure must never read as a zero.
import { html, nothing, type TemplateResult } from 'lit';
import { formatMoney, formatNumber, formatPercentBp, formatUnit } from '../shared/format.js';
import type { HealthExplained, HealthExplainedMeasure } from './types.js';

export type MeasureFormat = { locale: string; currency: string };

export function formatMeasureValue(m: HealthExplainedMeasure, f: MeasureFormat): string {
  if (m.value === null) return 'N/A';
  switch (m.unit) {
    case 'cents':
      return formatMoney(m.value, f.currency, f.locale, m.value % 100 === 0);
    case 'bp':
      return formatPercentBp(m.value, f.locale, m.value % 100 === 0 ? 0 : 2);
    case 'hours':
      return formatUnit(m.value, 'hour', f.locale);
    case 'days':
      return formatUnit(m.value, 'day', f.locale);
    default:
      return formatNumber(m.value, f.locale, 2);
  }
}

function notScored(m: HealthExplainedMeasure): TemplateResult {
  return m.status === 'inactive'
    ? html`<span class="tag">Inactive</span>`
    : html`<span class="tag" title="Not applicable: no data, its weight is shared among the others"
        >N/A<span class="assistive-text"> (not applicable)</span></span
      >`;
}

export type MeasureRowsOptions = MeasureFormat & {
  open: ReadonlySet<string>;
  onToggle: (measure: string) => void;
  onRecord: (m: HealthExplainedMeasure, recordId: string) => void;
};

function evidencePanel(
  m: HealthExplainedMeasure,
  o: MeasureRowsOptions,
  columns: number,
  open: boolean,
): TemplateResult {
  const more = m.evidence.total - m.evidence.recordIds.length;
  return html`<tr class="evidence-row" ?hidden=${!open}>
    <td colspan=${columns} id="evidence-${m.measure}">
      <p>${m.evidence.label}</p>
      ${m.evidence.recordIds.length === 0
        ? html`<p class="empty">No records behind this measure.</p>`
        : html`<ul class="records" aria-label="Records behind ${m.label}">
            ${m.evidence.recordIds.map(
              (id) =>
                html`<li>
                  <button type="button" class="link" @click=${() => o.onRecord(m, id)}>
                    <span class="assistive-text">Open record </span>${id}
                  </button>
                </li>`,
            )}
            ${more > 0 ? html`<li class="more">and ${formatNumber(more, o.locale)} more</li>` : nothing}
          </ul>`}
    </td>
  </tr>`;
}

function measureRow(m: HealthExplainedMeasure, o: MeasureRowsOptions, reweighted: boolean): TemplateResult[] {
  const scored = m.status === 'scored';
  const isOpen = o.open.has(m.measure);
  const columns = reweighted ? 6 : 5;
  const row = html`<tr class="measure ${m.status}" data-measure=${m.measure}>
    <th scope="row">${m.label}</th>
    <td class="value">${scored || m.value !== null ? formatMeasureValue(m, o) : notScored(m)}</td>
    <td class="points">${scored ? formatNumber(m.points, o.locale, 1) : notScored(m)}</td>
    <td class="weight">${formatNumber(m.weight, o.locale, 2)}</td>
    ${reweighted
      ? html`<td class="effective">
          ${scored ? formatPercentBp(Math.round(m.effectiveWeight * 100), o.locale, 0) : notScored(m)}
        </td>`
      : nothing}
    <td class="evidence">
      <button
        type="button"
        class="link"
        aria-expanded=${isOpen ? 'true' : 'false'}
        aria-controls="evidence-${m.measure}"
        @click=${() => o.onToggle(m.measure)}
      >
        ${isOpen ? 'Hide' : 'Show'}<span class="assistive-text"> evidence for ${m.label}</span>
        (${formatNumber(m.evidence.total, o.locale)})
      </button>
    </td>
  </tr>`;
  return [row, evidencePanel(m, o, columns, isOpen)];
}

export function renderMeasures(health: HealthExplained, o: MeasureRowsOptions): TemplateResult {
  if (health.measures.length === 0) return html`<p class="empty">No measures configured.</p>`;
  const reweighted = health.reweighted;
  // The table scrolls inside its column on a narrow card instead of spilling over the Tier column; every
  // row has its evidence button, so the scrolling region is reachable by keyboard.
  return html`<div class="table-scroll"><table class="measures">
    <caption class="assistive-text">
      Health measures
    </caption>
    <thead>
      <tr>
        <th scope="col">Measure</th>
        <th scope="col">Value</th>
        <th scope="col">Points</th>
        <th scope="col">Weight</th>
        ${reweighted ? html`<th scope="col">Effective weight</th>` : nothing}
        <th scope="col">Evidence</th>
      </tr>
    </thead>
    <tbody>
      ${health.measures.flatMap((m) => measureRow(m, o, reweighted))}
    </tbody>
  </table></div>
  ${reweighted
    ? html`<p class="note">
        Measures marked N/A have no data; their weight is shared among the others (effective weight).
      </p>`
    : nothing}`;
}
