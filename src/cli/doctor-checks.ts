// The checks behind `sf prm doctor`: is the package deployed, can this user run the sync, is there API
// budget left. Each check says what it found and, when it fails, how to fix it.
import type { Connection } from '@jsforce/jsforce-node';
import { quote } from '../crm/soql.js';
import { SYNCED_OBJECTS } from '../sync/objects.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';
export type DoctorCheck = { name: string; status: CheckStatus; detail: string; fix?: string };

export const REQUIRED_API_VERSION = '63.0';
export const PERMISSION_SETS = ['PRM_Sales_Rep', 'PRM_Partner_Manager', 'PRM_Admin', 'PRM_Sync_Integration'];
const METADATA_TYPES = ['PRM_Tier__mdt', 'PRM_Program_Setting__mdt', 'PRM_Health_Measure__mdt'];
const DEPLOY_FIX = 'Deploy the package: sf prm deploy --target-org <alias>';
/** Below this share of the daily API allocation left, the sync will soon pause. */
const LOW_BUDGET = 0.1;

type Field = { name: string; updateable: boolean; createable: boolean };
type Describe = { fields: Field[] };
type Limits = Record<string, { Max: number; Remaining: number } | undefined>;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function apiVersion(conn: Connection): Promise<DoctorCheck> {
  const versions = await conn.request<{ version: string }[]>('/services/data');
  const latest =
    versions
      .map((v) => v.version)
      .sort((a, b) => Number(a) - Number(b))
      .at(-1) ?? '?';
  const ok = Number(latest) >= Number(REQUIRED_API_VERSION);
  return {
    name: 'API version',
    status: ok ? 'pass' : 'fail',
    detail: `the org serves up to v${latest}; PRM uses v${REQUIRED_API_VERSION}`,
    ...(ok ? {} : { fix: `Use an org on API v${REQUIRED_API_VERSION} or later (Spring '25).` }),
  };
}

async function objectChecks(conn: Connection): Promise<DoctorCheck[]> {
  const global = await conn.describeGlobal();
  const names = new Set(global.sobjects.map((s) => s.name));
  const checks: DoctorCheck[] = [];
  const missingMdt = METADATA_TYPES.filter((t) => !names.has(t));
  checks.push({
    name: 'Custom metadata types',
    status: missingMdt.length === 0 ? 'pass' : 'fail',
    detail: missingMdt.length === 0 ? METADATA_TYPES.join(', ') : `missing ${missingMdt.join(', ')}`,
    ...(missingMdt.length === 0 ? {} : { fix: DEPLOY_FIX }),
  });
  for (const object of SYNCED_OBJECTS) {
    if (!names.has(object.name)) {
      checks.push({
        name: `Object ${object.name}`,
        status: 'fail',
        detail: 'not in the org',
        fix: DEPLOY_FIX,
      });
      continue;
    }
    const describe = (await conn.describe(object.name)) as unknown as Describe;
    const fields = new Map(describe.fields.map((f) => [f.name, f]));
    const missing = [...object.inputs, ...object.outputs].filter((f) => !fields.has(f));
    const readOnly = object.outputs.filter((f) => fields.has(f) && !fields.get(f)!.updateable);
    if (missing.length > 0) {
      checks.push({
        name: `Object ${object.name}`,
        status: 'fail',
        detail: `missing fields ${missing.join(', ')}`,
        fix: DEPLOY_FIX,
      });
    } else if (readOnly.length > 0) {
      checks.push({
        name: `Object ${object.name}`,
        status: 'fail',
        detail: `this user cannot edit ${readOnly.join(', ')}`,
        fix: 'Assign the PRM_Sync_Integration permission set to the user that runs the sync.',
      });
    } else {
      checks.push({
        name: `Object ${object.name}`,
        status: 'pass',
        detail: `${object.inputs.length} input and ${object.outputs.length} service-owned fields, all writable`,
      });
    }
  }
  return checks;
}

