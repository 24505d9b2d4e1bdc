// The dry run behind `sf prm tier simulate` and the admin preview: who would move, and why, before the
// rules are applied. Partners whose stored tier state would stay as it is are left out.
import { z } from 'zod';
import type { TierConfig } from '../config.js';
import type { Reason } from '../reason.js';
import type { DateOnly } from '../time.js';
import { invalid, parseKeyed } from '../attribution/parse.js';
import { parseRecord } from '../errors.js';
import { evaluateParsed, shortfallReasons, type TierVerdict } from './evaluate.js';
import {
  EvaluationDay,
  PartnerTierMetrics,
  PartnerTierState,
  TierList,
  type TierChangeKind,
} from './schemas.js';

export const SimulatedPartner = z.object({
  partnerId: z.string().trim().min(1, 'must not be empty'),
  name: z.string().optional(),
  metrics: PartnerTierMetrics,
  state: PartnerTierState,
});
export type SimulatedPartner = z.input<typeof SimulatedPartner>;

export type TierChange = {
  partnerId: string;
  name?: string;
  from: string | null;
  to: string | null;
  fromLabel: string;
  toLabel: string;
  change: TierChangeKind;
  tierSince: string | null;
  graceUntil: string | null;
  /** One line in plain words, e.g. "Gold → Silver: won deals 4 is below Gold's 6; grace ended 2026-10-01". */
  summary: string;
  reasons: Reason[];
  verdict: TierVerdict;
};

function summaryOf(
  verdict: TierVerdict,
  fromLabel: string,
  toLabel: string,
  fromTier: TierConfig | undefined,
  toTier: TierConfig | undefined,
  metrics: PartnerTierMetrics,
  endedGrace: string | null,
): string {
  const shortfalls = (tier: TierConfig | undefined): string =>
    tier === undefined
      ? ''
      : shortfallReasons(metrics, tier)
          .map((r) => r.message)
          .join('; ');
  switch (verdict.change) {
    case 'upgrade':
    case 'initial':
      return toTier === undefined
        ? `${fromLabel} → ${toLabel}: meets the thresholds of no tier`
        : `${fromLabel} → ${toLabel}: meets every ${toLabel} threshold`;
    case 'downgrade': {
      const why = endedGrace === null ? `${fromLabel} has no grace period` : `grace ended ${endedGrace}`;
      return `${fromLabel} → ${toLabel}: ${[shortfalls(fromTier), why].filter((s) => s !== '').join('; ')}`;
    }
    case 'grace_started':
      return `${fromLabel}, grace until ${verdict.graceUntil ?? ''}: ${shortfalls(fromTier)}`;
    case 'grace_cleared':
      return `${fromLabel}: meets every ${fromLabel} threshold again; grace period cleared`;
    case 'grace_continues':
    case 'none':
      return `${fromLabel}: no change`;
  }
}

/**
 * The changes evaluateTier would make for each partner on `today`, in input order, leaving out partners
 * whose tier, tier-since and grace dates would stay as stored. Throws DomainInputError naming the partner
 * and field on invalid input.
 */
export function simulateTiers(
  partners: readonly SimulatedPartner[],
  tiers: readonly TierConfig[],
  today: DateOnly,
): TierChange[] {
  const sorted = parseRecord(TierList, tiers, 'Tier configuration');
  const day = parseRecord(EvaluationDay, { today }, 'Tier simulation').today;
  const list = partners.map((p) => parseKeyed(SimulatedPartner, p, 'Partner'));
  const byName = new Map(sorted.map((t) => [t.name, t]));
  const seen = new Set<string>();
  const changes: TierChange[] = [];
  list.forEach((partner, i) => {
    if (seen.has(partner.partnerId))
      throw invalid('Partner', partner.partnerId, 'partnerId', `appears twice (again at [${i}])`);
    seen.add(partner.partnerId);
    if (partner.metrics.partnerId !== partner.partnerId)
      throw invalid(
        'Partner',
        partner.partnerId,
        'metrics.partnerId',
        `must equal the partner id (got ${partner.metrics.partnerId})`,
      );
    const verdict = evaluateParsed(partner.metrics, partner.state, sorted, day);
    if (!verdict.changed) return;
    const fromTier = partner.state.tier === null ? undefined : byName.get(partner.state.tier);
    const toTier = verdict.tier === null ? undefined : byName.get(verdict.tier);
    const fromLabel =
      partner.state.tier === null
        ? 'no tier'
        : (fromTier?.label ?? `${partner.state.tier} (not in the program)`);
    const toLabel = toTier?.label ?? 'no tier';
    changes.push({
      partnerId: partner.partnerId,
      ...(partner.name === undefined ? {} : { name: partner.name }),
      from: partner.state.tier,
      to: verdict.tier,
      fromLabel,
      toLabel,
      change: verdict.change,
      tierSince: verdict.tierSince,
      graceUntil: verdict.graceUntil,
      summary: summaryOf(
        verdict,
        fromLabel,
        toLabel,
        fromTier,
        toTier,
        partner.metrics,
        partner.state.graceUntil,
      ),
      reasons: verdict.reasons,
      verdict,
    });
  });
  return changes;
}
