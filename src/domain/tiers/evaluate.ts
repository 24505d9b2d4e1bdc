// Tier evaluation with hysteresis: upgrades apply at once, a drop below the current tier only starts a
// grace period, and the downgrade happens when that period has run out. Partners hovering at a threshold
// therefore never flap, and nobody is downgraded silently (the grace date is stored and shown).
import type { TierConfig } from '../config.js';
import { reason, type Reason } from '../reason.js';
import { addDays, type DateOnly as Day } from '../time.js';
import { parseKeyed } from '../attribution/parse.js';
import { parseRecord } from '../errors.js';
import { CRITERION_LABELS, formatCriterionValue } from './format.js';
import { meetsTier, tierGaps } from './gaps.js';
import {
  EvaluationDay,
  PartnerTierMetrics,
  PartnerTierState,
  TierList,
  type TierChangeKind,
  type TierGap,
} from './schemas.js';

export type TierVerdict = {
  tier: string | null;
  tierSince: Day | null;
  graceUntil: Day | null;
  /** The highest tier whose every threshold the partner meets today. */
  qualifiedTier: string | null;
  /** The next tier above the resulting tier; null at the top. */
  nextTier: string | null;
  /** Per criterion, the gap to nextTier ([] at the top). */
  gaps: TierGap[];
  /** Per criterion, the resulting tier's own thresholds: what to recover during a grace period. */
  currentTierGaps: TierGap[];
  change: TierChangeKind;
  reasons: Reason[];
  /** Whether tier, tierSince or graceUntil differ from the stored state (what the service must write). */
  changed: boolean;
};

/** The highest-ranked tier whose every threshold is met, or null. `tiers` sorted by rank ascending. */
export function qualifiedTierOf(
  metrics: PartnerTierMetrics,
  tiers: readonly TierConfig[],
): TierConfig | null {
  for (let k = tiers.length - 1; k >= 0; k--) {
    const tier = tiers[k]!;
    if (meetsTier(metrics, tier)) return tier;
  }
  return null;
}

/** The highest-ranked tier whose every threshold `metrics` meets, or null when none is met. */
export function qualifiedTier(metrics: PartnerTierMetrics, tiers: readonly TierConfig[]): TierConfig | null {
  return qualifiedTierOf(
    parseKeyed(PartnerTierMetrics, metrics, 'Partner tier metrics'),
    parseRecord(TierList, tiers, 'Tier configuration'),
  );
}

/** "won deals 4 is below Gold's 6", one per unmet criterion of `tier`. */
export function shortfallReasons(metrics: PartnerTierMetrics, tier: TierConfig): Reason[] {
  return tierGaps(metrics, tier)
    .filter((g) => !g.met)
    .map((g) =>
      reason(
        'tier_below_threshold',
        `${CRITERION_LABELS[g.criterion]} ${formatCriterionValue(g.criterion, g.actual)} is below ${tier.label}'s ${formatCriterionValue(g.criterion, g.required)}`,
        {
          tier: tier.name,
          criterion: g.criterion,
          required: g.required,
          actual: g.actual,
          missing: g.missing,
        },
      ),
    );
}

const labelOf = (tier: TierConfig | null): string => tier?.label ?? 'no tier';

