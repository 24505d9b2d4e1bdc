import { expect } from 'chai';
import { DEFAULT_PROGRAM_CONFIG, type HealthMeasureConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { pointsFor, scoreHealth } from './score.js';
import type { MeasureValue, MeasureValues } from './schemas.js';

const bands = { greenMin: 70, yellowMin: 40 };
const measures: HealthMeasureConfig[] = [
  { measure: 'Attributed_Revenue', weight: 50, fullPointsAt: 1000, zeroPointsAt: 0, active: true },
  { measure: 'Win_Rate', weight: 30, fullPointsAt: 5000, zeroPointsAt: 1000, active: true },
  { measure: 'Engagement_Recency', weight: 20, fullPointsAt: 14, zeroPointsAt: 120, active: true },
  { measure: 'Pipeline', weight: 10, fullPointsAt: 100, zeroPointsAt: 0, active: false },
];
const v = (value: number | null, ids: string[] = []): MeasureValue => ({
  value,
  evidence: { label: 'test', recordIds: ids },
});

describe('pointsFor', () => {
  it('is linear between the thresholds in either direction, clamped to 0..100', () => {
    const up = { fullPointsAt: 5000, zeroPointsAt: 1000 };
    const down = { fullPointsAt: 14, zeroPointsAt: 120 };
    const table: [typeof up, number, number][] = [
      [up, 0, 0],
      [up, 1000, 0],
      [up, 3000, 50],
      [up, 5000, 100],
      [up, 9000, 100],
      [down, 0, 100],
      [down, 14, 100],
      [down, 67, 50],
      [down, 120, 0],
      [down, 400, 0],
    ];
    for (const [m, value, points] of table) expect(pointsFor(value, m), `${value}`).to.equal(points);
  });
});

describe('scoreHealth', () => {
  it('weights the points of every scored measure and rounds once', () => {
    const r = scoreHealth(
      { Attributed_Revenue: v(750), Win_Rate: v(3000), Engagement_Recency: v(14), Pipeline: v(100) },
      measures,
      bands,
    );
    // 75 × 50% + 50 × 30% + 100 × 20% = 72.5
    expect([r.score, r.band, r.reweighted]).to.deep.equal([73, 'Green', false]);
    expect(
      r.measures.map((m) => [m.measure, m.status, m.points, m.effectiveWeight, m.contribution]),
    ).to.deep.equal([
      ['Attributed_Revenue', 'scored', 75, 50, 37.5],
      ['Win_Rate', 'scored', 50, 30, 15],
      ['Engagement_Recency', 'scored', 100, 20, 20],
      ['Pipeline', 'inactive', 0, 0, 0],
    ]);
    expect(r.reasons.map((x) => x.code)).to.deep.equal(['health_band', 'largest_shortfall']);
    expect(r.reasons[1]!.message).to.equal('Win rate costs the most: 50 of 100 points at 30% of the score');
  });

  it('drops measures without data and shares their weight among the others, saying so', () => {
    const r = scoreHealth(
      { Attributed_Revenue: v(750), Win_Rate: v(null), Engagement_Recency: v(14) },
      measures,
      bands,
    );
    // 75 × 50/70 + 100 × 20/70 = 82.14
    expect([r.score, r.band, r.reweighted]).to.deep.equal([82, 'Green', true]);
    const winRate = r.measures.find((m) => m.measure === 'Win_Rate')!;
    expect([winRate.status, winRate.effectiveWeight, winRate.contribution]).to.deep.equal([
      'not_applicable',
      0,
      0,
    ]);
    const revenue = r.measures.find((m) => m.measure === 'Attributed_Revenue')!;
    expect(revenue.effectiveWeight).to.be.closeTo(71.43, 0.01);
    expect(r.reasons[0]).to.deep.equal({
      code: 'reweighted_not_applicable',
      message: 'No data for Win rate: its weight is shared among the other measures',
      data: { measures: ['Win_Rate'] },
    });
  });

  it('treats a measure with no value given as not applicable', () => {
    const r = scoreHealth({ Attributed_Revenue: v(0) }, measures, bands);
    expect([r.score, r.band, r.reweighted]).to.deep.equal([0, 'Red', true]);
    expect(r.reasons[0]!.data).to.deep.equal({ measures: ['Win_Rate', 'Engagement_Recency'] });
    expect(r.measures.find((m) => m.measure === 'Win_Rate')!.evidence.label).to.equal('Not measured');
  });

  it('scores 0, Red, with reason no_data when no weighted measure has data', () => {
    const r = scoreHealth({ Win_Rate: v(null), Pipeline: v(100) }, measures, { greenMin: 50, yellowMin: 0 });
    expect([r.score, r.band, r.reweighted]).to.deep.equal([0, 'Red', false]);
    expect(r.reasons.map((x) => x.code)).to.deep.equal(['no_data']);
    expect(r.measures.every((m) => m.contribution === 0)).to.equal(true);
  });

  it('puts the score in its band', () => {
    const table: [number, 'Green' | 'Yellow' | 'Red'][] = [
      [1000, 'Green'],
      // 69.5 rounds to 70: the band follows the rounded score the partner manager sees.
      [695, 'Green'],
      [694, 'Yellow'],
      [395, 'Yellow'],
      [394, 'Red'],
    ];
    const one: HealthMeasureConfig[] = [measures[0]!];
    for (const [value, band] of table)
      expect(scoreHealth({ Attributed_Revenue: v(value) }, one, bands).band).to.equal(band);
  });

  it('scores the shipped defaults', () => {
    const values: MeasureValues = {
      Attributed_Revenue: v(500_000_00),
      Pipeline: v(1_000_000_00),
      Win_Rate: v(5000),
      Registration_Approval_Rate: v(9000),
      Registration_Speed: v(24),
      Certifications: v(5),
      Certification_Freshness: v(180),
      Engagement_Recency: v(14),
      Time_To_First_Revenue: v(90),
    };
    const { measures: defaults, bands: defaultBands } = DEFAULT_PROGRAM_CONFIG.health;
    expect(scoreHealth(values, defaults, defaultBands).score).to.equal(100);
    expect(scoreHealth({ ...values, Win_Rate: v(1000) }, defaults, defaultBands).score).to.equal(85);
  });

  it('refuses bad input naming the field', () => {
    const table: [() => unknown, string][] = [
      [() => scoreHealth({ Win_Rate: v(Number.NaN) }, measures, bands), 'Win_Rate.value'],
      [() => scoreHealth({ Win_Rate: v(1) }, [{ ...measures[0]!, weight: -1 }], bands), '[0].weight'],
      [() => scoreHealth({}, [measures[0]!, measures[0]!], bands), '[1].measure'],
      [() => scoreHealth({}, [{ ...measures[0]!, fullPointsAt: 0 }], bands), '[0].fullPointsAt'],
      [() => scoreHealth({}, measures, { greenMin: 40, yellowMin: 70 }), 'yellowMin'],
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
