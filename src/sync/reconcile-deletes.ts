// Daily reconciliation of deletes the poll cannot see: a record hard-deleted (or purged from the recycle
// bin) never shows up in queryAll or getDeleted. Once a day the Ids in the org are compared with the
// mirror's; a mirrored record the org no longer has is flagged deleted and what it touched recomputed.
// Cost: one Composite call for the first pages of all objects, plus one call per further 2,000 Ids.
import { CrmError } from '../crm/errors.js';
import type { Gateway, QueryPage } from '../crm/gateway.js';
import { apiName } from '../crm/soql.js';
import type { Store } from '../store/index.js';
import { addDirty } from './dirty.js';
import { SYNCED_OBJECTS } from './objects.js';

export async function reconcileDeletes(
  gateway: Gateway,
  store: Store,
  signal?: AbortSignal,
): Promise<number> {
  const objects = SYNCED_OBJECTS.map((o) => o.name);
  const firstPages = await gateway.compositeQueries(
    objects.map((name) => ({ ref: name, soql: `SELECT Id FROM ${apiName(name)}` })),
  );
  let flagged = 0;
  for (const name of objects) {
    signal?.throwIfAborted();
    let page: QueryPage | CrmError | undefined = firstPages.get(name);
    if (page instanceof CrmError || page === undefined)
      throw page ?? new CrmError('MISSING_SUBRESPONSE', name);
    const inOrg = new Set<string>();
    for (;;) {
      for (const r of page.records) if (typeof r.Id === 'string') inOrg.add(r.Id);
      if (page.done || !page.nextRecordsUrl) break;
      page = await gateway.queryMore(page.nextRecordsUrl);
    }
    const missing: string[] = [];
    for await (const r of store.iterateMirror(name, { batchSize: 2000 }))
      if (!inOrg.has(r.id)) missing.push(r.id);
    if (missing.length === 0) continue;
    flagged += await store.transaction(async (tx) => {
      const gone = await tx.markDeleted(
        name,
        missing.map((id) => ({ id })),
      );
      await addDirty(tx, { objectType: name, ids: gone });
      return gone.length;
    });
  }
  return flagged;
}
