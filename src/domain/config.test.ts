import { expect } from 'chai';
import { DEFAULT_PROGRAM_CONFIG, validateProgramConfig, type ProgramConfig } from './config.js';

const clone = (): ProgramConfig => structuredClone(DEFAULT_PROGRAM_CONFIG);

describe('program configuration', () => {
  it('accepts the shipped defaults and orders tiers by rank', () => {
    const shuffled = clone();
    shuffled.tiers.reverse();
    const result = validateProgramConfig(shuffled);
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.config.tiers.map((t) => t.rank)).to.deep.equal([1, 2, 3, 4]);
  });

  it('names the bad setting and returns no config when invalid', () => {
    const bad = clone();
    (bad.registration as { protectionDays: number }).protectionDays = -5;
    const result = validateProgramConfig(bad);
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.setting)).to.deep.equal(['registration.protectionDays']);
      expect(result).not.to.have.property('config');
    }
  });

  it('refuses a higher tier that asks for less than a lower one', () => {
    const bad = clone();
    bad.tiers[2]!.thresholds.wonDeals = 1; // Gold below Silver's 2
    const result = validateProgramConfig(bad);
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.problems[0]!.setting).to.equal('tiers[2].thresholds.wonDeals');
      expect(result.problems[0]!.message).to.match(/Gold.*Silver/);
    }
  });

  it('refuses duplicate tier names and ranks, duplicate measures and zero active weight', () => {
    const bad = clone();
    bad.tiers[1]!.name = 'Registered';
    bad.tiers[3]!.rank = 3;
    bad.health.measures[1] = { ...bad.health.measures[0]! };
    const result = validateProgramConfig(bad);
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      const settings = result.problems.map((p) => p.setting);
      expect(settings).to.include('tiers[1].name');
      expect(settings).to.include('tiers[3].rank');
      expect(settings).to.include('health.measures[1].measure');
    }
    const noWeight = clone();
    noWeight.health.measures.forEach((m) => (m.active = false));
    const r2 = validateProgramConfig(noWeight);
    expect(r2.ok).to.equal(false);
    if (!r2.ok) expect(r2.problems[0]!.setting).to.equal('health.measures');
  });

  it('refuses unknown settings, wrong types and inverted bands', () => {
    expect(validateProgramConfig({ ...clone(), extra: 1 }).ok).to.equal(false);
    const wrongType = clone() as unknown as { registration: { autoApprove: unknown } };
    wrongType.registration.autoApprove = 'yes';
    const r = validateProgramConfig(wrongType);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems[0]!.setting).to.equal('registration.autoApprove');
    const bands = clone();
    bands.health.bands = { greenMin: 40, yellowMin: 70 };
    const rb = validateProgramConfig(bands);
    expect(rb.ok).to.equal(false);
    if (!rb.ok) expect(rb.problems[0]!.setting).to.equal('health.bands.yellowMin');
    expect(validateProgramConfig(null).ok).to.equal(false);
  });
});
