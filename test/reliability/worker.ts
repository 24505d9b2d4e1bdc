// A sync worker in its own process, so a test can SIGKILL it for real: opens the store and runs runSync
// against the org's URL and token until SIGTERM. One JSON line per progress event on stdout.
//   node --import tsx test/reliability/worker.ts '<WorkerOptions as JSON>'
// The org's time comes from its control surface (GET /__localorg/clock, never counted or faulted): the
// local org's Date header is the machine's wall clock, not its moved clock.
import { connectWithToken } from '../../src/crm/connect.js';
import { openStore } from '../../src/store/index.js';
import { runSync } from '../../src/sync/engine.js';
import type { SyncProgress } from '../../src/sync/engine.js';

for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

export type WorkerOptions = {
  instanceUrl: string;
  accessToken: string;
  workerId: string;
  /** SQLite's directory, or a PostgreSQL URL and schema. */
  stateDir?: string;
  databaseUrl?: string;
  schema?: string;
  intervalMs: number;
  claimSize: number;
};

const opts = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;

function emit(event: unknown): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function orgClock(): Promise<number> {
  const res = await fetch(`${opts.instanceUrl}/__localorg/clock`, {
    headers: { authorization: `Bearer ${opts.accessToken}` },
  });
  return ((await res.json()) as { epochMs: number }).epochMs;
}

const store = await openStore({
  databaseUrl: opts.databaseUrl ?? '',
  ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
  ...(opts.schema ? { schema: opts.schema } : {}),
  workerId: opts.workerId,
  backoff: { baseMs: 1, capMs: 2 },
  poolSize: 4,
});
let orgNow = await orgClock();
const ticker = setInterval(() => {
  orgClock().then(
    (t) => (orgNow = t),
    () => undefined,
  );
}, 20);

const ac = new AbortController();
process.on('SIGTERM', () => ac.abort());

emit({ kind: 'started', pid: process.pid, workerId: opts.workerId });
try {
  await runSync({
    conn: connectWithToken({ instanceUrl: opts.instanceUrl, accessToken: opts.accessToken }),
    store,
    signal: ac.signal,
    now: () => orgNow,
    config: {
      intervalMs: opts.intervalMs,
      leaseMs: 1000,
      bulkPollMs: 20,
      claimSize: opts.claimSize,
    },
    // Fast retries (the defaults wait seconds) with room for a 20% fault rate.
    gateway: { retry: { attempts: 10, baseMs: 5, capMs: 50, throttleMs: 10, throttleAttempts: 10 } },
    onProgress: (e: SyncProgress) => {
      if (e.kind === 'cycle') {
        const { rejected, programProblems, ...report } = e.report;
        emit({
          kind: 'cycle',
          report: { ...report, rejected: rejected.length, problems: programProblems.length },
        });
      } else emit(e);
    },
  });
} catch (error) {
  emit({ kind: 'fatal', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exitCode = 1;
} finally {
  clearInterval(ticker);
  await store.close();
}
