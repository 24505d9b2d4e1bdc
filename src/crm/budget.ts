// The API budget: Salesforce reports the org's daily usage in Sforce-Limit-Info on every response; the
// service keeps itself below a configured share of the allocation so people's integrations keep theirs.
export type BudgetSnapshot = {
  /** Calls this process made (each HTTP request Salesforce counts). */
  readonly calls: number;
  /** The org's usage and allocation as last reported, or null before the first response. */
  readonly used: number | null;
  readonly limit: number | null;
  /** The share of the allocation the service may use (0..1]. */
  readonly share: number;
};

const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/;

export class ApiBudget {
  #calls = 0;
  #used: number | null = null;
  #limit: number | null = null;
  readonly share: number;

  constructor(share = 0.5) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`API budget share must be in (0, 1], got ${share}`);
    this.share = share;
  }

  /** Counts one call and reads its Sforce-Limit-Info header when there is one. */
  observe(limitInfo: string | undefined | null): void {
    this.#calls += 1;
    const m = limitInfo ? LIMIT_INFO.exec(limitInfo) : null;
    if (m) {
      this.#used = Number(m[1]);
      this.#limit = Number(m[2]);
    }
  }

  get calls(): number {
    return this.#calls;
  }

  /** Calls still allowed under the share; Infinity before the org has said anything. */
  remaining(): number {
    if (this.#used === null || this.#limit === null) return Number.POSITIVE_INFINITY;
    return Math.floor(this.#limit * this.share) - this.#used;
  }

  /** True when `n` more calls keep the org's usage within the share. */
  allows(n = 1): boolean {
    return this.remaining() >= n;
  }

  snapshot(): BudgetSnapshot {
    return { calls: this.#calls, used: this.#used, limit: this.#limit, share: this.share };
  }
}
