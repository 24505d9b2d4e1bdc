// One check per kind of component: does it make sense against the org and the rest of this deploy,
// and what does applying it change. Components the emulator does not interpret (layouts, tabs, LWC…)
// are checked for presence and well-formed XML, then stored as they came.
import { customField } from './fields.js';
import { applyRecord, customMetadataRecord } from './custom-metadata.js';
import { customObject, hasMasterDetail } from './objects.js';
import { componentFiles, TYPES } from './package.js';
import { notInZip, sameFiles, type Checked, type Plan, type Unit } from './plan.js';
import { upsertPermissionSetRecord } from './permission-sets.js';
import { list, text, texts, type XmlNode } from './xml.js';
import type { Problem } from './messages.js';

type Outcome = Checked;

const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'problem' in x;

function stored(
  plan: Plan,
  unit: Unit,
  files: Record<string, string>,
  apply: () => void,
  existedBefore: boolean,
): Outcome {
  const before = plan.previous(unit.type, unit.fullName);
  const created = before === undefined && !existedBefore;
  return { apply, created, changed: !created && !sameFiles(before, files), files };
}

function checkObject(plan: Plan, unit: Unit): Outcome {
  const [path] = componentFiles(plan.pkg, unit.type, unit.fullName);
  if (path === undefined) return { problem: notInZip(unit.type, unit.fullName) };
  const x = plan.root(path, 'CustomObject');
  if (isProblem(x)) return { problem: x };
  const own = Object.fromEntries(
    Object.entries(x).filter(([k]) => !Object.values(TYPES).some((t) => t.parent?.element === k)),
  );
  const files = { [path]: JSON.stringify(own) };
  const existing = plan.org.schema.object(unit.fullName);
  if (existing !== undefined && !existing.custom) {
    // A standard object's own settings: accepted, nothing in the emulated schema depends on them.
    return stored(plan, unit, files, () => undefined, true);
  }
  const outcome = customObject(unit.fullName, x, hasMasterDetail(x));
  if ('problem' in outcome) return { problem: { problem: outcome.problem } };
  const def = outcome.object;
  plan.objects.set(def.name.toLowerCase(), def);
  const org = plan.org;
  return stored(
    plan,
    unit,
    files,
    () => {
      const current = org.schema.object(def.name);
      if (current === undefined) {
        org.schema.upsertObject({
          ...def,
          fields: [...def.fields],
          keyPrefix: org.schema.nextCustomPrefix(def.customMetadata ? 'm' : 'a'),
        });
        return;
      }
      // Redeploy: change in place so the field order (and the describe) stays as it was.
      Object.assign(current, {
        label: def.label,
        labelPlural: def.labelPlural,
        customSetting: def.customSetting,
      });
      if (!def.fields.some((f) => f.name === 'OwnerId'))
        current.fields = current.fields.filter((f) => f.name !== 'OwnerId');
      // upsertField also drops the schema's cached views, so the edits above become visible.
      for (const f of def.fields) org.schema.upsertField(current, f);
    },
    existing !== undefined,
  );
}

function parentMissing(parent: string): Problem {
  return { problem: `The object ${parent} does not exist in the org and was not deployed successfully` };
}

function checkField(plan: Plan, unit: Unit): Outcome {
  const found = plan.child(unit.type, unit.fullName);
  if (isProblem(found)) return { problem: found };
  const parent = plan.resolveObject(found.parent);
  if (parent === undefined) return { problem: parentMissing(found.parent) };
  const files = { [found.path]: JSON.stringify(found.x) };
  const name = text(found.x['fullName']) ?? '';
  const existing = plan.fieldOf(parent, name);
  if (!name.endsWith('__c')) {
    // Standard fields can be tuned (help text, history) but not created.
    if (existing === undefined)
      return {
        problem: {
          problem: `Cannot create the standard field ${parent}.${name}: custom field names end with __c`,
        },
      };
    return stored(plan, unit, files, () => undefined, true);
  }
  const outcome = customField(parent, found.x, plan.resolveObject);
  if ('problem' in outcome) return { problem: { problem: outcome.problem } };
  const def = outcome.field;
  const existedBefore =
    plan.org.schema.object(parent) !== undefined &&
    plan.org.schema.field(plan.org.schema.object(parent)!, name) !== undefined;
  plan.addField(parent, def);
  const org = plan.org;
  return stored(
    plan,
    unit,
    files,
    () => {
      const object = org.schema.object(parent)!;
      if (outcome.masterDetail) object.fields = object.fields.filter((f) => f.name !== 'OwnerId');
      org.schema.upsertField(object, { ...def });
    },
    existedBefore,
  );
}

function checkChild(plan: Plan, unit: Unit): Outcome {
  const found = plan.child(unit.type, unit.fullName);
  if (isProblem(found)) return { problem: found };
  if (plan.resolveObject(found.parent) === undefined) return { problem: parentMissing(found.parent) };
  if (unit.type === 'ValidationRule') {
    if (text(found.x['errorConditionFormula']) === undefined)
      return { problem: { problem: 'Must specify an errorConditionFormula for a validation rule' } };
    if (text(found.x['errorMessage']) === undefined)
      return { problem: { problem: 'Must specify an errorMessage for a validation rule' } };
  }
  return stored(plan, unit, { [found.path]: JSON.stringify(found.x) }, () => undefined, false);
}

