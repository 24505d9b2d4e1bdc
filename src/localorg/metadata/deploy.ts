// Runs one deploy: read the zip, list its components from package.xml, check each in dependency order,
// then apply all (or, with rollbackOnError off, the good ones) unless it is a check-only validation.
// Every component is checked before anything is applied, so a rollback never has to undo a change.
import type { OrgCore } from '../core.js';
import { check } from './checks.js';
import { message, type DeployMessage, type DeployStatus } from './messages.js';
import { expandWildcard, readPackage, TYPES, type DeployPackage } from './package.js';
import { Plan, rankOf, type Unit } from './plan.js';
import { text } from './xml.js';

export type DeployOptions = { checkOnly: boolean; rollbackOnError: boolean };

export type DeployOutcome = {
  status: Extract<DeployStatus, 'Succeeded' | 'SucceededPartial' | 'Failed'>;
  successes: DeployMessage[];
  failures: DeployMessage[];
  total: number;
  errorMessage: string | null;
  errorStatusCode: string | null;
};

/** Components named in package.xml, plus the children of every whole object it deploys. */
function unitsOf(pkg: DeployPackage): { units: Unit[]; unknown: [string, string][] } {
  const seen = new Set<string>();
  const units: Unit[] = [];
  const unknown: [string, string][] = [];
  const add = (type: string, fullName: string): void => {
    const key = `${type}#${fullName}`;
    if (seen.has(key)) return;
    seen.add(key);
    const info = TYPES[type]!;
    const owner = info.parent !== undefined ? fullName.slice(0, fullName.indexOf('.')) : fullName;
    const fileName =
      info.suffix === undefined ? `${info.dir}/${fullName}` : `${info.dir}/${owner}${info.suffix}`;
    units.push({ type, fullName, fileName: pkg.root + fileName, rank: rankOf(type) });
  };
  for (const [type, members] of pkg.manifest.types) {
    if (TYPES[type] === undefined) {
      for (const m of members) unknown.push([type, m]);
      continue;
    }
    for (const m of members) {
      if (m === '*') for (const name of expandWildcard(pkg, type)) add(type, name);
      else add(type, m);
    }
  }
  // A whole object brings its fields, rules and views even when package.xml lists only the object.
  for (const u of [...units]) {
    if (u.type !== 'CustomObject') continue;
    const raw = pkg.files.get(`objects/${u.fullName}.object`)?.toString('utf8');
    if (raw === undefined) continue;
    for (const [childType, info] of Object.entries(TYPES)) {
      if (info.parent === undefined) continue;
      const element = info.parent.element;
      // Cheap scan for the child names; the check parses the file properly.
      const re = new RegExp(`<${element}>\\s*<fullName>([^<]+)</fullName>`, 'g');
      for (const m of raw.matchAll(re)) add(childType, `${u.fullName}.${text(m[1])}`);
    }
  }
  units.sort((a, b) => a.rank - b.rank);
  return { units, unknown };
}

export async function runDeploy(org: OrgCore, zip: Buffer, options: DeployOptions): Promise<DeployOutcome> {
  const createdDate = org.clock.now().toISOString();
  const read = await readPackage(zip);
  if ('error' in read) {
    const failures: DeployMessage[] = [];
    if (read.problem !== undefined) {
      failures.push(
        message(
          { componentType: '', fullName: 'package.xml', fileName: 'package.xml', createdDate },
          { problem: read.problem },
        ),
      );
    }
    return {
      status: 'Failed',
      successes: [],
      failures,
      total: 0,
      errorMessage: read.error,
      errorStatusCode: failures.length > 0 ? null : 'INVALID_CROSS_REFERENCE_KEY',
    };
  }
  const { units, unknown } = unitsOf(read);
  const plan = new Plan(org, read);
  const successes: DeployMessage[] = [];
  const failures: DeployMessage[] = [];
  const manifest = {
    componentType: '',
    fullName: 'package.xml',
    fileName: `${read.root}package.xml`,
    createdDate,
  };
  for (const [type, member] of unknown) {
    failures.push(
      message(
        { componentType: type, fullName: member, fileName: manifest.fileName, createdDate },
        {
          problem: {
            problem: `Unknown type name '${type}' specified in package.xml (not supported by the local org)`,
          },
        },
      ),
    );
  }
  const applies: { apply: () => void; key: string; unit: Unit; files: Record<string, string> }[] = [];
  for (const unit of units) {
    const outcome = check(plan, unit);
    const base = { componentType: unit.type, fullName: unit.fullName, fileName: unit.fileName, createdDate };
    if ('problem' in outcome) {
      failures.push(message(base, outcome));
      continue;
    }
    successes.push(message(base, outcome));
    applies.push({ apply: outcome.apply, key: `${unit.type}:${unit.fullName}`, unit, files: outcome.files });
  }
  successes.unshift(message(manifest, { created: false, changed: true }));
  const failed = failures.length > 0;
  const apply = !options.checkOnly && (!failed || !options.rollbackOnError) && applies.length > 0;
  if (apply) {
    for (const a of applies) {
      a.apply();
      org.components.set(a.key, { type: a.unit.type, fullName: a.unit.fullName, files: a.files });
    }
    org.metaChanged();
  }
  let status: DeployOutcome['status'] = 'Succeeded';
  if (failed)
    status =
      applies.length > 0 && !options.rollbackOnError && !options.checkOnly ? 'SucceededPartial' : 'Failed';
  return {
    status,
    successes,
    failures,
    total: units.length + unknown.length,
    errorMessage: null,
    errorStatusCode: null,
  };
}
