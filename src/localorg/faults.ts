// Fault injection: rules that answer a share of matching calls with an error, a delay, or a dropped
// connection. Decisions come from a seeded generator, so a run with the same seed and the same calls
// sees the same faults.
import { z } from 'zod';
import { ENDPOINT_CLASSES, type EndpointClass } from './metrics.js';

const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]);

export const FaultActionSchema = z.discriminatedUnion('type', [
  /** An HTTP error for the whole call (503, 429, 500…). */
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(400).max(599),
    errorCode: z.string().optional(),
    message: z.string().optional(),
  }),
  /** UNABLE_TO_LOCK_ROW: per record inside collections and composite, for the whole call elsewhere. */
  z.object({ type: z.literal('lock') }),
  /** Answer late (a slow org or a timeout on the client's side). */
  z.object({ type: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  /** Destroy the socket without answering. */
  z.object({ type: z.literal('drop') }),
]);
export type FaultAction = z.infer<typeof FaultActionSchema>;

export const FaultRuleSchema = z.object({
  match: z
    .object({
      class: oneOrMany(z.enum(ENDPOINT_CLASSES)).optional(),
      method: oneOrMany(z.string()).optional(),
      /** A substring of the request path. */
      path: z.string().optional(),
    })
    .default({}),
  /** Share of matching calls (or records, for lock) that fail: 0..1. */
  probability: z.number().min(0).max(1).default(1),
  /** Stop after firing this many times. */
  times: z.number().int().positive().optional(),
  action: FaultActionSchema,
});
export type FaultRule = z.input<typeof FaultRuleSchema>;

export const FaultConfigSchema = z.object({
  seed: z.number().int().default(1),
  rules: z.array(FaultRuleSchema).default([]),
});
export type FaultConfig = z.input<typeof FaultConfigSchema>;

type ParsedRule = z.infer<typeof FaultRuleSchema> & { fired: number };

/** mulberry32: small, fast and good enough to spread faults evenly. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type CallInfo = { cls: EndpointClass; method: string; path: string };

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number; errorCode: string; message: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  /** Per-record locking: ask `locked()` for each record. */
  | { kind: 'lock'; locked: () => boolean };

const DEFAULT_MESSAGES: Record<number, [string, string]> = {
  401: ['INVALID_SESSION_ID', 'Session expired or invalid'],
  403: ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
  429: ['REQUEST_LIMIT_EXCEEDED', 'Too many requests'],
  500: ['UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support'],
  502: ['SERVER_UNAVAILABLE', 'Bad gateway'],
  503: ['SERVER_UNAVAILABLE', 'Server temporarily unavailable'],
};

export class Faults {
  private rules: ParsedRule[] = [];
  private random: () => number = generator(1);
  config: FaultConfig = { seed: 1, rules: [] };

  set(config: FaultConfig): void {
    const parsed = FaultConfigSchema.parse(config);
    this.config = config;
    this.rules = parsed.rules.map((r) => ({ ...r, fired: 0 }));
    this.random = generator(parsed.seed);
  }

  clear(): void {
    this.set({ seed: 1, rules: [] });
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  decide(call: CallInfo): FaultDecision {
    for (const rule of this.rules) {
      if (!matches(rule, call)) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      const action = rule.action;
      if (action.type === 'lock') {
        return {
          kind: 'lock',
          locked: () => {
            if (rule.times !== undefined && rule.fired >= rule.times) return false;
            const hit = this.random() < rule.probability;
            if (hit) rule.fired++;
            return hit;
          },
        };
      }
      if (this.random() >= rule.probability) continue;
      rule.fired++;
      switch (action.type) {
        case 'status': {
          const [code, message] = DEFAULT_MESSAGES[action.status] ?? ['UNKNOWN_EXCEPTION', 'Injected fault'];
          return {
            kind: 'status',
            status: action.status,
            errorCode: action.errorCode ?? code,
            message: action.message ?? message,
          };
        }
        case 'delay':
          return { kind: 'delay', ms: action.ms };
        case 'drop':
          return { kind: 'drop' };
      }
    }
    return { kind: 'none' };
  }
}

function matches(rule: ParsedRule, call: CallInfo): boolean {
  const { match } = rule;
  const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const classes = list(match.class);
  if (classes !== undefined && !classes.includes(call.cls)) return false;
  const methods = list(match.method)?.map((m) => m.toUpperCase());
  if (methods !== undefined && !methods.includes(call.method)) return false;
  if (match.path !== undefined && !call.path.includes(match.path)) return false;
  return true;
}