function checkCustomMetadata(plan: Plan, unit: Unit): Outcome {
  const [path] = componentFiles(plan.pkg, unit.type, unit.fullName);
  if (path === undefined) return { problem: notInZip(unit.type, unit.fullName) };
  const x = plan.root(path, 'CustomMetadata');
  if (isProblem(x)) return { problem: x };
  const record = customMetadataRecord(unit.fullName, x, plan.typeView);
  if ('problem' in record) return { problem: { problem: record.problem } };
  const org = plan.org;
  return stored(
    plan,
    unit,
    { [path]: plan.text(path)! },
    () => applyRecord(org, org.schema.object(record.type)!, record),
    false,
  );
}

/** Fields and objects a permission set grants must exist, as Salesforce insists. */
function checkPermissionSet(plan: Plan, unit: Unit): Outcome {
  const [path] = componentFiles(plan.pkg, unit.type, unit.fullName);
  if (path === undefined) return { problem: notInZip(unit.type, unit.fullName) };
  const x = plan.root(path, 'PermissionSet');
  if (isProblem(x)) return { problem: x };
  for (const fp of list(x['fieldPermissions'])) {
    const ref = text(fp['field']) ?? '';
    const dot = ref.indexOf('.');
    if (dot <= 0 || plan.fieldOf(ref.slice(0, dot), ref.slice(dot + 1)) === undefined) {
      return { problem: { problem: `In field: field - no CustomField named ${ref} found` } };
    }
  }
  for (const op of list(x['objectPermissions'])) {
    const name = text(op['object']) ?? '';
    if (plan.resolveObject(name) === undefined)
      return { problem: { problem: `In field: object - no CustomObject named ${name} found` } };
  }
  for (const name of texts(list(x['customMetadataTypeAccesses']).map((a) => a['name']))) {
    if (plan.typeView(name) === undefined)
      return { problem: { problem: `In field: name - no CustomObject named ${name} found` } };
  }
  const org = plan.org;
  const label = text(x['label']) ?? unit.fullName;
  const description = text(x['description']) ?? null;
  return stored(
    plan,
    unit,
    { [path]: plan.text(path)! },
    () => upsertPermissionSetRecord(org, unit.fullName, label, description),
    false,
  );
}

/** Anything else: present, well-formed, stored. Bundles need their main file and its -meta.xml. */
function checkStored(plan: Plan, unit: Unit): Outcome {
  const info = TYPES[unit.type]!;
  const paths = componentFiles(plan.pkg, unit.type, unit.fullName);
  if (paths.length === 0) return { problem: notInZip(unit.type, unit.fullName) };
  if (info.suffix !== undefined && !paths.includes(`${info.dir}/${unit.fullName}${info.suffix}`)) {
    return { problem: notInZip(unit.type, unit.fullName) };
  }
  if (
    unit.type === 'LightningComponentBundle' &&
    !paths.includes(`lwc/${unit.fullName}/${unit.fullName}.js-meta.xml`)
  ) {
    return { problem: { problem: `The bundle ${unit.fullName} needs ${unit.fullName}.js-meta.xml` } };
  }
  const files: Record<string, string> = {};
  for (const p of paths) {
    const buf = plan.pkg.files.get(p)!;
    if (
      /\.(xml|object|layout|tab|app|permissionset|customPermission|flexipage|flow|labels|quickAction|md|profile|globalValueSet|permissionsetgroup)$/.test(
        p,
      )
    ) {
      const parsed = plan.parse(p);
      if (isProblem(parsed)) return { problem: parsed };
    }
    const asText = buf.toString('utf8');
    // Binary content (a zipped static resource) is kept as base64, marked so a reader can tell.
    files[p] = Buffer.from(asText, 'utf8').equals(buf) ? asText : `base64:${buf.toString('base64')}`;
  }
  if (unit.type === 'CustomTab') {
    const tab = plan.root(paths[0]!, 'CustomTab');
    if (isProblem(tab)) return { problem: tab };
    if (text(tab['customObject']) === 'true' && plan.resolveObject(unit.fullName) === undefined) {
      return { problem: { problem: `The object ${unit.fullName} for this tab does not exist` } };
    }
  }
  return stored(plan, unit, files, () => undefined, false);
}

export function check(plan: Plan, unit: Unit): Outcome {
  switch (unit.type) {
    case 'CustomObject':
      return checkObject(plan, unit);
    case 'CustomField':
      return checkField(plan, unit);
    case 'CustomMetadata':
      return checkCustomMetadata(plan, unit);
    case 'PermissionSet':
      return checkPermissionSet(plan, unit);
    default:
      return TYPES[unit.type]?.parent !== undefined ? checkChild(plan, unit) : checkStored(plan, unit);
  }
}

export type { XmlNode };
