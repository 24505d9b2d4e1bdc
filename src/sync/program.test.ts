import { expect } from 'chai';
import { readProgram } from './program.js';

const tier = (name: string, rank: number, over: Record<string, unknown> = {}) => ({
  DeveloperName: name,
  MasterLabel: name,
  Rank__c: rank,
  Min_Attributed_Revenue__c: 1000.5 * rank,
  Min_Won_Deals__c: rank,
  Min_Active_Certifications__c: rank,
  Min_Registrations_Approved__c: rank,
  Discount_Percent__c: 12.5,
  MDF_Percent__c: 1,
  Grace_Days__c: 30,
  Benefits__c: null,
  ...over,
});
const setting = {
  DeveloperName: 'Default',
  Protection_Days__c: 90,
  Approval_SLA_Hours__c: 48,
  Expiry_Days__c: 30,
  Conflict_Window_Days__c: 180,
  Conflict_Match_Threshold__c: 60,
  Auto_Approve__c: true,
  Auto_Approve_Max_Amount__c: 250000.01,
  Attribution_Window_Months__c: 12,
  Health_Green_Min__c: 70,
  Health_Yellow_Min__c: 40,
};
const measure = (name: string, full: number, zero: number) => ({
  DeveloperName: name,
  Measure__c: name,
  Weight__c: 10,
  Full_Points_At__c: full,
  Zero_Points_At__c: zero,
  Active__c: true,
});

describe('program rules from custom metadata records', () => {
  it('turns money into cents and percentages into basis points, in the canonical measure order', () => {
    const result = readProgram({
      tiers: [tier('Silver', 2), tier('Registered', 1)],
      settings: [setting],
      measures: [measure('Win_Rate', 50, 10), measure('Attributed_Revenue', 500000.25, 0)],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { config } = result;
    expect(config.tiers.map((t) => t.name)).to.deep.equal(['Registered', 'Silver']);
    expect(config.tiers[1]!.thresholds.attributedRevenueCents).to.equal(200_100);
    expect(config.tiers[1]!.benefits).to.deep.equal({ discountBp: 1250, mdfBp: 100, summary: '' });
    expect(config.registration.autoApproveMaxAmountCents).to.equal(25_000_001);
    expect(config.health.measures.map((m) => [m.measure, m.fullPointsAt, m.zeroPointsAt])).to.deep.equal([
      ['Attributed_Revenue', 50_000_025, 0],
      ['Win_Rate', 5000, 1000],
    ]);
  });

  it('accepts Bulk-style strings for numbers and checkboxes', () => {
    const result = readProgram({
      tiers: [tier('Registered', 1, { Rank__c: '1', Min_Won_Deals__c: '0' })],
      settings: [{ ...setting, Auto_Approve__c: 'false', Auto_Approve_Max_Amount__c: '' }],
      measures: [measure('Certifications', 5, 0)],
    });
    expect(result.ok).to.equal(true);
    if (result.ok) {
      expect(result.config.registration.autoApprove).to.equal(false);
      expect(result.config.registration.autoApproveMaxAmountCents).to.equal(null);
    }
  });

  it('refuses the whole set naming the record and the field that is wrong', () => {
    const result = readProgram({
      tiers: [tier('Registered', 1), tier('Gold', 3, { Min_Won_Deals__c: 'many' })],
      settings: [setting],
      measures: [measure('Certifications', 5, 0)],
    });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.problems[0]!.setting).to.equal('PRM_Tier__mdt.Gold.Min_Won_Deals__c');
  });

  it('refuses rules that validate badly as a whole (a higher tier asking less) and a missing setting', () => {
    const lower = readProgram({
      tiers: [tier('Registered', 1), tier('Gold', 3, { Min_Won_Deals__c: 0 })],
      settings: [setting],
      measures: [measure('Certifications', 5, 0)],
    });
    expect(lower.ok).to.equal(false);
    if (!lower.ok) expect(lower.problems.map((p) => p.message).join()).to.match(/asks for less wonDeals/);
    const none = readProgram({
      tiers: [tier('Registered', 1)],
      settings: [],
      measures: [measure('Certifications', 5, 0)],
    });
    expect(none.ok).to.equal(false);
  });
});
