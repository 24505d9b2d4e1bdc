import { expect } from 'chai';
import fc from 'fast-check';
import type { SplitInput } from './schemas.js';
import { validateSplits } from './validate.js';

const rev = (partnerId: string, percent: number, role: SplitInput['role'] = 'Sourced'): SplitInput => ({
  partnerId,
  role,
  type: 'Revenue',
  percent,
});
const inf = (partnerId: string, percent: number, role: SplitInput['role'] = 'Influenced'): SplitInput => ({
  partnerId,
  role,
  type: 'Influence',
  percent,
});
const codes = (splits: SplitInput[]) =>
  validateSplits(splits).problems.map((p) => [p.index, p.field, p.code]);

describe('validateSplits', () => {
  it('accepts revenue splits that total exactly 100.00%', () => {
    const v = validateSplits([rev('P1', 33.33), rev('P2', 33.33), rev('P3', 33.34)]);
    expect(v).to.deep.equal({
      ok: true,
      problems: [],
      revenueTotalBp: 10_000,
      influenceTotalBp: 0,
      remainingRevenueBp: 0,
    });
  });

  it('accepts no splits at all, and influence splits of any total', () => {
    expect(validateSplits([]).ok).to.equal(true);
    const v = validateSplits([inf('P1', 80), inf('P2', 70.5)]);
    expect(v).to.include({ ok: true, influenceTotalBp: 15_050, revenueTotalBp: 0 });
  });

  it('refuses revenue splits of 99.99%, saying the total', () => {
    const v = validateSplits([rev('P1', 33.33), rev('P2', 33.33), rev('P3', 33.33), inf('P4', 50)]);
    expect(v.ok).to.equal(false);
    expect(v.remainingRevenueBp).to.equal(1);
    expect(v.problems).to.deep.equal([
      {
        index: null,
        field: 'percent',
        code: 'revenue_total_not_100',
        message: 'Revenue splits total 99.99%; they must total exactly 100.00%.',
      },
    ]);
  });

  it('refuses 100.02%, with no tolerance', () => {
    const v = validateSplits([rev('P1', 50.01), rev('P2', 50.01)]);
    expect(v.problems[0]?.message).to.equal('Revenue splits total 100.02%; they must total exactly 100.00%.');
    expect(v.remainingRevenueBp).to.equal(-2);
  });

  it('refuses a percent out of range', () => {
    for (const percent of [0, -5, 100.01, 150, Number.NaN, Number.POSITIVE_INFINITY])
      expect(codes([rev('P1', percent)])[0], String(percent)).to.deep.equal([
        0,
        'percent',
        'percent_out_of_range',
      ]);
    expect(codes([inf('P1', 101)])).to.deep.equal([[0, 'percent', 'percent_out_of_range']]);
  });

  it('refuses more than two decimals', () => {
    const v = validateSplits([rev('P1', 33.333), rev('P2', 66.667)]);
    expect(v.problems.map((p) => p.code)).to.deep.equal(['too_many_decimals', 'too_many_decimals']);
    expect(v.problems[0]?.message).to.equal('Split 1: percent may have at most 2 decimals (got 33.333).');
    expect(v.revenueTotalBp).to.equal(10_000);
  });

  it('refuses the same partner twice in one role and type, but allows another role or type', () => {
    expect(codes([rev('P1', 50), rev('P1', 50)])).to.deep.equal([[1, 'partnerId', 'duplicate_partner_role']]);
    expect(codes([rev('P1', 50), rev(' P1 ', 50, 'Fulfillment'), inf('P1', 10, 'Sourced')])).to.deep.equal(
      [],
    );
    const v = validateSplits([
      { ...inf('P1', 10), partnerName: 'Globex' },
      { ...inf('P1', 20), partnerName: 'Globex' },
    ]);
    expect(v.problems[0]?.message).to.equal(
      'Split 2 (Globex): this partner already has a Influence split as Influenced (split 1).',
    );
  });

  it('requires a partner', () => {
    expect(codes([rev('', 100)])).to.deep.equal([[0, 'partnerId', 'partner_required']]);
    expect(codes([rev('   ', 100)])).to.deep.equal([[0, 'partnerId', 'partner_required']]);
  });

  it('refuses an unknown role or type that slipped past the types', () => {
    const odd = { partnerId: 'P1', role: 'Reseller', type: 'Overlay', percent: 10 } as unknown as SplitInput;
    expect(codes([odd])).to.deep.equal([
      [0, 'role', 'invalid_role'],
      [0, 'type', 'invalid_type'],
    ]);
  });

  const validRow = (type: SplitInput['type']) =>
    fc.record({
      partnerId: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
      role: fc.constantFrom('Sourced', 'Influenced', 'Fulfillment', 'Technology') as fc.Arbitrary<
        SplitInput['role']
      >,
      type: fc.constant(type),
      bp: fc.integer({ min: 1, max: 10_000 }),
    });
  const unique = (type: SplitInput['type']) =>
    fc.uniqueArray(validRow(type), { maxLength: 8, selector: (r) => `${r.partnerId}|${r.role}` });
  const toSplits = (
    rows: { partnerId: string; role: SplitInput['role']; type: SplitInput['type']; bp: number }[],
  ) => rows.map(({ bp, ...r }) => ({ ...r, percent: bp / 100 }));

  // Revenue rows whose basis points total exactly 10 000: cut points of the 10 000 bp line.
  const summingTo100 = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 7 }).chain((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    const bps = points.slice(1).map((p, i) => p - points[i]!);
    return fc
      .shuffledSubarray(
        ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'].flatMap((p) => [`${p}|Sourced`, `${p}|Technology`]),
        { minLength: bps.length, maxLength: bps.length },
      )
      .map((keys) =>
        keys.map((key, i) => {
          const [partnerId, role] = key.split('|') as [string, SplitInput['role']];
          return { partnerId, role, type: 'Revenue' as const, bp: bps[i]! };
        }),
      );
  });

  it('accepts exactly the valid sets whose revenue totals 10 000 bp', () => {
    fc.assert(
      fc.property(fc.oneof(summingTo100, unique('Revenue')), unique('Influence'), (revenue, influence) => {
        const total = revenue.reduce((s, r) => s + r.bp, 0);
        const v = validateSplits([...toSplits(revenue), ...toSplits(influence)]);
        expect(v.revenueTotalBp).to.equal(total);
        expect(v.ok).to.equal(revenue.length === 0 || total === 10_000);
        if (!v.ok) expect(v.problems.map((p) => p.code)).to.deep.equal(['revenue_total_not_100']);
      }),
    );
  });
});
