import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../register.js';
import { $, $$, openTwin, root, text } from '../testing/open-twin.js';
import { PrmPartnerHealth } from './prm-partner-health.js';
import type { HealthExplained, HealthExplainedMeasure, HealthPoint, TierGapView, TierInfo } from './types.js';

const twin = openTwin('prm-partner-health', PrmPartnerHealth);

function measure(over: Partial<HealthExplainedMeasure> & Pick<HealthExplainedMeasure, 'measure' | 'label' | 'unit'>): HealthExplainedMeasure {
  return {
    status: 'scored',
    value: 0,
    points: 50,
    weight: 10,
    effectiveWeight: 10,
    contribution: 5,
    evidence: { label: 'From the records', recordIds: [], total: 0 },
    ...over,
  };
}

const HEALTH: HealthExplained = {
  v: 1,
  score: 82,
  band: 'Green',
  reweighted: true,
  measures: [
    measure({
      measure: 'Attributed_Revenue',
      label: 'Attributed revenue',
      unit: 'cents',
      value: 41_230_000,
      points: 82.46,
      weight: 25,
      effectiveWeight: 31.25,
      evidence: { label: '3 won opportunities with revenue splits', recordIds: ['006A', '006B', '006C'], total: 25 },
    }),
    measure({ measure: 'Win_Rate', label: 'Win rate', unit: 'bp', value: 4250, points: 81.25, weight: 15, effectiveWeight: 18.75 }),
    measure({ measure: 'Engagement_Recency', label: 'Engagement recency', unit: 'days', value: 9, points: 100, weight: 10, effectiveWeight: 12.5 }),
    measure({
      measure: 'Time_To_First_Revenue',
      label: 'Time to first revenue',
      unit: 'days',
      value: null,
      status: 'not_applicable',
      points: 0,
      weight: 20,
      effectiveWeight: 0,
    }),
    measure({ measure: 'Certifications', label: 'Certifications', unit: 'count', value: null, status: 'inactive', points: 0, weight: 0, effectiveWeight: 0 }),
  ],
  reasons: [{ code: 'reweighted_not_applicable', message: 'Time to first revenue has no data; its weight is shared' }],
};

const GOLD: TierInfo = {
  name: 'Gold',
  label: 'Gold',
  since: '2025-03-03',
  graceUntil: null,
  benefits: { discountBp: 1500, mdfBp: 250, summary: 'Named partner manager' },
};

const GAPS: TierGapView[] = [
  { criterion: 'attributedRevenueCents', required: 50_000_000, actual: 41_230_000, missing: 8_770_000, met: false },
  { criterion: 'wonDeals', required: 6, actual: 7, missing: 0, met: true },
];

function history(months: number): HealthPoint[] {
  const points: HealthPoint[] = [];
  for (let m = 0; m <= months; m++) {
    const d = new Date(Date.UTC(2026, 1 + m, 1)).toISOString().slice(0, 10);
    points.push({ asOf: d, score: 60 + m });
  }
  return points;
}

async function full(locale = 'en-US', currency = 'USD'): Promise<PrmPartnerHealth> {
  return fixture<PrmPartnerHealth>(html`<prm-partner-health
    .health=${HEALTH}
    .trend=${5}
    .history=${history(14)}
    .tier=${GOLD}
    .nextTier=${{ name: 'Platinum', label: 'Platinum' }}
    .gaps=${GAPS}
    locale=${locale}
    currency=${currency}
  ></prm-partner-health>`);
}

const row = (el: Element, m: string): HTMLElement => $(el, `tr[data-measure="${m}"]`);

