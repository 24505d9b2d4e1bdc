// Decide what to push, field by field, with a three-way compare against the base (the value the service
// last wrote or confirmed in the org):
//   desired = remote            → nothing to write; the remote value becomes the confirmed base
//   remote ≠ base (a person)    → their edit stands: nothing is written (until they clear the field)
//   otherwise                   → queue desired, with remote as the outbox row's base
// Everything decided here is persisted in one transaction with the base confirmations and the cleared
// compute debt, so a crash never half-applies a cycle.
import { chunks, OutboxOperation, sameValue } from '../store/index.js';
import type { FieldValues, JsonValue, OutboxInput, Store } from '../store/index.js';
import type { Desired, Flush } from './compute.js';
import { settleDirty } from './dirty.js';
import type { Dirty } from './dirty.js';
import type { World } from './facts.js';
import { isServiceOwned, SYNCED_OBJECTS } from './objects.js';

export type ReconcileResult = { queued: number; kept: number; unchanged: number };

/** Records compared per round trip to the store. */
const RECONCILE_CHUNK = 2000;

const isBlank = (v: JsonValue | undefined): boolean => v === undefined || v === null || v === '';

/**
 * Runs `produce` (the compute) inside one transaction, reconciling each batch of desired values it
 * flushes, then today's snapshots; clears the compute debt it paid and stores `marks`.
 */
export async function reconcile(
  store: Store,
  world: World,
  processed: Dirty,
  marks: Record<string, JsonValue>,
  produce: (flush: Flush) => Promise<Desired>,
): Promise<ReconcileResult & { desired: Desired }> {
  const result: ReconcileResult = { queued: 0, kept: 0, unchanged: 0 };
  // What is already queued (by this worker before a crash, or by another worker) and not yet delivered:
  // wanting the same value again is not a new write.
  const pendingByType = new Map<string, Map<string, FieldValues>>();
  // What the org refused is sent again only once its record changed in the org, or on the daily
  // recompute (an admin may have fixed the cause meanwhile): a record recomputed because something it
  // reads moved would fail the same way.
  const refusedByType = new Map<string, Map<string, FieldValues>>();
  for (const { name } of SYNCED_OBJECTS) {
    pendingByType.set(name, await store.pendingFields(name));
    refusedByType.set(name, await store.refusedFields(name));
  }
  const changed = new Map(Object.entries(processed.ids).map(([type, ids]) => [type, new Set(ids)]));
  const changedInOrg = (objectType: string, id: string) =>
    processed.all || (changed.get(objectType)?.has(id) ?? false);
  const desired = await store.transaction(async (tx) => {
    const enqueue = async (rows: OutboxInput[]) => {
      const queued = await tx.enqueue(rows);
      result.queued += queued.inserted + queued.merged;
    };
    // A batch at a time, reading the org's values from the mirror by id: the book is never all in memory.
    const flush: Flush = async (updates) => {
      for (const [objectType, byId] of updates) {
        for (const ids of chunks([...byId.keys()], RECONCILE_CHUNK)) {
          const remotes = await tx.getMirror(objectType, ids);
          const bases = await tx.getBase(objectType, ids);
          const outbox: OutboxInput[] = [];
          const confirm: { recordId: string; values: FieldValues }[] = [];
          for (const id of ids) {
            const remote = remotes.get(id);
            if (!remote || remote.isDeleted) continue;
            const pending = pendingByType.get(objectType)?.get(id);
            const refused = changedInOrg(objectType, id) ? undefined : refusedByType.get(objectType)?.get(id);
            const base = bases.get(id) ?? {};
            const fields: FieldValues = {};
            const before: FieldValues = {};
            const confirmed: FieldValues = {};
            for (const [field, value] of Object.entries(byId.get(id)!)) {
              if (!isServiceOwned(objectType, field))
                throw new Error(`bug: ${objectType}.${field} is not service-owned`);
              const r = remote.fields[field] ?? null;
              if (
                pending !== undefined &&
                Object.hasOwn(pending, field) &&
                sameValue(pending[field], value)
              ) {
                result.unchanged += 1;
              } else if (sameValue(value, r)) {
                if (!Object.hasOwn(base, field) || !sameValue(base[field], r)) confirmed[field] = r;
                result.unchanged += 1;
              } else if (Object.hasOwn(base, field) && !sameValue(base[field], r) && !isBlank(r)) {
                result.kept += 1;
              } else if (
                refused !== undefined &&
                Object.hasOwn(refused, field) &&
                sameValue(refused[field], value)
              ) {
                result.kept += 1;
              } else {
                fields[field] = value;
                before[field] = r;
              }
            }
            if (Object.keys(confirmed).length > 0) confirm.push({ recordId: id, values: confirmed });
            if (Object.keys(fields).length > 0) {
              outbox.push({
                objectType,
                operation: OutboxOperation.Update,
                recordId: id,
                fields,
                base: before,
              });
            }
          }
          await tx.setBase(objectType, confirm);
          await enqueue(outbox);
        }
      }
    };
    const desired = await produce(flush);
    await flush(desired.updates);
    const outbox: OutboxInput[] = [];
    for (const snap of desired.snapshots) {
      const existing = world.todaySnapshots.get(snap.externalId);
      if (existing) {
        const changed: FieldValues = {};
        for (const f of ['Score__c', 'Band__c', 'Measures__c']) {
          if (!sameValue(existing.fields[f] ?? null, snap.fields[f] ?? null))
            changed[f] = snap.fields[f] ?? null;
        }
        if (Object.keys(changed).length > 0) {
          outbox.push({
            objectType: 'Partner_Health_Snapshot__c',
            operation: OutboxOperation.Update,
            recordId: existing.id,
            fields: changed,
          });
        }
      } else {
        outbox.push({
          objectType: 'Partner_Health_Snapshot__c',
          operation: OutboxOperation.Upsert,
          externalId: snap.externalId,
          fields: snap.fields,
        });
      }
    }
    await enqueue(outbox);
    await settleDirty(tx, processed);
    for (const [key, value] of Object.entries(marks)) await tx.setMeta(key, value);
    return desired;
  });
  return { ...result, desired };
}
