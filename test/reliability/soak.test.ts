// Soak: N opportunities synced by a worker process while the org fails 20% of calls (503, 500, 429,
// dropped connections, slow answers) and locks 20% of written records, and the worker is SIGKILLed and
// restarted three times at seeded points; then the org must hold exactly what a fault-free run leaves.
// Short form in `npm test`; PRM_RELIABILITY=long runs the figures (10,000 records).
import { expect } from 'chai';
import type { LocalOrg } from '../../src/localorg/index.js';
import { PG_URL, openTestStore } from '../sync/harness.js';
import {
  Conductor,
  LONG,
  WriteLog,
  Worker,
  differences,
  duplicateSnapshots,
  faultMix,
  outputs,
  pinnedOrg,
  recordCounts,
  referenceRun,
  rng,
  sharedStore,
  sleep,
  until,
} from './support.js';
import type { SharedStore } from './support.js';

const SEED = 20_260_302;
const SIZE = LONG ? 10_000 : 1_000;

describe('reliability: soak under faults and kills', function () {
  this.timeout(LONG ? 3_600_000 : 180_000);
  let reference: LocalOrg | undefined;
  let org: LocalOrg | undefined;
  let shared: SharedStore | undefined;
  const workers: Worker[] = [];

  afterEach(async () => {
    for (const w of workers) w.kill();
    await Promise.all(workers.map((w) => w.exited));
    await shared?.close();
    await reference?.stop();
    await org?.stop();
  });

  it(`syncs ${SIZE} opportunities through 20% faults and three SIGKILLs and ends where a fault-free run ends`, async () => {
    const started = Date.now();
    // The reference: an identical org (same demo seed, same pinned clock), synced without a fault.
    reference = await pinnedOrg(SEED, SIZE);
    const refWrites = new WriteLog(reference);
    const refStore = await openTestStore('reference');
    const runStarted = Date.now();
    await referenceRun(reference, refStore.store);
    const runMs = Date.now() - runStarted;
    await refStore.close();
    const expected = outputs(reference);
    const expectedCounts = recordCounts(reference);
    expect(duplicateSnapshots(reference)).to.deep.equal([]);
    await reference.stop();
    reference = undefined;
    const referenceMs = Date.now() - started;

    org = await pinnedOrg(SEED, SIZE);
    const writes = new WriteLog(org);
    shared = await sharedStore('soak', PG_URL);
    org.core.faults.set(faultMix(SEED, 0.2, 0.2));
    // Only the sync changes this org: the clock moves after cycles that did something (see Conductor).
    const conductor = new Conductor(org, { moveWhenIdle: false });
    const random = rng(SEED);
    let n = 0;
    const start = () => {
      n += 1;
      const w = new Worker({
        instanceUrl: org!.instanceUrl,
        accessToken: org!.accessToken,
        workerId: `soak-${n}`,
        intervalMs: 100,
        claimSize: 500,
        ...shared!.options,
      });
      workers.push(w);
      conductor.attach(w);
      return w;
    };
    const kills: string[] = [];

    // Kill 1 at a seeded moment after start (usually inside the initial load or the first compute);
    // kills 2 and 3 while the org is storing a seeded record of the push (the write lands, the answer
    // never reaches the worker: a lost acknowledgement).
    // Within the first half of what the fault-free run took, so it lands inside the initial load: the later
    // kills wait for writes that only the load makes.
    const firstAfterMs = random.between(300, Math.max(400, Math.min(LONG ? 20_000 : 2_500, runMs / 2)));
    const thresholds = [random.between(5, 45), random.between(50, 90)].map((p) =>
      Math.floor((refWrites.total * p) / 100),
    );
    let worker = start();
    await until(
      () => worker.events.some((e) => e.kind === 'started'),
      120_000,
      'the worker to start',
      () => worker.stderr,
    );
    await sleep(firstAfterMs);
    kills.push(`kill 1 at ${firstAfterMs} ms: ${worker.lastEvent()}, ${writes.total} records stored`);
    worker.kill();
    await worker.exited;
    for (const threshold of thresholds) {
      worker = start();
      const w = worker;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          writes.onWrite = undefined;
          reject(
            new Error(`the org never stored record ${threshold} (${writes.total} stored): writes lost?`),
          );
        }, 600_000);
        writes.onWrite = (total) => {
          if (total < threshold || !w.alive) return;
          writes.onWrite = undefined;
          kills.push(`kill ${kills.length + 1} while the org stored record ${total} (${w.lastEvent()})`);
          w.kill();
          clearTimeout(timer);
          resolve();
        };
      });
      await w.exited;
    }
    worker = start();
    await conductor.settle(shared.store, LONG ? 3_000_000 : 120_000);
    await worker.stop();

    const status = await shared.store.status({ failures: 100_000 });
    const failed = new Set(status.failures.map((f) => `${f.objectType}/${f.recordId ?? f.externalId}`));
    const injected = org.core.metrics.faultsInjected;
    console.log(
      `      soak: ${SIZE} opportunities, ${refWrites.total} records stored by the reference (${referenceMs} ms), ` +
        `${writes.total} under faults; ${injected} faults injected, ${conductor.cycles} cycles, ` +
        `${conductor.errors.length} failed cycles, ${status.failedTotal} records FAILED; ${kills.join('; ')}; ` +
        `${Date.now() - started} ms in all`,
    );

    expect(injected, 'faults were injected').to.be.greaterThan(0);
    expect(kills).to.have.length(3);
    // Every permanent failure is in the store's status, with Salesforce's code.
    expect(status.failures).to.have.length(status.failedTotal);
    for (const f of status.failures) expect(f.code, `failure #${f.seq}`).to.be.a('string').and.not.equal('');
    // Zero lost writes: every service-owned field as in the reference, but for records shown FAILED.
    const diffs = differences(outputs(org), expected).filter(
      (d) => !failed.has(d.split('/').slice(0, 2).join('/')),
    );
    expect(diffs.slice(0, 20), `${diffs.length} fields differ from the reference`).to.deep.equal([]);
    // Zero duplicates: no snapshot twice for a partner and day, and no object with more or fewer records.
    expect(duplicateSnapshots(org)).to.deep.equal([]);
    expect(recordCounts(org)).to.deep.equal(expectedCounts);
    expect(status.outbox).to.include({ NEW: 0, PENDING: 0 });
  });
});
