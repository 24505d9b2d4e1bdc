import { expect } from 'chai';
import fc from 'fast-check';
import { fromCents, percentToBasisPoints, toCents } from './money.js';

describe('money', () => {
  it('converts decimal amounts to cents without float loss', () => {
    expect(toCents(100.01)).to.equal(10001);
    expect(toCents(0.1 + 0.2)).to.equal(30);
    expect(toCents(-12.345)).to.equal(-1235);
    expect(() => toCents(Number.NaN)).to.throw(RangeError);
  });

  it('round-trips any cent amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => toCents(fromCents(c)) === c));
  });

  it('accepts percentages with at most two decimals', () => {
    expect(percentToBasisPoints(33.33)).to.equal(3333);
    expect(percentToBasisPoints(100)).to.equal(10000);
    expect(percentToBasisPoints(33.333)).to.equal(undefined);
    expect(percentToBasisPoints(Number.POSITIVE_INFINITY)).to.equal(undefined);
  });
});
