// Composite (/composite) and Composite Batch (/composite/batch). Composite runs up to 25 subrequests in
// order, later ones referring to earlier results with @{referenceId.path}, and counts as ONE API call;
// with allOrNone a failure rolls everything back. Batch runs independent subrequests, each counted.
// Subrequests go through the same router as top-level calls, so they behave exactly alike.
import { z } from 'zod';
import { ApiError, RecordFailure } from '../errors.js';
import type { FaultDecision } from '../faults.js';
import { json, jsonBody, type Ctx, type Reply, type Route } from '../http.js';
import type { EndpointClass } from '../metrics.js';
import type { Router } from '../router.js';

export const MAX_SUBREQUESTS = 25;
/** Query and collection subrequests allowed in one composite call. */
export const MAX_HEAVY_SUBREQUESTS = 5;

const Subrequest = z.object({
  method: z.string(),
  url: z.string(),
  referenceId: z.string().regex(/^[A-Za-z0-9_]+$/, 'referenceId must be alphanumeric'),
  body: z.unknown().optional(),
  httpHeaders: z.record(z.string(), z.string()).optional(),
});

const CompositeBody = z.object({
  allOrNone: z.boolean().optional(),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(Subrequest).min(1),
});

const BatchBody = z.object({
  haltOnError: z.boolean().optional(),
  batchRequests: z
    .array(z.object({ method: z.string(), url: z.string(), richInput: z.unknown().optional() }))
    .min(1),
});

type SubResult = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };

const HALTED = (message: string): { errorCode: string; message: string }[] => [{ errorCode: 'PROCESSING_HALTED', message }];
const ROLLED_BACK_MESSAGE = 'The transaction was rolled back since another operation in the same transaction failed.';

function parse<T>(schema: z.ZodType<T>, ctx: Ctx): T {
  const result = schema.safeParse(jsonBody(ctx));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(400, 'JSON_PARSER_ERROR', `Invalid composite request at ${issue?.path.join('.') || 'root'}: ${issue?.message ?? ''}`);
  }
  return result.data;
}

class UnresolvedReference extends Error {}

/** Follows `id`, `records[0].Id`, `compositeResponse.0.body` … into an earlier subrequest's body. */
function lookupPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const token of path.split(/\.|\[(\d+)\]/).filter((t) => t !== undefined && t !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[token];
  }
  return cur;
}

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

function resolve(text: string, results: ReadonlyMap<string, SubResult>): unknown {
  const whole = new RegExp(`^${REFERENCE.source}$`).exec(text);
  const valueOf = (ref: string, path: string): unknown => {
    const result = results.get(ref);
    const v = result === undefined || result.httpStatusCode >= 400 ? undefined : lookupPath(result.body, path.replace(/^\./, ''));
    if (v === undefined) {
      throw new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ${ref}.`);
    }
    return v;
  };
  if (whole !== null) return valueOf(whole[1]!, whole[2] ?? '');
  return text.replace(REFERENCE, (_m, ref: string, path: string) => String(valueOf(ref, path)));
}

function substitute(value: unknown, results: ReadonlyMap<string, SubResult>): unknown {
  if (typeof value === 'string') return value.includes('@{') ? resolve(value, results) : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  }
  return value;
}

/** Runs one subrequest through the router; errors become the reply they would be over HTTP. */
async function dispatch(
  ctx: Ctx,
  router: Router,
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  fault: FaultDecision,
): Promise<Reply> {
  const parsed = new URL(url, 'http://127.0.0.1');
  const found = router.match(method.toUpperCase(), parsed.pathname);
  if (found === undefined) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  if ('allowed' in found) {
    return { status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are ${found.allowed.join(',')}` }] };
  }
  if (!found.route.data || !SUBREQUEST_CLASSES.has(found.route.cls)) {
    return { status: 400, body: [{ errorCode: 'INVALID_API_INPUT', message: `${parsed.pathname} is not supported in a composite request` }] };
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const sub: Ctx = {
    ...ctx,
    method: method.toUpperCase(),
    path: parsed.pathname,
    query: parsed.searchParams,
    version: found.version,
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body), 'utf8'),
    fault,
    header: (name) => lower[name.toLowerCase()],
  };
  try {
    if (fault.kind === 'lock' && found.route.cls === 'sobject' && sub.method !== 'GET' && fault.locked()) {
      ctx.org.metrics.faultsInjected++;
      throw new ApiError(400, 'UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records');
    }
    return await found.route.handler(sub, found.params);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.body() };
    if (e instanceof RecordFailure) return { status: 400, body: e.toApiError().body() };
    throw e;
  }
}

