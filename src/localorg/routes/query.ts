// REST query, queryAll and queryMore. Results beyond the first batch wait in a cursor named by a
// locator ("01g…-2000"); jsforce rewrites every nextRecordsUrl to /query/{locator}, so queryAll cursors
// must be reachable there too.
import type { OrgCore } from '../core.js';
import { ApiError } from '../errors.js';
import { json, type Ctx, type Reply, type Route } from '../http.js';
import { randomId } from '../ids.js';
import { runSoql } from '../soql-source.js';

type Cursor = { records: Record<string, unknown>[]; totalSize: number; batchSize: number; lastUsed: number };

const MAX_CURSORS = 10;
const CURSOR_IDLE_MS = 15 * 60_000;
const DEFAULT_BATCH = 2000;

const cursorsByOrg = new WeakMap<OrgCore, Map<string, Cursor>>();

function cursors(org: OrgCore): Map<string, Cursor> {
  let map = cursorsByOrg.get(org);
  if (map === undefined) {
    map = new Map();
    cursorsByOrg.set(org, map);
  }
  return map;
}

export function clearCursors(org: OrgCore): void {
  cursors(org).clear();
}

function batchSize(ctx: Ctx): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(ctx.header('sforce-query-options') ?? '');
  if (m === null) return DEFAULT_BATCH;
  return Math.min(2000, Math.max(200, Number(m[1])));
}

function page(ctx: Ctx, base: string, cursor: Cursor, offset: number): Reply {
  const records = cursor.records.slice(offset, offset + cursor.batchSize);
  const next = offset + records.length;
  ctx.org.metrics.recordsRead += records.length;
  const done = next >= cursor.records.length;
  const body: Record<string, unknown> = { totalSize: cursor.totalSize, done };
  if (!done) body['nextRecordsUrl'] = `/services/data/v${ctx.version}/query/${base}-${next}`;
  body['records'] = records;
  if (done) cursors(ctx.org).delete(base);
  return json(200, body);
}

function run(ctx: Ctx, includeDeleted: boolean): Reply {
  const soql = ctx.query.get('q');
  if (soql === null || soql.trim() === '') {
    if (ctx.query.has('explain')) throw new ApiError(400, 'MALFORMED_QUERY', 'explain is not supported by the local org');
    throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  }
  if (soql.length > 100_000) throw new ApiError(400, 'MALFORMED_QUERY', 'Query is too long: 100000 characters at most');
  const result = runSoql(ctx.org, soql, { includeDeleted, apiVersion: ctx.version });
  const cursor: Cursor = {
    records: result.records,
    totalSize: result.totalSize,
    batchSize: batchSize(ctx),
    lastUsed: ctx.org.clock.now().getTime(),
  };
  if (cursor.records.length <= cursor.batchSize) {
    ctx.org.metrics.recordsRead += cursor.records.length;
    return json(200, { totalSize: cursor.totalSize, done: true, records: cursor.records });
  }
  const all = cursors(ctx.org);
  if (all.size >= MAX_CURSORS) {
    const oldest = [...all.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
    if (oldest !== undefined) all.delete(oldest[0]);
  }
  const base = randomId('01g');
  all.set(base, cursor);
  return page(ctx, base, cursor, 0);
}

function more(ctx: Ctx, [locator]: string[]): Reply {
  const m = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator ?? '');
  const all = cursors(ctx.org);
  const cursor = m === null ? undefined : all.get(m[1]!);
  const now = ctx.org.clock.now().getTime();
  if (m === null || cursor === undefined || now - cursor.lastUsed > CURSOR_IDLE_MS) {
    if (m !== null) all.delete(m[1]!);
    throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  cursor.lastUsed = now;
  return page(ctx, m[1]!, cursor, Number(m[2]));
}

const route = (method: string, pattern: RegExp, handler: Route['handler']): Route => ({
  method,
  pattern,
  data: true,
  counted: true,
  cls: 'query',
  handler,
});

export const queryRoutes: Route[] = [
  route('GET', /^\/query$/, (ctx) => run(ctx, false)),
  route('GET', /^\/queryAll$/, (ctx) => run(ctx, true)),
  route('GET', /^\/query\/([^/]+)$/, more),
  route('GET', /^\/queryAll\/([^/]+)$/, more),
];
