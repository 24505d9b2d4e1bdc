// The score as a half-ring gauge in its band colour, and the 30-day trend said in words as well as arrows.
import { html, svg, type TemplateResult } from 'lit';
import { formatNumber } from '../shared/format.js';

export function renderGauge(score: number, band: string, locale: string): TemplateResult {
  const value = Math.max(0, Math.min(100, score));
  const label = `Health score ${formatNumber(score, locale)} of 100, band ${band}`;
  return html`<figure class="gauge">
    <svg viewBox="0 0 100 58" role="img" aria-label=${label}>
      ${svg`<path class="track" d="M 8 50 A 42 42 0 0 1 92 50" pathLength="100"></path>
        <path class="value ${band}" d="M 8 50 A 42 42 0 0 1 92 50" pathLength="100"
          stroke-dasharray="${value} 100"></path>
        <text class="score" x="50" y="46" text-anchor="middle" aria-hidden="true">${formatNumber(score, locale)}</text>`}
    </svg>
    <figcaption class="band-name ${band}">${band}</figcaption>
  </figure>`;
}

/** "Up 5 points over the last 30 days". */
export function trendSentence(trend: number | null, locale: string): string {
  if (trend === null) return 'No 30-day trend yet';
  const n = formatNumber(Math.abs(trend), locale, 1);
  const points = Math.abs(trend) === 1 ? 'point' : 'points';
  if (trend > 0) return `Up ${n} ${points} over the last 30 days`;
  if (trend < 0) return `Down ${n} ${points} over the last 30 days`;
  return 'No change over the last 30 days';
}

export function renderTrend(trend: number | null, locale: string): TemplateResult {
  const sentence = trendSentence(trend, locale);
  if (trend === null) return html`<p class="trend none">${sentence}</p>`;
  const direction = trend > 0 ? 'up' : trend < 0 ? 'down' : 'flat';
  const arrow = trend > 0 ? '▲' : trend < 0 ? '▼' : '▶';
  const signed = `${trend > 0 ? '+' : trend < 0 ? '−' : ''}${formatNumber(Math.abs(trend), locale, 1)}`;
  return html`<p class="trend ${direction}">
    <span aria-hidden="true">${arrow} ${signed}</span><span class="assistive-text">${sentence}</span>
  </p>`;
}
