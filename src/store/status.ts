// What `sf prm status` shows: recent cycles, the outbox by state, every failed record with Salesforce's
// reason, and where each object's pull stands. Failed rows list field names only, never their values.
import { z } from 'zod';
import type { Ctx } from './context.js';
import { listCursors } from './cursors.js';
import type { Cursor } from './cursors.js';
import { recentCycles } from './cycles.js';
import type { Cycle } from './cycles.js';
import { parseFieldValuesColumn } from './json.js';
import { getMeta } from './meta.js';
import type { Engine, OutboxOperation, OutboxState } from './schema.js';

export type FailedRecord = {
  readonly seq: number;
  readonly objectType: string;
  readonly recordId: string | null;
  readonly externalId: string | null;
  readonly operation: OutboxOperation;
  readonly fields: string[];
  readonly attempts: number;
  readonly code: string | null;
  readonly message: string | null;
  readonly failedAt: number;
};

export type StoreStatus = {
  readonly engine: Engine;
  readonly schemaVersion: number | null;
  readonly cycles: Cycle[];
  readonly outbox: Record<OutboxState, number>;
  readonly failures: FailedRecord[];
  /** FAILED rows in total (failures may be truncated to the limit). */
  readonly failedTotal: number;
  readonly cursors: Cursor[];
};

export type StatusOptions = { readonly cycles?: number; readonly failures?: number };

export async function status(ctx: Ctx, options: StatusOptions = {}): Promise<StoreStatus> {
  const outbox: Record<OutboxState, number> = { NEW: 0, PENDING: 0, SUCCESS: 0, FAILED: 0, IGNORED: 0 };
  const depth = await ctx.db
    .selectFrom('outbox')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  for (const row of depth) {
    if (Object.hasOwn(outbox, row.state)) outbox[row.state] = Number(row.n);
  }
  const failed = await ctx.db
    .selectFrom('outbox_failures')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(Math.max(0, options.failures ?? 100))
    .execute();
  return {
    engine: ctx.engine,
    schemaVersion: (await getMeta(ctx, 'schema_version', z.number().int())) ?? null,
    cycles: await recentCycles(ctx, options.cycles ?? 10),
    outbox,
    failures: failed.map((row) => ({
      seq: Number(row.seq),
      objectType: row.object_type,
      recordId: row.record_id,
      externalId: row.external_id,
      operation: row.operation,
      fields: Object.keys(parseFieldValuesColumn(row.fields, `outbox #${row.seq} fields`)),
      attempts: row.attempts,
      code: row.last_error_code,
      message: row.last_error_message,
      failedAt: Number(row.updated_at),
    })),
    failedTotal: outbox.FAILED,
    cursors: await listCursors(ctx),
  };
}
