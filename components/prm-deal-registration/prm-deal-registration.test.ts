import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../register.js';
import { $, $$, openTwin, root, text } from '../testing/open-twin.js';
import { PrmDealRegistration } from './prm-deal-registration.js';
import type { OpportunitySummary, PartnerOption, PrmRegisterDetail, RegistrationView } from './types.js';

const twin = openTwin('prm-deal-registration', PrmDealRegistration);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12); // 2026-11-23
const ACCOUNT = '001000000000ACMEAA';

const OPP: OpportunitySummary = {
  id: '006000000000001AAA',
  name: 'Acme renewal',
  accountId: ACCOUNT,
  accountName: 'Acme Corporation',
  accountDomain: 'acme.com',
  isClosed: false,
  isWon: false,
  createdAt: NOW - 10 * DAY,
  amountCents: 12_000_000,
};

const OTHER_OPP: OpportunitySummary = {
  id: '006000000000002AAA',
  name: 'Acme expansion',
  accountId: null,
  accountName: 'ACME Corp.',
  accountDomain: 'www.acme.com',
  isClosed: false,
  isWon: false,
  createdAt: NOW - 5 * DAY,
  primaryPartnerId: null,
};

const PARTNERS: PartnerOption[] = [
  { id: '001000000000P1AAAA', name: 'Northwind Partners' },
  { id: '001000000000P2AAAA', name: 'Contoso Consulting' },
];

const PROTECTING: RegistrationView = {
  id: 'a0B000000000007AAA',
  name: 'DR-0007',
  partnerId: '001000000000P2AAAA',
  customerAccountId: ACCOUNT,
  customerName: 'Acme Corporation',
  type: 'Sourced',
  products: ['CRM'],
  estimatedAmountCents: 5_000_000,
  status: 'Approved',
  submittedAt: NOW - 20 * DAY,
  decidedAt: NOW - 20 * DAY,
  decidedBy: 'Rules',
  protectedUntil: '2027-02-14',
  createdAt: NOW - 20 * DAY,
};

type Props = {
  registrations?: RegistrationView[];
  registration?: RegistrationView | null;
  canDecide?: boolean;
  locale?: string;
  currency?: string;
  partners?: PartnerOption[];
  opportunity?: OpportunitySummary;
};

function make(p: Props = {}): Promise<PrmDealRegistration> {
  return fixture<PrmDealRegistration>(html`<prm-deal-registration
    .opportunity=${p.opportunity ?? OPP}
    .partners=${p.partners ?? PARTNERS}
    .registrations=${p.registrations ?? [PROTECTING]}
    .opportunities=${[OPP, OTHER_OPP]}
    .registration=${p.registration ?? null}
    .now=${NOW}
    ?can-decide=${p.canDecide ?? false}
    locale=${p.locale ?? 'en-US'}
    currency=${p.currency ?? 'USD'}
  ></prm-deal-registration>`);
}

async function choosePartner(el: PrmDealRegistration, id: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, '#partner');
  select.value = id;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function typeInto(el: PrmDealRegistration, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector);
  input.focus();
  input.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}

const conflictTitles = (el: Element): string[] => $$(el, '.conflict-title').map((t) => text(t));

