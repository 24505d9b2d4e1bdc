// Two worker processes on one PostgreSQL store and one org: one is SIGKILLed mid-cycle, the other
// finishes; nothing is written twice beyond the dead worker's unacknowledged claim, and the org ends as
// a fault-free single-worker run leaves it. Needs PRM_TEST_DATABASE_URL (the CI sets it): without it the
// test is not registered, and one line says so.
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
  outputs,
  pinnedOrg,
  recordCounts,
  referenceRun,
  rng,
  sharedStore,
  until,
} from './support.js';
import type { SharedStore } from './support.js';

const SEED = 777;
const SIZE = LONG ? 5_000 : 600;
const CLAIM = 100;

if (!PG_URL) {
  console.log(
    'reliability: "two workers on one PostgreSQL" left out: PRM_TEST_DATABASE_URL is not set (it needs a PostgreSQL server).',
  );
} else {
  describe('reliability: two workers on one PostgreSQL store', function () {
    this.timeout(LONG ? 1_800_000 : 150_000);
    let org: LocalOrg | undefined;
    let shared: SharedStore | undefined;
    const workers: Worker[] = [];

    afterEach(async () => {
      for (const w of workers) w.kill();
      await Promise.all(workers.map((w) => w.exited));
      await shared?.close();
      await org?.stop();
    });

    it('survives a SIGKILL of one worker mid-cycle: the other finishes, nothing written twice', async () => {
      const reference = await pinnedOrg(SEED, SIZE);
      const refWrites = new WriteLog(reference);
      const refStore = await openTestStore('reference');
      try {
        await referenceRun(reference, refStore.store);
      } finally {
        await refStore.close();
      }
      const expected = outputs(reference);
      const expectedCounts = recordCounts(reference);
      await reference.stop();

      org = await pinnedOrg(SEED, SIZE);
      const writes = new WriteLog(org);
      shared = await sharedStore('pair', PG_URL);
      const conductor = new Conductor(org);
      for (const id of ['pair-a', 'pair-b']) {
        const w = new Worker({
          instanceUrl: org.instanceUrl,
          accessToken: org.accessToken,
          workerId: id,
          intervalMs: 100,
          claimSize: CLAIM,
          ...shared.options,
        });
        workers.push(w);
        conductor.attach(w);
      }
      const [a, b] = workers as [Worker, Worker];
      await until(
        () => a.events.some((e) => e.kind === 'started') && b.events.some((e) => e.kind === 'started'),
        120_000,
        'both workers to start',
        () => a.stderr + b.stderr,
      );
      // Worker A dies while the org stores a seeded record of the first push (mid-cycle, mid-write).
      const threshold = Math.floor((refWrites.total * rng(SEED).between(20, 60)) / 100);
      let where = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the org never stored record ${threshold}`)),
          120_000,
        );
        writes.onWrite = (total) => {
          if (total < threshold) return;
          writes.onWrite = undefined;
          where = `A killed while the org stored record ${total} (${a.lastEvent()})`;
          a.kill();
          clearTimeout(timer);
          resolve();
        };
      });
      await a.exited;
      await conductor.settle(shared.store, LONG ? 1_200_000 : 90_000);
      await b.stop();

      // Records stored more often than in the reference: at most once more, and only the dead worker's claim.
      const extra: string[] = [];
      for (const [key, n] of writes.perRecord) {
        const ref = refWrites.perRecord.get(key) ?? 0;
        if (n > ref) extra.push(`${key} ×${n} (reference ×${ref})`);
      }
      console.log(
        `      two workers: ${SIZE} opportunities; ${where}; ${writes.total} records stored ` +
          `(reference ${refWrites.total}); ${extra.length} stored more often than in the reference`,
      );
      expect(extra.filter((e) => !/×\d+ \(reference ×\d+\)$/.test(e) || tooMany(e))).to.deep.equal([]);
      expect(extra.length, extra.slice(0, 10).join(', ')).to.be.at.most(CLAIM);
      expect(duplicateSnapshots(org)).to.deep.equal([]);
      expect(recordCounts(org)).to.deep.equal(expectedCounts);
      // Known gap: a few registrations are decided by the survivor a cycle later than in the reference,
      // with the same decision, so the health measure "decision speed" (median hours to a decision) can
      // differ in its last digits. Health fields are compared by the soak (one worker at a time).
      const diffs = differences(outputs(org), expected).filter(
        (d) => !HEALTH_FIELDS.some((f) => d.includes(`/${f}:`)),
      );
      expect(diffs.slice(0, 20), `${diffs.length} fields differ from the reference`).to.deep.equal([]);
      const status = await shared.store.status();
      expect(status.failedTotal).to.equal(0);
      expect(status.outbox).to.include({ NEW: 0, PENDING: 0 });
    });
  });
}

const HEALTH_FIELDS = [
  'Partner_Health_Explained__c',
  'Partner_Health_Score__c',
  'Partner_Health_Band__c',
  'Partner_Health_Trend__c',
  'Measures__c',
  'Score__c',
  'Band__c',
];

/** More than one extra write for a record: the same change sent twice by live workers, not a replay. */
function tooMany(entry: string): boolean {
  const m = /×(\d+) \(reference ×(\d+)\)$/.exec(entry)!;
  return Number(m[1]) > Number(m[2]) + 1;
}
