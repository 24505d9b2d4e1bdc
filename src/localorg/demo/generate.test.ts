import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import {
  DEMO_OBJECT_TYPES,
  DEMO_SIZES,
  demoRecordStreams,
  generateDemoData,
  type DemoData,
  type DemoOptions,
} from './generate.js';

const OBJECTS_DIR = fileURLToPath(new URL('../../../force-app/main/default/objects', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Standard fields the generator may set; everything else must be defined in force-app. */
const STANDARD_FIELDS: Record<string, string[]> = {
  Account: ['Name', 'Website', 'Industry', 'BillingCountry'],
  Opportunity: ['Name', 'AccountId', 'StageName', 'CloseDate', 'Amount', 'IsClosed', 'IsWon'],
  Deal_Registration__c: [],
  Co_Sell_Split__c: [],
};
/** Which object each lookup field points at. */
const LOOKUP_TARGETS: Record<string, string> = {
  AccountId: 'Account',
  Primary_Partner__c: 'Account',
  Partner_Account__c: 'Account',
  Customer_Account__c: 'Account',
  Opportunity__c: 'Opportunity',
};
const PARTNER_LOOKUPS = new Set(['Primary_Partner__c', 'Partner_Account__c']);
const CLOSED_WON = 'Closed Won';
const CLOSED_LOST = 'Closed Lost';

type Row = Record<string, unknown>;
type FieldMeta = { picklist?: Set<string> };

function loadSchema(): Map<string, Map<string, FieldMeta>> {
  const parser = new XMLParser({ isArray: (name) => name === 'value', parseTagValue: false });
  const schema = new Map<string, Map<string, FieldMeta>>();
  for (const object of Object.keys(STANDARD_FIELDS)) {
    const fields = new Map<string, FieldMeta>();
    const dir = join(OBJECTS_DIR, object, 'fields');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.field-meta.xml'))) {
      const xml = parser.parse(readFileSync(join(dir, file), 'utf8')) as {
        CustomField: { valueSet?: { valueSetDefinition: { value: { fullName: string }[] } } };
      };
      const values = xml.CustomField.valueSet?.valueSetDefinition.value.map((v) => v.fullName);
      fields.set(file.replace('.field-meta.xml', ''), values ? { picklist: new Set(values) } : {});
    }
    schema.set(object, fields);
  }
  return schema;
}

const records = (data: DemoData, type: string): Row[] =>
  data.objects.find((o) => o.type === type)?.records ?? [];
const normaliseDomain = (d: unknown): string =>
  String(d ?? '')
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '');
const dayOf = (date: unknown): number => Date.parse(String(date).slice(0, 10)) / 86_400_000;

