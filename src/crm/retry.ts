// Retry policy for whole calls: transient failures are retried with capped, jittered exponential
// backoff; throttling waits longer; anything else is the caller's to handle. jsforce's own retries are
// switched off (gateway) so the budget and the wait are ours to control.
import { setTimeout as sleep } from 'node:timers/promises';

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** Wait before retrying a throttled call (429 / REQUEST_LIMIT_EXCEEDED on a short burst). */
  readonly throttleMs: number;
  readonly throttleAttempts: number;
};

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseMs: 200,
  capMs: 10_000,
  throttleMs: 5_000,
  throttleAttempts: 2,
};

/** Full jitter: a random wait in [0, min(cap, base·2^n)], so many workers do not retry in step. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, signal ? { signal } : undefined);
}
