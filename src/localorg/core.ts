// The org's state in one place: schema, records, clock, identity, limits, metrics and faults. HTTP
// routes and in-process helpers both work on an OrgCore; nothing here knows about HTTP.
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import { formatDateTime } from './clock.js';
import { deleteRecords, insertRecord, updateRecord, type DmlOptions } from './dml.js';
import { ApiError, RecordFailure } from './errors.js';
import { Faults } from './faults.js';
import { IdFactory } from './ids.js';
import { ApiUsage, Metrics } from './metrics.js';
import { Schema } from './schema/registry.js';
import { standardObjects } from './schema/standard-objects.js';
import type { ObjectDef } from './schema/types.js';
import { runSoql } from './soql-source.js';
import { Store, type Row } from './store.js';
import { parseRecord } from './validate.js';

export type OrgIdentity = {
  orgId: string;
  userId: string;
  profileId: string;
  username: string;
  accessToken: string;
  /** The connected app's consumer key and consumer secret: the OAuth client every token request names. */
  clientId: string;
  clientSecret: string;
  /** The admin user's password, for the OAuth username-password flow. */
  password: string;
};

/** A deployed component we keep but do not interpret (LWC bundles, static resources, layouts…). */
export type StoredComponent = { type: string; fullName: string; files: Record<string, string> };

export type OrgConfig = {
  dailyApiLimit: number;
  /** Bulk 2.0 query results per page; 0 = everything on one page (Salesforce's usual answer). */
  bulkQueryPageSize: number;
  /** Polls a bulk job spends InProgress before it completes, so clients exercise polling. */
  bulkPollsInProgress: number;
};

export class OrgCore {
  readonly schema = new Schema();
  readonly store: Store;
  readonly clock: Clock;
  ids = new IdFactory();
  metrics = new Metrics();
  faults = new Faults();
  usage: ApiUsage;
  identity: OrgIdentity;
  /** Counters for auto-number fields, keyed "Object.Field". */
  autoNumbers: Record<string, number> = {};
  components = new Map<string, StoredComponent>();
  tokens = new Set<string>();
  refreshTokens = new Set<string>();
  instanceUrl = 'http://127.0.0.1';
  /** Bumped when persisted non-record state (schema, counters, components) changes. */
  metaVersion = 0;
  onMetaChange: (() => void) | undefined;

  constructor(
    readonly config: OrgConfig,
    clock: Clock,
    identity?: Partial<OrgIdentity>,
  ) {
    this.clock = clock;
    this.store = new Store(this.schema);
    this.usage = new ApiUsage(config.dailyApiLimit, clock.now());
    this.identity = {
      orgId: identity?.orgId ?? this.ids.next('00D'),
      userId: identity?.userId ?? this.ids.next('005'),
      profileId: identity?.profileId ?? this.ids.next('00e'),
      username: identity?.username ?? 'admin@prm.localorg',
      accessToken: identity?.accessToken ?? `00D!${randomBytes(24).toString('base64url')}`,
      // Shaped like Salesforce's: a consumer key starting 3MVG9, a 64-hex-digit consumer secret.
      clientId: identity?.clientId ?? `3MVG9${randomBytes(48).toString('base64url')}`,
      clientSecret: identity?.clientSecret ?? randomBytes(32).toString('hex').toUpperCase(),
      password: identity?.password ?? randomBytes(18).toString('base64url'),
    };
    this.tokens.add(this.identity.accessToken);
  }

  now(): string {
    return formatDateTime(this.clock.now());
  }

  metaChanged(): void {
    this.metaVersion++;
    this.onMetaChange?.();
  }

  /** The object by name, or the INVALID_TYPE / NOT_FOUND answer the caller chooses. */
  object(name: string): ObjectDef | undefined {
    return this.schema.object(name);
  }

  get(object: ObjectDef, id18: string): Row | undefined {
    return this.store.get(object.name, id18);
  }

  // In-process API for tests and tools: the same rules as the REST API, without HTTP or API counting.

  private require(objectName: string): ObjectDef {
    const o = this.object(objectName);
    if (o === undefined)
      throw new ApiError(400, 'INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
    return o;
  }

  /** Inserts one record and returns its Id; throws the RecordFailure Salesforce would report. */
  insert(objectName: string, fields: Record<string, unknown>, options: DmlOptions = {}): string {
    const object = this.require(objectName);
    const values = parseRecord(this.schema, object, fields, options.trusted ? [] : ['Id', 'id']);
    return this.store.atomically(() => insertRecord(this, object, values, options));
  }

  update(objectName: string, id: string, fields: Record<string, unknown>, options: DmlOptions = {}): void {
    const object = this.require(objectName);
    const values = parseRecord(this.schema, object, fields, ['Id', 'id']);
    this.store.atomically(() => updateRecord(this, object, id, values, options));
  }

  /** Moves a record (and its master-detail children) to the recycle bin. */
  delete(objectName: string, id: string): void {
    const object = this.require(objectName);
    const [outcome] = this.store.atomically(() => deleteRecords(this, object, [id]));
    if (outcome instanceof RecordFailure) throw outcome;
  }

  /** A live or deleted row by Id (any object), or undefined. */
  record(objectName: string, id: string): Row | undefined {
    return this.store.get(this.require(objectName).name, id);
  }

  query(
    soql: string,
    options: { includeDeleted?: boolean } = {},
  ): { totalSize: number; records: Record<string, unknown>[] } {
    return runSoql(this, soql, { includeDeleted: options.includeDeleted ?? false, apiVersion: '63.0' });
  }

  /** Back to a fresh org: standard schema, the admin user and the organization record. */
  reset(): void {
    this.schema.replaceAll(standardObjects());
    this.store.clear();
    this.autoNumbers = {};
    this.components.clear();
    this.tokens = new Set([this.identity.accessToken]);
    this.refreshTokens.clear();
    this.metrics.reset();
    this.faults.clear();
    this.usage.reset(this.clock.now());
    this.seed();
    this.metaChanged();
  }

  /** The records every org has. */
  seed(): void {
    const now = this.now();
    const { orgId, userId, profileId, username } = this.identity;
    const audit = {
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: userId,
      LastModifiedDate: now,
      LastModifiedById: userId,
      SystemModstamp: now,
    };
    this.store.put('Organization', {
      Id: orgId,
      ...audit,
      Name: 'PRM Local Org',
      OrganizationType: 'Developer Edition',
      InstanceName: 'LOCAL',
      IsSandbox: false,
      TrialExpirationDate: null,
      NamespacePrefix: null,
      DefaultLocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'GMT',
      DefaultCurrencyIsoCode: 'USD',
    });
    this.store.put('Profile', {
      Id: profileId,
      ...audit,
      Name: 'System Administrator',
      UserType: 'Standard',
      Description: null,
    });
    this.store.put('User', {
      Id: userId,
      ...audit,
      Username: username,
      FirstName: 'Local',
      LastName: 'Admin',
      Name: 'Local Admin',
      Alias: 'ladmin',
      Email: 'admin@prm.localorg',
      IsActive: true,
      ProfileId: profileId,
      UserType: 'Standard',
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
    });
  }
}
