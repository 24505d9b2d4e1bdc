import { expect, fixture, html } from '@open-wc/testing';
import '../register.js';
import { PrmTierBadge } from './prm-tier-badge.js';
import { $, $$, openTwin, root, text } from '../testing/open-twin.js';

const twin = openTwin('prm-tier-badge', PrmTierBadge);

describe('prm-tier-badge', () => {
  it('renders into a closed shadow root', async () => {
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge .tier=${'Gold'}></prm-tier-badge>`);
    expect(el.shadowRoot).to.equal(null);
    expect(root(el).mode).to.equal('closed');
  });

  it('names the chip "Gold partner, health Green 82"', async () => {
    const el = await fixture<PrmTierBadge>(
      html`<prm-tier-badge .tier=${'Gold'} .band=${'Green'} .score=${82} locale="en-US"></prm-tier-badge>`,
    );
    const chip = $(el, '[role="img"]');
    expect(chip.getAttribute('aria-label')).to.equal('Gold partner, health Green 82');
    expect(text($(el, '.tier'))).to.equal('Gold');
    expect(text($(el, '.band'))).to.equal('Green 82');
    expect($(el, '.band').classList.contains('Green')).to.equal(true);
  });

  it('colours each band differently', async () => {
    const el = await fixture<PrmTierBadge>(
      html`<prm-tier-badge .tier=${'Silver'} .band=${'Red'} .score=${31}></prm-tier-badge>`,
    );
    const red = getComputedStyle($(el, '.band')).backgroundColor;
    el.band = 'Green';
    await el.updateComplete;
    expect(getComputedStyle($(el, '.band')).backgroundColor).to.not.equal(red);
  });

  it('says what is missing when there is no score yet', async () => {
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge .tier=${'Silver'}></prm-tier-badge>`);
    expect($(el, '[role="img"]').getAttribute('aria-label')).to.equal('Silver partner, no health score yet');
    expect(text($(el, '.band'))).to.equal('No score');
  });

  it('shows an empty state with neither tier nor health', async () => {
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge></prm-tier-badge>`);
    expect(text($(el, '[role="status"]'))).to.equal('No tier or health score yet');
    expect($$(el, '[role="img"]')).to.have.length(0);
  });

  it('shows loading, and an error over anything else', async () => {
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge loading .tier=${'Gold'}></prm-tier-badge>`);
    expect(text($(el, '[role="status"]'))).to.equal('Loading tier and health');
    el.error = 'Could not read the partner';
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.equal('Could not read the partner');
    expect($$(el, '[role="status"]')).to.have.length(0);
  });

  it('formats the score in the user locale', async () => {
    const el = await fixture<PrmTierBadge>(
      html`<prm-tier-badge .tier=${'Gold'} .band=${'Yellow'} .score=${1234} locale="de-DE"></prm-tier-badge>`,
    );
    expect($(el, '[role="img"]').getAttribute('aria-label')).to.equal('Gold partner, health Yellow 1.234');
  });

  it('shows a tier name with markup as text', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    const el = await fixture<PrmTierBadge>(html`<prm-tier-badge .tier=${evil} .band=${'Green'}></prm-tier-badge>`);
    await new Promise((r) => setTimeout(r, 50));
    expect(text($(el, '.tier'))).to.equal(evil);
    expect($$(el, 'img')).to.have.length(0);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
  });

  for (const [name, props] of [
    ['full', { tier: 'Gold', band: 'Green', score: 82 }],
    ['yellow', { tier: 'Silver', band: 'Yellow', score: 55 }],
    ['red', { tier: 'Registered', band: 'Red', score: 12 }],
    ['no score', { tier: 'Gold', band: null, score: null }],
    ['empty', { tier: null, band: null, score: null }],
  ] as const) {
    it(`is accessible: ${name}`, async () => {
      const el = await fixture(
        html`<${twin} .tier=${props.tier} .band=${props.band} .score=${props.score}></${twin}>`,
      );
      expect(el.shadowRoot?.querySelector('*')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('is accessible while loading and in error', async () => {
    const loading = await fixture(html`<${twin} loading></${twin}>`);
    await expect(loading).to.be.accessible();
    const failed = await fixture(html`<${twin} error="Could not read the partner"></${twin}>`);
    await expect(failed).to.be.accessible();
  });
});