async function programRules(conn: Connection): Promise<DoctorCheck> {
  try {
    const counts = await Promise.all(
      METADATA_TYPES.map(async (t) => (await conn.query(`SELECT Id FROM ${t}`)).totalSize),
    );
    const [tiers, settings, measures] = counts as [number, number, number];
    const ok = tiers > 0 && settings > 0 && measures > 0;
    return {
      name: 'Program rules',
      status: ok ? 'pass' : 'fail',
      detail: `${tiers} tiers, ${settings} program settings, ${measures} health measures`,
      ...(ok
        ? {}
        : { fix: 'Deploy the custom metadata records under force-app/main/default/customMetadata.' }),
    };
  } catch (e) {
    return { name: 'Program rules', status: 'fail', detail: message(e), fix: DEPLOY_FIX };
  }
}

async function permissionSets(conn: Connection): Promise<DoctorCheck> {
  try {
    const found = await conn.query<{ Name: string }>(
      `SELECT Name FROM PermissionSet WHERE Name IN (${PERMISSION_SETS.map(quote).join(', ')})`,
    );
    const names = new Set(found.records.map((r) => r.Name));
    const missing = PERMISSION_SETS.filter((p) => !names.has(p));
    return {
      name: 'Permission sets',
      status: missing.length === 0 ? 'pass' : 'fail',
      detail: missing.length === 0 ? PERMISSION_SETS.join(', ') : `missing ${missing.join(', ')}`,
      ...(missing.length === 0 ? {} : { fix: DEPLOY_FIX }),
    };
  } catch (e) {
    return { name: 'Permission sets', status: 'fail', detail: message(e), fix: DEPLOY_FIX };
  }
}

async function apiBudget(conn: Connection): Promise<DoctorCheck> {
  const limits = await conn.request<Limits>(`/services/data/v${conn.version}/limits`);
  const daily = limits.DailyApiRequests;
  if (daily === undefined)
    return { name: 'API budget', status: 'unknown', detail: 'the org did not report DailyApiRequests' };
  const share = daily.Max === 0 ? 0 : daily.Remaining / daily.Max;
  const low = share < LOW_BUDGET;
  return {
    name: 'API budget',
    status: low ? 'warn' : 'pass',
    detail: `${daily.Remaining} of ${daily.Max} daily API requests left (${(share * 100).toFixed(1)}%)`,
    ...(low ? { fix: 'Lengthen the sync interval or wait for the 24-hour window to roll over.' } : {}),
  };
}

async function lightningWebSecurity(conn: Connection): Promise<DoctorCheck> {
  // LWS is a session setting readable through the Metadata API only; an org that refuses the read is
  // reported as unknown rather than guessed.
  try {
    const settings = (await conn.metadata.read('SecuritySettings', 'Security')) as unknown as {
      sessionSettings?: { lockerServiceNext?: boolean | string };
    };
    const value = settings.sessionSettings?.lockerServiceNext;
    if (value === undefined) throw new Error('no lockerServiceNext setting');
    const on = value === true || value === 'true';
    return {
      name: 'Lightning Web Security',
      status: on ? 'pass' : 'fail',
      detail: on ? 'enabled' : 'disabled: the components need LWS to load as lwc:external elements',
      ...(on
        ? {}
        : {
            fix: 'Setup → Session Settings → enable "Use Lightning Web Security for Lightning web components".',
          }),
    };
  } catch (e) {
    return {
      name: 'Lightning Web Security',
      status: 'unknown',
      detail: `could not be read (${message(e)})`,
      fix: 'Check Setup → Session Settings → "Use Lightning Web Security for Lightning web components".',
    };
  }
}

export async function runDoctor(conn: Connection): Promise<DoctorCheck[]> {
  const guard = async (
    name: string,
    check: () => Promise<DoctorCheck | DoctorCheck[]>,
  ): Promise<DoctorCheck[]> => {
    try {
      return [await check()].flat();
    } catch (e) {
      return [{ name, status: 'fail', detail: message(e) }];
    }
  };
  return [
    ...(await guard('API version', () => apiVersion(conn))),
    ...(await guard('Objects', () => objectChecks(conn))),
    ...(await guard('Program rules', () => programRules(conn))),
    ...(await guard('Permission sets', () => permissionSets(conn))),
    ...(await guard('API budget', () => apiBudget(conn))),
    ...(await guard('Lightning Web Security', () => lightningWebSecurity(conn))),
  ];
}
