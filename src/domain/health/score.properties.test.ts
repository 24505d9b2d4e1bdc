import { expect } from 'chai';
import fc from 'fast-check';
import { HEALTH_MEASURES, type HealthMeasureConfig, type HealthMeasureName } from '../config.js';
import { bandFor, scoreHealth } from './score.js';
import type { MeasureValue } from './schemas.js';

const names = Object.keys(HEALTH_MEASURES) as HealthMeasureName[];
const configArb = fc.subarray(names, { minLength: 1 }).chain((chosen) =>
  fc.tuple(
    ...chosen.map((measure) =>
      fc
        .record({
          weight: fc.integer({ min: 0, max: 100 }),
          a: fc.integer({ min: -1000, max: 1000 }),
          b: fc.integer({ min: -1000, max: 1000 }),
          active: fc.boolean(),
        })
        .filter(({ a, b }) => a !== b)
        .map(({ weight, a, b, active }): HealthMeasureConfig => ({
          measure,
          weight,
          fullPointsAt: a,
          zeroPointsAt: b,
          active,
        })),
    ),
  ),
);
const bandsArb = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 100 }))
  .filter(([y, g]) => y < g)
  .map(([yellowMin, greenMin]) => ({ yellowMin, greenMin }));
const valueArb = fc.option(fc.double({ min: -2000, max: 2000, noNaN: true }), { nil: null });
const valuesFor = (configs: HealthMeasureConfig[]) =>
  fc
    .tuple(...configs.map(() => valueArb))
    .map((vals) =>
      Object.fromEntries(
        configs.map((c, i) => [
          c.measure,
          { value: vals[i] ?? null, evidence: { label: '', recordIds: [] } },
        ]),
      ),
    );
const at = (value: number): MeasureValue => ({ value, evidence: { label: '', recordIds: [] } });

describe('health score properties', () => {
  it('is a whole number in 0..100 in the band its bands give it (Red when there is no data)', () => {
    fc.assert(
      fc.property(
        configArb.chain((c) => fc.tuple(fc.constant(c), valuesFor(c))),
        bandsArb,
        ([configs, values], bands) => {
          const r = scoreHealth(values, configs, bands);
          const noData = r.reasons.some((x) => x.code === 'no_data');
          expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).to.equal(true);
          expect(r.band).to.equal(noData ? 'Red' : bandFor(r.score, bands));
          if (!noData) {
            const sum = r.measures.reduce((s, m) => s + m.contribution, 0);
            expect(Math.abs(sum - r.score)).to.be.at.most(0.5 + 1e-6);
            const weights = r.measures
              .filter((m) => m.status === 'scored')
              .reduce((s, m) => s + m.effectiveWeight, 0);
            expect(weights).to.be.closeTo(100, 1e-6);
          }
        },
      ),
    );
  });

  it('scores 100 when every measure earns full points and 0 when every one earns none', () => {
    fc.assert(
      fc.property(configArb, bandsArb, (configs, bands) => {
        fc.pre(configs.some((c) => c.active && c.weight > 0));
        const full = Object.fromEntries(configs.map((c) => [c.measure, at(c.fullPointsAt)]));
        const zero = Object.fromEntries(configs.map((c) => [c.measure, at(c.zeroPointsAt)]));
        expect(scoreHealth(full, configs, bands).score).to.equal(100);
        expect(scoreHealth(zero, configs, bands).score).to.equal(0);
      }),
    );
  });

  it('leaves the other measures their points and their order when one has no data', () => {
    fc.assert(
      fc.property(
        configArb.chain((c) => fc.tuple(fc.constant(c), valuesFor(c), fc.nat())),
        bandsArb,
        ([configs, values, pick], bands) => {
          const dropped = configs[pick % configs.length]!.measure;
          const before = scoreHealth(values, configs, bands);
          const after = scoreHealth(
            { ...values, [dropped]: { value: null, evidence: { label: '', recordIds: [] } } },
            configs,
            bands,
          );
          const others = (r: typeof before) =>
            r.measures.filter((m) => m.measure !== dropped && m.status === 'scored');
          const a = others(before);
          const b = others(after);
          expect(b.map((m) => m.points)).to.deep.equal(a.map((m) => m.points));
          for (let i = 0; i < a.length; i++)
            for (let j = 0; j < a.length; j++) {
              const was = a[i]!.contribution - a[j]!.contribution;
              if (Math.abs(was) > 1e-9)
                expect(Math.sign(b[i]!.contribution - b[j]!.contribution)).to.equal(Math.sign(was));
            }
        },
      ),
    );
  });
});
