import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../register.js';
import { $, $$, openTwin, root, text } from '../testing/open-twin.js';
import { PrmCosellSplits } from './prm-cosell-splits.js';
import type { PartnerOption, PrmSplitsChangeDetail, SplitInput } from './types.js';

const twin = openTwin('prm-cosell-splits', PrmCosellSplits);

const PARTNERS: PartnerOption[] = [
  { id: '001A', name: 'Acme Partners' },
  { id: '001B', name: 'Beta Integrators' },
  { id: '001C', name: 'Gamma Cloud' },
];

const SPLITS: SplitInput[] = [
  { id: 'a01', partnerId: '001A', role: 'Sourced', type: 'Revenue', percent: 60 },
  { id: 'a02', partnerId: '001B', role: 'Fulfillment', type: 'Revenue', percent: 40 },
];

async function make(splits = SPLITS, amountCents: number | null = 10_000_001, locale = 'en-US', currency = 'USD') {
  return fixture<PrmCosellSplits>(html`<prm-cosell-splits
    .splits=${splits}
    .partners=${PARTNERS}
    .amountCents=${amountCents}
    locale=${locale}
    currency=${currency}
  ></prm-cosell-splits>`);
}

const rows = (el: Element): HTMLElement[] => $$(el, 'tbody tr');
const percentInput = (el: Element, i: number): HTMLInputElement => $<HTMLInputElement>(rows(el)[i]!, 'input.percent');
const amounts = (el: Element): string[] => $$(el, 'td.amount').map((c) => text(c));
const status = (el: Element): string => text($(el, '.total[role="status"]'));
const save = (el: Element): HTMLButtonElement => $<HTMLButtonElement>(el, 'button.save');

async function type(el: PrmCosellSplits, i: number, value: string): Promise<void> {
  const input = percentInput(el, i);
  input.focus();
  input.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}

