// What the org has been asked to do: API calls by endpoint class (as Salesforce counts them), and
// records read and written. Benchmarks read these to report calls per 1,000 records.

export const ENDPOINT_CLASSES = [
  'auth',
  'versions',
  'describe',
  'sobject',
  'query',
  'collections',
  'composite',
  'bulk-ingest',
  'bulk-query',
  'metadata',
  'limits',
  'replication',
  'control',
  'other',
] as const;
export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

export type MetricsSnapshot = {
  apiCalls: number;
  callsByClass: Partial<Record<EndpointClass, number>>;
  requests: number;
  recordsRead: number;
  recordsWritten: number;
  rejectedOverLimit: number;
  faultsInjected: number;
};

export class Metrics {
  apiCalls = 0;
  requests = 0;
  recordsRead = 0;
  rejectedOverLimit = 0;
  faultsInjected = 0;
  private byClass = new Map<EndpointClass, number>();

  countCall(cls: EndpointClass): void {
    this.apiCalls++;
    this.byClass.set(cls, (this.byClass.get(cls) ?? 0) + 1);
  }

  snapshot(recordsWritten: number): MetricsSnapshot {
    return {
      apiCalls: this.apiCalls,
      callsByClass: Object.fromEntries(this.byClass),
      requests: this.requests,
      recordsRead: this.recordsRead,
      recordsWritten,
      rejectedOverLimit: this.rejectedOverLimit,
      faultsInjected: this.faultsInjected,
    };
  }

  reset(): void {
    this.apiCalls = 0;
    this.requests = 0;
    this.recordsRead = 0;
    this.rejectedOverLimit = 0;
    this.faultsInjected = 0;
    this.byClass.clear();
  }
}

/** The daily allocation, in a rolling 24-hour window approximated by a window that restarts when it ends. */
export class ApiUsage {
  used = 0;
  bulkBatches = 0;
  bulkQueryJobs = 0;
  /** When the current 24-hour window began (ms); persisted so a restart does not refill the allocation. */
  windowStart: number;

  constructor(
    public max: number,
    now: Date,
  ) {
    this.windowStart = now.getTime();
  }

  roll(now: Date): void {
    if (now.getTime() - this.windowStart >= 24 * 3600_000) {
      this.windowStart = now.getTime();
      this.used = 0;
      this.bulkBatches = 0;
      this.bulkQueryJobs = 0;
    }
  }

  header(): string {
    return `api-usage=${this.used}/${this.max}`;
  }

  reset(now: Date): void {
    this.used = 0;
    this.bulkBatches = 0;
    this.bulkQueryJobs = 0;
    this.windowStart = now.getTime();
  }
}
