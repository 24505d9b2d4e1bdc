// The preview's writes, as the LWC wrappers make them through uiRecordApi: create a registration, record a
// manager's decision (refused when the record changed since the page read it), make the splits match.
import { idLiteral } from '../crm/soql.js';
import type { OrgClient } from './org.js';
import { OrgWriteError } from './org.js';
import { splitOf } from './opportunity-page.js';
import type { DecideBody, RegisterBody, SaveSplitsBody } from './schemas.js';
import { instant } from './records.js';

export async function createRegistration(org: OrgClient, body: RegisterBody, now: number): Promise<string> {
  const d = body.registration;
  return org.create('Deal_Registration__c', {
    Partner_Account__c: d.partnerId,
    Opportunity__c: d.opportunityId,
    Customer_Account__c: d.customerAccountId,
    Customer_Name__c: d.customerName,
    Customer_Domain__c: d.customerDomain,
    Registration_Type__c: d.type,
    Products__c: d.products.join('; ') || null,
    Estimated_Amount__c: d.estimatedAmountCents / 100,
    Status__c: d.status,
    Submitted_At__c: new Date(now).toISOString(),
  });
}

/** Thrown when the record changed since the page read it (Salesforce's 412 for If-Unmodified-Since). */
export class ConflictError extends OrgWriteError {
  constructor() {
    super('PRECONDITION_FAILED', 'Someone changed this registration since you opened it. The page now shows their change; decide again.');
  }
}

export async function decideRegistration(org: OrgClient, body: DecideBody, now: number): Promise<void> {
  const [current] = await org.query(
    `SELECT Id, LastModifiedDate FROM Deal_Registration__c WHERE Id = ${idLiteral(body.registrationId)}`,
  );
  if (!current) throw new OrgWriteError('ENTITY_IS_DELETED', 'This registration no longer exists.');
  const modified = instant(current, 'LastModifiedDate');
  if (body.ifUnmodifiedSince !== null && modified !== null && modified > Date.parse(body.ifUnmodifiedSince)) {
    throw new ConflictError();
  }
  await org.update('Deal_Registration__c', {
    Id: body.registrationId,
    Status__c: body.decision,
    Decision_Reason__c: body.reason,
    Decided_By__c: 'Manager',
    Decided_At__c: new Date(now).toISOString(),
    Protected_Until__c: body.protectedUntil,
  });
}

export type SplitWriteCounts = { deleted: number; updated: number; created: number };

/** Deletes removed rows, updates changed ones, creates new ones; stops at the first refusal. */
export async function saveSplits(org: OrgClient, body: SaveSplitsBody): Promise<SplitWriteCounts> {
  const oppId = idLiteral(body.opportunityId);
  const saved = (
    await org.query(
      `SELECT Id, Partner_Account__c, Role__c, Split_Type__c, Percent__c FROM Co_Sell_Split__c WHERE Opportunity__c = ${oppId}`,
    )
  ).map(splitOf);
  const byId = new Map(saved.map((s) => [s.id, s]));
  const keep = new Set(body.splits.flatMap((s) => (s.id ? [s.id] : [])));
  const unknown = [...keep].filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new OrgWriteError('INVALID_ID_FIELD', `Not a split of this opportunity: ${unknown.join(', ')}.`);
  const fields = (s: SaveSplitsBody['splits'][number]) => ({
    Partner_Account__c: s.partnerId,
    Role__c: s.role,
    Split_Type__c: s.type,
    Percent__c: s.percent,
  });
  const counts: SplitWriteCounts = { deleted: 0, updated: 0, created: 0 };
  for (const s of saved) {
    if (s.id && !keep.has(s.id)) {
      await org.destroy('Co_Sell_Split__c', s.id);
      counts.deleted++;
    }
  }
  for (const s of body.splits) {
    const before = s.id ? byId.get(s.id) : undefined;
    if (s.id && before) {
      const changed = before.partnerId !== s.partnerId || before.role !== s.role || before.type !== s.type || before.percent !== s.percent;
      if (changed) {
        await org.update('Co_Sell_Split__c', { Id: s.id, ...fields(s) });
        counts.updated++;
      }
    } else {
      await org.create('Co_Sell_Split__c', { Opportunity__c: body.opportunityId, ...fields(s) });
      counts.created++;
    }
  }
  return counts;
}
