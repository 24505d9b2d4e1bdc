// Push: claim outbox rows, guard each against a person's edit that arrived since it was queued, send
// them as collections (or Bulk 2.0 for big batches), and record every outcome. A record-level failure
// marks that row FAILED with Salesforce's reason (visible in `sf prm status`); the rest lands.
import { ErrorClass } from '../crm/errors.js';
import { appendTo } from '../domain/group.js';
import type { Gateway, WriteBatch, WriteOutcome } from '../crm/gateway.js';
import { OutboxOperation, sameValue } from '../store/index.js';
import type { OutboxEntry, SendResult, Store } from '../store/index.js';

export type PushOptions = {
  readonly claimSize: number;
  readonly leaseMs: number;
  readonly signal?: AbortSignal;
};

export type PushResult = { pushed: number; failed: number; retried: number; conflicts: number };

const THROTTLE_RETRY_MS = 60_000;
const EXTERNAL_ID = 'External_Id__c';

/** Rows whose record a person changed since the row was queued: their edit wins, the row is dropped. */
async function guard(
  store: Store,
  rows: readonly OutboxEntry[],
): Promise<{ send: OutboxEntry[]; conflicts: SendResult[] }> {
  const send: OutboxEntry[] = [];
  const conflicts: SendResult[] = [];
  const byType = new Map<string, OutboxEntry[]>();
  for (const row of rows) {
    if (row.operation !== OutboxOperation.Update || !row.recordId || Object.keys(row.base).length === 0) {
      send.push(row);
      continue;
    }
    appendTo(byType, row.objectType, row);
  }
  for (const [type, list] of byType) {
    const ids = list.map((r) => r.recordId!);
    const mirror = await store.getMirror(type, ids);
    const bases = await store.getBase(type, ids);
    for (const row of list) {
      const remote = mirror.get(row.recordId!);
      if (remote?.isDeleted) {
        conflicts.push({
          seq: row.seq,
          status: 'ignored',
          code: 'ENTITY_IS_DELETED',
          message: 'the record was deleted in the org',
        });
        continue;
      }
      const confirmed = bases.get(row.recordId!) ?? {};
      const edited = Object.keys(row.base).filter((field) => {
        const now = remote?.fields[field] ?? null;
        if (sameValue(now, row.base[field])) return false;
        if (Object.hasOwn(confirmed, field) && sameValue(now, confirmed[field])) return false;
        return now !== null && now !== '';
      });
      if (edited.length > 0) {
        conflicts.push({
          seq: row.seq,
          status: 'ignored',
          code: 'CHANGED_IN_ORG',
          message: `changed in the org since it was queued: ${edited.join(', ')} (a person's edit is kept)`,
        });
      } else {
        send.push(row);
      }
    }
  }
  return { send, conflicts };
}

