// Reliability harness (registers no tests): orgs on a pinned clock, sync workers as child processes that
// can be SIGKILLed, a per-record count of what the org stored, fault mixes, settling and comparison with
// a fault-free reference run. Builds on test/sync/harness.ts (force-app deployed, demo data seeded).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { FaultConfig, FaultRule, LocalOrg } from '../../src/localorg/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { SYNCED_OBJECTS } from '../../src/sync/objects.js';
import { T0, advance, rows, runner, startOrg } from '../sync/harness.js';
import type { WorkerOptions } from './worker.js';

type R = Record<string, unknown>;

export const LONG = process.env.PRM_RELIABILITY === 'long';
export const MINUTE = 60_000;

/** mulberry32: the seeded generator behind kill points, edits and fault seeds. */
export function rng(seed: number): {
  next(): number;
  between(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

export { T0 };

/** The org's clock, pinned: it stands still at T0 and moves only when a test advances it. */
export async function pinnedOrg(seed: number, size: number): Promise<LocalOrg> {
  return startOrg({ seed, size, now: () => T0 });
}

/** Counts every record the org stores (insert or update), per object/Id; installed after seeding. */
export class WriteLog {
  readonly perRecord = new Map<string, number>();
  total = 0;
  onWrite: ((total: number) => void) | undefined;

  constructor(org: LocalOrg) {
    const store = org.core.store;
    const put = store.put.bind(store);
    store.put = (objectName: string, row: Record<string, unknown>) => {
      put(objectName, row);
      const key = `${objectName}/${String(row['Id'])}`;
      this.perRecord.set(key, (this.perRecord.get(key) ?? 0) + 1);
      this.total += 1;
      this.onWrite?.(this.total);
    };
  }
}

/** A fault mix: `share` of all calls fail (503, 500, 429, dropped, slow), and `lockShare` of written records lock. */
export function faultMix(seed: number, share: number, lockShare: number): FaultConfig {
  const kinds: [number, FaultRule['action']][] = [
    [0.25, { type: 'status', status: 503 }],
    [0.2, { type: 'status', status: 500 }],
    [0.15, { type: 'status', status: 429 }],
    [0.25, { type: 'drop' }],
    [0.15, { type: 'delay', ms: 120 }],
  ];
  // Rules are tried in order and the first that fires wins: conditional shares make each kind's overall
  // share of calls `weight × share`.
  let left = 1;
  const rules: FaultRule[] = kinds.map(([weight, action]) => {
    const p = (weight * share) / left;
    left -= weight * share;
    return { probability: Math.min(1, p), action };
  });
  // Last: a lock rule answers for every call it matches, so nothing after it would ever fire.
  rules.push({
    match: { class: ['collections', 'composite'] },
    probability: lockShare,
    action: { type: 'lock' },
  });
  return { seed, rules };
}

/** The service-owned values of every record (Decided_At__c is a time of day; see crash.test.ts). */
export function outputs(org: LocalOrg): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const object of SYNCED_OBJECTS) {
    for (const row of rows(org, object.name)) {
      const id =
        object.name === 'Partner_Health_Snapshot__c' ? String(row['External_Id__c']) : String(row['Id']);
      for (const field of object.outputs) {
        if (field === 'Decided_At__c') continue;
        let value = (row as R)[field] ?? null;
        if (
          (field === 'Partner_Health_Explained__c' || field === 'Measures__c') &&
          typeof value === 'string'
        ) {
          const explained = JSON.parse(value) as { measures?: R[] } | R[];
          const measures = Array.isArray(explained) ? explained : (explained.measures ?? []);
          for (const m of measures)
            if (m['measure'] === 'Registration_Speed') m['value'] = Math.round(Number(m['value']));
          value = JSON.stringify(explained);
        }
        out.set(`${object.name}/${id}/${field}`, value);
      }
    }
  }
  return out;
}

/** Records per object type, over everything the org holds. */
export function recordCounts(org: LocalOrg): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of org.core.store.objectNames()) {
    const n = rows(org, type).length;
    if (n > 0) out[type] = n;
  }
  return out;
}

