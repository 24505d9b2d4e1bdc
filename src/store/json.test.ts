import { expect } from 'chai';
import fc from 'fast-check';
import {
  canonicalJson,
  fieldValuesSchema,
  hashValue,
  parseFieldValuesColumn,
  parseFieldValuesInput,
  parseInput,
  parseJsonColumn,
  sameValue,
} from './json.js';

describe('value hashing for echo suppression', () => {
  it('gives one hash per meaning: key order, datetime spelling, -0 and undefined do not matter', () => {
    expect(hashValue({ b: 1, a: [1, { y: 2, x: 1 }] })).to.equal(hashValue({ a: [1, { x: 1, y: 2 }], b: 1 }));
    expect(hashValue('2025-01-10T08:00:00Z')).to.equal(hashValue('2025-01-10T08:00:00.000+0000'));
    expect(hashValue('2025-01-10T09:00:00+01:00')).to.equal(hashValue('2025-01-10T08:00:00.000Z'));
    expect(hashValue(-0)).to.equal(hashValue(0));
    expect(hashValue(undefined)).to.equal(hashValue(null));
  });

  it('tells different values apart', () => {
    expect(hashValue('Gold')).to.not.equal(hashValue('gold'));
    expect(hashValue(1)).to.not.equal(hashValue('1'));
    expect(hashValue('2025-01-10')).to.not.equal(hashValue('2025-01-10T00:00:00Z'));
    expect(hashValue([1, 2])).to.not.equal(hashValue([2, 1]));
    expect(sameValue(null, '')).to.equal(false);
    expect(canonicalJson({ b: null, a: 'x' })).to.equal('{"a":"x","b":null}');
  });
});

describe('the fast field-values check', () => {
  const byZod = (value: unknown) => fieldValuesSchema.safeParse(value);
  const outcome = (run: () => unknown) => {
    try {
      return { ok: true, value: run() };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  };

  it('accepts exactly what the schema accepts, with the same value, and fails with the same message', () => {
    const values = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.dictionary(fc.string(), fc.anything({ withDate: true, withMap: true, withNullPrototype: true })),
      fc.anything(),
    );
    fc.assert(
      fc.property(values, (value) => {
        const fast = outcome(() => parseFieldValuesInput(value, 'x'));
        const slow = outcome(() => parseInput(value, fieldValuesSchema, 'x'));
        expect(fast).to.deep.equal(slow);
        expect(fast.ok).to.equal(byZod(value).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads stored text as parseJsonColumn does, corrupt rows included', () => {
    const texts = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.dictionary(fc.string(), fc.jsonValue()).map((v) => JSON.stringify(v)),
      fc.string(),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(outcome(() => parseFieldValuesColumn(text, 'row'))).to.deep.equal(
          outcome(() => parseJsonColumn(text, fieldValuesSchema, 'row')),
        );
      }),
      { numRuns: 2000 },
    );
    expect(() => parseFieldValuesColumn('{"a":[1,{"b":{}}]', 'mirror X')).to.throw(/does not parse/);
    expect(() => parseFieldValuesColumn('[1]', 'mirror X')).to.throw(/unexpected shape/);
  });
});
