// The sync engine: one cycle is pull → compute → push. runCycle does one; runSync repeats it until the
// signal stops it. Progress goes out through onProgress (initial-load counts per object, one summary per
// cycle); every cycle is also recorded in the store for `sf prm status`.
import type { Connection } from '@jsforce/jsforce-node';
import { ApiBudget } from '../crm/budget.js';
import { CrmError, ErrorClass } from '../crm/errors.js';
import { Gateway } from '../crm/gateway.js';
import type { GatewayOptions } from '../crm/gateway.js';
import { pause } from '../crm/retry.js';
import { isAbort } from '../crm/writes.js';
import { CycleStatus } from '../store/index.js';
import type { Store } from '../store/index.js';
import { z } from 'zod';
import { dateOf } from '../domain/time.js';
import { compute } from './compute.js';
import { syncConfig } from './config.js';
import type { SyncConfig, SyncConfigInput } from './config.js';
import { addDirty, isClean, readDirty } from './dirty.js';
import { loadWorld } from './facts.js';
import { PROGRAM_KEY, resolveProgram } from './program-state.js';
import type { ProgramProblem } from './program-state.js';
import { pull } from './pull.js';
import { push } from './push.js';
import type { Rejected } from './records.js';
import { reconcile } from './reconcile.js';
import { reconcileDeletes } from './reconcile-deletes.js';

export type CycleReport = {
  readonly cycleId: number;
  readonly status: 'ok' | 'partial' | 'failed';
  readonly pulled: number;
  /** Records whose pulled change was more than an echo of our own write. */
  readonly changed: number;
  readonly computed: number;
  readonly queued: number;
  /** Service-owned fields left alone because a person changed them. */
  readonly kept: number;
  readonly pushed: number;
  readonly failed: number;
  readonly apiCalls: number;
  readonly rejected: readonly Rejected[];
  readonly programProblems: readonly ProgramProblem[];
  readonly error?: string;
};

export type SyncProgress =
  | { readonly kind: 'load'; readonly object: string; readonly done: number; readonly total: number }
  | { readonly kind: 'cycle'; readonly report: CycleReport }
  | {
      readonly kind: 'retry';
      readonly code: string;
      readonly attempt: number;
      readonly waitMs: number;
      readonly url: string;
    }
  | { readonly kind: 'error'; readonly error: string };

export type CycleContext = {
  readonly gateway: Gateway;
  readonly store: Store;
  readonly config: SyncConfig;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: SyncProgress) => void;
  /** The org's time (ms); default the server's Date header, then the local clock. */
  readonly now?: () => number;
  /** Test seam: called once the pull is stored, before the compute reads the mirror. */
  readonly afterPull?: () => void | Promise<void>;
  /** Test seam: called once the outbox holds the cycle's changes, before anything is sent. */
  readonly afterCompute?: () => void | Promise<void>;
};

const DAY_KEY = 'sync:computeDay';

/**
 * Rows queued by one compute after which the store's planner statistics are refreshed: a claim planned
 * on stale statistics costs in proportion to the backlog, and a backlog this small costs little either way.
 */
export const REFRESH_STATISTICS_AFTER = 1000;

type PullAndCompute = {
  readonly pulled: number;
  readonly changed: number;
  readonly computed: number;
  readonly queued: number;
  readonly kept: number;
  readonly rejected: Rejected[];
  readonly programProblems: readonly ProgramProblem[];
};

/** Pull, then compute and queue what the pulled changes touch: one worker at a time (see runCycle). */
async function pullAndCompute(ctx: CycleContext): Promise<PullAndCompute> {
  const { gateway, store, config, signal } = ctx;
  const pulled = await pull(gateway, store, {
    overlapMs: config.overlapMs,
    bulkReadThreshold: config.bulkReadThreshold,
    ...(signal ? { signal } : {}),
    ...(ctx.now ? { now: ctx.now } : {}),
    onProgress: (p) => ctx.onProgress?.({ kind: 'load', ...p }),
  });
  await ctx.afterPull?.();
  // Salesforce keeps date-times to the second: a decision stamped with milliseconds would come back
  // different and look like a change on every later cycle.
  const now = Math.floor((ctx.now?.() ?? gateway.serverNow() ?? Date.now()) / 1000) * 1000;
  const today = dateOf(now);
  const program = await resolveProgram(store, pulled.program);
  const lastDay = await store.getMeta(DAY_KEY, z.string());
  // Once a day (not on the first load, which has just read everything): hard deletes.
  if (lastDay !== undefined && lastDay !== today) await reconcileDeletes(gateway, store, signal);
  // New rules or a new day (expiry, grace, snapshots): everything is recomputed. Stored with the rules
  // it is for, so a crash in between cannot lose the recompute.
  if (program.save !== undefined || lastDay !== today) {
    await store.transaction(async (tx) => {
      if (program.save !== undefined) await tx.setMeta(PROGRAM_KEY, program.save);
      await addDirty(tx, { all: true });
    });
  }

  let computed = 0;
  let queued = 0;
  let kept = 0;
  const rejected = [...pulled.rejected];
  const dirty = await store.transaction((tx) => readDirty(tx));
  if (!isClean(dirty)) {
    const world = await loadWorld(store, {
      dirtyIds: dirty.ids,
      pendingRegistrations: await store.pendingFields('Deal_Registration__c'),
      today,
    });
    const outcome = await reconcile(store, world, dirty, { [DAY_KEY]: today }, (flush) =>
      compute(world, program.config, dirty, now, flush),
    );
    // The claims that follow plan from the outbox's statistics (PostgreSQL): stale after a large enqueue.
    if (outcome.queued >= REFRESH_STATISTICS_AFTER) await store.refreshStatistics();
    rejected.push(...outcome.desired.rejected);
    computed = outcome.desired.computed;
    queued = outcome.queued;
    kept = outcome.kept;
  } else if (lastDay !== today) {
    await store.setMeta(DAY_KEY, today);
  }
  return {
    pulled: pulled.pulled,
    changed: pulled.changed,
    computed,
    queued,
    kept,
    rejected,
    programProblems: program.problems,
  };
}

