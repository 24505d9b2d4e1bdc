import { expect } from 'chai';
import { DomainInputError } from '../errors.js';
import { parseSplit, parseSplits } from './schemas.js';

describe('parseSplits', () => {
  it('accepts split rows as the editor sends them', () => {
    expect(
      parseSplits([{ id: 'a1', partnerId: 'P1', role: 'Sourced', type: 'Revenue', percent: 33.33 }]),
    ).to.deep.equal([{ id: 'a1', partnerId: 'P1', role: 'Sourced', type: 'Revenue', percent: 33.33 }]);
  });

  it('names the split and the field that is wrong', () => {
    const rows = [
      { id: 'a1', partnerId: 'P1', role: 'Sourced', type: 'Revenue', percent: 50 },
      { id: 'a2', partnerId: 'P2', role: 'Sourced', type: 'Overlay', percent: 50 },
    ];
    expect(() => parseSplits(rows))
      .to.throw(DomainInputError, 'Co-sell split a2: type must be one of Revenue, Influence (got "Overlay")')
      .with.property('field', 'type');
    expect(() =>
      parseSplit({ id: 'a3', partnerId: 'P1', role: 'Sourced', type: 'Revenue', percent: '50' }),
    ).to.throw(DomainInputError, 'Co-sell split a3: percent must be a number (got "50")');
    expect(() => parseSplits({})).to.throw(
      DomainInputError,
      'Co-sell splits (no id): (record) must be a list',
    );
  });
});
