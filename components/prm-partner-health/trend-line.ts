// Twelve months of daily snapshots as a line, with the same facts in the accessible name: a chart nobody
// can read aloud is no use to a screen reader user.
import { html, svg, type TemplateResult } from 'lit';
import { addMonths } from '../../src/domain/time.js';
import { formatDate, formatNumber } from '../shared/format.js';
import type { HealthPoint } from './types.js';

const WIDTH = 300;
const HEIGHT = 80;
const DAY_MS = 86_400_000;

/** The snapshots within `months` of the latest one, oldest first; malformed points are left out. */
export function recentPoints(history: readonly HealthPoint[], months: number): HealthPoint[] {
  const valid = history
    .filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.asOf) && Number.isFinite(p.score))
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const last = valid[valid.length - 1];
  if (last === undefined) return [];
  const from = addMonths(last.asOf, -months);
  return valid.filter((p) => p.asOf > from);
}

export function trendLineLabel(points: readonly HealthPoint[], months: number, locale: string): string {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const scores = points.map((p) => p.score);
  const n = (v: number): string => formatNumber(v, locale);
  return (
    `Health score over the last ${months} months: ${n(first.score)} on ${formatDate(first.asOf, locale)}, ` +
    `${n(last.score)} on ${formatDate(last.asOf, locale)}; lowest ${n(Math.min(...scores))}, highest ${n(Math.max(...scores))}.`
  );
}

export function renderTrendLine(history: readonly HealthPoint[], months: number, locale: string): TemplateResult {
  const points = recentPoints(history, months);
  if (points.length < 2)
    return html`<p class="empty trend-line-empty">Not enough daily snapshots yet for a trend line.</p>`;
  const t0 = Date.parse(points[0]!.asOf);
  const span = Math.max(DAY_MS, Date.parse(points[points.length - 1]!.asOf) - t0);
  const xy = points.map((p) => {
    const x = ((Date.parse(p.asOf) - t0) / span) * WIDTH;
    const y = HEIGHT - (Math.max(0, Math.min(100, p.score)) / 100) * HEIGHT;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const [lastX, lastY] = xy[xy.length - 1]!.split(',');
  return html`<svg
    class="trend-line"
    viewBox="-4 -4 ${WIDTH + 8} ${HEIGHT + 8}"
    role="img"
    aria-label=${trendLineLabel(points, months, locale)}
  >
    ${svg`<line class="grid" x1="0" x2="${WIDTH}" y1="${HEIGHT / 2}" y2="${HEIGHT / 2}"></line>
      <polyline class="line" points="${xy.join(' ')}"></polyline>
      <circle class="last" cx="${lastX}" cy="${lastY}" r="3"></circle>`}
  </svg>`;
}
