import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DEFAULT_PROGRAM_CONFIG } from '../../src/domain/config.js';
import { findConflicts, registeredAt } from '../../src/domain/registration/conflicts.js';
import { decideRegistration } from '../../src/domain/registration/decide.js';
import { protectionWindow } from '../../src/domain/registration/expiry.js';
import { sameRecordId } from '../../src/domain/registration/identity.js';
import { addHours, dateOf } from '../../src/domain/time.js';
import { base } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { defaultLocale, formatNumber, parseDecimal } from '../shared/format.js';
import { blockingState, emptyState } from '../shared/states.js';
import { tokens } from '../shared/tokens.styles.js';
import { renderConflicts } from './conflicts-view.js';
import {
  amountToCents,
  candidateOf,
  draftOf,
  parseProducts,
  validateForm,
  type FormErrors,
  type RegistrationForm,
} from './draft.js';
import { renderForm } from './form-view.js';
import { styles } from './prm-deal-registration.styles.js';
import { renderDecision, renderStatus } from './status-view.js';
import type {
  OpportunitySummary,
  PartnerOption,
  PrmDecideDetail,
  PrmRegisterDetail,
  RegistrationSettings,
  RegistrationView,
} from './types.js';

/**
 * @summary Registers a co-sell deal for a partner from an Opportunity, showing competing claims before it
 * is submitted; afterwards shows its status, deadline or protection, and lets a partner manager decide.
 * @fires prm_register - PrmRegisterDetail: the rep submitted a registration.
 * @fires prm_decide - PrmDecideDetail: a partner manager approved or rejected one.
 */