export function toBatches(rows: readonly OutboxEntry[]): { batch: WriteBatch; rows: OutboxEntry[] }[] {
  const groups = new Map<
    string,
    { batch: WriteBatch & { records: Record<string, unknown>[] }; rows: OutboxEntry[] }
  >();
  for (const row of rows) {
    const mode = row.operation === OutboxOperation.Update ? 'update' : 'upsert';
    const key = `${row.objectType}\u0000${mode}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        batch: {
          objectType: row.objectType,
          mode,
          ...(mode === 'upsert' ? { externalIdField: EXTERNAL_ID } : {}),
          records: [],
        },
        rows: [],
      };
      groups.set(key, group);
    }
    group.batch.records.push(
      mode === 'update'
        ? { Id: row.recordId, ...row.fields }
        : { ...row.fields, [EXTERNAL_ID]: row.externalId },
    );
    group.rows.push(row);
  }
  return [...groups.values()];
}

function resultOf(row: OutboxEntry, outcome: WriteOutcome | undefined): SendResult {
  if (!outcome) return { seq: row.seq, status: 'retry' };
  if (outcome.ok) return { seq: row.seq, status: 'success', recordId: outcome.id };
  if (outcome.code === 'ENTITY_IS_DELETED')
    return { seq: row.seq, status: 'ignored', code: outcome.code, message: outcome.message };
  switch (outcome.errorClass) {
    case ErrorClass.Collateral:
      return { seq: row.seq, status: 'retry' };
    case ErrorClass.Throttled:
      return { seq: row.seq, status: 'retry', delayMs: THROTTLE_RETRY_MS };
    case ErrorClass.Transient:
      return {
        seq: row.seq,
        status: 'failed',
        code: outcome.code,
        message: outcome.message,
        permanent: false,
      };
    default: {
      const fields = outcome.fields.length > 0 ? ` [${outcome.fields.join(', ')}]` : '';
      return {
        seq: row.seq,
        status: 'failed',
        code: outcome.code,
        message: `${outcome.message}${fields}`,
        permanent: true,
      };
    }
  }
}

/** Fields an upsert may set when it creates the record but not when it updates it (master-detail). */
const CREATE_ONLY: Readonly<Record<string, readonly string[]>> = {
  Partner_Health_Snapshot__c: ['Account__c'],
};

/**
 * An upsert replayed after a lost acknowledgement finds its record already there, and Salesforce refuses
 * the create-only master-detail field on the update: send those records again without it.
 */
async function replayAsUpdates(
  gateway: Gateway,
  groups: { batch: WriteBatch; rows: OutboxEntry[] }[],
  outcomes: WriteOutcome[][],
): Promise<void> {
  const again: { g: number; i: number }[] = [];
  const batches: WriteBatch[] = [];
  groups.forEach((group, g) => {
    const strip = CREATE_ONLY[group.batch.objectType];
    if (group.batch.mode !== 'upsert' || !strip) return;
    const records: Record<string, unknown>[] = [];
    group.batch.records.forEach((record, i) => {
      const o = outcomes[g]?.[i];
      if (
        o &&
        !o.ok &&
        o.code === 'INVALID_FIELD_FOR_INSERT_UPDATE' &&
        o.fields.some((f) => strip.includes(f))
      ) {
        again.push({ g, i });
        records.push(Object.fromEntries(Object.entries(record).filter(([k]) => !strip.includes(k))));
      }
    });
    if (records.length > 0) batches.push({ ...group.batch, records });
  });
  if (batches.length === 0) return;
  const retried = (await gateway.write(batches)).flat();
  again.forEach(({ g, i }, k) => {
    const o = retried[k];
    if (o) outcomes[g]![i] = o;
  });
}

type Round = { claimed: OutboxEntry[]; send: OutboxEntry[]; conflicts: SendResult[] };

async function claimRound(store: Store, options: PushOptions): Promise<Round> {
  const claimed = await store.claimOutbox(options.claimSize, options.leaseMs);
  if (claimed.length === 0) return { claimed, send: [], conflicts: [] };
  return { claimed, ...(await guard(store, claimed)) };
}

/** Gives back the rows of a round claimed ahead and never sent: NEW again, no attempt counted. */
async function release(store: Store, round: Promise<Round>): Promise<void> {
  const rows = (await round.catch(() => undefined))?.claimed ?? [];
  if (rows.length > 0) await store.markSent(rows.map((r) => ({ seq: r.seq, status: 'retry' as const })));
}

export async function push(gateway: Gateway, store: Store, options: PushOptions): Promise<PushResult> {
  const result: PushResult = { pushed: 0, failed: 0, retried: 0, conflicts: 0 };
  // Until the outbox holds nothing due. It ends: a round goes on only if one of its rows was settled
  // (sent, failed for good, dropped) or put off with a backoff, so no row comes back for ever; a round of
  // nothing but immediate retries (rolled back with others) stops the push until the next cycle.
  let round = await claimRound(store, options);
  for (;;) {
    if (options.signal?.aborted) {
      await release(store, Promise.resolve(round));
      options.signal.throwIfAborted();
    }
    if (round.claimed.length === 0) return result;
    result.conflicts += round.conflicts.length;
    const groups = toBatches(round.send);
    const sending = gateway.write(groups.map((g) => g.batch));
    // The next round is claimed and guarded while the org works on this one, so our store's work and
    // the org's overlap. It cannot hold a later row of a record in this round: those rows wait until
    // this round's rows are settled (claims keep each record's rows in order).
    const next = claimRound(store, options);
    // Awaited below on every path but a failing markSent, whose own error is the one to report.
    next.catch(() => undefined);
    let outcomes: WriteOutcome[][];
    try {
      outcomes = await sending;
      await replayAsUpdates(gateway, groups, outcomes);
    } catch (error) {
      await release(store, next).catch(() => undefined);
      throw error;
    }
    const results: SendResult[] = [...round.conflicts];
    let throttled = false;
    groups.forEach((group, g) => {
      group.rows.forEach((row, i) => {
        const r = resultOf(row, outcomes[g]?.[i]);
        if (r.status === 'success') result.pushed += 1;
        else if (r.status === 'failed' && r.permanent) result.failed += 1;
        else if (r.status !== 'ignored') result.retried += 1;
        if (r.status === 'retry' && r.delayMs) throttled = true;
        results.push(r);
      });
    });
    await store.markSent(results);
    // Throttled, or only retries left: stop here, the rows wait for the next cycle with their backoff.
    if (throttled || results.every((r) => r.status === 'retry' || (r.status === 'failed' && !r.permanent))) {
      await release(store, next);
      return result;
    }
    round = await next;
    // Claimed ahead, the next round could not see this round's rows put back for a retry: look again.
    if (round.claimed.length === 0) round = await claimRound(store, options);
  }
}
