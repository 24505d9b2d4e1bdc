import { expect } from 'chai';
import { ApiBudget } from './budget.js';
import { DEFAULT_RETRY, backoffDelay } from './retry.js';

describe('API budget and backoff', () => {
  it('reads Sforce-Limit-Info and keeps to its share of the allocation', () => {
    const budget = new ApiBudget(0.1);
    expect(budget.allows(1_000_000)).to.equal(true);
    budget.observe('api-usage=1490/15000');
    expect(budget.calls).to.equal(1);
    expect(budget.remaining()).to.equal(10);
    expect(budget.allows(10)).to.equal(true);
    expect(budget.allows(11)).to.equal(false);
    budget.observe(undefined);
    expect(budget.snapshot()).to.deep.equal({ calls: 2, used: 1490, limit: 15000, share: 0.1 });
    expect(() => new ApiBudget(0)).to.throw(RangeError);
  });

  it('backs off exponentially with jitter, capped', () => {
    const low = backoffDelay(1, DEFAULT_RETRY, () => 0);
    const high = backoffDelay(1, DEFAULT_RETRY, () => 0.999);
    expect(low).to.equal(DEFAULT_RETRY.baseMs / 2);
    expect(high).to.be.at.most(DEFAULT_RETRY.baseMs);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0)).to.equal((DEFAULT_RETRY.baseMs * 4) / 2);
    expect(backoffDelay(40, DEFAULT_RETRY, () => 0.999)).to.be.at.most(DEFAULT_RETRY.capMs);
  });
});
