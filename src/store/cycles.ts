// One row per sync cycle: what `sf prm status` shows as recent activity. A cycle left 'running' by a
// killed worker stays visible as such, which is itself the signal an admin needs.
import { z } from 'zod';
import type { Ctx } from './context.js';
import { StoreError, StoreErrorCode } from './errors.js';
import { parseInput } from './json.js';
import { CycleStatus } from './schema.js';
import type { CycleRow } from './schema.js';

export type CycleSummary = {
  readonly status: Exclude<CycleStatus, 'running'>;
  readonly pulled?: number;
  readonly computed?: number;
  readonly pushed?: number;
  readonly failed?: number;
  readonly apiCalls?: number;
  /** How far the mirror trails the org at the end of the cycle. */
  readonly lagMs?: number | null;
  /** A code and short text; never record field values or tokens. */
  readonly error?: string | null;
};

export type Cycle = {
  readonly id: number;
  readonly workerId: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly status: CycleStatus;
  readonly pulled: number;
  readonly computed: number;
  readonly pushed: number;
  readonly failed: number;
  readonly apiCalls: number;
  readonly lagMs: number | null;
  readonly error: string | null;
};

const count = z.number().int().nonnegative().optional();
const summarySchema = z.object({
  status: z.enum([CycleStatus.Ok, CycleStatus.Partial, CycleStatus.Failed]),
  pulled: count,
  computed: count,
  pushed: count,
  failed: count,
  apiCalls: count,
  lagMs: z.number().nonnegative().nullable().optional(),
  error: z.string().nullable().optional(),
});

const MAX_ERROR = 2000;

export async function startCycle(ctx: Ctx, workerId: string): Promise<number> {
  const row = await ctx.db
    .insertInto('cycles')
    .values({
      worker_id: workerId,
      started_at: ctx.clock(),
      status: CycleStatus.Running,
      pulled: 0,
      computed: 0,
      pushed: 0,
      failed: 0,
      api_calls: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishCycle(ctx: Ctx, id: number, summary: CycleSummary): Promise<void> {
  const s = parseInput(summary, summarySchema, `cycle ${id} summary`);
  const result = await ctx.db
    .updateTable('cycles')
    .set({
      finished_at: ctx.clock(),
      status: s.status,
      pulled: s.pulled ?? 0,
      computed: s.computed ?? 0,
      pushed: s.pushed ?? 0,
      failed: s.failed ?? 0,
      api_calls: s.apiCalls ?? 0,
      lag_ms: s.lagMs == null ? null : Math.round(s.lagMs),
      error: s.error == null ? null : s.error.slice(0, MAX_ERROR),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new StoreError(StoreErrorCode.NotFound, `cycle ${id} was never started`);
  }
}

export async function recentCycles(ctx: Ctx, limit: number): Promise<Cycle[]> {
  const rows = await ctx.db
    .selectFrom('cycles')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();
  return rows.map(toCycle);
}

function toCycle(row: CycleRow): Cycle {
  return {
    id: Number(row.id),
    workerId: row.worker_id,
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    status: row.status,
    pulled: row.pulled,
    computed: row.computed,
    pushed: row.pushed,
    failed: row.failed,
    apiCalls: row.api_calls,
    lagMs: row.lag_ms === null ? null : Number(row.lag_ms),
    error: row.error,
  };
}
