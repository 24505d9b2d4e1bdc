// A deployed permission set also shows up as a PermissionSet record, so tools that check an org's
// setup by SOQL (`SELECT Id FROM PermissionSet WHERE Name = 'PRM_Admin'`) find it.
import type { OrgCore } from '../core.js';

export function upsertPermissionSetRecord(
  org: OrgCore,
  name: string,
  label: string,
  description: string | null,
): void {
  const object = org.schema.object('PermissionSet');
  if (object === undefined) return;
  const [existingId] = org.store.lookup(object.name, 'Name', name);
  const existing = existingId === undefined ? undefined : org.store.get(object.name, existingId);
  const now = org.now();
  const { userId } = org.identity;
  org.store.put(object.name, {
    CreatedDate: now,
    CreatedById: userId,
    ...existing,
    Id: existingId ?? org.ids.next(object.keyPrefix),
    IsDeleted: false,
    Name: name,
    Label: label,
    Description: description,
    IsOwnedByProfile: false,
    IsCustom: true,
    NamespacePrefix: null,
    HasActivationRequired: false,
    LastModifiedDate: now,
    LastModifiedById: userId,
    SystemModstamp: now,
  });
}
