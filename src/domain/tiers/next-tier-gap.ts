// The JSON kept in Account.Partner_Next_Tier_Gap__c: what the partner lacks for the next tier, criterion
// by criterion, and while in grace what it lacks to keep its tier. The record page parses it back with
// NextTierGapExplained, so the shape is versioned (`v`).
import { z } from 'zod';
import type { TierConfig } from '../config.js';
import { DateOnly } from '../time.js';
import { CRITERION_LABELS } from './format.js';
import { TierGap } from './schemas.js';
import type { TierVerdict } from './evaluate.js';

const LabelledGap = TierGap.extend({ label: z.string() });

export const NextTierGapExplained = z.object({
  v: z.literal(1),
  tier: z.string().nullable(),
  tierLabel: z.string().nullable(),
  nextTier: z.string().nullable(),
  nextTierLabel: z.string().nullable(),
  /** Every criterion of the next tier, met or not; [] at the top tier. */
  gaps: z.array(LabelledGap),
  graceUntil: DateOnly.nullable(),
  /** While in grace: the current tier's unmet criteria, i.e. what keeps the tier; [] otherwise. */
  keepGaps: z.array(LabelledGap),
});
export type NextTierGapExplained = z.infer<typeof NextTierGapExplained>;

const labelled = (gaps: readonly TierGap[]): z.infer<typeof LabelledGap>[] =>
  gaps.map((g) => ({ ...g, label: CRITERION_LABELS[g.criterion] }));

export function explainNextTierGap(verdict: TierVerdict, tiers: readonly TierConfig[]): NextTierGapExplained {
  const label = (name: string | null): string | null =>
    name === null ? null : (tiers.find((t) => t.name === name)?.label ?? name);
  return {
    v: 1,
    tier: verdict.tier,
    tierLabel: label(verdict.tier),
    nextTier: verdict.nextTier,
    nextTierLabel: label(verdict.nextTier),
    gaps: labelled(verdict.gaps),
    graceUntil: verdict.graceUntil,
    keepGaps: verdict.graceUntil === null ? [] : labelled(verdict.currentTierGaps.filter((g) => !g.met)),
  };
}

/** Parses the stored field; null when it is empty or not this shape (an older or hand-edited value). */
export function parseNextTierGap(json: string | null | undefined): NextTierGapExplained | null {
  if (json == null || json.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = NextTierGapExplained.safeParse(value);
  return parsed.success ? parsed.data : null;
}