async function choose(el: PrmCosellSplits, select: HTMLSelectElement, value: string): Promise<void> {
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('prm-cosell-splits', () => {
  it('renders into a closed shadow root', async () => {
    const el = await make();
    expect(el.shadowRoot).to.equal(null);
    expect(root(el).mode).to.equal('closed');
  });

  it('shows each split with amounts to the cent that sum to the opportunity amount', async () => {
    const el = await make();
    expect(rows(el)).to.have.length(2);
    expect($<HTMLSelectElement>(rows(el)[0]!, 'select.partner').value).to.equal('001A');
    expect(percentInput(el, 1).value).to.equal('40');
    // $100,000.01 split 60/40: largest remainder gives the odd cent to the larger fraction.
    expect(amounts(el)).to.deep.equal(['$60,000.01', '$40,000.00']);
    expect(status(el)).to.equal('Revenue splits total 100.00%.');
    expect(save(el).disabled).to.equal(true);
    expect(text($(el, '#save-hint'))).to.equal('No changes to save.');
  });

  it('recomputes as the rep types and says what is left to allocate', async () => {
    const el = await make();
    const changes: PrmSplitsChangeDetail[] = [];
    el.addEventListener('prm_splits_change', (e) => changes.push(e.detail));
    await type(el, 1, '39.99');
    expect(status(el)).to.equal('Revenue splits total 99.99% — 0.01% left to allocate');
    expect($(el, '.total').getAttribute('aria-live')).to.equal('polite');
    expect(save(el).disabled).to.equal(true);
    expect(amounts(el)[1]).to.equal('≈ about $39,990.00');
    const last = changes[changes.length - 1]!;
    expect(last.valid).to.equal(false);
    expect(last.revenueTotalBp).to.equal(9999);
    expect(last.remainingRevenueBp).to.equal(1);
    expect(last.splits[1]!.percent).to.equal(39.99);
    await type(el, 1, '40.02');
    expect(status(el)).to.equal('Revenue splits total 100.02% — 0.02% over 100%');
  });

  it('gives the remainder to a row and then saves the valid set', async () => {
    const el = await make();
    await type(el, 1, '39.99');
    const give = $<HTMLButtonElement>(rows(el)[1]!, 'button.remainder');
    expect(give.getAttribute('aria-label')).to.equal('Give the remainder to split 2 (Beta Integrators): 40.00%');
    give.click();
    await el.updateComplete;
    expect(percentInput(el, 1).value).to.equal('40');
    expect(status(el)).to.equal('Revenue splits total 100.00%.');
    expect(save(el).disabled).to.equal(false);
    const saved = oneEvent(el, 'prm_splits_save');
    save(el).click();
    const event = await saved;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({
      splits: [
        { id: 'a01', partnerId: '001A', partnerName: 'Acme Partners', role: 'Sourced', type: 'Revenue', percent: 60 },
        { id: 'a02', partnerId: '001B', partnerName: 'Beta Integrators', role: 'Fulfillment', type: 'Revenue', percent: 40 },
      ],
    });
  });

  it('adds a row with the remaining share, focuses it, and validates the partner', async () => {
    const el = await make();
    await type(el, 0, '50');
    $<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(3);
    const partner = $<HTMLSelectElement>(rows(el)[2]!, 'select.partner');
    expect(root(el).activeElement).to.equal(partner);
    expect(percentInput(el, 2).value).to.equal('10');
    expect(status(el)).to.equal('Revenue splits total 100.00%.');
    expect(save(el).disabled, 'no partner yet').to.equal(true);
    expect($$(rows(el)[2]!, '.field-error'), 'a fresh row is not scolded').to.have.length(0);
    await type(el, 2, '10');
    expect(text($(rows(el)[2]!, '.field-error'))).to.equal('Split 3: choose a partner.');
    expect(partner.getAttribute('aria-invalid')).to.equal('true');
    await choose(el, partner, '001C');
    expect(save(el).disabled).to.equal(false);
    expect(amounts(el)).to.deep.equal(['$50,000.01', '$40,000.00', '$10,000.00']);
  });

  it('splits revenue equally to the basis point', async () => {
    const el = await make([...SPLITS, { partnerId: '001C', role: 'Technology', type: 'Revenue', percent: 5 }]);
    $<HTMLButtonElement>(el, 'button.equal').click();
    await el.updateComplete;
    expect([0, 1, 2].map((i) => percentInput(el, i).value)).to.deep.equal(['33.34', '33.33', '33.33']);
    expect(status(el)).to.equal('Revenue splits total 100.00%.');
  });

  it('keeps influence splits out of the revenue total', async () => {
    const el = await make();
    await choose(el, $<HTMLSelectElement>(rows(el)[1]!, 'select.type'), 'Influence');
    expect(status(el)).to.equal('Revenue splits total 60.00% — 40.00% left to allocate');
    expect($$(rows(el)[1]!, 'button.remainder')).to.have.length(0);
    expect(amounts(el)[1]).to.equal('$40,000.00');
  });

  it('removes a row from the keyboard and moves focus to the next control', async () => {
    const el = await make();
    const remove = $<HTMLButtonElement>(rows(el)[0]!, 'button.remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove split 1 (Acme Partners)');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rows(el)).to.have.length(1);
    expect(root(el).activeElement).to.equal($(rows(el)[0]!, 'select.partner'));
    expect(status(el)).to.equal('Revenue splits total 40.00% — 60.00% left to allocate');
  });

  it('refuses a share with more than two decimals', async () => {
    const el = await make();
    await type(el, 1, '39.995');
    expect(text($(rows(el)[1]!, '.field-error'))).to.equal(
      'Split 2 (Beta Integrators): percent may have at most 2 decimals (got 39.995).',
    );
    expect(percentInput(el, 1).getAttribute('aria-invalid')).to.equal('true');
    expect(save(el).disabled).to.equal(true);
  });

  it('reads and formats shares and money in de-DE with EUR', async () => {
    const el = await make(
      [
        { partnerId: '001A', role: 'Sourced', type: 'Revenue', percent: 33.33 },
        { partnerId: '001B', role: 'Influenced', type: 'Revenue', percent: 66.67 },
      ],
      100_000,
      'de-DE',
      'EUR',
    );
    expect(percentInput(el, 0).value).to.equal('33,33');
    expect(amounts(el)).to.deep.equal(['333,30 €', '666,70 €']);
    await type(el, 1, '66,66');
    expect(status(el)).to.equal('Revenue splits total 99,99 % — 0,01 % left to allocate');
  });

  it('shows an empty state, a missing amount, loading and errors', async () => {
    const el = await make([], null);
    expect(text($(el, '.empty'))).to.equal("No co-sell splits yet. Add a partner's share of this deal.");
    expect(text($(el, '.alert.info'))).to.contain('no amount');
    expect(status(el)).to.equal('No revenue splits yet.');
    el.loading = true;
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal('Loading co-sell splits');
    el.error = 'The splits could not be read';
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.equal('The splits could not be read');
    expect($$(el, 'table')).to.have.length(0);
  });

  it('discards edits when the host sets new splits, and does not save twice while saving', async () => {
    const el = await make();
    await type(el, 1, '39.99');
    el.splits = [...SPLITS];
    await el.updateComplete;
    expect(percentInput(el, 1).value).to.equal('40');
    await type(el, 0, '60.00');
    el.saving = true;
    await el.updateComplete;
    expect(save(el).disabled).to.equal(true);
    expect(text(save(el))).to.equal('Saving…');
  });

  it('shows partner names with markup as text', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    const el = await fixture<PrmCosellSplits>(html`<prm-cosell-splits
      .splits=${[{ partnerId: 'x1', partnerName: evil, role: 'Sourced', type: 'Revenue', percent: 100 }]}
      .partners=${[{ id: 'x2', name: evil }]}
      .amountCents=${100}
    ></prm-cosell-splits>`);
    await new Promise((r) => setTimeout(r, 50));
    expect($$(el, 'img')).to.have.length(0);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    expect($$<HTMLOptionElement>(el, 'select.partner option').map((o) => o.textContent)).to.include(evil);
  });

  it('is accessible with rows, errors and an off total', async () => {
    const el = await fixture<PrmCosellSplits>(html`<${twin}
      .splits=${SPLITS}
      .partners=${PARTNERS}
      .amountCents=${10_000_000}
      locale="en-US"
    ></${twin}>`);
    $<HTMLButtonElement>(el, 'button.add').click();
    await el.updateComplete;
    await type(el as PrmCosellSplits, 2, '5');
    expect(el.shadowRoot!.querySelectorAll('.field-error').length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('.total.off[role="status"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is accessible when empty, loading and in error', async () => {
    for (const el of [
      await fixture(html`<${twin} .splits=${[]} .amountCents=${null}></${twin}>`),
      await fixture(html`<${twin} .splits=${SPLITS} .partners=${PARTNERS} .amountCents=${null} saving></${twin}>`),
      await fixture(html`<${twin} loading></${twin}>`),
      await fixture(html`<${twin} error="Could not load"></${twin}>`),
    ]) {
      expect(el.shadowRoot!.childElementCount).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    }
  });
});
