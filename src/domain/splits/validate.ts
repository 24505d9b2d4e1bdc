// Revenue splits must total exactly 100.00%: the check runs on integer basis points, so 33.33 + 33.33 +
// 33.34 is exactly 10 000 bp and no float tolerance can let 100.02% through.
import { FULL_SHARE_BP, percentToBasisPoints } from '../money.js';
import { SPLIT_ROLES, SPLIT_TYPES, type SplitInput } from './schemas.js';

export type SplitProblem = {
  /** The row the problem is about; null for a problem of the whole set (the revenue total). */
  index: number | null;
  field: 'percent' | 'partnerId' | 'role' | 'type' | null;
  code:
    | 'partner_required'
    | 'invalid_role'
    | 'invalid_type'
    | 'percent_out_of_range'
    | 'too_many_decimals'
    | 'duplicate_partner_role'
    | 'revenue_total_not_100';
  message: string;
};

export type SplitValidation = {
  ok: boolean;
  problems: SplitProblem[];
  /** The revenue percentages entered, in basis points (rows with an unreadable percent count as 0). */
  revenueTotalBp: number;
  influenceTotalBp: number;
  /** What the revenue splits still need to reach 100% (negative when they pass it). */
  remainingRevenueBp: number;
};

export function formatPercentBp(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

function label(split: SplitInput, index: number): string {
  const name = split.partnerName?.trim();
  return name ? `Split ${index + 1} (${name})` : `Split ${index + 1}`;
}

/** The split's share in basis points as entered, rounded to the basis point; 0 when not a number. */
export function enteredBp(split: SplitInput): number {
  return Number.isFinite(split.percent) ? Math.round(split.percent * 100) : 0;
}

/**
 * Checks a set of co-sell splits. Each row: a partner, a known role and type, 0 < percent ≤ 100 with at
 * most two decimals, and no second row for the same partner in the same role and type. The set: the
 * revenue rows, if any, total exactly 100.00%. Influence rows may total anything.
 */
export function validateSplits(splits: readonly SplitInput[]): SplitValidation {
  const problems: SplitProblem[] = [];
  const seen = new Map<string, number>();
  let revenueTotalBp = 0;
  let influenceTotalBp = 0;
  let revenueRows = 0;

  splits.forEach((split, index) => {
    const who = label(split, index);
    const partnerId = typeof split.partnerId === 'string' ? split.partnerId.trim() : '';
    if (partnerId === '')
      problems.push({
        index,
        field: 'partnerId',
        code: 'partner_required',
        message: `${who}: choose a partner.`,
      });
    if (!(SPLIT_ROLES as readonly string[]).includes(split.role))
      problems.push({
        index,
        field: 'role',
        code: 'invalid_role',
        message: `${who}: role must be one of ${SPLIT_ROLES.join(', ')}.`,
      });
    if (!(SPLIT_TYPES as readonly string[]).includes(split.type))
      problems.push({
        index,
        field: 'type',
        code: 'invalid_type',
        message: `${who}: type must be one of ${SPLIT_TYPES.join(', ')}.`,
      });
    if (!Number.isFinite(split.percent) || split.percent <= 0 || split.percent > 100)
      problems.push({
        index,
        field: 'percent',
        code: 'percent_out_of_range',
        message: `${who}: percent must be above 0 and at most 100 (got ${String(split.percent)}).`,
      });
    else if (percentToBasisPoints(split.percent) === undefined)
      problems.push({
        index,
        field: 'percent',
        code: 'too_many_decimals',
        message: `${who}: percent may have at most 2 decimals (got ${String(split.percent)}).`,
      });

    if (split.type === 'Revenue') {
      revenueRows++;
      revenueTotalBp += enteredBp(split);
    } else if (split.type === 'Influence') influenceTotalBp += enteredBp(split);

    if (partnerId !== '') {
      const key = JSON.stringify([split.type, partnerId, split.role]);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push({
          index,
          field: 'partnerId',
          code: 'duplicate_partner_role',
          message: `${who}: this partner already has a ${split.type} split as ${split.role} (split ${first + 1}).`,
        });
    }
  });

  if (revenueRows > 0 && revenueTotalBp !== FULL_SHARE_BP)
    problems.push({
      index: null,
      field: 'percent',
      code: 'revenue_total_not_100',
      message: `Revenue splits total ${formatPercentBp(revenueTotalBp)}; they must total exactly 100.00%.`,
    });

  return {
    ok: problems.length === 0,
    problems,
    revenueTotalBp,
    influenceTotalBp,
    remainingRevenueBp: FULL_SHARE_BP - revenueTotalBp,
  };
}
