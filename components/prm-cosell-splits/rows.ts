// The editor keeps what the rep typed ("33,3" halfway through a number) next to the parsed split, so a
// re-render never rewrites a field under the cursor.
import { formatNumber, parseDecimal } from '../shared/format.js';
import type { PartnerOption, SplitInput } from './types.js';

export type Row = { key: number; split: SplitInput; text: string; touched: boolean };

let nextKey = 1;

export function percentText(percent: number, locale: string): string {
  return Number.isFinite(percent) ? formatNumber(percent, locale, 2) : '';
}

export function toRow(split: SplitInput, locale: string, touched = false): Row {
  return { key: nextKey++, split: { ...split }, text: percentText(split.percent, locale), touched };
}

export function withText(row: Row, text: string, locale: string): Row {
  return { ...row, text, touched: true, split: { ...row.split, percent: parseDecimal(text, locale, false) } };
}

export function withPercent(row: Row, percent: number, locale: string): Row {
  return { ...row, touched: true, text: percentText(percent, locale), split: { ...row.split, percent } };
}

/** The splits to validate and emit, each named after its partner so messages say who. */
export function splitsOf(rows: readonly Row[], partners: readonly PartnerOption[]): SplitInput[] {
  return rows.map(({ split }) => {
    const name = partners.find((p) => p.id === split.partnerId)?.name ?? split.partnerName;
    const out: SplitInput = { ...split };
    if (name !== undefined) out.partnerName = name;
    else delete out.partnerName;
    return out;
  });
}
