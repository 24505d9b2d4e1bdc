// The force-app package as the Salesforce tooling sees it: every file resolves to a component, the data model
// of DESIGN.md §2 is all there, it converts to a deployable Metadata API tree, the permission sets are least
// privilege, and the program rules shipped as custom metadata are coherent and equal the domain defaults.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  ComponentSet,
  ForceIgnore,
  MetadataConverter,
  type SourceComponent,
} from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { DEFAULT_PROGRAM_CONFIG } from '../src/domain/config.js';
import { SYNCED_OBJECTS } from '../src/sync/objects.js';

const FORCE_APP = fileURLToPath(new URL('../force-app', import.meta.url));
const DEFAULT_DIR = join(FORCE_APP, 'main', 'default');

// The component bundle is a generated static resource (not committed): SDR needs its file to resolve it.
if (!existsSync(join(DEFAULT_DIR, 'staticresources', 'prm_components.js'))) {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-components.mjs', import.meta.url))], {
    stdio: 'pipe',
  });
}

type Xml = Record<string, unknown>;
const LISTS = new Set([
  'fieldPermissions',
  'objectPermissions',
  'tabSettings',
  'customPermissions',
  'values',
  'value',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => LISTS.has(name),
});
const readXml = (path: string): Xml => parser.parse(readFileSync(path, 'utf8')) as Xml;
const text = (v: unknown): string =>
  typeof v === 'object' && v !== null ? String((v as Xml)['#text'] ?? '') : String(v ?? '');

/** The data model of DESIGN.md §2: the names other parts rely on. */
const DESIGN_FIELDS: Record<string, string[]> = {
  Account: [
    'Partner_Type__c',
    'Partner_Status__c',
    'Partner_Certifications__c',
    'Partner_Certifications_Expire_On__c',
    'Partner_Last_Engagement__c',
    'Partner_Onboarded_On__c',
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
  Opportunity: ['Primary_Partner__c', 'Co_Sell_Status__c', 'Partner_Sourced__c', 'Deal_Registration__c'],
  Deal_Registration__c: [
    'Opportunity__c',
    'Partner_Account__c',
    'Customer_Account__c',
    'Customer_Name__c',
    'Customer_Domain__c',
    'Registration_Type__c',
    'Products__c',
    'Estimated_Amount__c',
    'Status__c',
    'Submitted_At__c',
    'Decided_At__c',
    'Decided_By__c',
    'Decision_Reason__c',
    'Protected_Until__c',
    'Conflict_With__c',
    'Conflict_Score__c',
    'External_Id__c',
  ],
  Co_Sell_Split__c: [
    'Opportunity__c',
    'Partner_Account__c',
    'Role__c',
    'Split_Type__c',
    'Percent__c',
    'Amount__c',
    'External_Id__c',
  ],
  Partner_Health_Snapshot__c: [
    'Account__c',
    'As_Of__c',
    'Score__c',
    'Band__c',
    'Measures__c',
    'External_Id__c',
  ],
};

const DESIGN_PICKLISTS: Record<string, string[]> = {
  'Account.Partner_Type__c': ['Reseller', 'System Integrator', 'ISV', 'MSP', 'Referral', 'Technology'],
  'Account.Partner_Status__c': ['Prospect', 'Onboarding', 'Active', 'At Risk', 'Offboarded'],
  'Account.Partner_Health_Band__c': ['Green', 'Yellow', 'Red'],
  'Opportunity.Co_Sell_Status__c': ['None', 'Registered', 'Co-Selling', 'Won', 'Lost'],
  'Deal_Registration__c.Registration_Type__c': ['Sourced', 'Influenced'],
  'Deal_Registration__c.Status__c': ['Draft', 'Submitted', 'Approved', 'Rejected', 'Expired', 'Withdrawn'],
  'Deal_Registration__c.Decided_By__c': ['Rules', 'Manager'],
  'Co_Sell_Split__c.Role__c': ['Sourced', 'Influenced', 'Fulfillment', 'Technology'],
  'Co_Sell_Split__c.Split_Type__c': ['Revenue', 'Influence'],
  'Partner_Health_Snapshot__c.Band__c': ['Green', 'Yellow', 'Red'],
};

/** Fields only the sync service writes (Status__c is shared: reps submit and withdraw, the rules decide). */
const SERVICE_OWNED = new Set([
  ...DESIGN_FIELDS.Account!.filter(
    (f) => !/^Partner_(Type|Status|Certifications|Last_Engagement|Onboarded)/.test(f),
  ).map((f) => `Account.${f}`),
  'Opportunity.Co_Sell_Status__c',
  'Opportunity.Partner_Sourced__c',
  'Opportunity.Deal_Registration__c',
  ...[
    'Status__c',
    'Decided_At__c',
    'Decided_By__c',
    'Decision_Reason__c',
    'Decision_Reasons__c',
    'Expires_On__c',
    'Protected_Until__c',
    'Conflict_With__c',
    'Conflict_Score__c',
  ].map((f) => `Deal_Registration__c.${f}`),
  'Co_Sell_Split__c.Amount__c',
  ...['As_Of__c', 'Score__c', 'Band__c', 'Measures__c', 'External_Id__c'].map(
    (f) => `Partner_Health_Snapshot__c.${f}`,
  ),
]);
const SHARED = 'Deal_Registration__c.Status__c';

type FieldInfo = { object: string; name: string; xml: Xml };
function loadFields(): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  for (const object of readdirSync(join(DEFAULT_DIR, 'objects'))) {
    const dir = join(DEFAULT_DIR, 'objects', object, 'fields');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.field-meta.xml'))) {
      const name = file.replace('.field-meta.xml', '');
      fields.set(`${object}.${name}`, { object, name, xml: readXml(join(dir, file)).CustomField as Xml });
    }
  }
  return fields;
}
const FIELDS = loadFields();
/** Required and master-detail fields cannot carry field permissions: their access follows the object's. */
const permissible = (f: FieldInfo): boolean => f.xml.type !== 'MasterDetail' && f.xml.required !== 'true';

