// XSS in real Chromium: every component rendered with every text it shows (names, labels, reasons, errors,
// ids, locale and currency codes) set to markup and script payloads. Nothing may run (window.__xss stays
// unset), no element or handler may come out of the data, no link may carry a javascript: URL, and the
// payload must be on screen as the text it is.
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import './register.js';
import { root, text } from './testing/open-twin.js';
import type { PrmCosellSplits } from './prm-cosell-splits/prm-cosell-splits.js';
import type { PartnerOption, SplitInput } from './prm-cosell-splits/types.js';
import type { PrmDealRegistration } from './prm-deal-registration/prm-deal-registration.js';
import type { OpportunitySummary, RegistrationView } from './prm-deal-registration/types.js';
import type { PrmPartnerHealth } from './prm-partner-health/prm-partner-health.js';
import type { HealthExplained, HealthExplainedMeasure, NextTierInfo, TierGapView, TierInfo } from './prm-partner-health/types.js';
import type { HealthBandName, PrmTierBadge } from './prm-tier-badge/prm-tier-badge.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  "'><svg onload=window.__xss=1>",
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '</style><iframe srcdoc="<script>parent.__xss=1</script>">',
  '${window.__xss=1}',
] as const;

const IMG = PAYLOADS[0];
const SCRIPT = PAYLOADS[1];
/** A payload, cycling, so every field gets one and every payload is used. */
let n = 0;
const p = (): string => PAYLOADS[n++ % PAYLOADS.length]!;

type Xss = { __xss?: unknown };
const win = window as unknown as Xss;

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);

async function settle(el: LitElement): Promise<void> {
  await el.updateComplete;
  // Give an injected <img onerror> or <svg onload> time to fire.
  await new Promise((r) => setTimeout(r, 100));
}

/** Nothing the data could have turned into markup or behaviour. */
function expectInert(el: Element): void {
  expect(win.__xss, 'a payload ran').to.equal(undefined);
  const r = root(el);
  expect(r.querySelectorAll('script, img, iframe, object, embed, foreignObject').length, 'elements from data').to.equal(0);
  for (const node of r.querySelectorAll('*')) {
    for (const attr of node.attributes) {
      expect(attr.name.startsWith('on'), `<${node.localName} ${attr.name}>`).to.equal(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attr.name)) {
        expect(attr.value.trim().toLowerCase(), `<${node.localName} ${attr.name}>`).to.not.match(/^javascript:|^data:text\/html/);
      }
    }
  }
  expect(document.querySelectorAll('script:not([type]), img, iframe').length - baselineDocNodes, 'elements added to the page').to.equal(0);
}

let baselineDocNodes = 0;

