// The store's behaviour, written once and run on every engine (sqlite.test.ts, postgres.test.ts).
// Registers no tests by itself.
import { expect } from 'chai';
import { z } from 'zod';
import { sql } from 'kysely';
import { createMigrator, MIGRATION_NAMES } from './migrations.js';
import { StoreError, StoreErrorCode } from './errors.js';
import type { Store } from './store.js';
import type { OutboxInput } from './outbox.js';
import { OutboxState } from './schema.js';
import type { FieldValues } from './json.js';
import type { Harness } from './harness.test.js';
import { fakeClock } from './harness.test.js';

async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StoreError);
    expect((error as StoreError).code).to.equal(code);
    return error as StoreError;
  }
  expect.fail(`expected a StoreError ${code}`);
}

const T0 = '2025-01-10T08:00:00.000+0000';
const T1 = '2025-01-10T09:00:00.000+0000';
const T2 = '2025-01-10T10:00:00.000Z';

export function describeStoreBehaviour(h: Harness): void {
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  describe('migrations', () => {
    it('creates the schema on a fresh database and reports its version', async () => {
      const store = await h.open();
      const status = await store.status();
      expect(status.schemaVersion).to.equal(MIGRATION_NAMES.length);
      expect(status.engine).to.equal(h.engine);
      const migrations = await createMigrator(h.raw(), h.engine, h.schema()).getMigrations();
      expect(migrations.map((m) => m.name)).to.deep.equal([...MIGRATION_NAMES]);
      expect(migrations.every((m) => m.executedAt instanceof Date)).to.equal(true);
    });

    it('re-opening runs nothing again and keeps the data', async () => {
      const first = await h.open();
      await first.upsertMirror('Account', [{ id: 'a1', systemModstamp: T0, fields: { Name: 'Acme' } }]);
      const before = await createMigrator(h.raw(), h.engine, h.schema()).getMigrations();
      await first.close();
      const second = await h.open();
      const again = await h.open();
      const after = await createMigrator(h.raw(), h.engine, h.schema()).getMigrations();
      expect(after.map((m) => m.executedAt?.getTime())).to.deep.equal(
        before.map((m) => m.executedAt?.getTime()),
      );
      expect((await second.getMirror('Account', ['a1'])).get('a1')?.fields).to.deep.equal({ Name: 'Acme' });
      expect((await again.status()).schemaVersion).to.equal(MIGRATION_NAMES.length);
    });

    it('upgrades a database left at an older version', async () => {
      const raw = h.raw();
      if (h.schema()) await sql`create schema if not exists ${sql.id(h.schema()!)}`.execute(raw);
      const { error } = await createMigrator(raw, h.engine, h.schema()).migrateTo(MIGRATION_NAMES[0]);
      expect(error).to.equal(undefined);
      expect((await raw.selectFrom('meta').select('value').executeTakeFirstOrThrow()).value).to.equal('1');
      const store = await h.open();
      const status = await store.status();
      expect(status.schemaVersion).to.equal(MIGRATION_NAMES.length);
      expect(status.failures).to.deep.equal([]);
    });
  });

  describe('mirror', () => {
    it('classifies a page as inserted, updated, unchanged or stale, and never lets an older version win', async () => {
      const store = await h.open();
      expect(
        await store.upsertMirror('Account', [
          { id: 'a1', systemModstamp: T1, fields: { Name: 'Acme', Partner_Tier__c: 'Gold' } },
          { id: 'a2', systemModstamp: T1, fields: { Name: 'Globex' } },
          { id: 'a3', systemModstamp: T1, fields: { Name: 'Initech' } },
        ]),
      ).to.deep.equal({ inserted: ['a1', 'a2', 'a3'], updated: [], unchanged: [], stale: [] });

      const result = await store.upsertMirror('Account', [
        { id: 'a1', systemModstamp: T2, fields: { Partner_Tier__c: 'Gold', Name: 'Acme' } },
        { id: 'a2', systemModstamp: T2, fields: { Name: 'Globex Corp' } },
        { id: 'a3', systemModstamp: T0, fields: { Name: 'Initech (old)' } },
        { id: 'a4', systemModstamp: T0, fields: { Name: 'Umbrella' } },
      ]);
      expect(result).to.deep.equal({ inserted: ['a4'], updated: ['a2'], unchanged: ['a1'], stale: ['a3'] });

      const got = await store.getMirror('Account', ['a1', 'a2', 'a3', 'a4', 'missing']);
      expect([...got.keys()].sort()).to.deep.equal(['a1', 'a2', 'a3', 'a4']);
      expect(got.get('a2')?.fields).to.deep.equal({ Name: 'Globex Corp' });
      expect(got.get('a3')?.fields).to.deep.equal({ Name: 'Initech' });
      // Same fields, newer stamp: the stamp still moves so later staleness checks compare against it.
      expect(got.get('a1')?.systemModstamp).to.equal('2025-01-10T10:00:00.000Z');
      expect(got.get('a3')?.systemModstamp).to.equal('2025-01-10T09:00:00.000Z');
    });

    it('keeps the newer of two versions of one record in the same page', async () => {
      const store = await h.open();
      await store.upsertMirror('Account', [
        { id: 'a1', systemModstamp: T2, fields: { Name: 'new' } },
        { id: 'a1', systemModstamp: T0, fields: { Name: 'old' } },
      ]);
      expect((await store.getMirror('Account', ['a1'])).get('a1')?.fields).to.deep.equal({ Name: 'new' });
    });

    it('separates object types and pages through a type in id order without deleted records', async () => {
      const store = await h.open();
      const ids = Array.from({ length: 23 }, (_, i) => `a${String(i).padStart(3, '0')}`);
      await store.upsertMirror(
        'Account',
        ids.map((id) => ({ id, systemModstamp: T0, fields: { Name: id } })),
      );
      await store.upsertMirror('Opportunity', [{ id: 'o1', systemModstamp: T0, fields: { Amount: 5 } }]);
      await store.markDeleted('Account', [{ id: 'a005' }]);
      const seen: string[] = [];
      for await (const record of store.iterateMirror('Account', { batchSize: 5 })) seen.push(record.id);
      expect(seen).to.deep.equal(ids.filter((id) => id !== 'a005'));
      const all: string[] = [];
      for await (const record of store.iterateMirror('Account', { batchSize: 5, includeDeleted: true })) {
        all.push(record.id);
      }
      expect(all).to.deep.equal(ids);
    });

    it('marks deletions, ignores a delete older than the stored version, and tombstones unknown records', async () => {
      const store = await h.open();
      await store.upsertMirror('Account', [
        { id: 'a1', systemModstamp: T1, fields: { Name: 'A' } },
        { id: 'a2', systemModstamp: T1, fields: { Name: 'B' } },
      ]);
      const flagged = await store.markDeleted('Account', [
        { id: 'a1', systemModstamp: T2 },
        { id: 'a2', systemModstamp: T0 },
        { id: 'gone', systemModstamp: T1 },
      ]);
      expect(flagged.sort()).to.deep.equal(['a1', 'gone']);
      const got = await store.getMirror('Account', ['a1', 'a2', 'gone']);
      expect(got.get('a1')?.isDeleted).to.equal(true);
      expect(got.get('a1')?.fields).to.deep.equal({ Name: 'A' });
      expect(got.get('a2')?.isDeleted).to.equal(false);
      expect(got.get('gone')?.isDeleted).to.equal(true);
      // The tombstone keeps an older, late pull from resurrecting the record.
      const late = await store.upsertMirror('Account', [
        { id: 'gone', systemModstamp: T0, fields: { Name: 'G' } },
      ]);
      expect(late.stale).to.deep.equal(['gone']);
    });

    it('refuses bad input and names the record, not the values', async () => {
      const store = await h.open();
      const error = await expectStoreError(
        store.upsertMirror('Account', [{ id: 'a1', systemModstamp: 'yesterday', fields: {} }]),
        StoreErrorCode.InvalidInput,
      );
      expect(error.message).to.contain('Account/a1');
      await expectStoreError(
        store.upsertMirror('Account; drop table mirror', [{ id: 'a1', systemModstamp: T0, fields: {} }]),
        StoreErrorCode.InvalidInput,
      );
      const secret = 'jane@example.com';
      const bad = await expectStoreError(
        store.upsertMirror('Account', [
          { id: 'a1', systemModstamp: T0, fields: { Email: secret, Bad: (() => 1) as unknown as string } },
        ]),
        StoreErrorCode.InvalidInput,
      );
      expect(bad.message).to.contain('Bad').and.not.contain(secret);
    });

    it('refuses stored JSON that does not match its schema', async () => {
      const store = await h.open();
      await store.upsertMirror('Account', [{ id: 'a1', systemModstamp: T0, fields: { Name: 'A' } }]);
      await h.raw().updateTable('mirror').set({ fields: '[1,2]' }).where('id', '=', 'a1').execute();
      await expectStoreError(store.getMirror('Account', ['a1']), StoreErrorCode.CorruptRow);
      await h.raw().updateTable('mirror').set({ fields: '{"Name":' }).where('id', '=', 'a1').execute();
      await expectStoreError(store.getMirror('Account', ['a1']), StoreErrorCode.CorruptRow);
    });
  });

  describe('cursors and transactions', () => {
    it('stores a page and advances its cursor together, or neither when the transaction throws', async () => {
      const store = await h.open();
      await expectStoreError(
        store.transaction(async (tx) => {
          await tx.upsertMirror('Account', [{ id: 'a1', systemModstamp: T1, fields: { Name: 'A' } }]);
          await tx.setCursor('Account', { ts: T1, id: 'a1' });
          throw new StoreError(StoreErrorCode.InvalidInput, 'boom');
        }),
        StoreErrorCode.InvalidInput,
      );
      expect(await store.getCursor('Account')).to.equal(undefined);
      expect((await store.getMirror('Account', ['a1'])).size).to.equal(0);

      await store.transaction(async (tx) => {
        await tx.upsertMirror('Account', [{ id: 'a1', systemModstamp: T1, fields: { Name: 'A' } }]);
        await tx.setCursor('Account', { ts: T1, id: 'a1' });
      });
      expect(await store.getCursor('Account')).to.include({
        watermarkTs: '2025-01-10T09:00:00.000Z',
        watermarkId: 'a1',
      });
      expect((await store.getMirror('Account', ['a1'])).size).to.equal(1);
    });

    it('rolls back when a step inside fails on its own (a backwards cursor)', async () => {
      const store = await h.open();
      await store.setCursor('Account', { ts: T2 });
      await expectStoreError(
        store.transaction(async (tx) => {
          await tx.upsertMirror('Account', [{ id: 'a9', systemModstamp: T0, fields: {} }]);
          await tx.setCursor('Account', { ts: T0, id: 'a9' });
        }),
        StoreErrorCode.CursorBackwards,
      );
      expect((await store.getMirror('Account', ['a9'])).size).to.equal(0);
    });

    it('moves a cursor forward only, by timestamp then id, until it is reset', async () => {
      const store = await h.open();
      await store.setCursor('Account', { ts: T1, id: 'a5' });
      await store.setCursor('Account', { ts: T1, id: 'a7' });
      await expectStoreError(
        store.setCursor('Account', { ts: T1, id: 'a6' }),
        StoreErrorCode.CursorBackwards,
      );
      await expectStoreError(store.setCursor('Account', { ts: T0 }), StoreErrorCode.CursorBackwards);
      await store.setCursor('Account', { ts: T2 });
      await store.setCursor('Opportunity', { ts: T0 });
      expect(
        (await store.listCursors()).map((c) => [c.objectType, c.watermarkTs, c.watermarkId]),
      ).to.deep.equal([
        ['Account', '2025-01-10T10:00:00.000Z', null],
        ['Opportunity', '2025-01-10T08:00:00.000Z', null],
      ]);
      await store.resetCursor('Account');
      await store.setCursor('Account', { ts: T0 });
      expect((await store.getCursor('Account'))?.watermarkTs).to.equal('2025-01-10T08:00:00.000Z');
    });

    it('refuses the store itself inside a transaction, and a tx handle after it ended', async () => {
      const store = await h.open();
      let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
      await expectStoreError(
        store.transaction(async (tx) => {
          leaked = tx;
          await tx.setCursor('Account', { ts: T0 });
          await store.getCursor('Account');
        }),
        StoreErrorCode.WrongHandle,
      );
      expect(await store.getCursor('Account')).to.equal(undefined);
      await expectStoreError(leaked!.getCursor('Account'), StoreErrorCode.WrongHandle);
    });
  });

  describe('outbox', () => {
    const update = (recordId: string, fields: Record<string, string | number | null>, base = {}) => ({
      objectType: 'Account',
      operation: 'update' as const,
      recordId,
      fields,
      base,
    });

    it('coalesces a NEW change per record: later values win, the earliest base is kept', async () => {
      const store = await h.open();
      const first = await store.enqueue([
        update('a1', { Partner_Tier__c: 'Gold' }, { Partner_Tier__c: 'Silver' }),
      ]);
      const second = await store.enqueue([
        update(
          'a1',
          { Partner_Tier__c: 'Platinum', Partner_Health_Score__c: 80 },
          { Partner_Tier__c: 'Gold', Partner_Health_Score__c: 70 },
        ),
        update('a2', { Partner_Tier__c: 'Gold' }),
      ]);
      expect(first).to.deep.include({ inserted: 1, merged: 0 });
      expect(second).to.deep.include({ inserted: 1, merged: 1 });
      expect(second.seqs[0]).to.equal(first.seqs[0]);
      expect((await store.status()).outbox.NEW).to.equal(2);
      const [row] = await store.getOutbox([first.seqs[0]!]);
      expect(row?.fields).to.deep.equal({ Partner_Tier__c: 'Platinum', Partner_Health_Score__c: 80 });
      expect(row?.base).to.deep.equal({ Partner_Tier__c: 'Silver', Partner_Health_Score__c: 70 });
    });

    it('coalesces within one batch and drops a change that went back to its base value', async () => {
      const store = await h.open();
      const result = await store.enqueue([
        update('a1', { Partner_Tier__c: 'Gold' }, { Partner_Tier__c: 'Silver' }),
        update('a1', { Partner_Tier__c: 'Silver' }),
        update('a2', { Partner_Tier__c: 'Gold' }, { Partner_Tier__c: 'Gold' }),
      ]);
      expect(result.seqs).to.deep.equal([null, null, null]);
      expect(result.dropped).to.equal(2);
      expect((await store.status()).outbox.NEW).to.equal(0);

      const kept = await store.enqueue([
        update('a3', { Partner_Tier__c: 'Gold' }, { Partner_Tier__c: 'Silver' }),
      ]);
      const back = await store.enqueue([update('a3', { Partner_Tier__c: 'Silver' })]);
      expect(back.seqs).to.deep.equal([null]);
      const [row] = await store.getOutbox([kept.seqs[0]!]);
      expect(row).to.include({ state: 'IGNORED', lastErrorCode: 'NOOP' });
    });

    it('lets a delete supersede unsent updates of the record', async () => {
      const store = await h.open();
      const queued = await store.enqueue([update('a1', { Partner_Tier__c: 'Gold' })]);
      const deleted = await store.enqueue([
        { objectType: 'Account', operation: 'delete', recordId: 'a1', fields: {} },
      ]);
      const rows = await store.getOutbox([queued.seqs[0]!, deleted.seqs[0]!]);
      expect(rows.map((r) => [r.operation, r.state])).to.deep.equal([
        ['update', 'IGNORED'],
        ['delete', 'NEW'],
      ]);
    });

    it('refuses changes that cannot be sent', async () => {
      const store = await h.open();
      await expectStoreError(
        store.enqueue([{ objectType: 'Account', operation: 'update', fields: { A__c: 1 } }]),
        StoreErrorCode.InvalidInput,
      );
      await expectStoreError(
        store.enqueue([
          { objectType: 'Deal_Registration__c', operation: 'upsert', recordId: 'x', fields: { A__c: 1 } },
        ]),
        StoreErrorCode.InvalidInput,
      );
      await expectStoreError(store.enqueue([update('a1', {})]), StoreErrorCode.InvalidInput);
      await expectStoreError(
        store.enqueue([{ objectType: 'Account', operation: 'delete', recordId: 'a1', fields: { A__c: 1 } }]),
        StoreErrorCode.InvalidInput,
      );
      expect((await store.status()).outbox.NEW).to.equal(0);
    });

    it('claims under a lease, oldest first, never twice while the lease holds', async () => {
      const clock = fakeClock();
      const store = await h.open({ clock: clock.now, workerId: 'w1' });
      await store.enqueue(['a1', 'a2', 'a3'].map((id) => update(id, { Partner_Tier__c: 'Gold' })));
      const first = await store.claimOutbox(2, 60_000);
      expect(first.map((r) => r.recordId)).to.deep.equal(['a1', 'a2']);
      expect(first.every((r) => r.state === 'PENDING' && r.claimedBy === 'w1')).to.equal(true);
      expect(first[0]?.claimedUntil).to.equal(clock.now() + 60_000);
      const second = await store.claimOutbox(10, 60_000);
      expect(second.map((r) => r.recordId)).to.deep.equal(['a3']);
      expect(await store.claimOutbox(10, 60_000)).to.deep.equal([]);
    });

    it("lets another worker finish a killed worker's claims once the lease expires", async () => {
      const clock = fakeClock();
      const killed = await h.open({ clock: clock.now, workerId: 'killed' });
      const { seqs } = await killed.enqueue([update('a1', { Partner_Tier__c: 'Gold' })]);
      expect(await killed.claimOutbox(10, 30_000)).to.have.length(1);
      await killed.close();

      const survivor = await h.open({ clock: clock.now, workerId: 'survivor' });
      clock.advance(29_999);
      expect(await survivor.claimOutbox(10, 30_000)).to.deep.equal([]);
      clock.advance(1);
      const reclaimed = await survivor.claimOutbox(10, 30_000);
      expect(reclaimed.map((r) => [r.seq, r.claimedBy])).to.deep.equal([[seqs[0], 'survivor']]);
      expect(await survivor.markSent([{ seq: seqs[0]!, status: 'success' }])).to.deep.equal({
        applied: [seqs[0]],
        notHeld: [],
      });
      expect((await survivor.status()).outbox).to.include({ SUCCESS: 1, PENDING: 0, NEW: 0 });
    });

    it('ignores a late result from a worker whose lease was taken over, and renews a held lease', async () => {
      const clock = fakeClock();
      const slow = await h.open({ clock: clock.now, workerId: 'slow' });
      const fast = await h.open({ clock: clock.now, workerId: 'fast' });
      const { seqs } = await slow.enqueue([
        update('a1', { Partner_Tier__c: 'Gold' }),
        update('a2', { A__c: 1 }),
      ]);
      await slow.claimOutbox(10, 10_000);
      clock.advance(5_000);
      expect(await slow.renewLease([seqs[1]!], 10_000)).to.deep.equal([seqs[1]]);
      clock.advance(5_000);
      expect((await fast.claimOutbox(10, 10_000)).map((r) => r.seq)).to.deep.equal([seqs[0]]);
      const late = await slow.markSent([
        { seq: seqs[0]!, status: 'failed', code: 'X', message: 'late', permanent: true },
        { seq: seqs[1]!, status: 'success' },
      ]);
      expect(late).to.deep.equal({ applied: [seqs[1]], notHeld: [seqs[0]] });
      const [row] = await fast.getOutbox([seqs[0]!]);
      expect(row).to.include({ state: 'PENDING', claimedBy: 'fast', lastErrorCode: null });
    });

    it('keeps per-record order: a newer change waits until the one in flight is done', async () => {
      const clock = fakeClock();
      const store = await h.open({ clock: clock.now, workerId: 'w1' });
      const {
        seqs: [older],
      } = await store.enqueue([update('a1', { Partner_Tier__c: 'Gold' })]);
      await store.claimOutbox(10, 60_000);
      const {
        seqs: [newer],
      } = await store.enqueue([update('a1', { Partner_Tier__c: 'Platinum' }), update('a2', { A__c: 1 })]);
      expect(newer).to.not.equal(older);
      expect((await store.claimOutbox(10, 60_000)).map((r) => r.recordId)).to.deep.equal(['a2']);
      await store.markSent([{ seq: older!, status: 'success' }]);
      expect((await store.claimOutbox(10, 60_000)).map((r) => [r.seq, r.fields])).to.deep.equal([
        [newer, { Partner_Tier__c: 'Platinum' }],
      ]);
    });

    it('retries a transient failure after a capped backoff, then fails it after the last attempt', async () => {
      const clock = fakeClock();
      const store = await h.open({
        clock: clock.now,
        workerId: 'w1',
        maxAttempts: 3,
        backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0.5 },
      });
      const { seqs } = await store.enqueue([update('a1', { Partner_Tier__c: 'Gold' })]);
      const seq = seqs[0]!;
      const transient = {
        seq,
        status: 'failed',
        code: 'UNABLE_TO_LOCK_ROW',
        message: 'locked',
        permanent: false,
      } as const;

      await store.claimOutbox(10, 60_000);
      await store.markSent([transient]);
      let [row] = await store.getOutbox([seq]);
      // Attempt 1: the step is baseMs, half fixed and half jitter (0.5) → 750 ms.
      expect(row).to.include({ state: 'NEW', attempts: 1, notBefore: clock.now() + 750, claimedBy: null });
      expect(row?.lastErrorCode).to.equal('UNABLE_TO_LOCK_ROW');
      clock.advance(749);
      expect(await store.claimOutbox(10, 60_000)).to.deep.equal([]);
      clock.advance(1);
      expect(await store.claimOutbox(10, 60_000)).to.have.length(1);

      await store.markSent([transient]);
      [row] = await store.getOutbox([seq]);
      expect(row).to.include({ state: 'NEW', attempts: 2, notBefore: clock.now() + 1_500 });
      clock.advance(1_500);
      await store.claimOutbox(10, 60_000);
      await store.markSent([transient]);
      [row] = await store.getOutbox([seq]);
      expect(row).to.include({ state: 'FAILED', attempts: 3, lastErrorCode: 'UNABLE_TO_LOCK_ROW' });
      expect((await store.status()).failures.map((f) => f.seq)).to.deep.equal([seq]);
    });

    it('puts a not-attempted row back without counting an attempt, merging it with a newer change', async () => {
      const clock = fakeClock();
      const store = await h.open({ clock: clock.now, workerId: 'w1' });
      const { seqs } = await store.enqueue([
        update('a1', { Partner_Tier__c: 'Gold', Partner_Health_Score__c: 50 }, { Partner_Tier__c: 'Silver' }),
        update('a2', { Partner_Tier__c: 'Gold' }),
      ]);
      await store.claimOutbox(10, 60_000);
      const newer = await store.enqueue([
        update('a1', { Partner_Health_Score__c: 60 }, { Partner_Health_Score__c: 50 }),
      ]);
      await store.markSent([
        { seq: seqs[0]!, status: 'retry' },
        { seq: seqs[1]!, status: 'retry', delayMs: 5_000 },
      ]);
      const rows = await store.getOutbox([seqs[0]!, seqs[1]!, newer.seqs[0]!]);
      expect(rows.map((r) => [r.seq, r.state, r.attempts])).to.deep.equal([
        [seqs[0], 'IGNORED', 0],
        [seqs[1], 'NEW', 0],
        [newer.seqs[0], 'NEW', 0],
      ]);
      expect(rows[2]?.fields).to.deep.equal({ Partner_Tier__c: 'Gold', Partner_Health_Score__c: 60 });
      expect(rows[2]?.base).to.deep.equal({ Partner_Tier__c: 'Silver', Partner_Health_Score__c: 50 });
      expect((await store.claimOutbox(10, 60_000)).map((r) => r.seq)).to.deep.equal([newer.seqs[0]]);
      clock.advance(5_000);
      expect((await store.claimOutbox(10, 60_000)).map((r) => r.seq)).to.deep.equal([seqs[1]]);
    });

    it('tells the values the org refused for a record, until a later row for it is queued', async () => {
      const store = await h.open({ workerId: 'w1' });
      const { seqs } = await store.enqueue([
        update('a1', { Partner_Tier__c: 'Gold', Partner_Health_Band__c: 'Red' }),
        update('a2', { Partner_Tier__c: 'Silver' }),
      ]);
      await store.claimOutbox(10, 60_000);
      await store.markSent([
        {
          seq: seqs[0]!,
          status: 'failed',
          code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: 'bad value',
          permanent: true,
        },
        { seq: seqs[1]!, status: 'success' },
      ]);
      expect([...(await store.refusedFields('Account'))]).to.deep.equal([
        ['a1', { Partner_Tier__c: 'Gold', Partner_Health_Band__c: 'Red' }],
      ]);
      expect((await store.refusedFields('Opportunity')).size).to.equal(0);
      // A later row for the record, whatever becomes of it: the refusal is history.
      await store.enqueue([update('a1', { Partner_Health_Score__c: 40 })]);
      expect((await store.refusedFields('Account')).size).to.equal(0);
    });

    it('shows a permanent failure in status with the code, message and field names but no values', async () => {
      const store = await h.open({ workerId: 'w1' });
      const { seqs } = await store.enqueue([
        {
          objectType: 'Deal_Registration__c',
          operation: 'upsert',
          externalId: 'DR-1',
          fields: { Customer_Name__c: 'Jane Doe Ltd', Status__c: 'Approved' },
        },
        update('a1', { Partner_Tier__c: 'Gold' }),
      ]);
      await store.claimOutbox(10, 60_000);
      await store.markSent([
        {
          seq: seqs[0]!,
          status: 'failed',
          code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Close date must be in the future',
          permanent: true,
        },
        { seq: seqs[1]!, status: 'ignored', code: 'ENTITY_IS_DELETED' },
      ]);
      const status = await store.status();
      expect(status.outbox).to.deep.equal({ NEW: 0, PENDING: 0, SUCCESS: 0, FAILED: 1, IGNORED: 1 });
      expect(status.failedTotal).to.equal(1);
      expect(status.failures).to.have.length(1);
      expect(status.failures[0]).to.deep.include({
        seq: seqs[0],
        objectType: 'Deal_Registration__c',
        externalId: 'DR-1',
        operation: 'upsert',
        fields: ['Customer_Name__c', 'Status__c'],
        attempts: 1,
        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Close date must be in the future',
      });
      expect(JSON.stringify(status)).to.not.contain('Jane Doe');
      // A failed row no longer blocks the record: the next change for it is sent.
      const next = await store.enqueue([
        {
          objectType: 'Deal_Registration__c',
          operation: 'upsert',
          externalId: 'DR-1',
          fields: { Status__c: 'Submitted' },
        },
      ]);
      expect((await store.claimOutbox(10, 60_000)).map((r) => r.seq)).to.deep.equal(next.seqs);
    });
  });

  describe('echo suppression and base values', () => {
    it('recognises our own successful write when it comes back, and makes it the base', async () => {
      const store = await h.open({ workerId: 'w1' });
      const { seqs } = await store.enqueue([
        {
          objectType: 'Account',
          operation: 'update',
          recordId: 'a1',
          fields: { Partner_Tier__c: 'Gold', Partner_Tier_Since__c: '2025-01-10T08:00:00Z' },
          base: { Partner_Tier__c: 'Silver' },
        },
        {
          objectType: 'Deal_Registration__c',
          operation: 'upsert',
          externalId: 'DR-1',
          fields: { Status__c: 'Approved' },
        },
      ]);
      await store.claimOutbox(10, 60_000);
      await store.markSent([
        { seq: seqs[0]!, status: 'success' },
        { seq: seqs[1]!, status: 'success', recordId: 'a0X000000000001' },
      ]);
      expect(await store.wasWrittenByUs('Account', 'a1', 'Partner_Tier__c', 'Gold')).to.equal(true);
      expect(await store.wasWrittenByUs('Account', 'a1', 'Partner_Tier__c', 'Platinum')).to.equal(false);
      expect(await store.wasWrittenByUs('Account', 'a2', 'Partner_Tier__c', 'Gold')).to.equal(false);
      // Salesforce spells the datetime differently on the way back; it is still our write.
      expect(
        await store.wasWrittenByUs('Account', 'a1', 'Partner_Tier_Since__c', '2025-01-10T08:00:00.000+0000'),
      ).to.equal(true);
      expect(
        await store.wasWrittenByUs('Deal_Registration__c', 'a0X000000000001', 'Status__c', 'Approved'),
      ).to.equal(true);
      expect((await store.getBase('Account', ['a1'])).get('a1')).to.deep.equal({
        Partner_Tier__c: 'Gold',
        Partner_Tier_Since__c: '2025-01-10T08:00:00Z',
      });
      const echoes = await store.echoedFields('Account', [
        {
          id: 'a1',
          fields: { Partner_Tier__c: 'Gold', Partner_Tier_Since__c: '2025-02-01T00:00:00Z', Name: 'A' },
        },
        { id: 'a2', fields: { Partner_Tier__c: 'Gold' } },
      ]);
      expect([...echoes.entries()].map(([id, f]) => [id, [...f]])).to.deep.equal([
        ['a1', ['Partner_Tier__c']],
      ]);
    });

    it('queues and settles a batch larger than one statement holds, each row as if alone', async () => {
      const store = await h.open({ workerId: 'w1' });
      const n = 1234; // past the 500 rows of a bulk insert and the chunk of an IN list
      const id = (i: number) => `a${String(i).padStart(5, '0')}`;
      // One record already has an unsent row: its change coalesces instead of being inserted.
      const early = await store.enqueue([
        {
          objectType: 'Account',
          operation: 'update',
          recordId: id(7),
          fields: { Partner_Tier__c: 'Silver' },
        },
      ]);
      const batch: OutboxInput[] = Array.from({ length: n }, (_, i) => ({
        objectType: 'Account',
        operation: 'update',
        recordId: id(i),
        fields: { Partner_Tier__c: 'Gold', Partner_Health_Score__c: i % 101 },
        // Every 100th change writes back the value the org already holds: dropped.
        base: (i % 100 === 3
          ? { Partner_Tier__c: 'Gold', Partner_Health_Score__c: i % 101 }
          : {}) as FieldValues,
      }));
      const queued = await store.enqueue(batch);
      expect(queued.inserted).to.equal(n - 1 - 13);
      expect(queued.merged).to.equal(1);
      expect(queued.dropped).to.equal(13);
      expect(queued.seqs[7]).to.equal(early.seqs[0]);
      expect(queued.seqs.filter((s) => s === null)).to.have.length(13);
      const claimed = await store.claimOutbox(5000, 60_000);
      expect(claimed).to.have.length(n - 13);
      const result = await store.markSent(claimed.map((r) => ({ seq: r.seq, status: 'success' as const })));
      expect(result.applied).to.have.length(n - 13);
      const rows = await store.getOutbox(claimed.map((r) => r.seq));
      expect(new Set(rows.map((r) => `${r.state} ${r.attempts} ${r.claimedBy}`))).to.deep.equal(
        new Set([`${OutboxState.Success} 1 null`]),
      );
      expect(await store.wasWrittenByUs('Account', id(1233), 'Partner_Health_Score__c', 1233 % 101)).to.equal(
        true,
      );
      expect(await store.wasWrittenByUs('Account', id(3), 'Partner_Tier__c', 'Gold')).to.equal(false);
      const bases = await store.getBase('Account', [id(0), id(7), id(1233)]);
      expect(bases.get(id(7))).to.deep.equal({ Partner_Tier__c: 'Gold', Partner_Health_Score__c: 7 });
      expect(bases.get(id(1233))).to.deep.equal({
        Partner_Tier__c: 'Gold',
        Partner_Health_Score__c: 1233 % 101,
      });
    });

    it('remembers only the last value written, and explicit base values per field', async () => {
      const store = await h.open();
      await store.recordWritten('Account', [{ recordId: 'a1', fields: { Partner_Tier__c: 'Gold' } }]);
      await store.recordWritten('Account', [{ recordId: 'a1', fields: { Partner_Tier__c: 'Platinum' } }]);
      expect(await store.wasWrittenByUs('Account', 'a1', 'Partner_Tier__c', 'Gold')).to.equal(false);
      expect(await store.wasWrittenByUs('Account', 'a1', 'Partner_Tier__c', 'Platinum')).to.equal(true);
      await store.setBase('Account', [
        { recordId: 'a1', values: { Partner_Tier__c: 'Gold', Partner_Health_Score__c: 1 } },
      ]);
      await store.setBase('Account', [{ recordId: 'a1', values: { Partner_Health_Score__c: null } }]);
      expect((await store.getBase('Account', ['a1', 'a2'])).get('a1')).to.deep.equal({
        Partner_Tier__c: 'Gold',
        Partner_Health_Score__c: null,
      });
      expect((await store.getBase('Account', ['a2'])).size).to.equal(0);
    });
  });

  describe('cycles, status, meta, locks', () => {
    it('records cycles and reports the last N, newest first, with cursors and outbox depth', async () => {
      const clock = fakeClock();
      const store = await h.open({ clock: clock.now, workerId: 'w1' });
      const first = await store.startCycle();
      clock.advance(1_000);
      await store.finishCycle(first, {
        status: 'ok',
        pulled: 12,
        computed: 3,
        pushed: 2,
        apiCalls: 4,
        lagMs: 61_000,
      });
      const second = await store.startCycle();
      clock.advance(500);
      await store.finishCycle(second, { status: 'failed', error: 'REQUEST_LIMIT_EXCEEDED', apiCalls: 1 });
      const third = await store.startCycle();
      await store.setCursor('Account', { ts: T1, id: 'a1' });
      await store.enqueue([
        { objectType: 'Account', operation: 'update', recordId: 'a1', fields: { X__c: 1 } },
      ]);

      const status = await store.status({ cycles: 2 });
      expect(status.cycles.map((c) => [c.id, c.status])).to.deep.equal([
        [third, 'running'],
        [second, 'failed'],
      ]);
      expect(status.cycles[1]).to.deep.include({
        error: 'REQUEST_LIMIT_EXCEEDED',
        apiCalls: 1,
        workerId: 'w1',
      });
      const all = await store.recentCycles(5);
      expect(all[2]).to.deep.include({
        id: first,
        pulled: 12,
        computed: 3,
        pushed: 2,
        failed: 0,
        apiCalls: 4,
        lagMs: 61_000,
        finishedAt: all[2]!.startedAt + 1_000,
      });
      expect(status.cursors.map((c) => c.objectType)).to.deep.equal(['Account']);
      expect(status.outbox.NEW).to.equal(1);
      await expectStoreError(store.finishCycle(9_999, { status: 'ok' }), StoreErrorCode.NotFound);
    });

    it('prunes outbox history and old finished cycles but never pending work or failures', async () => {
      const clock = fakeClock();
      const store = await h.open({ clock: clock.now, workerId: 'w1' });
      const { seqs } = await store.enqueue(
        ['a1', 'a2', 'a3'].map((id) => ({
          objectType: 'Account',
          operation: 'update' as const,
          recordId: id,
          fields: { X__c: 1 },
        })),
      );
      await store.claimOutbox(2, 60_000);
      await store.markSent([
        { seq: seqs[0]!, status: 'success' },
        { seq: seqs[1]!, status: 'failed', code: 'E', message: 'm', permanent: true },
      ]);
      const cycle = await store.startCycle();
      await store.finishCycle(cycle, { status: 'ok' });
      clock.advance(10);
      expect(await store.prune(clock.now())).to.deep.equal({ outbox: 1, cycles: 1 });
      expect((await store.status()).outbox).to.include({ SUCCESS: 0, FAILED: 1, NEW: 1 });
    });

    it('keeps meta values as JSON and refuses one that no longer fits its schema', async () => {
      const store = await h.open();
      const config = z.object({ tiers: z.array(z.string()) });
      expect(await store.getMeta('program', config)).to.equal(undefined);
      await store.setMeta('program', { tiers: ['Gold', 'Silver'] });
      expect(await store.getMeta('program', config)).to.deep.equal({ tiers: ['Gold', 'Silver'] });
      await store.setMeta('program', { tiers: 'Gold' });
      await expectStoreError(store.getMeta('program', config), StoreErrorCode.CorruptRow);
      await store.deleteMeta('program');
      expect(await store.getMeta('program', config)).to.equal(undefined);
    });

    it('holds one lock per object: a second holder is refused until the first releases', async () => {
      const a = await h.open({ workerId: 'a' });
      const b = await h.open({ workerId: 'b' });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = a.withObjectLock('Account', async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      expect(await b.withObjectLock('Account', async () => 'second')).to.deep.equal({ acquired: false });
      expect(await a.withObjectLock('Account', async () => 'again')).to.deep.equal({ acquired: false });
      expect(await b.withObjectLock('Opportunity', async () => 'other')).to.deep.equal({
        acquired: true,
        value: 'other',
      });
      release();
      expect(await first).to.deep.equal({ acquired: true, value: 'first' });
      expect(await b.withObjectLock('Account', async () => 'second')).to.deep.equal({
        acquired: true,
        value: 'second',
      });
    });

    it('releases an object lock when the work throws', async () => {
      const store = await h.open();
      let threw = false;
      try {
        await store.withObjectLock('Account', () => Promise.reject(new Error('pull failed')));
      } catch (error) {
        threw = (error as Error).message === 'pull failed';
      }
      expect(threw).to.equal(true);
      expect(await store.withObjectLock('Account', async () => 1)).to.deep.equal({
        acquired: true,
        value: 1,
      });
    });

    it('refuses use after close', async () => {
      const store = await h.open();
      await store.close();
      await expectStoreError((async () => store.getCursor('Account'))(), StoreErrorCode.Closed);
    });
  });
}
