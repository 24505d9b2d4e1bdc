import { expect } from 'chai';
import fc from 'fast-check';
import { percentToBasisPoints } from '../money.js';
import { allocateSplitAmounts, equalSplit, remainderFor } from './allocate.js';
import type { SplitInput } from './schemas.js';
import { validateSplits } from './validate.js';

const rev = (partnerId: string, percent: number): SplitInput => ({
  partnerId,
  role: 'Sourced',
  type: 'Revenue',
  percent,
});
const inf = (partnerId: string, percent: number): SplitInput => ({
  partnerId,
  role: 'Influenced',
  type: 'Influence',
  percent,
});

describe('allocateSplitAmounts', () => {
  it('splits 100.01 over 33.33/33.33/33.34 as 33.33, 33.33, 33.35', () => {
    expect(
      allocateSplitAmounts(10_001, [rev('P1', 33.33), rev('P2', 33.33), rev('P3', 33.34)]),
    ).to.deep.equal([
      { index: 0, amountCents: 3333 },
      { index: 1, amountCents: 3333 },
      { index: 2, amountCents: 3335 },
    ]);
  });

  it('allocates each influence split on its own, rounding half up', () => {
    expect(allocateSplitAmounts(10_001, [inf('P1', 50), rev('P2', 100), inf('P3', 0.01)])).to.deep.equal([
      { index: 0, amountCents: 5001 },
      { index: 1, amountCents: 10_001 },
      { index: 2, amountCents: 1 },
    ]);
    expect(allocateSplitAmounts(-10_001, [inf('P1', 50)])).to.deep.equal([{ index: 0, amountCents: -5001 }]);
  });

  it('leaves out the revenue splits when they do not total 100%, and bad rows', () => {
    const splits = [rev('P1', 50), rev('P2', 49.99), inf('P3', 20), inf('', 30), inf('P4', 10.001)];
    expect(allocateSplitAmounts(100_00, splits)).to.deep.equal([{ index: 2, amountCents: 2000 }]);
  });

  it('leaves out every revenue split when one of them is bad, even if the total is 100%', () => {
    expect(allocateSplitAmounts(100_00, [rev('P1', 50), rev('P1', 50)])).to.deep.equal([]);
  });

  it('allocates nothing for an amount that is not whole cents', () => {
    expect(allocateSplitAmounts(10.5, [rev('P1', 100)])).to.deep.equal([]);
  });

  it('sums the revenue amounts to the amount exactly, for any amount and valid split set', () => {
    const revenueSet = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 11 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
      return points.slice(1).map((p, i) => rev(`P${i}`, (p - points[i]!) / 100));
    });
    const influence = fc
      .array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 })
      .map((bps) => bps.map((bp, i) => inf(`I${i}`, bp / 100)));
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), revenueSet, influence, (amount, revenue, infl) => {
        const splits = [...infl, ...revenue];
        expect(validateSplits(splits).ok).to.equal(true);
        const parts = allocateSplitAmounts(amount, splits);
        expect(parts.map((p) => p.index)).to.deep.equal(splits.map((_, i) => i));
        const revenueParts = parts.filter((p) => splits[p.index]!.type === 'Revenue');
        expect(revenueParts.reduce((s, p) => s + p.amountCents, 0)).to.equal(amount);
        for (const p of parts) {
          const exact = (amount * percentToBasisPoints(splits[p.index]!.percent)!) / 10_000;
          expect(Math.abs(p.amountCents - exact)).to.be.below(1);
        }
      }),
    );
  });
});

describe('equalSplit', () => {
  it('gives the odd hundredths to the first rows', () => {
    expect(equalSplit(3)).to.deep.equal([33.34, 33.33, 33.33]);
    expect(equalSplit(1)).to.deep.equal([100]);
    expect(equalSplit(6)).to.deep.equal([16.67, 16.67, 16.67, 16.67, 16.66, 16.66]);
  });

  it('gives nothing for a count that cannot be split', () => {
    for (const count of [0, -1, 2.5, 10_001, Number.NaN])
      expect(equalSplit(count), String(count)).to.deep.equal([]);
  });

  it('always sums to exactly 100.00 with at most two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (count) => {
        const shares = equalSplit(count);
        const bps = shares.map(percentToBasisPoints);
        expect(shares).to.have.length(count);
        expect(bps.every((bp) => bp !== undefined && bp > 0)).to.equal(true);
        expect(bps.reduce<number>((s, bp) => s + bp!, 0)).to.equal(10_000);
        expect(Math.max(...bps.map(Number)) - Math.min(...bps.map(Number))).to.be.at.most(1);
        expect(validateSplits(shares.map((p, i) => rev(`P${i}`, p))).ok).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('remainderFor', () => {
  it('is the percent that brings the revenue splits to 100', () => {
    const splits = [rev('P1', 33.33), rev('P2', 33.33), rev('P3', 0), inf('P4', 50)];
    expect(remainderFor(splits, 2)).to.equal(33.34);
    expect(remainderFor(splits, 0)).to.equal(66.67);
  });

  it('asks for a new row’s share with an index past the end, and may be zero or less', () => {
    expect(remainderFor([rev('P1', 60)], 1)).to.equal(40);
    expect(remainderFor([rev('P1', 60), rev('P2', 60)], 5)).to.equal(-20);
    expect(remainderFor([rev('P1', 100), rev('P2', 5)], 1)).to.equal(0);
  });
});
