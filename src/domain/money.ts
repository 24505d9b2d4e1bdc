// Money is integer minor units (cents) and percentages are basis points everywhere in the domain:
// floats never hold money (DESIGN.md §3).
import { z } from 'zod';

/** Integer cents, may be negative (credits). */
export const Cents = z.number().int().safe();
export type Cents = z.infer<typeof Cents>;

/** Basis points: 1% = 100 bp, 100% = 10_000 bp. */
export const BasisPoints = z.number().int().min(0).max(10_000);
export type BasisPoints = z.infer<typeof BasisPoints>;

export const FULL_SHARE_BP = 10_000;

/**
 * Converts a decimal amount as Salesforce sends it (a JSON number such as 100.01) to integer cents.
 * Rounds half away from zero on the third decimal so binary noise (0.1 + 0.2) never loses a cent.
 */
export function toCents(amount: number): Cents {
  if (!Number.isFinite(amount)) throw new RangeError(`amount must be a finite number, got ${amount}`);
  const sign = amount < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(amount) * 100 + 1e-7);
}

/** Converts cents back to the decimal number the Salesforce API expects. */
export function fromCents(cents: Cents): number {
  return cents / 100;
}

/**
 * Converts a percentage with at most two decimals (33.33) to basis points (3333).
 * Returns undefined when the value has more than two decimals, so callers can name the bad field.
 */
export function percentToBasisPoints(percent: number): number | undefined {
  if (!Number.isFinite(percent)) return undefined;
  const bp = Math.round(percent * 100);
  return Math.abs(bp - percent * 100) < 1e-6 ? bp : undefined;
}

export function basisPointsToPercent(bp: BasisPoints): number {
  return bp / 100;
}
