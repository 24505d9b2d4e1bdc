import { expect } from 'chai';
import { canonicalJson, hashValue, sameValue } from './json.js';

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
