// GET /limits: the org's allocations as {Max, Remaining}. The call itself counts, as on Salesforce, so
// Remaining already includes it.
import { json, type Ctx, type Reply, type Route } from '../http.js';

const FIXED = {
  DailyBulkV2QueryFileStorageMB: 976_562,
  DataStorageMB: 5,
  FileStorageMB: 20,
  DailyAsyncApexExecutions: 250_000,
  HourlyODataCallout: 20_000,
  SingleEmail: 15,
} as const;

function limits(ctx: Ctx): Reply {
  const usage = ctx.org.usage;
  const entry = (max: number, used: number): { Max: number; Remaining: number } => ({
    Max: max,
    Remaining: Math.max(0, max - used),
  });
  const body: Record<string, { Max: number; Remaining: number }> = {
    DailyApiRequests: entry(usage.max, usage.used),
    DailyBulkApiBatches: entry(15_000, usage.bulkBatches),
    DailyBulkV2QueryJobs: entry(10_000, usage.bulkQueryJobs),
  };
  for (const [name, max] of Object.entries(FIXED)) body[name] = entry(max, 0);
  return json(200, body);
}

export const limitsRoutes: Route[] = [
  { method: 'GET', pattern: /^\/limits$/, data: true, counted: true, cls: 'limits', handler: limits },
];
