// What the sync reads and writes on each object, and who owns each field (DESIGN.md §2). The service
// writes only the fields it owns; every other field belongs to people and is only read.
export type SyncedObject = {
  readonly name: string;
  /** Fields people own: the service reads them and never writes them. */
  readonly inputs: readonly string[];
  /** Fields the service derives and writes back. */
  readonly outputs: readonly string[];
  /** Only rows matching this SOQL condition are pulled (no user values: it is part of the program). */
  readonly where?: string;
  /**
   * Outputs other records' rules read, and the lookups naming those records. A change to one of these
   * fields recomputes the named records even when it is our own write coming back: a worker may have
   * computed them between its pull and that write landing, without it.
   */
  readonly feeds?: { readonly fields: readonly string[]; readonly lookups: Readonly<Record<string, string>> };
};

const SYSTEM = ['Id', 'SystemModstamp', 'LastModifiedDate', 'CreatedDate', 'IsDeleted'] as const;

export const SYNCED_OBJECTS = [
  {
    name: 'Account',
    inputs: [
      'Name',
      'Website',
      'Partner_Type__c',
      'Partner_Status__c',
      'Partner_Certifications__c',
      'Partner_Certifications_Expire_On__c',
      'Partner_Last_Engagement__c',
      'Partner_Onboarded_On__c',
    ],
    outputs: [
      'Partner_Tier__c',
      'Partner_Tier_Since__c',
      'Partner_Tier_Grace_Until__c',
      'Partner_Next_Tier__c',
      'Partner_Next_Tier_Gap__c',
      'Partner_Health_Score__c',
      'Partner_Health_Band__c',
      'Partner_Health_Trend__c',
      'Partner_Health_Explained__c',
    ],
  },
  {
    name: 'Opportunity',
    inputs: [
      'Name',
      'Amount',
      'StageName',
      'CloseDate',
      'IsWon',
      'IsClosed',
      'AccountId',
      'Primary_Partner__c',
    ],
    outputs: ['Co_Sell_Status__c', 'Partner_Sourced__c', 'Deal_Registration__c'],
  },
  {
    name: 'Deal_Registration__c',
    inputs: [
      'Name',
      'Opportunity__c',
      'Partner_Account__c',
      'Customer_Account__c',
      'Customer_Name__c',
      'Customer_Domain__c',
      'Registration_Type__c',
      'Products__c',
      'Estimated_Amount__c',
      'Submitted_At__c',
      'External_Id__c',
    ],
    // Status and the decision are shared: a rep submits and a manager decides (Decided_By__c = Manager),
    // the rules decide the rest. The three-way compare keeps a person's change.
    outputs: [
      'Status__c',
      'Decided_At__c',
      'Decided_By__c',
      'Decision_Reason__c',
      'Protected_Until__c',
      'Conflict_With__c',
      'Conflict_Score__c',
      'Expires_On__c',
      'Decision_Reasons__c',
    ],
    // The partner's numbers and the opportunity's co-sell state count decisions.
    feeds: {
      fields: ['Status__c', 'Decided_At__c', 'Decided_By__c', 'Protected_Until__c'],
      lookups: { Account: 'Partner_Account__c', Opportunity: 'Opportunity__c' },
    },
  },
  {
    name: 'Co_Sell_Split__c',
    inputs: [
      'Opportunity__c',
      'Partner_Account__c',
      'Role__c',
      'Split_Type__c',
      'Percent__c',
      'External_Id__c',
    ],
    outputs: ['Amount__c'],
  },
  {
    name: 'Partner_Health_Snapshot__c',
    inputs: ['Account__c', 'As_Of__c', 'External_Id__c'],
    outputs: ['Score__c', 'Band__c', 'Measures__c'],
  },
] as const satisfies readonly SyncedObject[];

export type SyncedObjectName = (typeof SYNCED_OBJECTS)[number]['name'];

export function syncedObject(name: string): SyncedObject {
  const found = SYNCED_OBJECTS.find((o) => o.name === name);
  if (!found) throw new RangeError(`not a synced object: ${name}`);
  return found;
}

/** The SOQL field list of an object: system fields, then inputs, then outputs, without repeats. */
export function pulledFields(object: SyncedObject): string[] {
  return [...new Set([...SYSTEM, ...object.inputs, ...object.outputs])];
}

export function isServiceOwned(objectName: string, field: string): boolean {
  return (syncedObject(objectName).outputs as readonly string[]).includes(field);
}
