import { expect } from 'chai';
import { DomainInputError } from '../errors.js';
import { healthTrend } from './trend.js';

const current = { asOf: '2026-07-31', score: 64 };

describe('healthTrend', () => {
  it('compares with the latest snapshot at least 30 and at most 45 days old', () => {
    const table: [
      snapshots: { asOf: string; score: number }[],
      change: number | null,
      comparedTo: string | null,
      code: string,
    ][] = [
      [[{ asOf: '2026-07-01', score: 70 }], -6, '2026-07-01', 'trend'],
      [
        [
          { asOf: '2026-06-16', score: 50 },
          { asOf: '2026-06-25', score: 60 },
          { asOf: '2026-07-20', score: 10 },
        ],
        4,
        '2026-06-25',
        'trend',
      ],
      [[{ asOf: '2026-06-15', score: 50 }], null, null, 'no_snapshot_in_range'],
      [[{ asOf: '2026-07-02', score: 50 }], null, null, 'no_snapshot_in_range'],
      [[{ asOf: '2026-07-01', score: 64 }], 0, '2026-07-01', 'trend'],
      [[], null, null, 'no_history'],
    ];
    for (const [snapshots, change, comparedTo, code] of table) {
      const t = healthTrend(snapshots, current);
      expect([t.change, t.comparedTo, t.reasons.map((r) => r.code)], JSON.stringify(snapshots)).to.deep.equal(
        [change, comparedTo, [code]],
      );
    }
  });

  it('says the change in words', () => {
    expect(healthTrend([{ asOf: '2026-06-30', score: 70 }], current).reasons[0]!.message).to.equal(
      'Down 6 points since 2026-06-30 (70 → 64)',
    );
    expect(healthTrend([{ asOf: '2026-06-30', score: 63 }], current).reasons[0]!.message).to.equal(
      'Up 1 point since 2026-06-30 (63 → 64)',
    );
  });

  it('takes the window from its options', () => {
    const t = healthTrend([{ asOf: '2026-07-24', score: 60 }], current, { days: 7, toleranceDays: 0 });
    expect([t.change, t.comparedTo]).to.deep.equal([4, '2026-07-24']);
  });

  it('refuses bad input naming the field', () => {
    const table: [() => unknown, string][] = [
      [() => healthTrend([{ asOf: '2026-06-31', score: 1 }], current), 'snapshots[0].asOf'],
      [() => healthTrend([], { asOf: '2026-07-31', score: 101 }), 'current.score'],
      [() => healthTrend([], current, { days: 0 }), 'days'],
    ];
    for (const [run, field] of table) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught, field).to.be.instanceOf(DomainInputError);
      expect((caught as DomainInputError).field).to.equal(field);
    }
  });
});
