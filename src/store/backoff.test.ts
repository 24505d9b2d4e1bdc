import { expect } from 'chai';
import fc from 'fast-check';
import { backoffMs, DEFAULT_BACKOFF } from './backoff.js';

const options = fc.record({
  baseMs: fc.integer({ min: 0, max: 120_000 }),
  capMs: fc.integer({ min: 0, max: 3_600_000 }),
  draw: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

describe('backoffMs', () => {
  it('is a whole number of milliseconds between 0 and the cap, whatever the attempt', () => {
    fc.assert(
      fc.property(options, fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double()), (o, attempt) => {
        const delay = backoffMs(attempt, { baseMs: o.baseMs, capMs: o.capMs, random: () => o.draw });
        expect(Number.isInteger(delay)).to.equal(true);
        expect(delay).to.be.within(0, o.capMs);
      }),
    );
  });

  it('never shrinks as attempts grow (for the same draw), and reaches half the cap', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 200 }), (o, attempt) => {
        const at = (n: number) => backoffMs(n, { baseMs: o.baseMs, capMs: o.capMs, random: () => o.draw });
        expect(at(attempt + 1)).to.be.at.least(at(attempt));
        const step = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
        expect(at(attempt)).to.be.at.least(Math.floor(step / 2));
        expect(at(attempt)).to.be.at.most(step);
        if (o.baseMs > 0) expect(at(80)).to.be.at.least(Math.floor(o.capMs / 2));
      }),
    );
  });

  it('doubles the step per attempt, with jitter inside it', () => {
    const random = () => 0;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { baseMs: 1_000, capMs: 60_000, random }))).to.deep.equal([
      500, 1_000, 2_000, 4_000,
    ]);
    expect(backoffMs(30, { random: () => 0.999999 })).to.be.at.most(DEFAULT_BACKOFF.capMs);
    expect(backoffMs(1, { baseMs: 1_000, random: () => Number.NaN })).to.equal(500);
  });
});
