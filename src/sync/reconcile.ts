// Decide what to push, field by field, with a three-way compare against the base (the value the service
// last wrote or confirmed in the org):
//   desired = remote            → nothing to write; the remote value becomes the confirmed base
//   remote ≠ base (a person)    → their edit stands: nothing is written (until they clear the field)
//   otherwise                   → queue desired, with remote as the outbox row's base
// Everything decided here is persisted in one transaction with the base confirmations and the cleared
// compute debt, so a crash never half-applies a cycle.
import { OutboxOperation, sameValue } from '../store/index.js';
import type { FieldValues, JsonValue, OutboxInput, Store } from '../store/index.js';
import type { Desired } from './compute.js';
import { settleDirty } from './dirty.js';
import type { Dirty } from './dirty.js';
import type { World } from './facts.js';
import { isServiceOwned } from './objects.js';

export type ReconcileResult = { queued: number; kept: number; unchanged: number };

const isBlank = (v: JsonValue | undefined): boolean => v === undefined || v === null || v === '';

export async function reconcile(
  store: Store,
  world: World,
  desired: Desired,
  processed: Dirty,
  marks: Record<string, JsonValue>,
): Promise<ReconcileResult> {
  const result: ReconcileResult = { queued: 0, kept: 0, unchanged: 0 };
  const rows = (type: string) =>
    type === 'Account'
      ? world.accounts
      : type === 'Opportunity'
        ? world.opportunities
        : type === 'Deal_Registration__c'
          ? world.registrations
          : world.splits;
  // What is already queued (by this worker before a crash, or by another worker) and not yet delivered:
  // wanting the same value again is not a new write.
  const pendingByType = new Map<string, Map<string, FieldValues>>();
  // What the org refused is sent again only once its record changed in the org, or on the daily
  // recompute (an admin may have fixed the cause meanwhile): a record recomputed because something it
  // reads moved would fail the same way.
  const refusedByType = new Map<string, Map<string, FieldValues>>();
  for (const objectType of desired.updates.keys()) {
    pendingByType.set(objectType, await store.pendingFields(objectType));
    refusedByType.set(objectType, await store.refusedFields(objectType));
  }
  const changed = new Map(Object.entries(processed.ids).map(([type, ids]) => [type, new Set(ids)]));
  const changedInOrg = (objectType: string, id: string) =>
    processed.all || (changed.get(objectType)?.has(id) ?? false);
  await store.transaction(async (tx) => {
    const outbox: OutboxInput[] = [];
    for (const [objectType, byId] of desired.updates) {
      const bases = await tx.getBase(objectType, [...byId.keys()]);
      const confirm: { recordId: string; values: FieldValues }[] = [];
      for (const [id, wanted] of byId) {
        const remote = rows(objectType).get(id)?.fields;
        if (!remote) continue;
        const pending = pendingByType.get(objectType)?.get(id);
        const refused = changedInOrg(objectType, id) ? undefined : refusedByType.get(objectType)?.get(id);
        const base = bases.get(id) ?? {};
        const fields: FieldValues = {};
        const before: FieldValues = {};
        const confirmed: FieldValues = {};
        for (const [field, value] of Object.entries(wanted)) {
          if (!isServiceOwned(objectType, field))
            throw new Error(`bug: ${objectType}.${field} is not service-owned`);
          const r = remote[field] ?? null;
          if (pending !== undefined && Object.hasOwn(pending, field) && sameValue(pending[field], value)) {
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
          outbox.push({ objectType, operation: OutboxOperation.Update, recordId: id, fields, base: before });
        }
      }
      await tx.setBase(objectType, confirm);
    }
    const byExternal = new Map<string, { id: string; fields: FieldValues }>();
    for (const s of world.snapshots.values()) {
      const ext = s.fields['External_Id__c'];
      if (typeof ext === 'string') byExternal.set(ext, s);
    }
    for (const snap of desired.snapshots) {
      const existing = byExternal.get(snap.externalId);
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
    const queued = await tx.enqueue(outbox);
    result.queued = queued.inserted + queued.merged;
    await settleDirty(tx, processed);
    for (const [key, value] of Object.entries(marks)) await tx.setMeta(key, value);
  });
  return result;
}
