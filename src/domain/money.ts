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

/**
 * Splits `amount` cents into parts proportional to `weights` by the largest-remainder method, so the parts
 * always sum to exactly `amount * sum(weights) / total`, rounded once. With weights that total `total`
 * (for revenue splits, 10 000 bp) the parts sum to `amount` exactly. Ties go to the earlier part, so the
 * result is deterministic for a given order.
 */
export function allocateByLargestRemainder(
  amount: Cents,
  weights: readonly number[],
  total = FULL_SHARE_BP,
): Cents[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be integer cents, got ${amount}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('weights must be non-negative integers');
  if (!Number.isSafeInteger(total) || total <= 0) throw new RangeError('total must be a positive integer');
  const sign = amount < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(amount));
  const bigTotal = BigInt(total);
  const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
  // The whole to distribute, rounded half up once; BigInt because amount × weight can pass 2^53.
  const target = (abs * weightSum * 2n + bigTotal) / (2n * bigTotal);
  const exact = weights.map((w) => abs * BigInt(w));
  const floors = exact.map((e) => e / bigTotal);
  let left = target - floors.reduce((s, f) => s + f, 0n);
  const order = exact
    .map((e, i) => ({ i, rem: e % bigTotal }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const parts = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p * sign));
}
