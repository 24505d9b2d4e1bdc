// Per-object pull watermarks, (SystemModstamp, Id). Call setCursor in the same transaction as the mirror
// rows it covers (Store.transaction), so a crash never leaves a cursor ahead of the data.
import type { Ctx } from './context.js';
import { inTx } from './context.js';
import { StoreError, StoreErrorCode } from './errors.js';
import { toIsoTimestamp } from './time.js';
import { checkObjectType } from './validate.js';

export type Cursor = {
  readonly objectType: string;
  /** ISO UTC with milliseconds. */
  readonly watermarkTs: string;
  /** The last Id at watermarkTs inside a paged pass; null once a pass completed up to watermarkTs. */
  readonly watermarkId: string | null;
  readonly updatedAt: number;
};

export type CursorInput = { readonly ts: string | Date; readonly id?: string | null };

function compare(a: { ts: string; id: string | null }, b: { ts: string; id: string | null }): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  if (a.id === b.id) return 0;
  if (a.id === null) return -1;
  if (b.id === null) return 1;
  return a.id < b.id ? -1 : 1;
}

export async function getCursor(ctx: Ctx, objectType: string): Promise<Cursor | undefined> {
  checkObjectType(objectType);
  const row = await ctx.db
    .selectFrom('cursors')
    .selectAll()
    .where('object_type', '=', objectType)
    .executeTakeFirst();
  return row && toCursor(row);
}

export async function listCursors(ctx: Ctx): Promise<Cursor[]> {
  const rows = await ctx.db.selectFrom('cursors').selectAll().orderBy('object_type').execute();
  return rows.map(toCursor);
}

function toCursor(row: {
  object_type: string;
  watermark_ts: string;
  watermark_id: string | null;
  updated_at: number;
}): Cursor {
  return {
    objectType: row.object_type,
    watermarkTs: row.watermark_ts,
    watermarkId: row.watermark_id,
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Advances the watermark. Moving it backwards throws CURSOR_BACKWARDS: a stale puller (or a bug) must not
 * silently rewind; resetCursor is the explicit way to re-pull.
 */
export async function setCursor(ctx: Ctx, objectType: string, input: CursorInput): Promise<Cursor> {
  checkObjectType(objectType);
  const next = { ts: toIsoTimestamp(input.ts, `${objectType} watermark`), id: input.id ?? null };
  return inTx(ctx, async (tx) => {
    const current = await getCursor(tx, objectType);
    if (current && compare(next, { ts: current.watermarkTs, id: current.watermarkId }) < 0) {
      throw new StoreError(
        StoreErrorCode.CursorBackwards,
        `${objectType} watermark would move back from ${current.watermarkTs} to ${next.ts}`,
      );
    }
    const row = {
      object_type: objectType,
      watermark_ts: next.ts,
      watermark_id: next.id,
      updated_at: tx.clock(),
    };
    await tx.db
      .insertInto('cursors')
      .values(row)
      .onConflict((oc) =>
        oc.column('object_type').doUpdateSet({
          watermark_ts: row.watermark_ts,
          watermark_id: row.watermark_id,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    return toCursor(row);
  });
}

/** Forgets the watermark so the next pull starts from the beginning (a full reload). */
export async function resetCursor(ctx: Ctx, objectType: string): Promise<void> {
  checkObjectType(objectType);
  await ctx.db.deleteFrom('cursors').where('object_type', '=', objectType).execute();
}