// Async jobs, metadata and nested composites are not allowed inside a composite, as on Salesforce. Every
// class allowed here is handled synchronously, so a composite's transaction never spans real I/O.
const SUBREQUEST_CLASSES = new Set<EndpointClass>(['sobject', 'query', 'collections', 'describe', 'limits', 'replication', 'versions']);

const isHeavy = (url: string): boolean => /\/(composite\/sobjects|query|queryAll)(\/|\?|$)/.test(url);

async function composite(ctx: Ctx, router: Router): Promise<Reply> {
  const body = parse(CompositeBody, ctx);
  const subs = body.compositeRequest;
  if (subs.length > MAX_SUBREQUESTS) {
    throw new ApiError(400, 'LIMIT_EXCEEDED', `A composite request can have at most ${MAX_SUBREQUESTS} subrequests; this one has ${subs.length}`);
  }
  if (subs.filter((s) => isHeavy(s.url)).length > MAX_HEAVY_SUBREQUESTS) {
    throw new ApiError(400, 'LIMIT_EXCEEDED', `A composite request can have at most ${MAX_HEAVY_SUBREQUESTS} query or sObject Collections subrequests`);
  }
  const ids = new Set<string>();
  for (const s of subs) {
    if (ids.has(s.referenceId)) throw new ApiError(400, 'INVALID_API_INPUT', `Duplicate referenceId provided in the request: ${s.referenceId}`);
    ids.add(s.referenceId);
  }
  const allOrNone = body.allOrNone === true;
  const store = ctx.org.store;
  const savepoint = store.begin();
  const results = new Map<string, SubResult>();
  const out: SubResult[] = [];
  let failedAt = -1;
  try {
    for (const [i, s] of subs.entries()) {
      if (allOrNone && failedAt >= 0) break;
      let reply: Reply;
      try {
        const url = substitute(s.url, results);
        const subBody = substitute(s.body, results);
        reply = await dispatch(ctx, router, s.method, String(url), subBody, s.httpHeaders ?? {}, ctx.fault);
      } catch (e) {
        if (!(e instanceof UnresolvedReference)) throw e;
        reply = { status: 400, body: HALTED(e.message) };
      }
      const result: SubResult = {
        body: reply.status === 204 ? null : (reply.body ?? null),
        httpHeaders: reply.headers ?? {},
        httpStatusCode: reply.status,
        referenceId: s.referenceId,
      };
      results.set(s.referenceId, result);
      out.push(result);
      if (reply.status >= 400 && failedAt < 0) failedAt = i;
    }
  } catch (e) {
    store.rollback(savepoint);
    throw e;
  }
  if (allOrNone && failedAt >= 0) {
    store.rollback(savepoint);
    const halted = (s: (typeof subs)[number]): SubResult => ({
      body: HALTED(ROLLED_BACK_MESSAGE),
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId: s.referenceId,
    });
    return json(200, { compositeResponse: subs.map((s, i) => (i === failedAt ? out[i]! : halted(s))) });
  }
  store.commit();
  return json(200, { compositeResponse: out });
}

async function batch(ctx: Ctx, router: Router): Promise<Reply> {
  const body = parse(BatchBody, ctx);
  const subs = body.batchRequests;
  if (subs.length > MAX_SUBREQUESTS) {
    throw new ApiError(400, 'LIMIT_EXCEEDED', `A batch request can have at most ${MAX_SUBREQUESTS} subrequests; this one has ${subs.length}`);
  }
  // Each subrequest counts against the allocation; the batch call itself already counted one.
  ctx.org.usage.used += subs.length - 1;
  for (let i = 1; i < subs.length; i++) ctx.org.metrics.countCall('composite');
  const results: { statusCode: number; result: unknown }[] = [];
  let halted = false;
  for (const s of subs) {
    if (halted) {
      results.push({
        statusCode: 412,
        result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
      });
      continue;
    }
    // Batch URLs are relative to /services/data ("v63.0/sobjects/…"), or absolute.
    const url = s.url.startsWith('/') ? s.url : `/services/data/${s.url}`;
    const reply = await dispatch(ctx, router, s.method, url, s.richInput, {}, ctx.fault);
    results.push({ statusCode: reply.status, result: reply.status === 204 ? null : (reply.body ?? null) });
    if (reply.status >= 400 && body.haltOnError === true) halted = true;
  }
  return json(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

export function compositeRoutes(router: () => Router): Route[] {
  const r = (pattern: RegExp, handler: (ctx: Ctx, router: Router) => Promise<Reply>): Route => ({
    method: 'POST',
    pattern,
    data: true,
    counted: true,
    cls: 'composite',
    handler: (ctx) => handler(ctx, router()),
  });
  return [r(/^\/composite$/, composite), r(/^\/composite\/batch$/, batch)];
}
