import { expect } from 'chai';
import fc from 'fast-check';
import { findConflicts } from './conflicts.js';
import {
  arbContext,
  arbRegistration,
  arbSettings,
  daysAgo,
  NOW,
  opp,
  reg,
  SETTINGS,
  TODAY,
} from './fixtures.test.js';
import type { RegistrationStatus } from './schemas.js';

const candidate = reg({
  id: 'C',
  partnerId: 'P1',
  customerName: 'Acme Corp',
  customerDomain: 'acme.com',
  submittedAt: NOW,
  createdAt: NOW,
});
const acme = { customerName: 'ACME Corporation', customerDomain: 'https://www.acme.com' };

describe('findConflicts', () => {
  it('finds an open registration of another partner on the same customer, with its reasons', () => {
    const [match, ...rest] = findConflicts(
      candidate,
      {
        registrations: [reg({ id: 'R1', partnerId: 'P2', ...acme, submittedAt: daysAgo(3) })],
        opportunities: [],
      },
      SETTINGS,
      NOW,
    );
    expect(rest).to.deep.equal([]);
    expect(match).to.include({
      kind: 'registration',
      id: 'R1',
      partnerId: 'P2',
      status: 'Submitted',
      score: 90,
      holdsProtection: false,
      earlier: true,
      samePartner: false,
      strong: true,
    });
    expect(match?.reasons.map((r) => r.code)).to.deep.equal(['same_domain', 'similar_name']);
  });

  const closedStatuses: RegistrationStatus[] = ['Draft', 'Rejected', 'Expired', 'Withdrawn'];
  for (const status of closedStatuses)
    it(`ignores a ${status} registration`, () => {
      const context = {
        registrations: [reg({ id: 'R1', partnerId: 'P2', ...acme, status })],
        opportunities: [],
      };
      expect(findConflicts(candidate, context, SETTINGS, NOW)).to.deep.equal([]);
    });

  it('ignores the candidate itself, in either id form', () => {
    const self = reg({ ...candidate, id: 'a0B000000000001' });
    const stored = reg({ ...self, id: 'a0B000000000001AAA' });
    expect(
      findConflicts(self, { registrations: [self, stored], opportunities: [] }, SETTINGS, NOW),
    ).to.deep.equal([]);
  });

  it('ignores claims that score below the threshold', () => {
    const context = {
      registrations: [
        reg({ id: 'R1', partnerId: 'P2', customerName: 'Initech', customerDomain: 'initech.com' }),
      ],
      opportunities: [],
    };
    expect(findConflicts(candidate, context, SETTINGS, NOW)).to.deep.equal([]);
    expect(findConflicts(candidate, context, { ...SETTINGS, conflictMatchThreshold: 1 }, NOW)).to.deep.equal(
      [],
    );
    const nameOnly = {
      registrations: [reg({ id: 'R2', partnerId: 'P2', customerName: 'Acme' })],
      opportunities: [],
    };
    expect(findConflicts(candidate, nameOnly, SETTINGS, NOW)).to.have.length(1);
    expect(
      findConflicts(candidate, nameOnly, { ...SETTINGS, conflictMatchThreshold: 71 }, NOW),
    ).to.deep.equal([]);
  });

  it('ignores claims older than the conflict window, unless they still protect another partner', () => {
    const old = { submittedAt: daysAgo(181), createdAt: daysAgo(181) };
    const context = {
      registrations: [
        reg({ id: 'OLD', partnerId: 'P2', ...acme, ...old }),
        reg({
          id: 'PROT',
          partnerId: 'P2',
          ...acme,
          ...old,
          status: 'Approved',
          decidedBy: 'Rules',
          protectedUntil: TODAY,
        }),
        reg({ id: 'EDGE', partnerId: 'P3', ...acme, submittedAt: daysAgo(180) }),
      ],
      opportunities: [opp({ id: 'O-OLD', accountName: 'Acme', createdAt: daysAgo(181) })],
    };
    expect(findConflicts(candidate, context, SETTINGS, NOW).map((c) => c.id)).to.deep.equal(['PROT', 'EDGE']);
  });

  it('says which approved registrations hold protection', () => {
    const approved = (id: string, partnerId: string, protectedUntil: string) =>
      reg({
        id,
        partnerId,
        ...acme,
        status: 'Approved',
        decidedBy: 'Rules',
        protectedUntil,
        submittedAt: daysAgo(5),
      });
    const context = {
      registrations: [
        approved('OTHER', 'P2', TODAY),
        approved('MINE', 'P1', '2026-05-01'),
        approved('LAPSED', 'P3', '2026-03-14'),
      ],
      opportunities: [],
    };
    const byId = Object.fromEntries(findConflicts(candidate, context, SETTINGS, NOW).map((c) => [c.id, c]));
    expect(byId['OTHER']).to.include({ holdsProtection: true, protectedUntil: TODAY, samePartner: false });
    expect(byId['MINE']).to.include({ holdsProtection: false, samePartner: true });
    expect(byId['LAPSED']).to.include({ holdsProtection: false });
  });

  it('scores a registration on the same opportunity 100', () => {
    const onOpp = reg({ ...candidate, opportunityId: 'O1', customerName: null, customerDomain: null });
    const [match] = findConflicts(
      onOpp,
      { registrations: [reg({ id: 'R1', partnerId: 'P2', opportunityId: 'O1' })], opportunities: [] },
      SETTINGS,
      NOW,
    );
    expect(match?.score).to.equal(100);
    expect(match?.reasons[0]?.code).to.equal('same_opportunity');
    expect(match?.strong).to.equal(true);
  });

  it('finds open opportunities of the customer, not closed ones and not the candidate’s own', () => {
    const own = reg({ ...candidate, opportunityId: 'OWN' });
    const context = {
      registrations: [],
      opportunities: [
        opp({ id: 'OWN', accountDomain: 'acme.com' }),
        opp({ id: 'CLOSED', accountDomain: 'acme.com', isClosed: true, isWon: true }),
        opp({ id: 'DIRECT', accountDomain: 'acme.com', createdAt: daysAgo(20) }),
        opp({ id: 'PARTNER', accountDomain: 'acme.com', primaryPartnerId: 'P2', createdAt: daysAgo(30) }),
        opp({ id: 'MINE', accountDomain: 'acme.com', primaryPartnerId: 'P1', createdAt: daysAgo(40) }),
      ],
    };
    const found = findConflicts(own, context, SETTINGS, NOW);
    expect(found.map((c) => [c.id, c.kind, c.partnerId, c.holdsProtection, c.samePartner])).to.deep.equal([
      ['MINE', 'opportunity', 'P1', false, true],
      ['PARTNER', 'opportunity', 'P2', true, false],
      ['DIRECT', 'opportunity', null, false, false],
    ]);
  });

  it('fills a blank customer from the candidate’s own opportunity', () => {
    const blank = reg({ id: 'C', partnerId: 'P1', opportunityId: 'OWN', submittedAt: NOW });
    const context = {
      registrations: [reg({ id: 'R1', partnerId: 'P2', customerAccountId: 'ACC1' })],
      opportunities: [opp({ id: 'OWN', accountId: 'ACC1' })],
    };
    expect(findConflicts(blank, context, SETTINGS, NOW).map((c) => c.id)).to.deep.equal(['R1']);
  });

  it('sorts by score, then earlier claims first, and marks which came first', () => {
    const context = {
      registrations: [
        reg({ id: 'LATER', partnerId: 'P2', customerDomain: 'acme.com', submittedAt: NOW + 1000 }),
        reg({ id: 'NAME', partnerId: 'P2', customerName: 'Acme', submittedAt: daysAgo(9) }),
        reg({ id: 'FIRST', partnerId: 'P3', customerDomain: 'acme.com', submittedAt: daysAgo(2) }),
        reg({ id: 'TIE', partnerId: 'P3', customerDomain: 'acme.com', submittedAt: NOW }),
      ],
      opportunities: [],
    };
    const found = findConflicts(candidate, context, SETTINGS, NOW);
    expect(found.map((c) => [c.id, c.score, c.earlier])).to.deep.equal([
      ['FIRST', 90, true],
      // Same instant as the candidate 'C': the smaller id counts as earlier, so 'TIE' is later.
      ['TIE', 90, false],
      ['LATER', 90, false],
      ['NAME', 70, true],
    ]);
    expect(found.find((c) => c.id === 'NAME')?.strong).to.equal(true);
  });

  it('marks a fuzzy name match as weak', () => {
    const context = {
      registrations: [reg({ id: 'R1', partnerId: 'P2', customerName: 'Acme Widget' })],
      opportunities: [],
    };
    const widgets = reg({ ...candidate, customerName: 'Acme Widgets', customerDomain: null });
    const [match] = findConflicts(widgets, context, SETTINGS, NOW);
    expect(match?.strong).to.equal(false);
  });

  it('for any context: only open claims other than the candidate, at or above the threshold, sorted', () => {
    fc.assert(
      fc.property(arbRegistration, arbContext, arbSettings, (cand, context, settings) => {
        const found = findConflicts(cand, context, settings, NOW);
        for (const c of found) {
          expect(c.score).to.be.within(settings.conflictMatchThreshold, 100);
          expect(c.id).not.to.equal(cand.id);
          if (c.kind === 'registration') expect(c.status).to.be.oneOf(['Submitted', 'Approved']);
          else expect(context.opportunities.find((o) => o.id === c.id)?.isClosed).to.equal(false);
          if (c.holdsProtection) expect(c.samePartner).to.equal(false);
        }
        for (let i = 1; i < found.length; i++) expect(found[i - 1]!.score).to.be.at.least(found[i]!.score);
      }),
    );
  });
});
