// Many records in one call, as sObject Collections save them: each record in its own savepoint, results
// in request order, per-record errors with statusCode. With allOrNone, one failure undoes the whole batch
// and every innocent record reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
import type { OrgCore } from './core.js';
import { RecordFailure, type RecordErrorBody } from './errors.js';
import type { FaultDecision } from './faults.js';

export type SaveResult = { id?: string; success: boolean; errors: RecordErrorBody[]; created?: boolean };

/** What one record's save produced: its Id and, for upserts, whether it was created. */
export type Saved = { id: string; created?: boolean };

export type BatchItem = {
  /** The Id to report even when the record fails (deletes do this). */
  id?: string;
  save: () => Saved;
};

const ROLLED_BACK: RecordErrorBody = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function lockFailure(): RecordFailure {
  return new RecordFailure('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records');
}

export function runBatch(org: OrgCore, items: readonly BatchItem[], allOrNone: boolean, fault: FaultDecision): SaveResult[] {
  const store = org.store;
  const outer = store.begin();
  const results: SaveResult[] = [];
  let failed = false;
  try {
    for (const item of items) {
      const sp = store.begin();
      try {
        if (fault.kind === 'lock' && fault.locked()) {
          org.metrics.faultsInjected++;
          throw lockFailure();
        }
        const saved = item.save();
        store.commit();
        const result: SaveResult = { id: saved.id, success: true, errors: [] };
        if (saved.created !== undefined) result.created = saved.created;
        results.push(result);
      } catch (e) {
        store.rollback(sp);
        if (!(e instanceof RecordFailure)) throw e;
        failed = true;
        const result: SaveResult = { success: false, errors: [e.body()] };
        if (item.id !== undefined) result.id = item.id;
        results.push(result);
      }
    }
  } catch (e) {
    store.rollback(outer);
    throw e;
  }
  if (allOrNone && failed) {
    store.rollback(outer);
    return results.map((r) => {
      if (!r.success) return r;
      const out: SaveResult = { success: false, errors: [ROLLED_BACK] };
      if (r.created !== undefined) out.created = r.created;
      return out;
    });
  }
  store.commit();
  return results;
}
