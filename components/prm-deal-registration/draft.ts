// The form as a registration: the candidate the conflict rules judge while the rep types, and the draft
// that is submitted. Customer fields come from the opportunity, as the service would complete them.
import { dateOf, daysBetween } from '../../src/domain/time.js';
import type { OpportunitySummary, Registration, RegistrationDraft, RegistrationType } from './types.js';

export type RegistrationForm = {
  partnerId: string;
  type: RegistrationType;
  products: string[];
  /** NaN until the rep types a number. */
  amountCents: number;
};

export type FormErrors = Partial<Record<'partner' | 'amount', string>>;

export const CANDIDATE_ID = 'prm-draft';

export function draftOf(form: RegistrationForm, opportunity: OpportunitySummary): RegistrationDraft {
  return {
    partnerId: form.partnerId,
    opportunityId: opportunity.id,
    customerAccountId: opportunity.accountId ?? null,
    customerName: opportunity.accountName ?? null,
    customerDomain: opportunity.accountDomain ?? null,
    type: form.type,
    products: [...form.products],
    estimatedAmountCents: Number.isSafeInteger(form.amountCents) ? form.amountCents : 0,
    status: 'Submitted',
  };
}

/** The draft as the rules see it at `now`: a submission that has not happened yet. */
export function candidateOf(form: RegistrationForm, opportunity: OpportunitySummary, now: number): Registration {
  const draft = draftOf(form, opportunity);
  return { ...draft, id: CANDIDATE_ID, submittedAt: now, createdAt: now };
}

export function validateForm(form: RegistrationForm): FormErrors {
  const errors: FormErrors = {};
  if (form.partnerId.trim() === '') errors.partner = 'Choose the partner you register this deal for.';
  if (!Number.isSafeInteger(form.amountCents) || form.amountCents < 0)
    errors.amount = 'Enter the estimated amount as a number, 0 or more, with at most two decimals.';
  return errors;
}

/** Splits "CRM, Analytics; Support" into products, dropping blanks and repeats (case-insensitively). */
export function parseProducts(text: string, existing: readonly string[]): string[] {
  const out = [...existing];
  for (const raw of text.split(/[,;]/)) {
    const p = raw.trim();
    if (p !== '' && !out.some((e) => e.toLowerCase() === p.toLowerCase())) out.push(p);
  }
  return out;
}

/** Whole days from today to a date-only day, in UTC like the rules. */
export function daysUntil(date: string, now: number): number {
  return daysBetween(dateOf(now), date);
}

/** A typed amount as cents; NaN unless it is a number with at most two decimals. */
export function amountToCents(amount: number): number {
  if (!Number.isFinite(amount)) return NaN;
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : NaN;
}
