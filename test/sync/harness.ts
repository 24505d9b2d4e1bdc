// Test harness only (registers no tests): a local org over HTTP with force-app deployed and demo data
// seeded, a store (SQLite in a temp dir, or PostgreSQL in a fresh schema when PRM_TEST_DATABASE_URL is
// set), and a cycle runner wired to them. The sync talks to the org only through real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectWithToken } from '../../src/crm/connect.js';
import { startLocalOrg } from '../../src/localorg/index.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { generateDemoData } from '../../src/localorg/demo/generate.js';
import { seedRecords } from '../../src/localorg/seed.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { gatewayFor, runCycle } from '../../src/sync/engine.js';
import type { CycleContext, CycleReport, SyncProgress } from '../../src/sync/engine.js';
import { syncConfig } from '../../src/sync/config.js';
import type { SyncConfigInput } from '../../src/sync/config.js';
import { FORCE_APP, deploySource, ensureComponentBundle, sfConnection } from '../localorg/support-deploy.js';

for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

export const PG_URL = process.env.PRM_TEST_DATABASE_URL ?? '';

const DAY = 86_400_000;
// Transient failures come back at once in tests instead of after seconds.
const FAST_BACKOFF = { baseMs: 1, capMs: 2 };

/** Today in the org (UTC), as the demo data's anchor. */
export function todayIso(org: LocalOrg): string {
  return org.core.clock.now().toISOString().slice(0, 10);
}

/**
 * The day tests run on: 00:30 UTC, so a suite has most of a day before midnight would start a new day
 * (a second snapshot per partner, a daily reconciliation) whatever the time of the run.
 */
export const T0 = Date.UTC(2026, 2, 2, 0, 30, 0);

/** A clock that starts at T0 and runs with the wall clock: timeouts and waits behave as in real time. */
export function runningClock(): () => number {
  const started = Date.now();
  return () => T0 + (Date.now() - started);
}

export async function startOrg(
  options: { seed?: number; size?: 'tiny' | 'small' | number; now?: () => number } = {},
): Promise<LocalOrg> {
  const org = await startLocalOrg({ port: 0, now: options.now ?? runningClock() });
  ensureComponentBundle();
  const deployed = await deploySource(await sfConnection(org), FORCE_APP);
  if (!deployed.result.response.success) {
    await org.stop();
    throw new Error(
      `force-app did not deploy to the local org: ${JSON.stringify(deployed.result.response).slice(0, 2000)}`,
    );
  }
  const data = generateDemoData({
    seed: options.seed ?? 7,
    size: options.size ?? 'tiny',
    asOf: todayIso(org),
  });
  seedRecords(org.core, data.objects);
  org.core.metrics.reset();
  return org;
}

export type Opened = {
  store: Store;
  /** The PostgreSQL schema the store lives in; undefined on SQLite. */
  schema?: string;
  /** Closes the store and opens it again on the same database: a restarted process. */
  restart(workerId?: string): Promise<Store>;
  close(): Promise<void>;
};

export async function openTestStore(workerId = 'test-worker'): Promise<Opened> {
  if (PG_URL) {
    const schema = `sync_${randomBytes(5).toString('hex')}`;
    const opened: Opened = {
      store: await openStore({ databaseUrl: PG_URL, schema, workerId, backoff: FAST_BACKOFF }),
      schema,
      async restart(id = `${workerId}-restarted`) {
        await opened.store.close();
        opened.store = await openStore({ databaseUrl: PG_URL, schema, workerId: id, backoff: FAST_BACKOFF });
        return opened.store;
      },
      async close() {
        await opened.store.close();
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    };
    return opened;
  }
  const dir = mkdtempSync(join(tmpdir(), 'prm-sync-'));
  const opened: Opened = {
    store: await openStore({ databaseUrl: '', stateDir: dir, workerId, backoff: FAST_BACKOFF }),
    async restart(id = `${workerId}-restarted`) {
      await opened.store.close();
      opened.store = await openStore({ databaseUrl: '', stateDir: dir, workerId: id, backoff: FAST_BACKOFF });
      return opened.store;
    },
    async close() {
      await opened.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return opened;
}

export type Runner = {
  cycle(extra?: Partial<Pick<CycleContext, 'afterPull' | 'afterCompute' | 'signal'>>): Promise<CycleReport>;
  events: SyncProgress[];
};

export function runner(
  org: LocalOrg,
  store: Store,
  config: SyncConfigInput = {},
  onEvent?: (e: SyncProgress) => void,
  queryBatchSize?: number,
): Runner {
  const events: SyncProgress[] = [];
  const cfg = syncConfig({ bulkPollMs: 20, ...config });
  const conn = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
  const onProgress = (e: SyncProgress) => {
    events.push(e);
    onEvent?.(e);
  };
  const gateway = gatewayFor(
    {
      conn,
      onProgress,
      gateway: {
        retry: { attempts: 5, baseMs: 5, capMs: 50, throttleMs: 10, throttleAttempts: 2 },
        ...(queryBatchSize ? { queryBatchSize } : {}),
      },
    },
    cfg,
  );
  return {
    events,
    cycle: (extra = {}) =>
      runCycle({
        gateway,
        store,
        config: cfg,
        onProgress,
        now: () => org.core.clock.now().getTime(),
        ...extra,
      }),
  };
}

/** Moves the org's clock so the next poll window covers what happened so far (windows are whole minutes). */
export function advance(org: LocalOrg, ms = 2 * 60_000): void {
  org.core.clock.advance(ms);
}

export function apiCalls(org: LocalOrg): number {
  return org.core.metrics.apiCalls;
}

/** Every row of an object in the org, read in-process (assertions only; the sync never does this). */
export function rows(org: LocalOrg, type: string): Record<string, unknown>[] {
  return [...org.core.store.rows(type)].filter((r) => r['IsDeleted'] !== true) as Record<string, unknown>[];
}

export { DAY };
