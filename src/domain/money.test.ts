import { expect } from 'chai';
import fc from 'fast-check';
import { allocateByLargestRemainder, fromCents, percentToBasisPoints, toCents } from './money.js';

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

describe('allocateByLargestRemainder', () => {
  it('splits 100.01 over 33.33/33.33/33.34 to the cent', () => {
    expect(allocateByLargestRemainder(10001, [3333, 3333, 3334])).to.deep.equal([3333, 3333, 3335]);
  });

  it('always sums to the amount for weights totalling 100%', () => {
    const weights = fc
      .array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 })
      .filter((ws) => ws.reduce((s, w) => s + w, 0) <= 10_000)
      .map((ws) => [...ws, 10_000 - ws.reduce((s, w) => s + w, 0)]);
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), weights, (amount, ws) => {
        const parts = allocateByLargestRemainder(amount, ws);
        return (
          parts.reduce((s, p) => s + p, 0) === amount &&
          parts.every((p, i) => Math.abs(p - (amount * ws[i]!) / 10_000) < 1)
        );
      }),
    );
  });

  it('refuses fractional amounts and negative weights', () => {
    expect(() => allocateByLargestRemainder(10.5, [10_000])).to.throw(RangeError);
    expect(() => allocateByLargestRemainder(100, [-1, 10_001])).to.throw(RangeError);
  });
});
