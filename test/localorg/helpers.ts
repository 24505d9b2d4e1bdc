// Shared set-up for the local-org conformance tests: an org on a free port, a real jsforce connection
// to it, and a small client for the /__localorg/ control surface.
//
// PRM_CONFORMANCE_ORG=<alias or username> runs the conformance suites against a real org instead (one
// the sf CLI is logged in to, e.g. a sandbox: `sf org login web --alias prm-sandbox`). Suites written
// with conformance() / startConformanceOrg() then connect to it through @salesforce/core
// (Org.create + getConnection('63.0')); every record they create carries a per-test prefix in its Name
// and is deleted after the test. Suites that need the local org itself (the in-process core, the
// /__localorg/ control surface, in-process schema, its OAuth endpoints) are declared with localOnly()
// and are not registered at all against a real org; one line at the start of the run says how many
// were left out. Unset, everything runs against a fresh local org, as before.
import { Connection } from '@jsforce/jsforce-node';
import { Org } from '@salesforce/core';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/localorg/index.js';
import type { OrgCore } from '../../src/localorg/core.js';
import { auditFields, idField, ownerField } from '../../src/localorg/schema/system-fields.js';
import { sobject } from '../../src/localorg/schema/standard-objects.js';
import { field, type ObjectDef } from '../../src/localorg/schema/types.js';

/** The real org the conformance suites target, or undefined for the local org. */
export const CONFORMANCE_ORG: string | undefined = process.env['PRM_CONFORMANCE_ORG']?.trim() || undefined;

// jsforce sends localhost traffic through a proxy when one is configured (it ignores NO_PROXY). A real
// org may need that proxy, so it is kept then.
if (CONFORMANCE_ORG === undefined) {
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];
}

const leftOut: string[] = [];
if (CONFORMANCE_ORG !== undefined && typeof before === 'function') {
  // A root hook: it runs once every test file has been loaded, so the count is complete.
  before(() => {
    console.log(
      `Conformance target: org '${CONFORMANCE_ORG}' (PRM_CONFORMANCE_ORG); ${leftOut.length} local-org-only suite(s) left out ` +
        `because they need the local org's in-process core, control surface or endpoints: ${leftOut.join('; ')}`,
    );
  });
}

/**
 * A suite that only makes sense against the local org (it uses t.org.core, /__localorg/, in-process
 * schema or the local OAuth endpoints). Registered as "<title> (local org only)"; against a real org it
 * is not registered at all, and counted in the line printed at the start of the run.
 */
export function localOnly(title: string, fn: (this: Mocha.Suite) => void): void {
  if (CONFORMANCE_ORG === undefined) describe(`${title} (local org only)`, fn);
  else leftOut.push(title);
}

/** A suite that runs against whichever org PRM_CONFORMANCE_ORG selects (the local org by default). */
export function conformance(title: string, fn: (this: Mocha.Suite) => void): void {
  describe(`${CONFORMANCE_ORG === undefined ? 'local org' : `org ${CONFORMANCE_ORG}`}: ${title}`, fn);
}

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

type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

function rawCaller(instanceUrl: () => string, token: () => string): Call {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(instanceUrl() + path, {
      method,
      headers: {
        Authorization: `Bearer ${token()}`,
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
}

/** Always a local org (suites that use it must be localOnly() or never touch PRM_CONFORMANCE_ORG). */
export async function startTestOrg(opts: LocalOrgOptions = {}): Promise<TestOrg> {
  const org = await startLocalOrg(opts);
  const call = rawCaller(
    () => org.instanceUrl,
    () => org.accessToken,
  );
  return {
    org,
    conn: connect(org),
    call,
    control: (method, name, body) => call(method, `/__localorg/${name}`, body),
  };
}

/** An org a portable conformance test talks to over HTTP only: jsforce, plus raw calls with its token. */
export type ConformanceOrg = {
  conn: Connection;
  /** A raw call (fetch) to the org with its current token. */
  call: Call;
  /** Unique to this test; every record a test creates must carry it at the start of its Name. */
  prefix: string;
  /** prefix + s: the Name (or Contact LastName) of a record this test creates. */
  name(s: string): string;
  /** A SOQL condition matching this test's records: `Name LIKE '<prefix>%'`. */
  mine: string;
  /** Deletes every record named with the prefix (and checks none is left), then stops a local org. */
  stop(): Promise<void>;
};

// The objects portable tests write, children first so a parent's delete does not cascade under us.
const CLEANUP_OBJECTS = ['Opportunity', 'Contact', 'Account'];
const RUN_ID = `prmct-${Date.now().toString(36)}`;
let testCounter = 0;
let realConnection: Promise<Connection> | undefined;

async function connectReal(aliasOrUsername: string): Promise<Connection> {
  const org = await Org.create({ aliasOrUsername });
  const conn = org.getConnection('63.0');
  // Raw calls use the token as it is; make sure it is current before the first one.
  await conn.refreshAuth();
  return conn;
}

/** Starts a local org, or connects to PRM_CONFORMANCE_ORG when it is set. */
export async function startConformanceOrg(): Promise<ConformanceOrg> {
  // No '_' or '%' in the prefix: they are LIKE wildcards.
  const prefix = `${RUN_ID}-${++testCounter}-`;
  const mine = `Name LIKE '${prefix}%'`;
  let conn: Connection;
  let local: LocalOrg | undefined;
  if (CONFORMANCE_ORG === undefined) {
    local = await startLocalOrg();
    conn = connect(local);
  } else {
    realConnection ??= connectReal(CONFORMANCE_ORG);
    conn = await realConnection;
  }
  const call = rawCaller(
    () => conn.instanceUrl,
    () => conn.accessToken ?? '',
  );
  const stop = async (): Promise<void> => {
    try {
      for (const object of CLEANUP_OBJECTS) {
        const soql = `SELECT Id FROM ${object} WHERE ${mine}`;
        const ids = (await conn.query<{ Id: string }>(soql, { autoFetch: true, maxFetch: 1_000_000 })).records.map((r) => r.Id);
        for (let i = 0; i < ids.length; i += 200) {
          await conn.sobject(object).destroy(ids.slice(i, i + 200), { allOrNone: false });
        }
        const left = (await conn.query(soql)).totalSize;
        if (left > 0) throw new Error(`cleanup left ${left} ${object} record(s) named '${prefix}…' behind`);
      }
    } finally {
      await local?.stop();
    }
  };
  return { conn, call, prefix, name: (s) => prefix + s, mine, stop };
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
