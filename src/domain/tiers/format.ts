// Plain words for tier reasons: a partner manager reads "won deals 4 is below Gold's 6", not field names.
import type { Cents } from '../money.js';
import type { TierCriterion } from './schemas.js';

export const CRITERION_LABELS: Readonly<Record<TierCriterion, string>> = {
  attributedRevenueCents: 'attributed revenue',
  wonDeals: 'won deals',
  activeCertifications: 'active certifications',
  registrationsApproved: 'approved registrations',
};

/** $412,300 or $412,300.05; written by hand so the text is the same in every browser and locale. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = abs % 100;
  return `${sign}$${whole}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

export function formatCriterionValue(criterion: TierCriterion, value: number): string {
  return criterion === 'attributedRevenueCents' ? formatCents(value) : String(value);
}
