// Runs only where a PostgreSQL server is given (CI always sets PRM_TEST_DATABASE_URL); otherwise it says so.
import { expect } from 'chai';
import { describeStoreBehaviour } from './behaviour.test.js';
import { postgresHarness } from './harness.test.js';
import type { Store } from './store.js';
import { openStore } from './open.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';

const url = process.env.PRM_TEST_DATABASE_URL;

if (!url) {
  console.log('store on PostgreSQL: NOT RUN (set PRM_TEST_DATABASE_URL to run it)');
} else {
  describe('store on PostgreSQL', () => {
    const h = postgresHarness(url);
    describeStoreBehaviour(h);

    describe('opening', () => {
      it('is what openStore picks when PRM_DATABASE_URL is set', async () => {
        const saved = process.env.PRM_DATABASE_URL;
        process.env.PRM_DATABASE_URL = url;
        try {
          const store = await openStore({ schema: h.schema()! });
          try {
            expect(store.engine).to.equal('postgres');
            expect((await store.status()).schemaVersion).to.equal(LATEST_SCHEMA_VERSION);
          } finally {
            await store.close();
          }
        } finally {
          if (saved === undefined) delete process.env.PRM_DATABASE_URL;
          else process.env.PRM_DATABASE_URL = saved;
        }
      });
    });

    describe('several workers', () => {
      it('two workers claiming concurrently never get the same row and together get them all', async () => {
        const [w1, w2] = [await h.open({ workerId: 'w1' }), await h.open({ workerId: 'w2' })];
        const ids = Array.from({ length: 500 }, (_, i) => `r${i}`);
        const { seqs } = await w1.enqueue(
          ids.map((recordId) => ({
            objectType: 'Account',
            operation: 'update' as const,
            recordId,
            fields: { X__c: 1 },
          })),
        );
        const drain = async (store: Store): Promise<number[]> => {
          const mine: number[] = [];
          for (;;) {
            const claimed = await store.claimOutbox(50, 60_000);
            if (claimed.length === 0) return mine;
            mine.push(...claimed.map((r) => r.seq));
            expect(claimed.every((r) => r.claimedBy === store.workerId)).to.equal(true);
            const marked = await store.markSent(
              claimed.map((r) => ({ seq: r.seq, status: 'success' as const })),
            );
            expect(marked.notHeld).to.deep.equal([]);
          }
        };
        const [a, b] = await Promise.all([drain(w1), drain(w2)]);
        const both = new Set(a.filter((seq) => b.includes(seq)));
        expect(both.size).to.equal(0);
        expect([...a, ...b].sort((x, y) => x - y)).to.deep.equal(
          [...(seqs as number[])].sort((x, y) => x - y),
        );
        expect((await w1.status()).outbox).to.include({ SUCCESS: 500, NEW: 0, PENDING: 0 });
      });

      it('two workers enqueueing the same record at once leave one NEW row holding every field', async () => {
        const [w1, w2] = [await h.open({ workerId: 'w1' }), await h.open({ workerId: 'w2' })];
        const fields = Array.from({ length: 20 }, (_, i) => `F${i}__c`);
        await Promise.all(
          fields.map((field, i) =>
            (i % 2 ? w1 : w2).enqueue([
              { objectType: 'Account', operation: 'update', recordId: 'a1', fields: { [field]: i } },
            ]),
          ),
        );
        const status = await w1.status();
        expect(status.outbox.NEW).to.equal(1);
        const [row] = await w1.claimOutbox(10, 60_000);
        expect(Object.keys(row!.fields).sort()).to.deep.equal([...fields].sort());
      });

      it('the advisory lock of one schema does not block another deployment in the same database', async () => {
        const mine = await h.open({ workerId: 'mine' });
        const other = postgresHarness(url);
        await other.setup();
        try {
          const theirs = await other.open({ workerId: 'theirs' });
          const result = await mine.withObjectLock('Account', () =>
            theirs.withObjectLock('Account', async () => 'theirs ran'),
          );
          expect(result).to.deep.equal({ acquired: true, value: { acquired: true, value: 'theirs ran' } });
        } finally {
          await other.teardown();
        }
      });
    });
  });
}