type PermissionSet = {
  fields: Map<string, { readable: boolean; editable: boolean }>;
  objects: Map<string, Record<string, boolean>>;
  customPermissions: string[];
  tabs: string[];
};
function loadPermissionSet(name: string): PermissionSet {
  const xml = readXml(join(DEFAULT_DIR, 'permissionsets', `${name}.permissionset-meta.xml`))
    .PermissionSet as Xml;
  const fields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const fp of (xml.fieldPermissions ?? []) as Xml[]) {
    expect(fields.has(String(fp.field)), `${name}: ${String(fp.field)} listed twice`).to.equal(false);
    fields.set(String(fp.field), { readable: fp.readable === 'true', editable: fp.editable === 'true' });
  }
  const objects = new Map<string, Record<string, boolean>>();
  for (const op of (xml.objectPermissions ?? []) as Xml[]) {
    const flags = Object.fromEntries(
      Object.entries(op)
        .filter(([k]) => k !== 'object')
        .map(([k, v]) => [k, v === 'true']),
    );
    objects.set(String(op.object), flags);
  }
  const customPermissions = ((xml.customPermissions ?? []) as Xml[])
    .filter((c) => c.enabled === 'true')
    .map((c) => String(c.name));
  const tabs = ((xml.tabSettings ?? []) as Xml[]).map((t) => String(t.tab));
  return { fields, objects, customPermissions, tabs };
}
const editable = (ps: PermissionSet): string[] =>
  [...ps.fields].filter(([, p]) => p.editable).map(([field]) => field);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
function sourcePaths(component: SourceComponent): string[] {
  // A decomposed type (CustomObject) has its folder as content; only its own file and its children count.
  const content = component.content && !component.type.children ? component.walkContent() : [];
  const own = [component.xml, ...content].filter((p): p is string => p !== undefined);
  return [...own, ...component.getChildren().flatMap(sourcePaths)];
}
function componentKeys(component: SourceComponent): string[] {
  return [`${component.type.name}:${component.fullName}`, ...component.getChildren().flatMap(componentKeys)];
}