describe('security: component XSS', () => {
  beforeEach(() => {
    delete win.__xss;
    n = 0;
    baselineDocNodes = document.querySelectorAll('script:not([type]), img, iframe').length;
  });
  afterEach(() => {
    expect(win.__xss, 'a payload ran (after the test)').to.equal(undefined);
  });

  it('the check itself catches a payload rendered as markup', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.innerHTML = IMG;
    await new Promise((r) => setTimeout(r, 100));
    expect(win.__xss).to.equal(1);
    host.remove();
    delete win.__xss;
  });

  it('prm-tier-badge shows payload tier, band and error as text', async () => {
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge
      .tier=${IMG}
      .band=${SCRIPT as unknown as HealthBandName}
      .score=${42}
      locale=${p()}
    ></prm-tier-badge>`);
    await settle(el);
    expectInert(el);
    expect(text(root(el))).to.contain(IMG);
    expect(text(root(el))).to.contain(SCRIPT);
    for (const payload of PAYLOADS) {
      el.error = payload;
      await settle(el);
      expectInert(el);
      expect(text(root(el))).to.contain(payload);
    }
  });

  it('prm-deal-registration shows payload names, domains, products and reasons as text', async () => {
    const partners: PartnerOption[] = [
      { id: '001000000000P1AAAA', name: IMG },
      { id: '001000000000P2AAAA', name: SCRIPT },
      { id: p(), name: p() },
    ];
    const opp: OpportunitySummary = {
      id: '006000000000001AAA',
      name: IMG,
      accountId: '001000000000ACMEAA',
      accountName: SCRIPT,
      accountDomain: p(),
      isClosed: false,
      isWon: false,
      createdAt: NOW - 10 * DAY,
      amountCents: 12_000_000,
      products: [p(), p()],
    };
    const other: OpportunitySummary = { ...opp, id: '006000000000002AAA', name: SCRIPT, primaryPartnerId: '001000000000P1AAAA', createdAt: NOW - 5 * DAY };
    const competing: RegistrationView = {
      id: 'a0B000000000007AAA',
      name: IMG,
      partnerId: '001000000000P2AAAA',
      customerAccountId: '001000000000ACMEAA',
      customerName: SCRIPT,
      customerDomain: p(),
      type: 'Sourced',
      products: [p(), IMG],
      estimatedAmountCents: 5_000_000,
      status: 'Approved',
      submittedAt: NOW - 20 * DAY,
      decidedAt: NOW - 20 * DAY,
      decidedBy: 'Rules',
      decisionReason: p(),
      protectedUntil: '2027-02-14',
      createdAt: NOW - 20 * DAY,
    };
    // A new registration form, with the conflicts it finds.
    const form = await fixture<PrmDealRegistration>(html`<prm-deal-registration
      .opportunity=${opp}
      .partners=${partners}
      .registrations=${[competing]}
      .opportunities=${[opp, other]}
      .now=${NOW}
      locale=${p()}
      currency=${p()}
    ></prm-deal-registration>`);
    await settle(form);
    expectInert(form);
    const shown = text(root(form));
    expect(shown).to.contain(SCRIPT);
    const options = [...root(form).querySelectorAll('option')].map((o) => o.textContent?.trim());
    expect(options).to.include(IMG);

    // An existing registration with a manager's decision form.
    const own: RegistrationView = { ...competing, id: 'a0B000000000008AAA', opportunityId: opp.id, status: 'Submitted', decidedAt: null, decidedBy: null, decisionReason: IMG, partnerId: '001000000000P1AAAA', name: SCRIPT };
    const status = await fixture<PrmDealRegistration>(html`<prm-deal-registration
      .opportunity=${opp}
      .partners=${partners}
      .registrations=${[competing, own]}
      .registration=${own}
      .opportunities=${[opp, other]}
      .now=${NOW}
      can-decide
      locale="en-US"
      currency="USD"
    ></prm-deal-registration>`);
    await settle(status);
    expectInert(status);
    expect(text(root(status))).to.contain(IMG);
    for (const payload of PAYLOADS) {
      status.error = payload;
      await settle(status);
      expectInert(status);
      expect(text(root(status))).to.contain(payload);
    }
  });

  it('prm-cosell-splits shows payload partner names, ids and errors as text', async () => {
    const partners: PartnerOption[] = [
      { id: '001000000000P1AAAA', name: IMG },
      { id: '001000000000P2AAAA', name: SCRIPT },
      { id: p(), name: p() },
    ];
    const splits: SplitInput[] = [
      { id: 'a02000000000001AAA', partnerId: '001000000000P1AAAA', partnerName: IMG, role: 'Sourced', type: 'Revenue', percent: 60 },
      { id: p(), partnerId: '001000000000P9AAAA', partnerName: SCRIPT, role: 'Influenced', type: 'Revenue', percent: 40 },
    ];
    const el = await fixture<PrmCosellSplits>(html`<prm-cosell-splits
      .splits=${splits}
      .partners=${partners}
      .amountCents=${1_000_000}
      locale="en-US"
      currency="USD"
    ></prm-cosell-splits>`);
    await settle(el);
    expectInert(el);
    const visible = [text(root(el)), ...[...root(el).querySelectorAll('option')].map((o) => o.textContent ?? '')].join(' ');
    expect(visible).to.contain(IMG);
    expect(visible).to.contain(SCRIPT);
    for (const payload of PAYLOADS) {
      el.error = payload;
      await settle(el);
      expectInert(el);
      expect(text(root(el))).to.contain(payload);
    }
  });

  it('prm-partner-health shows payload labels, evidence, reasons, tiers and gaps as text', async () => {
    const measure = (over: Partial<HealthExplainedMeasure> & Pick<HealthExplainedMeasure, 'measure' | 'unit'>): HealthExplainedMeasure => ({
      label: p(),
      status: 'scored',
      value: 10,
      points: 50,
      weight: 10,
      effectiveWeight: 10,
      contribution: 5,
      evidence: { label: p(), recordIds: [p(), IMG], total: 2 },
      ...over,
    });
    const health: HealthExplained = {
      v: 1,
      score: 82,
      band: 'Green',
      reweighted: true,
      measures: [
        measure({ measure: 'Attributed_Revenue', unit: 'cents', label: IMG, value: 41_230_000 }),
        measure({ measure: 'Win_Rate', unit: 'bp', label: SCRIPT, value: 4250 }),
        measure({ measure: 'Engagement_Recency', unit: 'days', value: 9 }),
        measure({ measure: 'Certifications', unit: 'count', value: null, status: 'inactive', weight: 0, effectiveWeight: 0, points: 0 }),
      ],
      reasons: [
        { code: 'reweighted_not_applicable', message: IMG },
        { code: p(), message: p() },
      ],
    };
    const tier: TierInfo = { name: p(), label: IMG, since: '2025-03-03', graceUntil: '2027-01-01', benefits: { discountBp: 1500, mdfBp: 250, summary: SCRIPT } };
    const nextTier: NextTierInfo = { name: p(), label: SCRIPT };
    const gaps: TierGapView[] = [
      { criterion: 'attributedRevenueCents', required: 50_000_000, actual: 41_230_000, missing: 8_770_000, met: false, label: IMG },
      { criterion: 'wonDeals', required: 6, actual: 7, missing: 0, met: true, label: p() },
    ];
    const el = await fixture<PrmPartnerHealth>(html`<prm-partner-health
      .health=${health}
      .trend=${5}
      .history=${[{ asOf: '2026-01-01', score: 60 }, { asOf: '2026-02-01', score: 70 }]}
      .tier=${tier}
      .nextTier=${nextTier}
      .gaps=${gaps}
      locale="en-US"
      currency="USD"
    ></prm-partner-health>`);
    await settle(el);
    expectInert(el);
    // Open every evidence disclosure so its payload-labelled content renders too.
    for (const button of root(el).querySelectorAll<HTMLButtonElement>('button')) button.click();
    await settle(el);
    expectInert(el);
    const shown = text(root(el));
    expect(shown).to.contain(IMG);
    expect(shown).to.contain(SCRIPT);
    for (const payload of PAYLOADS) {
      el.error = payload;
      await settle(el);
      expectInert(el);
      expect(text(root(el))).to.contain(payload);
    }
  });

  // format.ts promises that a bad locale or currency code "must not blank the page": a payload in either
  // must leave the component rendered (and inert).
  const codes: [locale: string, currency: string][] = [
    [IMG, 'USD'],
    ['en-US', SCRIPT],
    ['xx-invalid-', 'USD'],
    ['en-US', 'US'],
    ['de-DE', ''],
  ];
  for (const [locale, currency] of codes) {
    it(`locale ${JSON.stringify(locale)} with currency ${JSON.stringify(currency)} neither blanks a component nor runs anything`, async () => {
      const splits = await fixture<PrmCosellSplits>(html`<prm-cosell-splits
        .splits=${[{ partnerId: '001000000000P1AAAA', partnerName: 'Northwind', role: 'Sourced', type: 'Revenue', percent: 100 }]}
        .partners=${[{ id: '001000000000P1AAAA', name: 'Northwind' }]}
        .amountCents=${1_000_000}
        locale=${locale}
        currency=${currency}
      ></prm-cosell-splits>`);
      await settle(splits);
      expectInert(splits);
      expect(text(root(splits))).to.contain('Northwind');
      const health = await fixture<PrmPartnerHealth>(html`<prm-partner-health
        .health=${{ v: 1, score: 50, band: 'Yellow', reweighted: false, measures: [{ measure: 'Attributed_Revenue', label: 'Attributed revenue', unit: 'cents', status: 'scored', value: 100, points: 50, weight: 100, effectiveWeight: 100, contribution: 50, evidence: { label: 'e', recordIds: [], total: 0 } }], reasons: [] }}
        locale=${locale}
        currency=${currency}
      ></prm-partner-health>`);
      await settle(health);
      expectInert(health);
      expect(text(root(health))).to.contain('Attributed revenue');
    });
  }
});