/** Health snapshots sharing an External_Id__c (partner + day): should be none. */
export function duplicateSnapshots(org: LocalOrg): string[] {
  const seen = new Map<string, number>();
  for (const s of rows(org, 'Partner_Health_Snapshot__c')) {
    const key = String(s['External_Id__c']);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

/** Fields that differ between two output maps (keys missing on either side included). */
export function differences(actual: Map<string, unknown>, expected: Map<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.has(key) ? actual.get(key) : '<missing>';
    const e = expected.has(key) ? expected.get(key) : '<missing>';
    if (JSON.stringify(a) !== JSON.stringify(e))
      out.push(`${key}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
  }
  return out;
}

const idle = (r: CycleLine): boolean =>
  r.changed === 0 && r.computed === 0 && r.queued === 0 && r.pushed === 0 && r.failed === 0;

/** The fault-free reference: in-process cycles on the org's pinned clock until two idle cycles. */
export async function referenceRun(org: LocalOrg, store: Store): Promise<void> {
  const run = runner(org, store, { bulkPollMs: 20 });
  await run.cycle();
  let quiet = 0;
  for (let i = 0; i < 12 && quiet < 2; i++) {
    advance(org, MINUTE + 1000);
    quiet = idle(await run.cycle()) ? quiet + 1 : 0;
  }
  if (quiet < 2) throw new Error('the reference run did not settle');
}

export type CycleLine = {
  status: string;
  pulled: number;
  changed: number;
  computed: number;
  queued: number;
  kept: number;
  pushed: number;
  failed: number;
  apiCalls: number;
  error?: string;
};
export type WorkerEvent =
  | { kind: 'started'; pid: number; workerId: string }
  | { kind: 'cycle'; report: CycleLine }
  | { kind: 'load'; object: string; done: number; total: number }
  | { kind: 'retry'; code: string }
  | { kind: 'error'; error: string }
  | { kind: 'fatal'; error: string };

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** One sync worker process. */
export class Worker {
  readonly child: ChildProcess;
  readonly events: WorkerEvent[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private listeners: ((e: WorkerEvent) => void)[] = [];

  constructor(readonly options: WorkerOptions) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, http_proxy: '', https_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '' },
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let event: WorkerEvent;
      try {
        event = JSON.parse(line) as WorkerEvent;
      } catch {
        return;
      }
      this.events.push(event);
      for (const l of this.listeners) l(event);
    });
  }

  on(listener: (e: WorkerEvent) => void): void {
    this.listeners.push(listener);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A real kill: no handler runs, nothing is flushed. */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.alive) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last thing it reported, to say where a kill landed. */
  lastEvent(): string {
    const e = this.events.at(-1);
    if (!e) return 'nothing yet (starting)';
    if (e.kind === 'load') return `loading ${e.object} ${e.done}/${e.total}`;
    if (e.kind === 'cycle') return `after a cycle (pushed ${e.report.pushed})`;
    return e.kind;
  }
}

/**
 * Drives the org's clock from the workers' cycles: it stays at T0 until a first cycle completes (so every
 * run decides its registrations at the same instant), then moves a minute and a second per completed
 * cycle, so each poll window covers what happened before it. Tracks how many cycles in a row were idle.
 */
export class Conductor {
  idleStreak = 0;
  cycles = 0;
  errors: string[] = [];
  fatal: string[] = [];

  /**
   * `moveWhenIdle` false: the clock moves only after a cycle that did something or failed, for runs where
   * only the sync changes the org. A long soak runs over a thousand cycles, and a minute for each would
   * carry it past midnight into another day's recompute, which its fault-free reference never sees.
   */
  constructor(
    private readonly org: LocalOrg,
    private readonly options: { moveWhenIdle: boolean } = { moveWhenIdle: true },
  ) {}

  attach(worker: Worker): void {
    worker.on((e) => {
      if (e.kind === 'cycle') {
        this.cycles += 1;
        const quiet = idle(e.report);
        this.idleStreak = quiet ? this.idleStreak + 1 : 0;
        if (!quiet || this.options.moveWhenIdle) advance(this.org, MINUTE + 1000);
      } else if (e.kind === 'error') {
        this.errors.push(e.error);
        this.idleStreak = 0;
      } else if (e.kind === 'fatal') this.fatal.push(e.error);
    });
  }

  /** Waits until `streak` idle cycles in a row and an outbox with nothing new or in flight. */
  async settle(store: Store, timeoutMs: number, streak = 3): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.fatal.length > 0) throw new Error(`a worker stopped: ${this.fatal.join('; ')}`);
      if (this.idleStreak >= streak) {
        const { outbox } = await store.status({ failures: 0, cycles: 0 });
        if (outbox.NEW === 0 && outbox.PENDING === 0) return;
      }
      if (Date.now() > deadline) {
        const { outbox } = await store.status({ failures: 0, cycles: 0 });
        throw new Error(
          `the sync did not settle in ${timeoutMs} ms: ${this.cycles} cycles, idle streak ${this.idleStreak}, ` +
            `outbox ${JSON.stringify(outbox)}, last errors ${this.errors.slice(-3).join(' | ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export function until(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
  detail = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what} ${detail()}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** A store the workers share (PostgreSQL in a fresh schema when asked, SQLite in a temp dir otherwise), opened here too for status. */
export type SharedStore = {
  options: Pick<WorkerOptions, 'stateDir' | 'databaseUrl' | 'schema'>;
  store: Store;
  close(): Promise<void>;
};

export async function sharedStore(label: string, postgres: string): Promise<SharedStore> {
  if (postgres) {
    const schema = `rel_${label}_${randomBytes(4).toString('hex')}`;
    const store = await openStore({ databaseUrl: postgres, schema, workerId: `${label}-observer` });
    return {
      options: { databaseUrl: postgres, schema },
      store,
      async close() {
        await store.close();
        const client = new pg.Client({ connectionString: postgres });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `prm-rel-${label}-`));
  const store = await openStore({ databaseUrl: '', stateDir: dir, workerId: `${label}-observer` });
  return {
    options: { stateDir: dir },
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
