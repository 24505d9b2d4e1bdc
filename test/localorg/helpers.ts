// Shared set-up for the local-org conformance tests: an org on a free port, a real jsforce connection
// to it, and a small client for the /__localorg/ control surface.
import { Connection } from '@jsforce/jsforce-node';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/localorg/index.js';
import type { OrgCore } from '../../src/localorg/core.js';
import { auditFields, idField, ownerField } from '../../src/localorg/schema/system-fields.js';
import { sobject } from '../../src/localorg/schema/standard-objects.js';
import { field, type ObjectDef } from '../../src/localorg/schema/types.js';

// jsforce sends localhost traffic through a proxy when one is configured (it ignores NO_PROXY).
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

export type TestOrg = {
  org: LocalOrg;
  conn: Connection;
  /** A raw call (fetch) with the org's token unless `token` says otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawReply>;
  control(method: string, name: string, body?: unknown): Promise<RawReply>;
};

export type RawReply = { status: number; headers: Headers; body: unknown };

export function connect(org: LocalOrg, token = org.accessToken): Connection {
  return new Connection({ instanceUrl: org.instanceUrl, accessToken: token, version: '63.0' });
}

export async function startTestOrg(opts: LocalOrgOptions = {}): Promise<TestOrg> {
  const org = await startLocalOrg(opts);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawReply> => {
    const res = await fetch(org.instanceUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${org.accessToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    org,
    conn: connect(org),
    call,
    control: (method, name, body) => call(method, `/__localorg/${name}`, body),
  };
}

/** A custom object defined in-process (until metadata deploy exists): Name, a unique external id, a lookup to Account. */
export function defineWidget(core: OrgCore): ObjectDef {
  const def = sobject({
    name: 'Widget__c',
    label: 'Widget',
    labelPlural: 'Widgets',
    custom: true,
    keyPrefix: core.schema.nextCustomPrefix('a'),
    fields: [
      idField(),
      ...auditFields(),
      ownerField(),
      field({ name: 'Name', type: 'string', length: 80, nameField: true, nillable: false }),
      field({ name: 'Ext_Id__c', type: 'string', length: 40, externalId: true, unique: true }),
      field({ name: 'Code__c', type: 'string', length: 10 }),
      field({ name: 'Count__c', type: 'double', precision: 18, scale: 0 }),
      field({
        name: 'Account__c',
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'Account__r',
        childRelationshipName: 'Widgets__r',
      }),
    ],
  });
  core.schema.upsertObject(def);
  return core.schema.object('Widget__c')!;
}

/** Runs fn and returns the error it throws (failing the test when it does not throw). */
export async function rejection(fn: () => PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The partner fields the demo data writes on Account and Opportunity (normally deployed from force-app). */
export function definePartnerFields(core: OrgCore): void {
  const account = core.schema.object('Account')!;
  const add = (o: ObjectDef, init: Parameters<typeof field>[0]): void => core.schema.upsertField(o, field(init));
  add(account, { name: 'Partner_Type__c', type: 'picklist', length: 255 });
  add(account, { name: 'Partner_Status__c', type: 'picklist', length: 255 });
  add(account, { name: 'Partner_Certifications__c', type: 'double', precision: 3, scale: 0 });
  add(account, { name: 'Partner_Certifications_Expire_On__c', type: 'date' });
  add(account, { name: 'Partner_Last_Engagement__c', type: 'date' });
  add(account, { name: 'Partner_Onboarded_On__c', type: 'date' });
  add(core.schema.object('Opportunity')!, {
    name: 'Primary_Partner__c',
    type: 'reference',
    referenceTo: ['Account'],
    relationshipName: 'Primary_Partner__r',
  });
}
