// The registration form: partner, type, products as chips, estimated amount. Errors sit under their field
// and are tied to it with aria-describedby.
import { html, nothing, type TemplateResult } from 'lit';
import { REGISTRATION_TYPES } from '../../src/domain/registration/schemas.js';
import type { FormErrors, RegistrationForm } from './draft.js';
import type { PartnerOption, RegistrationType } from './types.js';

export type FormView = {
  form: RegistrationForm;
  productText: string;
  amountText: string;
  errors: FormErrors;
  partners: readonly PartnerOption[];
  currency: string;
  busy: boolean;
  on: {
    partner: (id: string) => void;
    type: (type: RegistrationType) => void;
    productText: (text: string) => void;
    productKey: (e: KeyboardEvent) => void;
    addProducts: () => void;
    removeProduct: (product: string) => void;
    amount: (text: string) => void;
    submit: (e: Event) => void;
  };
};

const describedBy = (id: string, error: string | undefined): string | typeof nothing => (error ? id : nothing);

export function renderForm(v: FormView): TemplateResult {
  const { form, errors } = v;
  return html`<form class="register" novalidate @submit=${v.on.submit}>
    <div class="field">
      <label class="label" for="partner"><abbr class="required" title="required">*</abbr>Partner</label>
      <select
        id="partner"
        required
        aria-invalid=${errors.partner ? 'true' : 'false'}
        aria-describedby=${describedBy('partner-error', errors.partner)}
        @change=${(e: Event) => v.on.partner((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${form.partnerId === ''}>Choose a partner…</option>
        ${v.partners.map((p) => html`<option value=${p.id} ?selected=${p.id === form.partnerId}>${p.name}</option>`)}
      </select>
      ${errors.partner ? html`<div class="field-error" id="partner-error">${errors.partner}</div>` : nothing}
    </div>
    <fieldset class="field">
      <legend class="label">Registration type</legend>
      ${REGISTRATION_TYPES.map(
        (t) => html`<label class="radio">
          <input
            type="radio"
            name="type"
            value=${t}
            .checked=${form.type === t}
            @change=${() => v.on.type(t)}
          />${t === 'Sourced' ? 'Sourced: the partner brought the deal' : 'Influenced: the partner helps win it'}
        </label>`,
      )}
    </fieldset>
    <div class="field">
      <label class="label" for="products">Products</label>
      ${form.products.length > 0
        ? html`<ul class="chips" aria-label="Products added">
            ${form.products.map(
              (p) => html`<li class="chip">
                <span>${p}</span>
                <button type="button" class="chip-remove" aria-label="Remove product ${p}" @click=${() => v.on.removeProduct(p)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="inline">
        <input
          id="products"
          type="text"
          autocomplete="off"
          aria-describedby="products-help"
          .value=${v.productText}
          @input=${(e: Event) => v.on.productText((e.target as HTMLInputElement).value)}
          @keydown=${v.on.productKey}
        />
        <button type="button" class="add-product" @click=${v.on.addProducts}>Add</button>
      </div>
      <div class="help" id="products-help">Press Enter or type a comma after each product.</div>
    </div>
    <div class="field">
      <label class="label" for="amount"
        ><abbr class="required" title="required">*</abbr>Estimated amount (${v.currency})</label
      >
      <input
        id="amount"
        type="text"
        inputmode="decimal"
        autocomplete="off"
        required
        aria-invalid=${errors.amount ? 'true' : 'false'}
        aria-describedby=${describedBy('amount-error', errors.amount)}
        .value=${v.amountText}
        @input=${(e: Event) => v.on.amount((e.target as HTMLInputElement).value)}
      />
      ${errors.amount ? html`<div class="field-error" id="amount-error">${errors.amount}</div>` : nothing}
    </div>
    <button type="submit" class="brand submit" ?disabled=${v.busy}>${v.busy ? 'Submitting…' : 'Submit registration'}</button>
  </form>`;
}