describe('force-app', () => {
  const cs = ComponentSet.fromSource(FORCE_APP);
  const components = cs.getSourceComponents().toArray();
  const keys = new Set(components.flatMap(componentKeys));

  describe('resolution', () => {
    it('resolves every file under force-app into a component and nothing else', () => {
      const resolved = new Set(components.flatMap(sourcePaths).map((p) => relative(FORCE_APP, p)));
      // Files .forceignore keeps out of every deploy (the LWC wrappers' jest __tests__) belong to no component.
      const forceIgnore = ForceIgnore.findAndCreate(FORCE_APP);
      const onDisk = allFiles(FORCE_APP)
        .filter((p) => forceIgnore.accepts(p))
        .map((p) => relative(FORCE_APP, p));
      expect(
        onDisk.filter((p) => !resolved.has(p)),
        'files no component claims',
      ).to.deep.equal([]);
      expect(
        [...resolved].filter((p) => !onDisk.includes(p)),
        'components without a file',
      ).to.deep.equal([]);
    });

    it('contains every object, field, custom metadata type, record and permission set of the design', () => {
      const expected = [
        ...['Deal_Registration__c', 'Co_Sell_Split__c', 'Partner_Health_Snapshot__c'].map(
          (o) => `CustomObject:${o}`,
        ),
        ...['PRM_Tier__mdt', 'PRM_Program_Setting__mdt', 'PRM_Health_Measure__mdt'].map(
          (o) => `CustomObject:${o}`,
        ),
        ...Object.entries(DESIGN_FIELDS).flatMap(([o, fs]) => fs.map((f) => `CustomField:${o}.${f}`)),
        ...['Registered', 'Silver', 'Gold', 'Platinum'].map((t) => `CustomMetadata:PRM_Tier.${t}`),
        'CustomMetadata:PRM_Program_Setting.Default',
        ...['PRM_Sales_Rep', 'PRM_Partner_Manager', 'PRM_Admin', 'PRM_Sync_Integration'].map(
          (p) => `PermissionSet:${p}`,
        ),
        ...['Deal_Registration__c', 'Co_Sell_Split__c', 'Partner_Health_Snapshot__c'].map(
          (t) => `CustomTab:${t}`,
        ),
        'CustomApplication:PRM',
        'ListView:Account.Partners',
        'ListView:Deal_Registration__c.Submitted_Awaiting_Decision',
        'ListView:Deal_Registration__c.My_Open_Registrations',
      ];
      expect(expected.filter((k) => !keys.has(k))).to.deep.equal([]);
    });

    it('writes a package.xml naming the components', async () => {
      const xml = await cs.getPackageXml();
      expect(xml).to.contain('<name>CustomObject</name>');
      expect(xml).to.contain('<members>Deal_Registration__c.Status__c</members>');
      expect(xml).to.contain('<members>PRM_Tier.Platinum</members>');
      expect(xml).to.contain('<members>PRM_Sync_Integration</members>');
    });

    it('converts to Metadata API format', async () => {
      const out = mkdtempSync(join(tmpdir(), 'prm-mdapi-'));
      try {
        await new MetadataConverter().convert(cs, 'metadata', {
          type: 'directory',
          outputDirectory: out,
          genUniqueDir: false,
        });
        for (const path of [
          'package.xml',
          'objects/Deal_Registration__c.object',
          'objects/Account.object',
          'customMetadata/PRM_Tier.Gold.md',
          'permissionsets/PRM_Sync_Integration.permissionset',
        ]) {
          expect(existsSync(join(out, path)), path).to.equal(true);
        }
        const account = readFileSync(join(out, 'objects/Account.object'), 'utf8');
        expect(account).to.contain('<fullName>Partner_Health_Score__c</fullName>');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });

  describe('fields', () => {
    it('gives every field a description and help text', () => {
      const missing = [...FIELDS]
        .filter(([, f]) => !text(f.xml.description).trim() || !text(f.xml.inlineHelpText).trim())
        .map(([k]) => k);
      expect(missing).to.deep.equal([]);
    });

    it('restricts the design picklists to the design values', () => {
      for (const [key, values] of Object.entries(DESIGN_PICKLISTS)) {
        const valueSet = FIELDS.get(key)!.xml.valueSet as Xml;
        expect(valueSet.restricted, key).to.equal('true');
        const defs = (valueSet.valueSetDefinition as Xml).value as Xml[];
        expect(
          defs.map((v) => String(v.fullName)),
          key,
        ).to.deep.equal(values);
      }
    });

    it('names the relationships and external ids as the sync expects', () => {
      const rel = (k: string) => [
        FIELDS.get(k)!.xml.type,
        FIELDS.get(k)!.xml.relationshipName,
        FIELDS.get(k)!.xml.referenceTo,
      ];
      expect(rel('Co_Sell_Split__c.Opportunity__c')).to.deep.equal([
        'MasterDetail',
        'Co_Sell_Splits',
        'Opportunity',
      ]);
      expect(rel('Partner_Health_Snapshot__c.Account__c')).to.deep.equal([
        'MasterDetail',
        'Partner_Health_Snapshots',
        'Account',
      ]);
      expect(rel('Deal_Registration__c.Conflict_With__c')).to.deep.equal([
        'Lookup',
        'Conflicting_Registrations',
        'Deal_Registration__c',
      ]);
      expect(rel('Opportunity.Deal_Registration__c')).to.deep.equal([
        'Lookup',
        'Protected_Opportunities',
        'Deal_Registration__c',
      ]);
      for (const object of ['Deal_Registration__c', 'Co_Sell_Split__c', 'Partner_Health_Snapshot__c']) {
        const xml = FIELDS.get(`${object}.External_Id__c`)!.xml;
        expect([xml.externalId, xml.unique, xml.caseSensitive, xml.length], object).to.deep.equal([
          'true',
          'true',
          'false',
          '80',
        ]);
      }
    });
  });

  describe('permission sets', () => {
    const rep = loadPermissionSet('PRM_Sales_Rep');
    const manager = loadPermissionSet('PRM_Partner_Manager');
    const admin = loadPermissionSet('PRM_Admin');
    const sync = loadPermissionSet('PRM_Sync_Integration');
    const all = { rep, manager, admin, sync };

    it('only name fields that exist and may carry field permissions', () => {
      for (const [name, ps] of Object.entries(all)) {
        for (const field of ps.fields.keys()) {
          const info = FIELDS.get(field);
          expect(info, `${name}: ${field} does not exist`).to.not.equal(undefined);
          expect(permissible(info!), `${name}: ${field} is required or master-detail`).to.equal(true);
        }
      }
    });

    it('lets the sync integration edit exactly the service-owned fields and read every input', () => {
      expect(editable(sync).sort()).to.deep.equal([...SERVICE_OWNED].sort());
      const ours = [...FIELDS]
        .filter(([, f]) => !f.object.endsWith('__mdt') && permissible(f))
        .map(([k]) => k);
      expect(ours.filter((k) => !sync.fields.get(k)?.readable)).to.deep.equal([]);
    });

    it('lets the sync integration edit every field the sync engine writes', () => {
      const written = SYNCED_OBJECTS.flatMap((o) => o.outputs.map((f) => `${o.name}.${f}`));
      expect(written.filter((k) => !SERVICE_OWNED.has(k))).to.deep.equal([]);
    });

    it('gives the sync integration no create, delete or Modify All beyond what it needs', () => {
      const creates = [...sync.objects].filter(([, p]) => p.allowCreate).map(([o]) => o);
      expect(creates).to.deep.equal(['Partner_Health_Snapshot__c']);
      // Modify All (which implies Delete) only where it decides registrations other users own.
      const modifyAll = [...sync.objects]
        .filter(([, p]) => p.modifyAllRecords || p.allowDelete)
        .map(([o]) => o);
      expect(modifyAll).to.deep.equal(['Deal_Registration__c']);
      expect(sync.tabs).to.deep.equal([]);
    });

    it('never lets a sales rep edit a service-owned field or decide a registration', () => {
      const forbidden = editable(rep).filter((k) => SERVICE_OWNED.has(k) && k !== SHARED);
      expect(forbidden).to.deep.equal([]);
      expect(editable(rep).filter((k) => k.startsWith('Account.'))).to.deep.equal([]);
      expect(rep.customPermissions).to.not.include('PRM_Decide_Registrations');
      expect(rep.objects.has('Partner_Health_Snapshot__c')).to.equal(false);
      const broad = [...rep.objects].filter(([, p]) => p.viewAllRecords || p.modifyAllRecords);
      expect(broad).to.deep.equal([]);
      expect(rep.objects.get('Deal_Registration__c')?.allowDelete).to.equal(false);
    });

    it('lets a sales rep fill in registrations and splits', () => {
      for (const k of [
        'Deal_Registration__c.Customer_Name__c',
        'Deal_Registration__c.Customer_Domain__c',
        'Deal_Registration__c.Estimated_Amount__c',
        'Deal_Registration__c.Status__c',
        'Co_Sell_Split__c.Percent__c',
        'Co_Sell_Split__c.Role__c',
        'Co_Sell_Split__c.Split_Type__c',
        'Opportunity.Primary_Partner__c',
      ]) {
        expect(rep.fields.get(k)?.editable, k).to.equal(true);
      }
      expect(rep.fields.get('Co_Sell_Split__c.Amount__c')).to.deep.equal({ readable: true, editable: false });
    });

    it('lets a partner manager decide registrations but not overwrite what the service calculates', () => {
      expect(manager.customPermissions).to.include('PRM_Decide_Registrations');
      for (const k of ['Decided_At__c', 'Decided_By__c', 'Decision_Reason__c', 'Status__c']) {
        expect(manager.fields.get(`Deal_Registration__c.${k}`)?.editable, k).to.equal(true);
      }
      const computed = editable(manager).filter(
        (k) =>
          SERVICE_OWNED.has(k) &&
          !/^Deal_Registration__c\.(Status|Decided_At|Decided_By|Decision_Reason)__c$/.test(k),
      );
      expect(computed).to.deep.equal([]);
      expect(manager.fields.get('Account.Partner_Health_Score__c')?.readable).to.equal(true);
    });

    it('lets the admin edit every field of ours', () => {
      const ours = [...FIELDS]
        .filter(([, f]) => !f.object.endsWith('__mdt') && permissible(f))
        .map(([k]) => k);
      expect(ours.filter((k) => !admin.fields.get(k)?.editable)).to.deep.equal([]);
    });
  });

  describe('program rules (custom metadata)', () => {
    const records = new Map<string, Record<string, string | null>>();
    const dir = join(DEFAULT_DIR, 'customMetadata');
    for (const file of readdirSync(dir)) {
      const xml = readXml(join(dir, file)).CustomMetadata as Xml;
      const values = Object.fromEntries(
        ((xml.values ?? []) as Xml[]).map((v) => {
          const value = (v.value as Xml[] | undefined)?.[0];
          const isNil = value !== undefined && typeof value === 'object' && value['@_xsi:nil'] === 'true';
          return [String(v.field), isNil ? null : text(value)];
        }),
      );
      records.set(file.replace('.md-meta.xml', ''), values);
    }
    const ofType = (type: string) =>
      [...records].filter(([name]) => name.startsWith(`${type}.`)).map(([name, v]) => ({ name, v }));
    const num = (v: string | null | undefined): number => Number(v);

    it('only sets fields that the custom metadata types define', () => {
      for (const [name, values] of records) {
        const type = `${name.split('.')[0]}__mdt`;
        for (const field of Object.keys(values))
          expect(FIELDS.has(`${type}.${field}`), `${name} ${field}`).to.equal(true);
      }
    });

    it('ships four tiers with strictly increasing rank and thresholds', () => {
      const tiers = ofType('PRM_Tier').sort((a, b) => num(a.v.Rank__c) - num(b.v.Rank__c));
      expect(tiers.map((t) => t.name)).to.deep.equal([
        'PRM_Tier.Registered',
        'PRM_Tier.Silver',
        'PRM_Tier.Gold',
        'PRM_Tier.Platinum',
      ]);
      const increasing = [
        'Rank__c',
        'Min_Attributed_Revenue__c',
        'Min_Won_Deals__c',
        'Min_Active_Certifications__c',
        'Min_Registrations_Approved__c',
        'Discount_Percent__c',
      ];
      for (let i = 1; i < tiers.length; i++) {
        for (const field of increasing) {
          expect(num(tiers[i]!.v[field]), `${tiers[i]!.name} ${field}`).to.be.greaterThan(
            num(tiers[i - 1]!.v[field]),
          );
        }
      }
      for (const t of tiers.slice(1)) expect(num(t.v.Grace_Days__c)).to.be.within(60, 90);
    });

    it('weighs one record per health measure, weights summing to 100', () => {
      const measures = ofType('PRM_Health_Measure');
      const picklist = (
        (FIELDS.get('PRM_Health_Measure__mdt.Measure__c')!.xml.valueSet as Xml).valueSetDefinition as Xml
      ).value as Xml[];
      expect(measures.map((m) => m.v.Measure__c).sort()).to.deep.equal(
        picklist.map((v) => String(v.fullName)).sort(),
      );
      expect(measures.map((m) => m.name.split('.')[1])).to.deep.equal(measures.map((m) => m.v.Measure__c));
      expect(measures.reduce((sum, m) => sum + num(m.v.Weight__c), 0)).to.equal(100);
    });

    it('equals the defaults the domain falls back to', () => {
      const cents = (v: string | null | undefined) => Math.round(num(v) * 100);
      const tiers = DEFAULT_PROGRAM_CONFIG.tiers.map((t) => {
        const v = records.get(`PRM_Tier.${t.name}`)!;
        return {
          ...t,
          rank: num(v.Rank__c),
          thresholds: {
            attributedRevenueCents: cents(v.Min_Attributed_Revenue__c),
            wonDeals: num(v.Min_Won_Deals__c),
            activeCertifications: num(v.Min_Active_Certifications__c),
            registrationsApproved: num(v.Min_Registrations_Approved__c),
          },
          benefits: {
            discountBp: cents(v.Discount_Percent__c),
            mdfBp: cents(v.MDF_Percent__c),
            summary: v.Benefits__c,
          },
          graceDays: num(v.Grace_Days__c),
        };
      });
      expect(tiers).to.deep.equal(DEFAULT_PROGRAM_CONFIG.tiers);

      const s = records.get('PRM_Program_Setting.Default')!;
      expect({
        protectionDays: num(s.Protection_Days__c),
        approvalSlaHours: num(s.Approval_SLA_Hours__c),
        expiryDays: num(s.Expiry_Days__c),
        conflictWindowDays: num(s.Conflict_Window_Days__c),
        conflictMatchThreshold: num(s.Conflict_Match_Threshold__c),
        autoApprove: s.Auto_Approve__c === 'true',
        autoApproveMaxAmountCents:
          s.Auto_Approve_Max_Amount__c == null ? null : cents(s.Auto_Approve_Max_Amount__c),
        attributionWindowMonths: num(s.Attribution_Window_Months__c),
      }).to.deep.equal(DEFAULT_PROGRAM_CONFIG.registration);
      expect({ greenMin: num(s.Health_Green_Min__c), yellowMin: num(s.Health_Yellow_Min__c) }).to.deep.equal(
        DEFAULT_PROGRAM_CONFIG.health.bands,
      );

      // Money is stored in currency units and rates in percent; the domain counts cents and basis points.
      const scaled = new Set(['Attributed_Revenue', 'Pipeline', 'Win_Rate', 'Registration_Approval_Rate']);
      const measures = DEFAULT_PROGRAM_CONFIG.health.measures.map((m) => {
        const v = records.get(`PRM_Health_Measure.${m.measure}`)!;
        const unit = scaled.has(m.measure) ? cents : num;
        return {
          measure: v.Measure__c,
          weight: num(v.Weight__c),
          fullPointsAt: unit(v.Full_Points_At__c),
          zeroPointsAt: unit(v.Zero_Points_At__c),
          active: v.Active__c === 'true',
        };
      });
      expect(measures).to.deep.equal(DEFAULT_PROGRAM_CONFIG.health.measures);
    });
  });
});
