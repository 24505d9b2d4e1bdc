// The tier dry run behind `sf prm tiers simulate`: brings the mirror up to date (one poll), then asks
// simulateTiers what evaluating every partner today would change, with the reasons, writing nothing.
import type { Connection } from '@jsforce/jsforce-node';
import type { ProgramConfig, TierConfig } from '../domain/config.js';
import { activeCertificationCount } from '../domain/health/index.js';
import { dateOf } from '../domain/time.js';
import { simulateTiers } from '../domain/tiers/index.js';
import type { TierChange } from '../domain/tiers/index.js';
import type { Store } from '../store/index.js';
import { attributeAll } from './compute.js';
import { syncConfig } from './config.js';
import type { SyncConfigInput } from './config.js';
import { gatewayFor } from './engine.js';
import { loadWorld, toHealthFacts } from './facts.js';
import { resolveProgram } from './program-state.js';
import type { ProgramProblem } from './program-state.js';
import { pull } from './pull.js';
import type { Rejected } from './records.js';

export type TiersDryRun = {
  readonly asOf: string;
  readonly changes: TierChange[];
  /** Partners evaluated. */
  readonly partners: number;
  readonly programProblems: readonly ProgramProblem[];
  readonly rejected: readonly Rejected[];
  readonly apiCalls: number;
};

export type TiersDryRunOptions = {
  readonly config?: SyncConfigInput;
  /** Evaluate against these tiers instead of the program's (a what-if before deploying new rules). */
  readonly tiers?: readonly TierConfig[];
  /** The org's time (ms); default the server's. */
  readonly now?: () => number;
};

export async function tiersDryRun(
  conn: Connection,
  store: Store,
  options: TiersDryRunOptions = {},
): Promise<TiersDryRun> {
  const config = syncConfig(options.config);
  const gateway = gatewayFor({ conn }, config);
  const pulled = await pull(gateway, store, {
    overlapMs: config.overlapMs,
    bulkReadThreshold: config.bulkReadThreshold,
    // A person runs the dry run right after an edit: read it now rather than after the next minute.
    fresh: true,
    ...(options.now ? { now: options.now } : {}),
  });
  const program = await resolveProgram(store, pulled.program);
  const today = dateOf(options.now?.() ?? gateway.serverNow() ?? Date.now());
  const world = await loadWorld(store, { today });
  const rejected = [...pulled.rejected, ...world.rejected];
  const report = attributeAll(world, world.registrations, program.config as ProgramConfig, today);
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const partners = [...world.partners.values()].map((row) => {
    const a = report.partners.get(row.id);
    return {
      partnerId: row.id,
      ...(str(row.fields['Name']) ? { name: str(row.fields['Name'])! } : {}),
      metrics: {
        partnerId: row.id,
        attributedRevenueCents: a?.attributedRevenueCents ?? 0,
        wonDeals: a?.wonDeals ?? 0,
        activeCertifications: activeCertificationCount(toHealthFacts(row), today),
        registrationsApproved: a?.registrationsApproved ?? 0,
      },
      state: {
        tier: str(row.fields['Partner_Tier__c']),
        tierSince: str(row.fields['Partner_Tier_Since__c']),
        graceUntil: str(row.fields['Partner_Tier_Grace_Until__c']),
      },
    };
  });
  return {
    asOf: today,
    changes: simulateTiers(partners, options.tiers ?? program.config.tiers, today),
    partners: partners.length,
    programProblems: program.problems,
    rejected,
    apiCalls: gateway.budget.calls,
  };
}
