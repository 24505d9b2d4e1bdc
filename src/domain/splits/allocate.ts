// Split amounts to the cent: the revenue amounts always sum to the opportunity amount exactly, by the
// largest-remainder method, instead of leaving the rounding cent in the last row or losing it.
import { allocateByLargestRemainder, FULL_SHARE_BP, percentToBasisPoints, type Cents } from '../money.js';
import type { SplitInput } from './schemas.js';
import { validateSplits } from './validate.js';

export type SplitAmount = { index: number; amountCents: Cents };

/**
 * The amount of each split that can be allocated, by index. Allocation never guesses at bad input:
 * the revenue rows are allocated only when the whole revenue set is valid (every row valid, total exactly
 * 100.00%), and then sum to `amountCents` exactly; each valid influence row is allocated on its own,
 * amount × percent rounded half away from zero. Rows left out have a problem in validateSplits.
 */
export function allocateSplitAmounts(amountCents: Cents, splits: readonly SplitInput[]): SplitAmount[] {
  if (!Number.isSafeInteger(amountCents)) return [];
  const validation = validateSplits(splits);
  const badRows = new Set(validation.problems.map((p) => p.index));
  const revenueValid = !badRows.has(null) && splits.every((s, i) => s.type !== 'Revenue' || !badRows.has(i));
  const result: SplitAmount[] = [];

  const revenue = splits.flatMap((s, index) =>
    s.type === 'Revenue' ? [{ index, bp: percentToBasisPoints(s.percent) ?? 0 }] : [],
  );
  if (revenueValid && revenue.length > 0) {
    const parts = allocateByLargestRemainder(
      amountCents,
      revenue.map((r) => r.bp),
      FULL_SHARE_BP,
    );
    revenue.forEach((r, k) => result.push({ index: r.index, amountCents: parts[k]! }));
  }
  splits.forEach((s, index) => {
    if (s.type !== 'Influence' || badRows.has(index)) return;
    const bp = percentToBasisPoints(s.percent) ?? 0;
    result.push({ index, amountCents: allocateByLargestRemainder(amountCents, [bp], FULL_SHARE_BP)[0]! });
  });
  return result.sort((a, b) => a.index - b.index);
}

/**
 * `count` equal revenue shares in percent with two decimals that sum to exactly 100.00; the odd basis
 * points go to the first rows (3 → [33.34, 33.33, 33.33]). Empty unless 1 ≤ count ≤ 10 000, the most
 * rows that can each hold 0.01%.
 */
export function equalSplit(count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > FULL_SHARE_BP) return [];
  return allocateByLargestRemainder(FULL_SHARE_BP, new Array<number>(count).fill(1), count).map(
    (bp) => bp / 100,
  );
}

/**
 * The percent the revenue split at `index` needs so the revenue splits total exactly 100.00%, given the
 * other revenue rows as entered. May be 0 or less when the others already reach 100%. An index outside
 * the list asks for a new row's remainder.
 */
export function remainderFor(splits: readonly SplitInput[], index: number): number {
  const othersBp = splits.reduce(
    (sum, s, i) =>
      i === index || s.type !== 'Revenue' || !Number.isFinite(s.percent)
        ? sum
        : sum + Math.round(s.percent * 100),
    0,
  );
  return (FULL_SHARE_BP - othersBp) / 100;
}
