// Fuzzing the program configuration: whatever an admin puts into the custom metadata (or whatever reaches
// validateProgramConfig), the answer is { ok: false, problems } naming the setting, never a throw, and
// never a config that holds an out-of-range value.
import { expect } from 'chai';
import fc from 'fast-check';
import { DEFAULT_PROGRAM_CONFIG, validateProgramConfig, type ConfigResult } from '../../src/domain/config.js';
import { readProgram, type ProgramRows } from '../../src/sync/program.js';

type Path = (string | number)[];

/** Every numeric leaf of the shipped defaults, with its path. */
function numericLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericLeaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, [...path, k]));
  return [];
}

function setAt(target: unknown, path: Path, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

const pathName = (path: Path) => path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc === '' ? k : `${acc}.${k}`), '');

const LEAVES = numericLeaves(DEFAULT_PROGRAM_CONFIG);
/** Leaves that take any finite number (a threshold may be negative); every other one has a floor of 0 or 1. */
const UNBOUNDED = /fullPointsAt|zeroPointsAt/;
/** Integer-valued leaves: everything but the measure thresholds. */
const isBounded = (p: Path) => !UNBOUNDED.test(pathName(p));

function validate(input: unknown): ConfigResult {
  let result: ConfigResult | undefined;
  expect(() => (result = validateProgramConfig(input)), JSON.stringify(input)?.slice(0, 200)).to.not.throw();
  return result!;
}

function expectRefusedNaming(result: ConfigResult, setting: string, what: string): void {
  expect(result.ok, what).to.equal(false);
  if (result.ok) return;
  expect(result).to.not.have.property('config');
  expect(result.problems.length, what).to.be.greaterThan(0);
  for (const p of result.problems) {
    expect(p.setting, what).to.be.a('string').that.is.not.empty;
    expect(p.message, what).to.be.a('string').that.is.not.empty;
  }
  expect(result.problems.map((p) => p.setting), what).to.include(setting);
}

