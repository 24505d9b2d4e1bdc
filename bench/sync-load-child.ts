// Child process for bench/sync.bench.ts: runs the sync's initial load (one cycle) against an org that lives
// in the parent, so process.resourceUsage().maxRSS is the sync's own peak memory, not the org's.
// Input (env): BENCH_ORG_URL, BENCH_ORG_TOKEN, BENCH_STORE ('sqlite:<dir>' or 'pg:<schema>' with
// PRM_TEST_DATABASE_URL), BENCH_CONFIG (JSON SyncConfigInput). Output: one JSON line on stdout.
import { connectWithToken } from '../src/crm/connect.js';
import { openStore } from '../src/store/index.js';
import { gatewayFor, runCycle } from '../src/sync/engine.js';
import { syncConfig } from '../src/sync/config.js';

for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const storeSpec = env('BENCH_STORE');
const backoff = { baseMs: 1, capMs: 2 };
const store = storeSpec.startsWith('pg:')
  ? await openStore({
      databaseUrl: env('PRM_TEST_DATABASE_URL'),
      schema: storeSpec.slice(3),
      workerId: 'bench',
      backoff,
    })
  : await openStore({
      databaseUrl: '',
      stateDir: storeSpec.slice('sqlite:'.length),
      workerId: 'bench',
      backoff,
    });
const config = syncConfig({ bulkPollMs: 20, ...(JSON.parse(process.env['BENCH_CONFIG'] ?? '{}') as object) });
const conn = connectWithToken({ instanceUrl: env('BENCH_ORG_URL'), accessToken: env('BENCH_ORG_TOKEN') });
const gateway = gatewayFor({ conn }, config);
const started = performance.now();
// Where the time goes: the cycle's own seams mark the end of the pull and of the compute.
const marks: number[] = [];
const report = await runCycle({
  gateway,
  store,
  config,
  afterPull: () => void marks.push(performance.now()),
  afterCompute: () => void marks.push(performance.now()),
});
const ms = performance.now() - started;
const [pulled = started, computed = pulled] = marks;
const phases = { pullMs: pulled - started, computeMs: computed - pulled, pushMs: started + ms - computed };
await store.close();
process.stdout.write(
  `${JSON.stringify({ report: { ...report, rejected: report.rejected.length }, ms, phases, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
