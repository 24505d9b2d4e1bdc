// The fields every record carries, maintained by the org rather than the caller.
import { field, type FieldDef } from './types.js';

const readOnly = { createable: false, updateable: false, system: true } as const;

export function idField(): FieldDef {
  return field({ name: 'Id', type: 'id', label: 'Record ID', nillable: false, ...readOnly, defaultedOnCreate: true });
}

export function auditFields(): FieldDef[] {
  const byUser = (name: string, relationshipName: string, label: string): FieldDef =>
    field({
      name,
      label,
      type: 'reference',
      referenceTo: ['User'],
      relationshipName,
      nillable: false,
      defaultedOnCreate: true,
      ...readOnly,
    });
  return [
    field({ name: 'IsDeleted', type: 'boolean', label: 'Deleted', ...readOnly }),
    field({ name: 'CreatedDate', type: 'datetime', label: 'Created Date', nillable: false, defaultedOnCreate: true, ...readOnly }),
    byUser('CreatedById', 'CreatedBy', 'Created By ID'),
    field({ name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', nillable: false, defaultedOnCreate: true, ...readOnly }),
    byUser('LastModifiedById', 'LastModifiedBy', 'Last Modified By ID'),
    field({ name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', nillable: false, defaultedOnCreate: true, ...readOnly }),
  ];
}

export function ownerField(): FieldDef {
  return field({
    name: 'OwnerId',
    label: 'Owner ID',
    type: 'reference',
    referenceTo: ['User'],
    relationshipName: 'Owner',
    nillable: false,
    defaultedOnCreate: true,
  });
}

export const SYSTEM_FIELD_NAMES = [
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
] as const;