/** Evaluation over already-validated input; tiers sorted by rank. Used by evaluateTier and simulateTiers. */
export function evaluateParsed(
  metrics: PartnerTierMetrics,
  state: PartnerTierState,
  tiers: readonly TierConfig[],
  today: Day,
): TierVerdict {
  const qualified = qualifiedTierOf(metrics, tiers);
  const current = state.tier === null ? undefined : tiers.find((t) => t.name === state.tier);
  const reasons: Reason[] = [];
  let tier: TierConfig | null;
  let tierSince: Day | null;
  let graceUntil: Day | null;
  let change: TierChangeKind;

  if (current === undefined) {
    if (state.tier !== null)
      reasons.push(
        reason(
          'tier_unknown_current',
          `Current tier "${state.tier}" is not in the program any more; evaluated afresh`,
          { tier: state.tier },
        ),
      );
    tier = qualified;
    tierSince = qualified === null ? null : today;
    graceUntil = null;
    change = 'initial';
    reasons.push(
      qualified === null
        ? reason('tier_not_qualified', 'Meets the thresholds of no tier')
        : reason('tier_initial', `Starts at ${qualified.label}: meets every ${qualified.label} threshold`, {
            tier: qualified.name,
          }),
    );
    // A partner that had no tier and still qualifies for none has nothing to write.
    if (state.tier === null && qualified === null && state.tierSince === null && state.graceUntil === null)
      change = 'none';
  } else if (qualified !== null && qualified.rank > current.rank) {
    tier = qualified;
    tierSince = today;
    graceUntil = null;
    change = 'upgrade';
    reasons.push(
      reason(
        'tier_upgrade',
        `${current.label} → ${qualified.label}: meets every ${qualified.label} threshold`,
        {
          from: current.name,
          to: qualified.name,
        },
      ),
    );
  } else if (qualified !== null && qualified.rank === current.rank) {
    tier = current;
    tierSince = state.tierSince;
    graceUntil = null;
    if (state.graceUntil !== null) {
      change = 'grace_cleared';
      reasons.push(
        reason('tier_grace_cleared', `Meets every ${current.label} threshold again; grace period cleared`, {
          tier: current.name,
          graceUntil: state.graceUntil,
        }),
      );
    } else {
      change = 'none';
      reasons.push(
        reason('tier_kept', `Still meets every ${current.label} threshold`, { tier: current.name }),
      );
    }
  } else {
    // Below the current tier: qualified is lower or null.
    const shortfalls = shortfallReasons(metrics, current);
    tier = current;
    tierSince = state.tierSince;
    graceUntil = state.graceUntil;
    if (state.graceUntil === null && current.graceDays > 0) {
      graceUntil = addDays(today, current.graceDays);
      change = 'grace_started';
      reasons.push(
        reason(
          'tier_grace_started',
          `Below ${current.label} since ${today}; keeps ${current.label} until ${graceUntil} (${current.graceDays} days of grace) unless it requalifies`,
          {
            tier: current.name,
            graceUntil,
            graceDays: current.graceDays,
            qualifiedTier: qualified?.name ?? null,
          },
        ),
        ...shortfalls,
      );
    } else if (state.graceUntil !== null && today <= state.graceUntil) {
      // A running grace period is never restarted: it ends on the date set when the partner first dipped.
      change = 'grace_continues';
      reasons.push(
        reason(
          'tier_grace_continues',
          `Keeps ${current.label} during its grace period, until ${state.graceUntil}`,
          {
            tier: current.name,
            graceUntil: state.graceUntil,
            qualifiedTier: qualified?.name ?? null,
          },
        ),
        ...shortfalls,
      );
    } else {
      const why =
        state.graceUntil === null
          ? `${current.label} has no grace period`
          : `grace ended ${state.graceUntil}`;
      tier = qualified;
      tierSince = qualified === null ? null : today;
      graceUntil = null;
      change = 'downgrade';
      reasons.push(
        reason('tier_downgrade', `${current.label} → ${labelOf(qualified)}: ${why}`, {
          from: current.name,
          to: qualified?.name ?? null,
          graceUntil: state.graceUntil,
        }),
        ...shortfalls,
      );
    }
  }

  const resulting = tier;
  const next = resulting === null ? (tiers[0] ?? null) : (tiers.find((t) => t.rank > resulting.rank) ?? null);
  const changed =
    (resulting?.name ?? null) !== state.tier ||
    tierSince !== state.tierSince ||
    graceUntil !== state.graceUntil;
  return {
    tier: resulting?.name ?? null,
    tierSince,
    graceUntil,
    qualifiedTier: qualified?.name ?? null,
    nextTier: next?.name ?? null,
    gaps: tierGaps(metrics, next),
    currentTierGaps: tierGaps(metrics, resulting),
    change,
    reasons,
    changed,
  };
}

const partnerIdOf = (metrics: unknown): string | undefined => {
  const id =
    typeof metrics === 'object' && metrics !== null
      ? (metrics as { partnerId?: unknown }).partnerId
      : undefined;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Evaluates one partner on `today`. Upgrades apply at once (tierSince = today); a drop below the current
 * tier keeps it for the current tier's graceDays (graceUntil = today + graceDays), requalifying clears the
 * grace, and the downgrade to the qualified tier happens only once today is after graceUntil. graceDays 0
 * downgrades at once. A stored tier the program no longer has is evaluated as if the partner were new.
 * Throws DomainInputError naming the partner and field on invalid input.
 */
export function evaluateTier(
  metrics: PartnerTierMetrics,
  state: PartnerTierState,
  tiers: readonly TierConfig[],
  today: Day,
): TierVerdict {
  return evaluateParsed(
    parseKeyed(PartnerTierMetrics, metrics, 'Partner tier metrics'),
    parseKeyed(PartnerTierState, state, 'Partner tier state', partnerIdOf(metrics)),
    parseRecord(TierList, tiers, 'Tier configuration'),
    parseRecord(EvaluationDay, { today }, 'Tier evaluation').today,
  );
}