export class PrmDealRegistration extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'closed' };
  static override styles = [tokens, base, styles];

  @property({ attribute: false }) opportunity: OpportunitySummary | null = null;
  @property({ attribute: false }) partners: PartnerOption[] = [];
  /** Open registrations (for conflicts) and this opportunity's own. */
  @property({ attribute: false }) registrations: RegistrationView[] = [];
  /** Open opportunities, for conflicts. */
  @property({ attribute: false }) opportunities: OpportunitySummary[] = [];
  @property({ attribute: false }) settings: RegistrationSettings = DEFAULT_PROGRAM_CONFIG.registration;
  /** This opportunity's registration; when unset, the latest one on it in `registrations`. */
  @property({ attribute: false }) registration: RegistrationView | null = null;
  /** Epoch ms the rules run at; the clock when null. */
  @property({ attribute: false }) now: number | null = null;
  /** The user may decide registrations (custom permission PRM_Decide_Registrations). */
  @property({ type: Boolean, attribute: 'can-decide' }) canDecide = false;
  @property({ type: Boolean }) loading = false;
  /** Set by the host while it writes. */
  @property({ type: Boolean }) busy = false;
  @property() error = '';
  @property() locale = defaultLocale();
  @property() currency = 'USD';

  @state() private form: RegistrationForm = { partnerId: '', type: 'Sourced', products: [], amountCents: NaN };
  @state() private productText = '';
  @state() private amountText = '';
  @state() private errors: FormErrors = {};
  @state() private decisionReason = '';
  @state() private decisionError = '';
  private amountEdited = false;
  private focusAfterUpdate: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const cents = this.opportunity?.amountCents;
    if (changed.has('opportunity') && !this.amountEdited && cents != null) {
      this.amountText = formatNumber(cents / 100, this.locale, 2);
      this.form = { ...this.form, amountCents: cents };
    }
  }

  protected override updated(): void {
    if (this.focusAfterUpdate === null) return;
    this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate)?.focus();
    this.focusAfterUpdate = null;
  }

  private clock(): number {
    return this.now ?? Date.now();
  }

  private shownRegistration(): RegistrationView | null {
    if (this.registration) return this.registration;
    const opp = this.opportunity;
    if (!opp) return null;
    const mine = this.registrations.filter(
      (r) => sameRecordId(r.opportunityId, opp.id) && r.status !== 'Draft' && r.status !== 'Withdrawn',
    );
    const at = (r: RegistrationView): number => r.submittedAt ?? r.createdAt;
    return mine.sort((a, b) => at(b) - at(a))[0] ?? null;
  }

  private setForm(patch: Partial<RegistrationForm>): void {
    this.form = { ...this.form, ...patch };
    if (Object.keys(this.errors).length > 0) this.errors = validateForm(this.form);
  }

  private addProducts(): void {
    if (this.productText.trim() === '') return;
    this.setForm({ products: parseProducts(this.productText, this.form.products) });
    this.productText = '';
  }

  private onProductKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      this.addProducts();
    } else if (e.key === 'Backspace' && this.productText === '' && this.form.products.length > 0) {
      this.setForm({ products: this.form.products.slice(0, -1) });
    }
  }

  private submit(e: Event): void {
    e.preventDefault();
    const opp = this.opportunity;
    if (!opp || this.busy) return;
    this.errors = validateForm(this.form);
    if (this.errors.partner) this.focusAfterUpdate = '#partner';
    else if (this.errors.amount) this.focusAfterUpdate = '#amount';
    else emit<PrmRegisterDetail>(this, 'prm_register', { registration: draftOf(this.form, opp) });
  }

  private decide(registrationId: string, decision: 'Approved' | 'Rejected'): void {
    const reason = this.decisionReason.trim();
    if (reason === '') {
      this.decisionError = 'Enter the reason for your decision; the partner sees it.';
      this.focusAfterUpdate = '#decision-reason';
      return;
    }
    this.decisionError = '';
    const protectedUntil =
      decision === 'Approved' ? protectionWindow(dateOf(this.clock()), this.settings).until : null;
    emit<PrmDecideDetail>(this, 'prm_decide', { registrationId, decision, reason, protectedUntil });
  }

  private context() {
    return { registrations: this.registrations, opportunities: this.opportunities };
  }

  private renderExisting(r: RegistrationView): TemplateResult {
    const now = this.clock();
    const verdict = decideRegistration(r, this.context(), this.settings, now);
    const ctx = { partners: this.partners, registrations: this.registrations, opportunities: this.opportunities, locale: this.locale };
    const deciding = this.canDecide && r.status === 'Submitted';
    // The deadline runs from the submission whatever the rules would say now: the record waits for a person.
    const slaDeadline =
      r.status === 'Submitted' ? addHours(registeredAt(r, now), this.settings.approvalSlaHours) : null;
    const statusContext = { partners: this.partners, locale: this.locale, currency: this.currency, now, slaDeadline };
    return html`${renderStatus(r, verdict, statusContext)}
    ${deciding
      ? html`${renderConflicts(verdict.conflicts, ctx, 'Competing claims')}
        ${renderDecision({
          reason: this.decisionReason,
          error: this.decisionError,
          busy: this.busy,
          onReason: (text) => {
            this.decisionReason = text;
            if (this.decisionError && text.trim() !== '') this.decisionError = '';
          },
          onDecide: (d) => this.decide(r.id, d),
        })}`
      : nothing}`;
  }

  private renderNew(opp: OpportunitySummary): TemplateResult {
    const now = this.clock();
    const candidate = candidateOf(this.form, opp, now);
    const conflicts = findConflicts(candidate, this.context(), this.settings, now);
    const preview = this.form.partnerId ? decideRegistration(candidate, this.context(), this.settings, now) : null;
    const ctx = { partners: this.partners, registrations: this.registrations, opportunities: this.opportunities, locale: this.locale };
    return html`<p class="customer">
        Customer: <strong>${opp.accountName ?? 'not set on the opportunity'}</strong>${opp.accountDomain
          ? html` (${opp.accountDomain})`
          : nothing}
      </p>
      ${this.partners.length === 0 ? emptyState('No partners to register for yet.') : nothing}
      <div class="columns">
        ${renderForm({
          form: this.form,
          productText: this.productText,
          amountText: this.amountText,
          errors: this.errors,
          partners: this.partners,
          currency: this.currency,
          busy: this.busy,
          on: {
            partner: (id) => this.setForm({ partnerId: id }),
            type: (type) => this.setForm({ type }),
            productText: (text) => (this.productText = text),
            productKey: (e) => this.onProductKey(e),
            addProducts: () => this.addProducts(),
            removeProduct: (p) => this.setForm({ products: this.form.products.filter((x) => x !== p) }),
            amount: (text) => {
              this.amountEdited = true;
              this.amountText = text;
              this.setForm({ amountCents: amountToCents(parseDecimal(text, this.locale)) });
            },
            submit: (e) => this.submit(e),
          },
        })}
        <div class="side">
          ${renderConflicts(conflicts, ctx, 'Conflicts')}
          ${preview
            ? html`<p class="preview"><strong>If you submit now:</strong> ${preview.reason}</p>`
            : nothing}
        </div>
      </div>`;
  }

  override render(): TemplateResult {
    const blocked = blockingState(this.loading, this.error, 'Loading deal registration');
    if (blocked) return blocked;
    const opp = this.opportunity;
    if (!opp) return emptyState('No opportunity to register a deal on.');
    const existing = this.shownRegistration();
    return html`<h2>Deal registration</h2>
      ${existing ? this.renderExisting(existing) : this.renderNew(opp)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'prm-deal-registration': PrmDealRegistration;
  }
}