describe('generateDemoData', () => {
  const small = generateDemoData({ seed: 42, size: 'small' });
  const tiny = generateDemoData({ seed: 42, size: 'tiny' });
  const asOfDay = dayOf('2026-11-01');

  it('is deterministic: the same seed gives the same org, another seed another one', () => {
    expect(generateDemoData({ seed: 42, size: 'small' })).to.deep.equal(small);
    expect(generateDemoData({ seed: 43, size: 'small' })).to.not.deep.equal(small);
  });

  it('never draws from Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      expect(() => generateDemoData({ seed: 1, size: 'small' })).to.not.throw();
    } finally {
      Math.random = original;
    }
  });

  it('streams the same records it collects, in dependency order, as often as asked', () => {
    const streams = demoRecordStreams({ seed: 42, size: 'small' });
    expect(streams.map((s) => s.type)).to.deep.equal([...DEMO_OBJECT_TYPES]);
    expect(small.objects.map((o) => o.type)).to.deep.equal([...DEMO_OBJECT_TYPES]);
    for (const stream of streams) {
      expect([...stream.records], stream.type).to.deep.equal(records(small, stream.type));
      expect([...stream.records], `${stream.type} again`).to.deep.equal(records(small, stream.type));
    }
  });

  it('keeps every lookup pointing at an earlier record of the right object', () => {
    for (const data of [tiny, small]) {
      const seen = new Map<string, Row & { type: string }>();
      for (const { type, records: rows } of data.objects) {
        for (const row of rows) {
          for (const [field, value] of Object.entries(row)) {
            if (typeof value !== 'string' || !value.startsWith('@ref:')) continue;
            const target = seen.get(value.slice('@ref:'.length));
            expect(target, `${String(row['@ref'])}.${field} -> ${value}`).to.not.equal(undefined);
            expect(target!.type, `${String(row['@ref'])}.${field}`).to.equal(LOOKUP_TARGETS[field]);
            const isPartner = target!.Partner_Type__c != null;
            expect(isPartner, `${String(row['@ref'])}.${field} partner?`).to.equal(
              PARTNER_LOOKUPS.has(field),
            );
          }
          const ref = row['@ref'];
          expect(ref, `${type} record without @ref`).to.be.a('string');
          expect(seen.has(ref as string), `duplicate ${String(ref)}`).to.equal(false);
          seen.set(ref as string, { ...row, type });
        }
      }
    }
  });

  it('uses only fields defined in force-app or standard ones, with valid picklist values', () => {
    const schema = loadSchema();
    for (const { type, records: rows } of small.objects) {
      const fields = schema.get(type)!;
      for (const row of rows) {
        for (const [field, value] of Object.entries(row)) {
          if (field === '@ref' || STANDARD_FIELDS[type]!.includes(field)) continue;
          const meta = fields.get(field);
          expect(meta, `${type}.${field} is not in force-app`).to.not.equal(undefined);
          if (meta!.picklist && value !== null) {
            expect([...meta!.picklist], `${type}.${field}`).to.include(value);
          }
        }
      }
    }
  });

  it('leaves the service-calculated fields and snapshots to the service', () => {
    const calculated =
      /^(Partner_Tier|Partner_Next_Tier|Partner_Health|Co_Sell_Status__c|Partner_Sourced__c|Deal_Registration__c|Amount__c|Conflict_)/;
    for (const { type, records: rows } of small.objects) {
      expect(type).to.not.equal('Partner_Health_Snapshot__c');
      for (const row of rows)
        expect(
          Object.keys(row).filter((f) => calculated.test(f)),
          type,
        ).to.deep.equal([]);
    }
  });

  it('splits revenue exactly 100.00% per opportunity, with at most two decimals', () => {
    const revenueBp = new Map<string, number>();
    const splits = records(small, 'Co_Sell_Split__c');
    expect(splits.length).to.be.greaterThan(0);
    for (const split of splits) {
      const percent = split.Percent__c as number;
      const bp = Math.round(percent * 100);
      expect(Math.abs(bp - percent * 100), String(percent)).to.be.lessThan(1e-6);
      expect(bp).to.be.within(1, 10_000);
      if (split.Split_Type__c !== 'Revenue') continue;
      const opp = String(split.Opportunity__c);
      revenueBp.set(opp, (revenueBp.get(opp) ?? 0) + bp);
    }
    expect([...revenueBp].filter(([, total]) => total !== 10_000)).to.deep.equal([]);
    const influenced = new Set(
      splits.filter((s) => s.Split_Type__c === 'Influence').map((s) => s.Opportunity__c),
    );
    expect([...influenced].filter((opp) => !revenueBp.has(String(opp)))).to.deep.equal([]);
    expect(influenced.size).to.be.greaterThan(0);
    expect([...revenueBp.values()].length).to.be.lessThan(splits.length);
  });

  it('keeps IsWon and IsClosed consistent with the stage, and close dates within a year of the as-of date', () => {
    const opportunities = records(small, 'Opportunity');
    const stages = new Set(opportunities.map((o) => o.StageName));
    expect(stages).to.include(CLOSED_WON).and.to.include(CLOSED_LOST).and.to.include('Prospecting');
    for (const o of opportunities) {
      expect(o.IsWon, String(o.StageName)).to.equal(o.StageName === CLOSED_WON);
      expect(o.IsClosed, String(o.StageName)).to.equal(
        o.StageName === CLOSED_WON || o.StageName === CLOSED_LOST,
      );
      const day = dayOf(o.CloseDate);
      if (o.IsClosed) expect(day).to.be.within(asOfDay - 365, asOfDay);
      else expect(day).to.be.within(asOfDay - 20, asOfDay + 180);
      expect(o.Amount as number).to.be.greaterThan(0);
    }
  });

  it('moves every date with the as-of option', () => {
    const later = generateDemoData({ seed: 42, size: 'small', asOf: '2027-11-01' });
    const shift = (data: DemoData) => records(data, 'Opportunity').map((o) => dayOf(o.CloseDate));
    const gaps = new Set(shift(later).map((d, i) => d - shift(small)[i]!));
    expect([...gaps]).to.deep.equal([365]);
  });

  it('has partners of every type and status, with the dates the rules read', () => {
    const partners = records(small, 'Account').filter((a) => a.Partner_Type__c != null);
    expect(new Set(partners.map((p) => p.Partner_Type__c)).size).to.equal(6);
    expect(new Set(partners.map((p) => p.Partner_Status__c)).size).to.equal(5);
    for (const p of partners) {
      expect(p.Partner_Last_Engagement__c, String(p.Name)).to.be.a('string');
      expect(p.Partner_Onboarded_On__c == null).to.equal(p.Partner_Status__c === 'Prospect');
    }
  });

  it('registers deals in every status, and decided ones carry a reason', () => {
    const registrations = records(generateDemoData({ seed: 42, size: 2_000 }), 'Deal_Registration__c');
    const statuses = new Set(registrations.map((r) => r.Status__c));
    expect([...statuses].sort()).to.deep.equal([
      'Approved',
      'Draft',
      'Expired',
      'Rejected',
      'Submitted',
      'Withdrawn',
    ]);
    for (const r of registrations) {
      if (r.Status__c === 'Approved' || r.Status__c === 'Rejected')
        expect(r.Decision_Reason__c).to.be.a('string');
      if (r.Status__c === 'Approved') expect(r.Protected_Until__c).to.be.a('string');
      expect(r.Submitted_At__c == null, String(r['@ref'])).to.equal(r.Status__c === 'Draft');
      if (r.Submitted_At__c != null) expect(dayOf(r.Submitted_At__c)).to.be.at.most(asOfDay);
      expect(r.Estimated_Amount__c as number).to.be.at.least(0);
    }
  });

  it('contains real conflicts and near-identical customers in the small org', () => {
    const registrations = records(small, 'Deal_Registration__c').filter((r) => r.Submitted_At__c != null);
    const byDomain = new Map<string, Row[]>();
    for (const r of registrations) {
      const key = normaliseDomain(r.Customer_Domain__c);
      byDomain.set(key, [...(byDomain.get(key) ?? []), r]);
    }
    const conflicts = [...byDomain.values()].filter((group) =>
      group.some((a) =>
        group.some(
          (b) =>
            a.Partner_Account__c !== b.Partner_Account__c &&
            Math.abs(dayOf(a.Submitted_At__c) - dayOf(b.Submitted_At__c)) <= 180,
        ),
      ),
    );
    expect(conflicts.length).to.be.greaterThan(0);

    const customers = records(small, 'Account').filter((a) => a.Partner_Type__c == null && a.Website != null);
    const names = new Map<string, Set<unknown>>();
    for (const c of customers) {
      const key = normaliseDomain(c.Website);
      names.set(key, (names.get(key) ?? new Set()).add(c.Name));
    }
    expect([...names.values()].some((set) => set.size > 1)).to.equal(true);
  });

  it('sizes: tiny is about a dozen records of every object, a number is that many opportunities', () => {
    const total = tiny.objects.reduce((sum, o) => sum + o.records.length, 0);
    expect(total).to.be.within(10, 20);
    for (const type of DEMO_OBJECT_TYPES) expect(records(tiny, type).length, type).to.be.greaterThan(0);
    expect(records(small, 'Opportunity')).to.have.length(DEMO_SIZES.small.opportunities);
    const counted = [...demoRecordStreams({ seed: 9, size: 5_000 })[1]!.records].length;
    expect(counted).to.equal(5_000);
  });

  it('refuses sizes, seeds and dates it cannot honour', () => {
    const bad: DemoOptions[] = [
      { seed: 1, size: 0 },
      { seed: 1, size: 1.5 },
      { seed: 1, size: 1_000_001 },
      { seed: 1, size: 'huge' as 'tiny' },
      { seed: 1.5, size: 'tiny' },
      { seed: 1, size: 'tiny', asOf: '2026-02-30' },
    ];
    for (const options of bad)
      expect(() => generateDemoData(options), JSON.stringify(options)).to.throw(RangeError);
  });

  it('stands alone: imports nothing from the sync, the gateway, the store or the domain', () => {
    for (const file of readdirSync(HERE).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(HERE, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      expect(
        imports.filter((i) => /(^|\/)(sync|crm|store|domain)(\/|$)/.test(i)),
        file,
      ).to.deep.equal([]);
    }
  });
});