describe('prm-partner-health', () => {
  it('renders into a closed shadow root', async () => {
    const el = await full();
    expect(el.shadowRoot).to.equal(null);
    expect(root(el).mode).to.equal('closed');
  });

  it('draws the score gauge in its band colour with an accessible name', async () => {
    const el = await full();
    const gauge = $(el, '.gauge svg');
    expect(gauge.getAttribute('role')).to.equal('img');
    expect(gauge.getAttribute('aria-label')).to.equal('Health score 82 of 100, band Green');
    const arc = $(el, '.gauge .value');
    expect(arc.getAttribute('stroke-dasharray')).to.equal('82 100');
    expect(getComputedStyle(arc).stroke).to.equal('rgb(46, 132, 74)');
  });

  it('says the trend in words and arrows', async () => {
    const el = await full();
    expect(text($(el, '.trend [aria-hidden="true"]'))).to.equal('▲ +5');
    expect(text($(el, '.trend .assistive-text'))).to.equal('Up 5 points over the last 30 days');
    el.trend = -3;
    await el.updateComplete;
    expect(text($(el, '.trend [aria-hidden="true"]'))).to.equal('▼ −3');
    expect(text($(el, '.trend .assistive-text'))).to.equal('Down 3 points over the last 30 days');
    el.trend = null;
    await el.updateComplete;
    expect(text($(el, '.trend'))).to.equal('No 30-day trend yet');
  });

  it('draws the last 12 months of snapshots and describes them', async () => {
    const el = await full();
    const line = $(el, 'svg.trend-line');
    const points = $(el, 'svg.trend-line polyline').getAttribute('points')!.split(' ');
    // 14 monthly points; 12 months back from 2027-04-01 keeps 2026-05-01 … 2027-04-01.
    expect(points).to.have.length(12);
    expect(line.getAttribute('aria-label')).to.equal(
      'Health score over the last 12 months: 63 on May 1, 2026, 74 on Apr 1, 2027; lowest 63, highest 74.',
    );
    el.months = 3;
    await el.updateComplete;
    expect($(el, 'svg.trend-line polyline').getAttribute('points')!.split(' ')).to.have.length(3);
    el.showTrendLine = false;
    await el.updateComplete;
    expect($$(el, 'svg.trend-line')).to.have.length(0);
  });

  it('says when there is not enough history for a line', async () => {
    const el = await full();
    el.history = [{ asOf: '2026-01-01', score: 50 }];
    await el.updateComplete;
    expect(text($(el, '.trend-line-empty'))).to.equal('Not enough daily snapshots yet for a trend line.');
  });

  it('lists each measure with its value in its unit, points and weights', async () => {
    const el = await full();
    const cells = (m: string): string[] => $$(row(el, m), 'th, td').map((c) => text(c));
    expect(cells('Attributed_Revenue').slice(0, 5)).to.deep.equal(['Attributed revenue', '$412,300', '82.5', '25', '31%']);
    expect(cells('Win_Rate').slice(1, 2)).to.deep.equal(['42.50%']);
    expect(cells('Engagement_Recency').slice(1, 2)).to.deep.equal(['9 days']);
    expect($$(el, 'thead th').map((c) => text(c))).to.include('Effective weight');
  });

  it('marks N/A and inactive measures explicitly instead of zero', async () => {
    const el = await full();
    const na = $$(row(el, 'Time_To_First_Revenue'), 'td').map((c) => text(c));
    expect(na[0]).to.equal('N/A (not applicable)');
    expect(na[1]).to.equal('N/A (not applicable)');
    expect(na[3]).to.equal('N/A (not applicable)');
    const inactive = $$(row(el, 'Certifications'), 'td').map((c) => text(c));
    expect(inactive[0]).to.equal('Inactive');
    expect(text($(el, '.note'))).to.contain('N/A have no data');
  });

  it('hides the effective weight column when nothing was re-weighted', async () => {
    const el = await full();
    el.health = { ...HEALTH, reweighted: false };
    await el.updateComplete;
    expect($$(el, 'thead th').map((c) => text(c))).to.not.include('Effective weight');
    expect($$(el, '.note')).to.have.length(0);
  });

  it('opens the evidence disclosure from the keyboard and emits prm_evidence for a record', async () => {
    const el = await full();
    const toggle = $<HTMLButtonElement>(row(el, 'Attributed_Revenue'), '.evidence button');
    const panel = $(el, `#${toggle.getAttribute('aria-controls')!}`).closest('tr')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    toggle.focus();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.equal(false);
    expect(text(panel)).to.contain('3 won opportunities with revenue splits');
    expect(text(panel)).to.contain('and 22 more');
    const record = $$<HTMLButtonElement>(panel, 'button')[1]!;
    const event = oneEvent(el, 'prm_evidence');
    record.click();
    const { detail, bubbles, composed } = await event;
    expect(bubbles && composed).to.equal(true);
    expect(detail).to.deep.equal({
      measure: 'Attributed_Revenue',
      label: '3 won opportunities with revenue splits',
      recordId: '006B',
      recordIds: ['006A', '006B', '006C'],
      total: 25,
    });
    toggle.click();
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
  });

  it('shows the tier, its benefits and progress bars toward the next tier', async () => {
    const el = await full();
    expect(text($(el, '.tier-name'))).to.equal('Gold partner since Mar 3, 2025');
    expect($$(el, '.benefits dd').map((d) => text(d))).to.deep.equal(['15%', '2.50%', 'Named partner manager']);
    expect(text($(el, '.tier h3'))).to.equal('Progress to Platinum');
    const bars = $$(el, '[role="progressbar"]');
    expect(bars).to.have.length(2);
    const money = bars[0]!;
    expect(money.getAttribute('aria-valuemin')).to.equal('0');
    expect(money.getAttribute('aria-valuemax')).to.equal('50000000');
    expect(money.getAttribute('aria-valuenow')).to.equal('41230000');
    expect(money.getAttribute('aria-valuetext')).to.equal('$412,300 of $500,000, $87,700 to go');
    expect(text($(el, `#${money.getAttribute('aria-labelledby')!}`))).to.equal('Attributed revenue');
    expect(text($$(el, '.gap-left')[0]!)).to.equal('$87,700 to go');
    expect(bars[1]!.getAttribute('aria-valuenow')).to.equal('6');
    expect(bars[1]!.getAttribute('aria-valuetext')).to.equal('7 of 6, met');
    expect(text($$(el, '.gap-left')[1]!)).to.equal('Met');
  });

  it('warns of a pending downgrade during the grace period', async () => {
    const el = await full();
    expect($$(el, '.grace')).to.have.length(0);
    el.tier = { ...GOLD, graceUntil: '2027-02-14' };
    await el.updateComplete;
    expect(text($(el, '.grace'))).to.contain('Downgrade pending: Gold is kept until Feb 14, 2027');
  });

  it('says when the partner is at the top tier', async () => {
    const el = await full();
    el.nextTier = null;
    el.gaps = [];
    await el.updateComplete;
    expect(text($(el, '.top-tier'))).to.equal('Gold is the top tier.');
    expect($$(el, '[role="progressbar"]')).to.have.length(0);
  });

  it('formats money, percentages and dates in de-DE with EUR', async () => {
    const el = await full('de-DE', 'EUR');
    const value = text($$(row(el, 'Attributed_Revenue'), 'td')[0]!);
    expect(value).to.equal('412.300 €');
    expect(text($$(row(el, 'Win_Rate'), 'td')[0]!)).to.equal('42,50 %');
    expect(text($(el, '.tier-name'))).to.equal('Gold partner since 3. März 2025');
    expect(text(document.createTextNode($$(el, '[role="progressbar"]')[0]!.getAttribute('aria-valuetext')!))).to.equal(
      '412.300 € of 500.000 €, 87.700 € to go',
    );
  });

  it('shows empty states before the first score and tier', async () => {
    const el = await fixture<PrmPartnerHealth>(html`<prm-partner-health></prm-partner-health>`);
    expect(text($(el, '.health [role="status"]'))).to.equal('No health score yet: it appears after the next sync.');
    expect(text($(el, '.tier .empty'))).to.equal('No tier yet.');
  });

  it('shows loading, and an error instead of the content', async () => {
    const el = await fixture<PrmPartnerHealth>(html`<prm-partner-health loading .health=${HEALTH}></prm-partner-health>`);
    expect(text($(el, '[role="status"]'))).to.equal('Loading partner health');
    expect($$(el, 'table')).to.have.length(0);
    el.error = 'The health field could not be read';
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.equal('The health field could not be read');
  });

  it('shows markup in labels and evidence as text', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    const el = await full();
    el.health = {
      ...HEALTH,
      measures: [{ ...HEALTH.measures[0]!, label: evil, evidence: { label: evil, recordIds: [evil], total: 1 } }],
      reasons: [{ code: 'x', message: evil }],
    };
    el.tier = { ...GOLD, label: evil, benefits: { ...GOLD.benefits, summary: evil } };
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.evidence button').click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect($$(el, 'img')).to.have.length(0);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    expect(text($(el, 'tbody th'))).to.equal(evil);
    expect(text($(el, '.tier-name strong'))).to.equal(evil);
  });

  it('is accessible with everything shown, evidence open and a grace warning', async () => {
    const el = await fixture<PrmPartnerHealth>(html`<${twin}
      .health=${HEALTH}
      .trend=${-2}
      .history=${history(14)}
      .tier=${{ ...GOLD, graceUntil: '2027-02-14' }}
      .nextTier=${{ name: 'Platinum', label: 'Platinum' }}
      .gaps=${GAPS}
      locale="en-US"
    ></${twin}>`);
    $<HTMLButtonElement>(el, '.evidence button').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[role="progressbar"]')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('keeps the measures table inside its column on a narrow card', async () => {
    const el = await full();
    el.style.display = 'block';
    el.style.width = '40rem';
    await el.updateComplete;
    const tier = $(el, 'section.tier').getBoundingClientRect();
    const table = $(el, 'table').getBoundingClientRect();
    expect(tier.top).to.equal($(el, 'section.health').getBoundingClientRect().top); // two columns
    expect(table.width).to.be.greaterThan(tier.left - table.left); // wider than its column
    // Nothing of the table lies under a point just inside the Tier column, level with the table.
    const stack = root(el).elementsFromPoint(tier.left + 4, table.top + table.height / 2);
    expect(stack.filter((e) => e.closest('table') !== null)).to.have.length(0);
  });

  it('is accessible when empty, loading and in error', async () => {
    for (const el of [
      await fixture(html`<${twin}></${twin}>`),
      await fixture(html`<${twin} loading></${twin}>`),
      await fixture(html`<${twin} error="Could not load"></${twin}>`),
    ]) {
      expect(el.shadowRoot!.childElementCount).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    }
  });
});
