import { expect } from 'chai';
import type { HealthMeasureConfig } from '../config.js';
import {
  EXPLAINED_MAX_RECORD_IDS,
  explainHealth,
  healthExplainedJson,
  parseHealthExplained,
} from './explain.js';
import { scoreHealth } from './score.js';

const measures: HealthMeasureConfig[] = [
  { measure: 'Attributed_Revenue', weight: 60, fullPointsAt: 300, zeroPointsAt: 0, active: true },
  { measure: 'Win_Rate', weight: 30, fullPointsAt: 5000, zeroPointsAt: 1000, active: true },
  { measure: 'Pipeline', weight: 10, fullPointsAt: 100, zeroPointsAt: 0, active: false },
];
const ids = Array.from({ length: 45 }, (_, i) => `o${i}`);
const result = scoreHealth(
  {
    Attributed_Revenue: { value: 100, evidence: { label: '$1 from 45 won opportunities', recordIds: ids } },
    Win_Rate: {
      value: null,
      evidence: { label: 'No won or lost opportunities in the window', recordIds: [] },
    },
  },
  measures,
  { greenMin: 70, yellowMin: 40 },
);

describe('Partner_Health_Explained__c', () => {
  it('holds each measure with its value, points, weights and capped evidence', () => {
    const explained = explainHealth(result);
    expect([explained.v, explained.score, explained.band, explained.reweighted]).to.deep.equal([
      1,
      33,
      'Red',
      true,
    ]);
    expect(explained.measures[0]).to.deep.equal({
      measure: 'Attributed_Revenue',
      label: 'Attributed revenue',
      status: 'scored',
      value: 100,
      unit: 'cents',
      points: 33.33,
      weight: 60,
      effectiveWeight: 100,
      contribution: 33.33,
      evidence: {
        label: '$1 from 45 won opportunities',
        recordIds: ids.slice(0, EXPLAINED_MAX_RECORD_IDS),
        total: 45,
      },
    });
    expect(explained.measures.map((m) => [m.measure, m.status, m.unit])).to.deep.equal([
      ['Attributed_Revenue', 'scored', 'cents'],
      ['Win_Rate', 'not_applicable', 'bp'],
      ['Pipeline', 'inactive', 'cents'],
    ]);
    expect(explained.reasons.map((r) => r.code)).to.deep.equal([
      'reweighted_not_applicable',
      'health_band',
      'largest_shortfall',
    ]);
  });

  it('round-trips through its JSON and refuses what is not this shape', () => {
    const json = healthExplainedJson(result);
    expect(parseHealthExplained(json)).to.deep.equal(explainHealth(result));
    expect(parseHealthExplained(null)).to.equal(null);
    expect(parseHealthExplained('[1,2')).to.equal(null);
    expect(parseHealthExplained(JSON.stringify({ ...explainHealth(result), score: 140 }))).to.equal(null);
  });
});
