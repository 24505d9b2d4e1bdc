// How long a transiently failed outbox row waits before its next attempt. "Equal jitter": half of the
// exponential step is fixed and half random, so delays still grow with attempts (a storm of
// UNABLE_TO_LOCK_ROW backs off for real) while workers that failed together do not retry together.
export type BackoffOptions = {
  /** Delay ceiling of the first retry. */
  readonly baseMs?: number;
  /** No delay exceeds this. */
  readonly capMs?: number;
  /** A source of numbers in [0, 1); injectable for tests. */
  readonly random?: () => number;
};

export const DEFAULT_BACKOFF = { baseMs: 1_000, capMs: 5 * 60_000 } as const;

/**
 * The delay before retry number `attempt` (1 = the first retry). Total: any input gives an integer in
 * [0, capMs]; for a fixed random draw it never decreases as attempts grow, and reaches at least capMs / 2
 * once the exponential step passes the cap.
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const base = finiteNonNegative(options.baseMs, DEFAULT_BACKOFF.baseMs);
  const cap = finiteNonNegative(options.capMs, DEFAULT_BACKOFF.capMs);
  const n = Number.isFinite(attempt) && attempt > 1 ? Math.floor(attempt) - 1 : 0;
  // 2 ** 1024 is Infinity and 0 * Infinity is NaN: clamp the exponent first.
  const ceiling = Math.min(cap, base * 2 ** Math.min(n, 60));
  const draw = (options.random ?? Math.random)();
  const r = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.min(cap, Math.floor(ceiling / 2 + (r * ceiling) / 2));
}

function finiteNonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
