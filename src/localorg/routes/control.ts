// The control surface under /__localorg/ (not Salesforce): reset, seed, clock, faults, metrics and the
// API allocation. It needs the org's token like any call but is never counted, faulted or limited, so
// tests and benchmarks can steer the org without disturbing what they measure.
import { z } from 'zod';
import { formatDateTime, parseDateTime } from '../clock.js';
import { DEMO_OBJECT_TYPES, DEMO_SIZES, demoRecordStreams } from '../demo/generate.js';
import { ApiError } from '../errors.js';
import { FaultConfigSchema } from '../faults.js';
import { json, jsonBody, type Ctx, type Reply, type Route } from '../http.js';
import { seedRecords, type SeedObject } from '../seed.js';
import { clearCursors } from './query.js';

function parse<T>(schema: z.ZodType<T>, ctx: Ctx, emptyAs?: unknown): T {
  const raw = ctx.body.toString('utf8').trim() === '' && emptyAs !== undefined ? emptyAs : jsonBody(ctx);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(400, 'INVALID_INPUT', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

const ResetBody = z.object({
  /** Keep deployed objects and fields; wipe records only. */
  keepSchema: z.boolean().default(false),
});

function reset(ctx: Ctx): Reply {
  const org = ctx.org;
  const { keepSchema } = parse(ResetBody, ctx, {});
  const schema = org.schema.all();
  const components = new Map(org.components);
  org.reset();
  if (keepSchema) {
    org.schema.replaceAll(schema);
    org.components = components;
    org.metaChanged();
  }
  clearCursors(org);
  return json(200, { reset: true, keepSchema });
}

const SeedBody = z
  .object({
    /** Generated demo data (src/localorg/demo). */
    demo: z
      .object({
        seed: z.number().int().default(1),
        size: z.union([z.enum(Object.keys(DEMO_SIZES) as [keyof typeof DEMO_SIZES]), z.number().int().positive()]).default('tiny'),
        asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        /** Load only these demo objects (e.g. before the custom objects are deployed). */
        types: z.array(z.enum(DEMO_OBJECT_TYPES)).optional(),
      })
      .optional(),
    /** Explicit records, parents first; '@ref' names a record and '@ref:<name>' links to it. */
    objects: z.array(z.object({ type: z.string(), records: z.array(z.record(z.string(), z.unknown())) })).optional(),
  })
  .refine((b) => b.demo !== undefined || b.objects !== undefined, 'give demo or objects');

function seed(ctx: Ctx): Reply {
  const body = parse(SeedBody, ctx);
  const objects: SeedObject[] = [];
  if (body.demo !== undefined) {
    const { types, ...options } = body.demo;
    let streams;
    try {
      streams = demoRecordStreams(options);
    } catch (e) {
      throw new ApiError(400, 'INVALID_INPUT', e instanceof Error ? e.message : String(e));
    }
    objects.push(...streams.filter((s) => types === undefined || types.includes(s.type)));
  }
  if (body.objects !== undefined) objects.push(...body.objects);
  return json(200, seedRecords(ctx.org, objects));
}

const ClockBody = z.object({
  /** An ISO datetime to move the clock to. */
  set: z.string().optional(),
  /** Milliseconds to move the clock forward (or back, if negative). */
  advanceMs: z.number().int().optional(),
  /** Stop (true) or restart (false) the clock. */
  frozen: z.boolean().optional(),
});

function clockState(ctx: Ctx): Reply {
  return json(200, { now: formatDateTime(ctx.org.clock.now()), epochMs: ctx.org.clock.now().getTime(), frozen: ctx.org.clock.frozen });
}

function setClock(ctx: Ctx): Reply {
  const body = parse(ClockBody, ctx);
  const clock = ctx.org.clock;
  const frozen = body.frozen ?? clock.frozen;
  if (body.set !== undefined) {
    const at = parseDateTime(body.set);
    if (at === undefined) throw new ApiError(400, 'INVALID_INPUT', `set: not a datetime: ${body.set}`);
    clock.set(at, frozen);
  } else if (frozen !== clock.frozen) {
    clock.set(clock.now(), frozen);
  }
  if (body.advanceMs !== undefined) clock.advance(body.advanceMs);
  return clockState(ctx);
}

function getFaults(ctx: Ctx): Reply {
  return json(200, { ...ctx.org.faults.config, active: ctx.org.faults.active });
}

function setFaults(ctx: Ctx): Reply {
  const result = FaultConfigSchema.safeParse(jsonBody(ctx));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(400, 'INVALID_INPUT', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  ctx.org.faults.set(result.data);
  return getFaults(ctx);
}

function clearFaults(ctx: Ctx): Reply {
  ctx.org.faults.clear();
  return getFaults(ctx);
}

function metrics(ctx: Ctx): Reply {
  const org = ctx.org;
  return json(200, {
    ...org.metrics.snapshot(org.store.recordsWritten),
    apiUsage: { used: org.usage.used, max: org.usage.max },
  });
}

function resetMetrics(ctx: Ctx): Reply {
  ctx.org.metrics.reset();
  ctx.org.store.recordsWritten = 0;
  return metrics(ctx);
}

const UsageBody = z.object({
  /** DailyApiRequests Max. */
  max: z.number().int().nonnegative().optional(),
  /** Calls already used in the current window. */
  used: z.number().int().nonnegative().optional(),
});

function setUsage(ctx: Ctx): Reply {
  const body = parse(UsageBody, ctx);
  const usage = ctx.org.usage;
  if (body.max !== undefined) usage.max = body.max;
  if (body.used !== undefined) usage.used = body.used;
  return json(200, { used: usage.used, max: usage.max });
}

const r = (method: string, name: string, handler: Route['handler']): Route => ({
  method,
  pattern: new RegExp(`^/__localorg/${name}$`),
  data: false,
  counted: false,
  cls: 'control',
  handler,
});

export const controlRoutes: Route[] = [
  r('POST', 'reset', reset),
  r('POST', 'seed', seed),
  r('GET', 'clock', clockState),
  r('POST', 'clock', setClock),
  r('GET', 'faults', getFaults),
  r('PUT', 'faults', setFaults),
  r('POST', 'faults', setFaults),
  r('DELETE', 'faults', clearFaults),
  r('GET', 'metrics', metrics),
  r('DELETE', 'metrics', resetMetrics),
  r('POST', 'usage', setUsage),
];