describe('security: fuzzing the program configuration', () => {
  it('the shipped defaults have numeric settings to fuzz', () => {
    expect(LEAVES.length).to.be.greaterThan(30);
    expect(validateProgramConfig(structuredClone(DEFAULT_PROGRAM_CONFIG)).ok).to.equal(true);
  });

  it('a non-number in any numeric setting is refused, naming that setting', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAVES),
        fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '5', '', null, undefined, {}, [], true, 1n.toString()),
        (path, value) => {
          // autoApproveMaxAmountCents takes null on purpose: no limit.
          if (value === null && pathName(path) === 'registration.autoApproveMaxAmountCents') return;
          const config = structuredClone(DEFAULT_PROGRAM_CONFIG);
          setAt(config, path, value);
          expectRefusedNaming(validate(config), pathName(path), `${pathName(path)} = ${String(value)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an out-of-range number (negative, fractional, astronomically large) is refused, naming the setting', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAVES.filter(isBounded)),
        fc.oneof(fc.integer({ min: -1_000_000, max: -1 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((f) => 3 + f), fc.constant(Number.MAX_SAFE_INTEGER * 4)),
        (path, value) => {
          const config = structuredClone(DEFAULT_PROGRAM_CONFIG);
          setAt(config, path, value);
          expectRefusedNaming(validate(config), pathName(path), `${pathName(path)} = ${value}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any JSON value at all: a result, never a throw; a refusal names a setting, an acceptance is in range', () => {
    const mutated = fc
      .tuple(fc.array(fc.tuple(fc.constantFrom(...LEAVES), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }))
      .map(([edits]) => {
        const config = structuredClone(DEFAULT_PROGRAM_CONFIG);
        for (const [path, value] of edits) setAt(config, path, value);
        return config as unknown;
      });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), mutated), (input) => {
        const result = validate(input);
        if (!result.ok) {
          expect(result.problems.length).to.be.greaterThan(0);
          for (const p of result.problems) expect(p.setting).to.be.a('string').that.is.not.empty;
          return;
        }
        const { registration, tiers } = result.config;
        expect(registration.protectionDays).to.be.within(1, 730);
        for (const t of tiers) expect(t.benefits.discountBp).to.be.within(0, 10_000);
      }),
      { numRuns: 400 },
    );
  });

  describe('custom metadata records (readProgram)', () => {
    const rows = (): ProgramRows => ({
      tiers: [
        { DeveloperName: 'Silver', MasterLabel: 'Silver', Rank__c: 1, Min_Attributed_Revenue__c: 0, Min_Won_Deals__c: 0, Min_Active_Certifications__c: 0, Min_Registrations_Approved__c: 0, Discount_Percent__c: 10, MDF_Percent__c: 1, Grace_Days__c: 30, Benefits__c: 'x' },
        { DeveloperName: 'Gold', MasterLabel: 'Gold', Rank__c: 2, Min_Attributed_Revenue__c: 1000, Min_Won_Deals__c: 2, Min_Active_Certifications__c: 1, Min_Registrations_Approved__c: 1, Discount_Percent__c: 15, MDF_Percent__c: 2, Grace_Days__c: 60, Benefits__c: null },
      ],
      settings: [
        { DeveloperName: 'Default', Protection_Days__c: 90, Approval_SLA_Hours__c: 48, Expiry_Days__c: 30, Conflict_Window_Days__c: 180, Conflict_Match_Threshold__c: 60, Auto_Approve__c: true, Auto_Approve_Max_Amount__c: 250000, Attribution_Window_Months__c: 12, Health_Green_Min__c: 70, Health_Yellow_Min__c: 40 },
      ],
      measures: [{ DeveloperName: 'Win_Rate', Measure__c: 'Win_Rate', Weight__c: 100, Full_Points_At__c: 50, Zero_Points_At__c: 0, Active__c: true }],
    });

    const read = (input: ProgramRows) => {
      let result: ReturnType<typeof readProgram> | undefined;
      expect(() => (result = readProgram(input)), JSON.stringify(input).slice(0, 300)).to.not.throw();
      return result!;
    };

    it('a valid set of records reads', () => {
      expect(read(rows()).ok).to.equal(true);
    });

    it('an out-of-range field value is refused, naming the record and the field', () => {
      const settingFields = ['Protection_Days__c', 'Approval_SLA_Hours__c', 'Expiry_Days__c', 'Conflict_Window_Days__c', 'Conflict_Match_Threshold__c', 'Attribution_Window_Months__c', 'Health_Green_Min__c'];
      fc.assert(
        fc.property(fc.constantFrom(...settingFields), fc.constantFrom<unknown>(-1, 0, 1e9, 2.5, 'abc', null, {}, []), (field, value) => {
          const input = rows();
          (input.settings[0] as Record<string, unknown>)[field] = value;
          const result = read(input);
          expect(result.ok, `${field} = ${JSON.stringify(value)}`).to.equal(false);
          if (!result.ok) expect(result.problems.map((p) => `${p.setting} ${p.message}`).join('\n'), `${field} = ${JSON.stringify(value)}`).to.match(/registration\.|bands|PRM_Program_Setting__mdt\.Default\./);
        }),
        { numRuns: 120 },
      );
    });

    it('records of any shape (nulls, wrong types, junk rows): a result with named problems, never a throw', () => {
      const row = fc.oneof(fc.anything({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('DeveloperName', 'Rank__c', 'Measure__c', 'Weight__c', 'Protection_Days__c', 'Auto_Approve__c'), fc.jsonValue({ maxDepth: 1 })));
      fc.assert(
        fc.property(
          fc.record({ tiers: fc.array(row, { maxLength: 3 }), settings: fc.array(row, { maxLength: 2 }), measures: fc.array(row, { maxLength: 3 }) }),
          (input) => {
            const result = read(input);
            if (!result.ok) for (const p of result.problems) expect(p.setting).to.be.a('string').that.is.not.empty;
          },
        ),
        { numRuns: 300 },
      );
      // The plainest junk a custom metadata query could hand over: a null row.
      const withNull = rows();
      withNull.tiers.push(null);
      const result = read(withNull);
      expect(result.ok).to.equal(false);
    });
  });
});
