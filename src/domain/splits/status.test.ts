import { expect } from 'chai';
import { reg } from '../registration/fixtures.test.js';
import type { SplitInput } from './schemas.js';
import { coSellStatus, derivePartnerSourced } from './status.js';

const split: SplitInput = { partnerId: 'P1', role: 'Influenced', type: 'Influence', percent: 20 };
const approved = reg({
  id: 'A',
  status: 'Approved',
  decidedBy: 'Rules',
  type: 'Sourced',
  opportunityId: 'O1',
});
const submitted = reg({ id: 'S', status: 'Submitted', opportunityId: 'O1' });

describe('derivePartnerSourced', () => {
  it('is true only with an approved Sourced registration', () => {
    expect(derivePartnerSourced([approved])).to.equal(true);
    expect(derivePartnerSourced([{ ...approved, type: 'Influenced' }])).to.equal(false);
    for (const status of ['Submitted', 'Rejected', 'Expired', 'Withdrawn', 'Draft'] as const)
      expect(derivePartnerSourced([{ ...approved, status }]), status).to.equal(false);
    expect(derivePartnerSourced([])).to.equal(false);
  });

  it('filters to one opportunity when asked', () => {
    expect(derivePartnerSourced([approved], 'O1')).to.equal(true);
    expect(derivePartnerSourced([approved], 'O2')).to.equal(false);
  });
});

describe('coSellStatus', () => {
  const open = { isClosed: false, isWon: false };
  const won = { isClosed: true, isWon: true };
  const lost = { isClosed: true, isWon: false };
  const cases: [
    string,
    { isClosed: boolean; isWon: boolean },
    (typeof approved)[],
    SplitInput[],
    string,
    string[],
  ][] = [
    ['open, nothing', open, [], [], 'None', ['no_partner']],
    ['open, only submitted', open, [submitted], [], 'Registered', ['submitted_registration']],
    [
      'open, approved',
      open,
      [approved, submitted],
      [],
      'Co-Selling',
      ['co_selling', 'approved_registration'],
    ],
    ['open, splits only', open, [], [split], 'Co-Selling', ['co_selling', 'partner_splits']],
    ['open, blank split partner', open, [], [{ ...split, partnerId: ' ' }], 'None', ['no_partner']],
    [
      'won with a partner',
      won,
      [approved],
      [split],
      'Won',
      ['closed_won', 'approved_registration', 'partner_splits'],
    ],
    ['lost with a partner', lost, [], [split], 'Lost', ['closed_lost', 'partner_splits']],
    ['won, only submitted', won, [submitted], [], 'None', ['no_partner']],
    ['open, rejected', open, [{ ...approved, status: 'Rejected' }], [], 'None', ['no_partner']],
  ];
  for (const [what, opportunity, registrations, splits, status, codes] of cases)
    it(`${what} → ${status}`, () => {
      const result = coSellStatus(opportunity, registrations, splits);
      expect(result.status).to.equal(status);
      expect(result.reasons.map((r) => r.code)).to.deep.equal(codes);
    });

  it('names the registrations and partners behind the status', () => {
    const result = coSellStatus(open, [approved], [split, { ...split, role: 'Technology' }]);
    expect(result.reasons[1]?.data).to.deep.equal({ registrationIds: ['A'] });
    expect(result.reasons[2]?.data).to.deep.equal({ partnerIds: ['P1'] });
  });
});