describe('prm-deal-registration', () => {
  it('renders into a closed shadow root', async () => {
    const el = await make();
    expect(el.shadowRoot).to.equal(null);
    expect(root(el).mode).to.equal('closed');
  });

  it('shows conflicting registrations and opportunities before submitting, with reasons, score and protection', async () => {
    const el = await make();
    expect(text($(el, '.conflict-count'))).to.equal('2 possible conflicts found.');
    expect($(el, '.conflict-count').getAttribute('aria-live')).to.equal('polite');
    expect(conflictTitles(el)).to.deep.equal([
      'Registration DR-0007 by Contoso Consulting (Approved)',
      'Opportunity Acme expansion, worked by the direct team',
    ]);
    const [first] = $$(el, '.conflict');
    expect(text($(first!, '.score'))).to.equal('Match 100 out of 100');
    expect(text($(first!, '.protection'))).to.equal('Protects Contoso Consulting until Feb 14, 2027. It came first.');
    expect($$(first!, '.reasons li').map((li) => text(li))).to.include('Same customer account');
    expect(first!.classList.contains('protected')).to.equal(true);
  });

  it('re-runs the rules as the rep picks a partner and previews the verdict', async () => {
    const el = await make();
    expect($$(el, '.preview')).to.have.length(0);
    await choosePartner(el, '001000000000P1AAAA');
    expect(text($(el, '.preview'))).to.match(/^If you submit now: Rejected as a duplicate: registration a0B000000000007AAA/);
    await choosePartner(el, '001000000000P2AAAA');
    expect(text($$(el, '.conflict .protection')[0]!)).to.equal(
      'Same partner: a resubmission, not a competitor. It came first.',
    );
  });

  it('says so when nothing conflicts', async () => {
    const el = await make({ registrations: [] });
    el.opportunities = [OPP];
    await el.updateComplete;
    expect(text($(el, '.conflict-count'))).to.equal('No conflicting registrations or opportunities found.');
    expect($$(el, '.conflict')).to.have.length(0);
  });

  it('refuses to submit without a partner, says why and focuses the field', async () => {
    const el = await make();
    let fired = false;
    el.addEventListener('prm_register', () => (fired = true));
    $<HTMLButtonElement>(el, 'button.submit').click();
    await el.updateComplete;
    expect(fired).to.equal(false);
    const partner = $(el, '#partner');
    expect(partner.getAttribute('aria-invalid')).to.equal('true');
    expect(partner.getAttribute('aria-describedby')).to.equal('partner-error');
    expect(text($(el, '#partner-error'))).to.equal('Choose the partner you register this deal for.');
    expect(root(el).activeElement).to.equal(partner);
  });

  it('refuses an amount with more than two decimals', async () => {
    const el = await make();
    await choosePartner(el, '001000000000P1AAAA');
    await typeInto(el, '#amount', '10.555');
    $<HTMLButtonElement>(el, 'button.submit').click();
    await el.updateComplete;
    expect(text($(el, '#amount-error'))).to.contain('at most two decimals');
    expect(root(el).activeElement).to.equal($(el, '#amount'));
  });

  it('submits prm_register with the draft: partner, type, product chips and amount in cents', async () => {
    const el = await make();
    expect($<HTMLInputElement>(el, '#amount').value).to.equal('120,000');
    await choosePartner(el, '001000000000P1AAAA');
    $<HTMLInputElement>(el, 'input[value="Influenced"]').click();
    await typeInto(el, '#products', 'CRM, Analytics');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ type: 'Support,' });
    await el.updateComplete;
    expect($$(el, '.chip > span').map((c) => text(c))).to.deep.equal(['CRM', 'Analytics', 'Support']);
    $<HTMLButtonElement>(el, 'button[aria-label="Remove product Analytics"]').click();
    await el.updateComplete;
    await typeInto(el, '#amount', '120,000.50');
    const fired = oneEvent(el, 'prm_register');
    $<HTMLButtonElement>(el, 'button.submit').click();
    const event = await fired;
    expect(event.bubbles && event.composed).to.equal(true);
    expect((event.detail as PrmRegisterDetail).registration).to.deep.equal({
      partnerId: '001000000000P1AAAA',
      opportunityId: OPP.id,
      customerAccountId: ACCOUNT,
      customerName: 'Acme Corporation',
      customerDomain: 'acme.com',
      type: 'Influenced',
      products: ['CRM', 'Support'],
      estimatedAmountCents: 12_000_050,
      status: 'Submitted',
    });
  });

  it('shows an approved registration with its protection countdown', async () => {
    const el = await make({
      locale: 'en-GB',
      registration: { ...PROTECTING, id: 'a0B1', partnerId: '001000000000P1AAAA', opportunityId: OPP.id },
    });
    expect(text($(el, '.pill'))).to.equal('Approved');
    expect(text($(el, '.countdown'))).to.equal('Protected for 83 more days, until 14 Feb 2027.');
    expect($$(el, 'form')).to.have.length(0);
    expect($$(el, '.decide')).to.have.length(0);
  });

  it("finds the opportunity's own registration in registrations and shows the SLA deadline", async () => {
    const mine: RegistrationView = {
      ...PROTECTING,
      id: 'a0B2',
      partnerId: '001000000000P1AAAA',
      opportunityId: OPP.id,
      status: 'Submitted',
      decidedAt: null,
      decidedBy: null,
      protectedUntil: null,
      decisionReason: 'Waiting for a partner manager: automatic approval is off.',
      submittedAt: NOW - DAY,
      createdAt: NOW - DAY,
    };
    const el = await make({ registrations: [PROTECTING, mine] });
    expect(text($(el, '.pill'))).to.equal('Submitted');
    expect(text($(el, '.decision-reason'))).to.equal('Waiting for a partner manager: automatic approval is off.');
    const deadline = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(NOW + DAY);
    expect(text($(el, '.sla'))).to.equal(`A partner manager decides by ${deadline}.`);
  });

  describe('a partner manager deciding', () => {
    const submitted: RegistrationView = {
      ...PROTECTING,
      id: 'a0B3',
      partnerId: '001000000000P1AAAA',
      opportunityId: OPP.id,
      status: 'Submitted',
      decidedAt: null,
      decidedBy: null,
      protectedUntil: null,
      submittedAt: NOW - 3 * DAY,
      createdAt: NOW - 3 * DAY,
    };

    it('requires a reason, then emits prm_decide with the protection end for an approval', async () => {
      const el = await make({ registration: submitted, canDecide: true, registrations: [PROTECTING, submitted] });
      expect(text($(el, '.sla'))).to.match(/^The decision deadline passed on /);
      expect(conflictTitles(el)).to.include('Registration DR-0007 by Contoso Consulting (Approved)');
      let fired = 0;
      el.addEventListener('prm_decide', () => fired++);
      $<HTMLButtonElement>(el, 'button.approve').click();
      await el.updateComplete;
      expect(fired).to.equal(0);
      const reason = $<HTMLTextAreaElement>(el, '#decision-reason');
      expect(text($(el, '#decision-error'))).to.equal('Enter the reason for your decision; the partner sees it.');
      expect(reason.getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).activeElement).to.equal(reason);
      await sendKeys({ type: 'Northwind sourced it; Contoso only resells' });
      await el.updateComplete;
      const decided = oneEvent(el, 'prm_decide');
      $<HTMLButtonElement>(el, 'button.approve').click();
      const { detail } = await decided;
      expect(detail).to.deep.equal({
        registrationId: 'a0B3',
        decision: 'Approved',
        reason: 'Northwind sourced it; Contoso only resells',
        protectedUntil: '2027-02-21',
      });
    });

    it('emits a rejection without protection', async () => {
      const el = await make({ registration: submitted, canDecide: true });
      $<HTMLTextAreaElement>(el, '#decision-reason').focus();
      await sendKeys({ type: 'Duplicate of DR-0007' });
      const decided = oneEvent(el, 'prm_decide');
      $<HTMLButtonElement>(el, 'button.reject').click();
      const { detail } = await decided;
      expect(detail).to.deep.equal({
        registrationId: 'a0B3',
        decision: 'Rejected',
        reason: 'Duplicate of DR-0007',
        protectedUntil: null,
      });
    });

    it('offers no decision to a rep', async () => {
      const el = await make({ registration: submitted, canDecide: false });
      expect($$(el, 'button.approve')).to.have.length(0);
    });
  });

  it('formats amounts and dates in de-DE with EUR', async () => {
    const el = await make({ locale: 'de-DE', currency: 'EUR' });
    expect($<HTMLInputElement>(el, '#amount').value).to.equal('120.000');
    expect(text($(el, 'label[for="amount"]'))).to.equal('*Estimated amount (EUR)');
    expect(text($$(el, '.conflict .protection')[0]!)).to.contain('14. Feb. 2027');
    el.registration = { ...PROTECTING, opportunityId: OPP.id };
    await el.updateComplete;
    expect(text($(el, '.facts dd'))).to.equal('50.000,00 €');
  });

  it('shows partner and customer names with markup as text', async () => {
    const evil = '<img src=x onerror=window.__xss=1>';
    const el = await make({
      partners: [{ id: '001000000000P2AAAA', name: evil }],
      opportunity: { ...OPP, accountName: evil },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect($$(el, 'img')).to.have.length(0);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    expect(text($(el, '.customer strong'))).to.equal(evil);
    expect(conflictTitles(el)[0]).to.equal(`Registration DR-0007 by ${evil} (Approved)`);
  });

  it('shows loading, error and empty states', async () => {
    const el = await make();
    el.loading = true;
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal('Loading deal registration');
    el.error = 'Could not read the opportunity';
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.equal('Could not read the opportunity');
    const empty = await fixture<PrmDealRegistration>(html`<prm-deal-registration></prm-deal-registration>`);
    expect(text($(empty, '[role="status"]'))).to.equal('No opportunity to register a deal on.');
    const noPartners = await make({ partners: [] });
    expect(text($(noPartners, '.empty'))).to.equal('No partners to register for yet.');
  });

  it('is accessible as a fresh form and as a read-only status', async () => {
    const form = await fixture<PrmDealRegistration>(html`<${twin}
      .opportunity=${OPP}
      .partners=${PARTNERS}
      .now=${NOW}
      locale="en-US"
    ></${twin}>`);
    expect(form.shadowRoot!.querySelector('form.register')).to.not.equal(null);
    await expect(form).to.be.accessible();
    const approved = { ...PROTECTING, opportunityId: OPP.id };
    const status = await fixture<PrmDealRegistration>(html`<${twin}
      .opportunity=${OPP}
      .partners=${PARTNERS}
      .registration=${approved}
      .now=${NOW}
      locale="en-US"
    ></${twin}>`);
    expect(status.shadowRoot!.querySelector('.status-card .countdown')).to.not.equal(null);
    await expect(status).to.be.accessible();
  });

  it('is accessible with conflicts and field errors showing', async () => {
    const el = await fixture<PrmDealRegistration>(html`<${twin}
      .opportunity=${OPP}
      .partners=${PARTNERS}
      .registrations=${[PROTECTING]}
      .opportunities=${[OPP, OTHER_OPP]}
      .now=${NOW}
      locale="en-US"
    ></${twin}>`);
    await typeInto(el, '#products', 'CRM,');
    $<HTMLButtonElement>(el, 'button.submit').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.conflict, .field-error, .chip').length).to.equal(4);
    await expect(el).to.be.accessible();
  });

  it('is accessible while a manager decides, and when empty, loading or in error', async () => {
    const submitted = { ...PROTECTING, id: 'a0B4', opportunityId: OPP.id, status: 'Submitted' as const, protectedUntil: null };
    const deciding = await fixture<PrmDealRegistration>(html`<${twin}
      .opportunity=${OPP}
      .partners=${PARTNERS}
      .registration=${submitted}
      .registrations=${[PROTECTING]}
      .now=${NOW}
      can-decide
    ></${twin}>`);
    $<HTMLButtonElement>(deciding, 'button.reject').click();
    await deciding.updateComplete;
    expect(deciding.shadowRoot!.querySelector('#decision-error')).to.not.equal(null);
    await expect(deciding).to.be.accessible();
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