export async function runCycle(ctx: CycleContext): Promise<CycleReport> {
  const { gateway, store, config, signal } = ctx;
  const cycleId = await store.startCycle();
  const callsBefore = gateway.budget.calls;
  try {
    // Several workers may share one store (PostgreSQL): one of them pulls and computes while the others
    // only help push from the shared outbox, so no change is pulled, computed or queued twice.
    const locked = await store.withObjectLock('Sync_Cycle', () => pullAndCompute(ctx));
    const work: PullAndCompute = locked.acquired
      ? locked.value
      : { pulled: 0, changed: 0, computed: 0, queued: 0, kept: 0, rejected: [], programProblems: [] };
    const { rejected } = work;
    await ctx.afterCompute?.();
    signal?.throwIfAborted();

    const pushed = await push(gateway, store, {
      claimSize: config.claimSize,
      leaseMs: config.leaseMs,
      ...(signal ? { signal } : {}),
    });
    const report: CycleReport = {
      cycleId,
      status: pushed.failed > 0 || rejected.length > 0 || work.programProblems.length > 0 ? 'partial' : 'ok',
      pulled: work.pulled,
      changed: work.changed,
      computed: work.computed,
      queued: work.queued,
      kept: work.kept,
      pushed: pushed.pushed,
      failed: pushed.failed,
      apiCalls: gateway.budget.calls - callsBefore,
      rejected,
      programProblems: work.programProblems,
    };
    await store.finishCycle(cycleId, {
      status: report.status === 'ok' ? CycleStatus.Ok : CycleStatus.Partial,
      pulled: report.pulled,
      computed: report.computed,
      pushed: report.pushed,
      failed: report.failed + rejected.length,
      apiCalls: report.apiCalls,
      error: summariseProblems(rejected, work.programProblems),
    });
    ctx.onProgress?.({ kind: 'cycle', report });
    return report;
  } catch (error) {
    const e = CrmError.from(error);
    await store
      .finishCycle(cycleId, {
        status: CycleStatus.Failed,
        apiCalls: gateway.budget.calls - callsBefore,
        error: isAbort(error) ? 'ABORTED: stopped mid-cycle' : `${e.errorCode}: ${e.message}`,
      })
      .catch(() => undefined);
    throw error;
  }
}

function summariseProblems(
  rejected: readonly Rejected[],
  problems: readonly ProgramProblem[],
): string | null {
  const parts: string[] = [];
  if (problems.length > 0)
    parts.push(`program rules: ${problems.map((p) => `${p.setting} ${p.message}`).join('; ')}`);
  if (rejected.length > 0) {
    parts.push(
      `rejected records: ${rejected
        .slice(0, 20)
        .map((r) => `${r.objectType} ${r.id}: ${r.reason}`)
        .join('; ')}${rejected.length > 20 ? ` (+${rejected.length - 20} more)` : ''}`,
    );
  }
  return parts.length > 0 ? parts.join(' | ') : null;
}

export type RunSyncOptions = {
  readonly conn: Connection;
  readonly store: Store;
  readonly config?: SyncConfigInput;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: SyncProgress) => void;
  /** One cycle and return (sf prm sync --once). */
  readonly once?: boolean;
  readonly gateway?: Omit<GatewayOptions, 'signal' | 'budget' | 'onRetry'>;
  readonly now?: () => number;
};

export type RunSyncResult = { readonly cycles: CycleReport[]; readonly apiCalls: number };

/** The gateway a sync run uses: the config's budget share, its signal, retries reported as progress. */
export function gatewayFor(
  options: Pick<RunSyncOptions, 'conn' | 'signal' | 'onProgress' | 'gateway'>,
  config: SyncConfig,
): Gateway {
  return new Gateway(options.conn, {
    ...options.gateway,
    budget: new ApiBudget(config.budgetShare),
    bulkWriteThreshold: config.bulkWriteThreshold,
    bulkPollMs: config.bulkPollMs,
    ...(options.signal ? { signal: options.signal } : {}),
    onRetry: (info) => options.onProgress?.({ kind: 'retry', ...info }),
  });
}

/**
 * Runs cycles until the signal aborts (or once). A transient failure skips to the next cycle; throttling
 * waits a longer interval; a lost session that cannot be renewed ends the run with a clear error.
 */
export async function runSync(options: RunSyncOptions): Promise<RunSyncResult> {
  const config = syncConfig(options.config);
  const gateway = gatewayFor(options, config);
  const cycles: CycleReport[] = [];
  const ctx: CycleContext = {
    gateway,
    store: options.store,
    config,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  for (;;) {
    let wait = config.intervalMs;
    try {
      cycles.push(await runCycle(ctx));
      if (options.once) break;
    } catch (error) {
      if (isAbort(error) || options.signal?.aborted) break;
      const e = CrmError.from(error);
      if (options.once || e.errorClass === ErrorClass.Auth || e.errorClass === ErrorClass.Permanent) throw e;
      options.onProgress?.({ kind: 'error', error: `${e.errorCode}: ${e.message}` });
      if (e.errorClass === ErrorClass.Throttled) wait = Math.max(wait * 10, 15 * 60_000);
    }
    try {
      await pause(wait, options.signal);
    } catch {
      break;
    }
  }
  return { cycles, apiCalls: gateway.budget.calls };
}
