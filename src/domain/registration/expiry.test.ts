import { expect } from 'chai';
import { expireStale, protectionWindow, undecidedExpiresAt } from './expiry.js';
import { daysAgo, HOUR, NOW, opp, reg, SETTINGS } from './fixtures.test.js';

describe('protectionWindow', () => {
  it('runs protectionDays from the approval day, both days included', () => {
    expect(protectionWindow('2026-03-15', SETTINGS)).to.deep.equal({
      from: '2026-03-15',
      until: '2026-06-13',
    });
    expect(protectionWindow('2024-02-28', { protectionDays: 1 })).to.deep.equal({
      from: '2024-02-28',
      until: '2024-02-29',
    });
  });
});

describe('undecidedExpiresAt', () => {
  it('counts from submission, or from creation when the submission time is missing', () => {
    expect(undecidedExpiresAt(reg({ id: 'R', submittedAt: 0 }), { expiryDays: 2 })).to.equal(48 * HOUR);
    expect(
      undecidedExpiresAt(reg({ id: 'R', submittedAt: null, createdAt: 1000 }), { expiryDays: 1 }),
    ).to.equal(1000 + 24 * HOUR);
  });
});

describe('expireStale', () => {
  it('returns only the registrations that expire now, each with its verdict', () => {
    const registrations = [
      reg({ id: 'STALE', submittedAt: daysAgo(31) }),
      reg({ id: 'FRESH', submittedAt: daysAgo(29) }),
      reg({
        id: 'ENDED',
        status: 'Approved',
        decidedBy: 'Rules',
        decidedAt: daysAgo(100),
        protectedUntil: '2026-03-01',
      }),
      reg({
        id: 'ACTIVE',
        status: 'Approved',
        decidedBy: 'Rules',
        decidedAt: daysAgo(10),
        protectedUntil: '2026-06-01',
      }),
      reg({ id: 'MANAGER', status: 'Approved', decidedBy: 'Manager', protectedUntil: '2026-03-01' }),
      reg({ id: 'WAITING', submittedAt: daysAgo(90), decidedBy: 'Manager' }),
      reg({ id: 'DRAFT', status: 'Draft', submittedAt: null, createdAt: daysAgo(400) }),
      reg({
        id: 'WON',
        opportunityId: 'O1',
        status: 'Approved',
        decidedBy: 'Rules',
        protectedUntil: '2026-03-01',
      }),
    ];
    const expired = expireStale(registrations, SETTINGS, NOW, [
      opp({ id: 'O1', isClosed: true, isWon: true }),
    ]);
    expect(expired.map((e) => [e.id, e.verdict.status, e.verdict.reasons[0]?.code])).to.deep.equal([
      ['STALE', 'Expired', 'expired_undecided'],
      ['ENDED', 'Expired', 'protection_ended'],
    ]);
    expect(expired.every((e) => e.verdict.changed)).to.equal(true);
  });
});
