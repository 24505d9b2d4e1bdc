import { expect } from 'chai';
import fc from 'fast-check';
import { decideRegistration } from './decide.js';
import {
  arbContext,
  arbInstant,
  arbRegistration,
  arbSettings,
  daysAgo,
  HOUR,
  NOW,
  opp,
  reg,
  SETTINGS,
  TODAY,
} from './fixtures.test.js';
import type { Registration, RegistrationContext } from './schemas.js';
import { applyVerdict } from './verdict.js';

const acme = { customerName: 'Acme Corp', customerDomain: 'acme.com' };
const candidate = reg({
  id: 'C',
  partnerId: 'P1',
  ...acme,
  submittedAt: daysAgo(1),
  estimatedAmountCents: 5_000_000,
});
const codes = (v: { reasons: { code: string }[] }): string[] => v.reasons.map((r) => r.code);
const ctx = (
  registrations: Registration[] = [],
  opportunities: RegistrationContext['opportunities'] = [],
) => ({
  registrations,
  opportunities,
});
const protectedByP2 = reg({
  id: 'PROT',
  partnerId: 'P2',
  customerName: 'ACME Corporation',
  customerDomain: 'www.acme.com',
  status: 'Approved',
  decidedBy: 'Rules',
  decidedAt: daysAgo(10),
  protectedUntil: '2026-05-01',
  submittedAt: daysAgo(10),
});

describe('decideRegistration', () => {
  describe('a manager’s decision is final', () => {
    it('keeps an approval by a manager whatever the context, noting a lapsed protection', () => {
      const decided = reg({
        ...candidate,
        status: 'Approved',
        decidedBy: 'Manager',
        decidedAt: daysAgo(200),
        decisionReason: 'Strategic partner',
        protectedUntil: '2026-01-01',
      });
      const v = decideRegistration(decided, ctx([protectedByP2]), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Approved',
        decidedBy: 'Manager',
        protectedUntil: '2026-01-01',
        reason: 'Strategic partner',
        changed: false,
      });
      expect(codes(v)).to.deep.equal(['manager_decision_final', 'protection_lapsed']);
    });

    it('keeps a rejection by a manager, and a Submitted one a manager sent back', () => {
      for (const status of ['Rejected', 'Submitted'] as const) {
        const v = decideRegistration(
          reg({ ...candidate, status, decidedBy: 'Manager', submittedAt: daysAgo(90) }),
          ctx(),
          SETTINGS,
          NOW,
        );
        expect(v.status).to.equal(status);
        expect(v.changed).to.equal(false);
        expect(codes(v)).to.deep.equal(['manager_decision_final']);
      }
    });

    it('treats an approval with no decider on record as a person’s decision', () => {
      const v = decideRegistration(
        reg({ ...candidate, status: 'Approved', protectedUntil: '2026-01-01' }),
        ctx(),
        SETTINGS,
        NOW,
      );
      expect(v).to.include({ status: 'Approved', changed: false });
      expect(v.reasons[0]).to.deep.include({
        code: 'manager_decision_final',
        data: { status: 'Approved', inferred: true },
      });
    });
  });

  const leftAlone = [
    ['Draft', 'not_submitted'],
    ['Withdrawn', 'withdrawn'],
    ['Rejected', 'already_rejected'],
    ['Expired', 'already_expired'],
  ] as const;
  for (const [status, code] of leftAlone)
    it(`leaves a ${status} registration alone (${code})`, () => {
      const v = decideRegistration(
        reg({ ...candidate, status, decidedBy: 'Rules' }),
        ctx([protectedByP2]),
        SETTINGS,
        NOW,
      );
      expect(v).to.include({ status, changed: false });
      expect(codes(v)).to.deep.equal([code]);
    });

  describe('expiry', () => {
    it('expires a registration left undecided for more than expiryDays', () => {
      const stale = reg({ ...candidate, submittedAt: NOW - 30 * 24 * HOUR - 1 });
      const v = decideRegistration(stale, ctx(), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Expired',
        decidedBy: null,
        decidedAt: null,
        changed: true,
        expiresOn: TODAY,
      });
      expect(codes(v)).to.deep.equal(['expired_undecided']);
      expect(v.reason).to.equal('Expired: no decision within 30 days of submission on 2026-02-13.');
    });

    it('does not expire it at exactly expiryDays', () => {
      const v = decideRegistration(
        reg({ ...candidate, submittedAt: NOW - 30 * 24 * HOUR }),
        ctx(),
        SETTINGS,
        NOW,
      );
      expect(v.status).to.equal('Approved');
    });

    const approvedByRules = (protectedUntil: string | null, extra: Partial<Registration> = {}) =>
      reg({
        ...candidate,
        status: 'Approved',
        decidedBy: 'Rules',
        decidedAt: daysAgo(90),
        decisionReason: 'Approved by the rules',
        protectedUntil,
        ...extra,
      });

    it('expires a rules approval the day after its protection ends', () => {
      const v = decideRegistration(approvedByRules('2026-03-14'), ctx(), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Expired',
        decidedBy: 'Rules',
        decidedAt: daysAgo(90),
        protectedUntil: '2026-03-14',
        changed: true,
      });
      expect(codes(v)).to.deep.equal(['protection_ended']);
    });

    it('keeps a rules approval through its last protected day, unchanged', () => {
      const v = decideRegistration(approvedByRules(TODAY), ctx(), SETTINGS, NOW);
      expect(v).to.include({ status: 'Approved', changed: false, expiresOn: TODAY });
      expect(codes(v)).to.deep.equal(['protection_active']);
    });

    it('keeps a rules approval whose own opportunity has closed', () => {
      const onWonDeal = approvedByRules('2026-01-01', { opportunityId: 'O1' });
      const v = decideRegistration(
        onWonDeal,
        ctx([], [opp({ id: 'O1', isClosed: true, isWon: true })]),
        SETTINGS,
        NOW,
      );
      expect(v.status).to.equal('Approved');
      const open = decideRegistration(onWonDeal, ctx([], [opp({ id: 'O1' })]), SETTINGS, NOW);
      expect(open.status).to.equal('Expired');
    });

    it('recovers a missing protection end from the approval day', () => {
      const v = decideRegistration(approvedByRules(null, { decidedAt: daysAgo(10) }), ctx(), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Approved',
        protectedUntil: '2026-06-03',
        reason: 'Approved by the rules',
        changed: true,
      });
      const lapsed = decideRegistration(
        approvedByRules(null, { decidedAt: daysAgo(91) }),
        ctx(),
        SETTINGS,
        NOW,
      );
      expect(lapsed).to.include({ status: 'Expired', protectedUntil: '2026-03-14' });
      const unknown = decideRegistration(approvedByRules(null, { decidedAt: null }), ctx(), SETTINGS, NOW);
      expect(unknown).to.include({ status: 'Approved', changed: false });
      expect(codes(unknown)).to.deep.equal(['protection_unknown']);
    });
  });

  describe('a submitted registration', () => {
    it('is approved by the rules when nothing competes, protected for protectionDays from today', () => {
      const v = decideRegistration(candidate, ctx(), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Approved',
        decidedBy: 'Rules',
        decidedAt: NOW,
        protectedUntil: '2026-06-13',
        expiresOn: '2026-06-13',
        conflictWith: null,
        slaDeadline: null,
        changed: true,
      });
      expect(codes(v)).to.deep.equal(['auto_approved']);
      expect(v.reason).to.equal(
        'Approved by the rules: no competing claim found; protected until 2026-06-13.',
      );
    });

    it('is rejected as a duplicate when another partner’s approval protects the customer', () => {
      const v = decideRegistration(candidate, ctx([protectedByP2]), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Rejected',
        decidedBy: 'Rules',
        decidedAt: NOW,
        conflictWith: 'PROT',
        conflictScore: 90,
        protectedUntil: null,
        changed: true,
      });
      expect(codes(v)).to.deep.equal(['duplicate_of_protected']);
      expect(v.reason).to.equal(
        'Rejected as a duplicate: registration PROT by partner P2 protects this customer until 2026-05-01 (match 90).',
      );
    });

    it('is rejected even when it was submitted before the protected one was approved', () => {
      const v = decideRegistration(
        reg({ ...candidate, submittedAt: daysAgo(20) }),
        ctx([protectedByP2]),
        SETTINGS,
        NOW,
      );
      expect(v.status).to.equal('Rejected');
    });

    it('waits for a manager when the protecting claim only matches on a fuzzy name', () => {
      const fuzzy = reg({ ...protectedByP2, customerName: 'Acme Widget', customerDomain: null });
      const mine = reg({ ...candidate, customerName: 'Acme Widgets', customerDomain: null });
      const v = decideRegistration(mine, ctx([fuzzy]), { ...SETTINGS, conflictMatchThreshold: 50 }, NOW);
      expect(v).to.include({ status: 'Submitted', decidedBy: null, conflictWith: 'PROT' });
      expect(v.reasons[0]).to.deep.include({ code: 'conflict_needs_manager' });
      expect(v.reasons[0]?.data?.['why']).to.equal('protected_weak_match');
    });

    it('ignores a protection held by its own partner', () => {
      const mine = reg({ ...protectedByP2, partnerId: 'P1' });
      expect(decideRegistration(candidate, ctx([mine]), SETTINGS, NOW).status).to.equal('Approved');
    });

    it('ignores an approval whose protection has lapsed', () => {
      const lapsed = reg({ ...protectedByP2, protectedUntil: '2026-03-14' });
      expect(decideRegistration(candidate, ctx([lapsed]), SETTINGS, NOW).status).to.equal('Approved');
    });

    it('waits for a manager, with an SLA deadline, when another partner registered first', () => {
      const first = reg({ id: 'R1', partnerId: 'P2', customerDomain: 'acme.com', submittedAt: daysAgo(3) });
      const v = decideRegistration(candidate, ctx([first]), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Submitted',
        decidedBy: null,
        decidedAt: null,
        conflictWith: 'R1',
        conflictOpportunityId: null,
        conflictScore: 90,
        slaDeadline: daysAgo(1) + 48 * HOUR,
        slaBreached: false,
        expiresOn: '2026-04-13',
        changed: true,
      });
      expect(codes(v)).to.deep.equal(['conflict_needs_manager']);
      expect(v.reasons[0]?.data).to.include({
        kind: 'registration',
        id: 'R1',
        partnerId: 'P2',
        why: 'earlier_registration',
      });
      expect(v.reason).to.equal(
        'Waiting for a partner manager: registration R1 by partner P2 was submitted earlier for the same customer (match 90).',
      );
    });

    it('is approved when the competing registration came later, or is its own partner’s', () => {
      const later = reg({ id: 'R1', partnerId: 'P2', customerDomain: 'acme.com', submittedAt: NOW });
      const own = reg({ id: 'R2', partnerId: 'P1', customerDomain: 'acme.com', submittedAt: daysAgo(3) });
      const v = decideRegistration(candidate, ctx([later, own]), SETTINGS, NOW);
      expect(v.status).to.equal('Approved');
      expect(v.conflicts.map((c) => c.id)).to.have.members(['R1', 'R2']);
    });

    it('waits for a manager when an earlier open opportunity belongs to another partner', () => {
      const partnerOpp = opp({
        id: 'O9',
        accountDomain: 'acme.com',
        primaryPartnerId: 'P2',
        createdAt: daysAgo(5),
      });
      const v = decideRegistration(candidate, ctx([], [partnerOpp]), SETTINGS, NOW);
      expect(v).to.include({
        status: 'Submitted',
        conflictWith: null,
        conflictOpportunityId: 'O9',
        conflictScore: 90,
      });
      expect(v.reasons[0]?.data).to.include({ kind: 'opportunity', why: 'partner_opportunity' });
    });

    it('checks a sourced claim on a customer the direct team already works, but not an influenced one', () => {
      const direct = opp({ id: 'O9', accountDomain: 'acme.com', createdAt: daysAgo(5) });
      const sourced = decideRegistration(candidate, ctx([], [direct]), SETTINGS, NOW);
      expect(sourced.status).to.equal('Submitted');
      expect(sourced.reasons[0]?.data?.['why']).to.equal('direct_opportunity');
      const influenced = decideRegistration(
        reg({ ...candidate, type: 'Influenced' }),
        ctx([], [direct]),
        SETTINGS,
        NOW,
      );
      expect(influenced.status).to.equal('Approved');
    });

    it('ignores an opportunity opened after the registration, and its own opportunity', () => {
      const later = opp({ id: 'O9', accountDomain: 'acme.com', primaryPartnerId: 'P2', createdAt: NOW });
      const own = opp({
        id: 'OWN',
        accountDomain: 'acme.com',
        primaryPartnerId: 'P2',
        createdAt: daysAgo(9),
      });
      const v = decideRegistration(
        reg({ ...candidate, opportunityId: 'OWN' }),
        ctx([], [later, own]),
        SETTINGS,
        NOW,
      );
      expect(v.status).to.equal('Approved');
    });

    it('waits for a manager when automatic approval is off', () => {
      const v = decideRegistration(candidate, ctx(), { ...SETTINGS, autoApprove: false }, NOW);
      expect(v).to.include({
        status: 'Submitted',
        decidedBy: null,
        protectedUntil: null,
        slaDeadline: daysAgo(1) + 48 * HOUR,
      });
      expect(codes(v)).to.deep.equal(['awaiting_manager', 'auto_approve_off']);
      expect(v.reason).to.equal(
        'Waiting for a partner manager: no conflict found, but automatic approval is off.',
      );
    });

    it('waits for a manager when the amount is above the limit, and approves at the limit or without one', () => {
      const limit = SETTINGS.autoApproveMaxAmountCents!;
      const over = decideRegistration(
        reg({ ...candidate, estimatedAmountCents: limit + 1 }),
        ctx(),
        SETTINGS,
        NOW,
      );
      expect(over.status).to.equal('Submitted');
      expect(codes(over)).to.deep.equal(['awaiting_manager', 'amount_over_limit']);
      expect(over.reasons[1]?.data).to.deep.equal({ amountCents: limit + 1, limitCents: limit });
      const at = decideRegistration(reg({ ...candidate, estimatedAmountCents: limit }), ctx(), SETTINGS, NOW);
      expect(at.status).to.equal('Approved');
      const noLimit = { ...SETTINGS, autoApproveMaxAmountCents: null };
      const huge = decideRegistration(reg({ ...candidate, estimatedAmountCents: 9e14 }), ctx(), noLimit, NOW);
      expect(huge.status).to.equal('Approved');
    });

    it('reports a breached SLA without changing the sentence it writes', () => {
      const waiting = reg({ ...candidate, submittedAt: daysAgo(3) });
      const v = decideRegistration(waiting, ctx(), { ...SETTINGS, autoApprove: false }, NOW);
      expect(v.slaBreached).to.equal(true);
      expect(codes(v)).to.deep.equal(['awaiting_manager', 'auto_approve_off', 'sla_breached']);
      const before = decideRegistration(waiting, ctx(), { ...SETTINGS, autoApprove: false }, daysAgo(2));
      expect(before.reason).to.equal(v.reason);
    });

    it('writes the waiting reason once, then nothing', () => {
      const off = { ...SETTINGS, autoApprove: false };
      const first = decideRegistration(reg({ ...candidate, decisionReason: 'Older text' }), ctx(), off, NOW);
      expect(first).to.include({ status: 'Submitted', changed: true });
      const applied = applyVerdict(candidate, first);
      expect(applied.decisionReason).to.equal(first.reason);
      expect(decideRegistration(applied, ctx(), off, NOW).changed).to.equal(false);
    });

    it('clears a stale conflict once the competing registration is gone', () => {
      const waited = reg({ ...candidate, conflictWith: 'R1', conflictScore: 90, decisionReason: 'Waiting' });
      const v = decideRegistration(waited, ctx(), SETTINGS, NOW);
      expect(v).to.include({ status: 'Approved', conflictWith: null, conflictScore: null, changed: true });
    });
  });

  it('writes nothing when deciding again with the same context', () => {
    const first = decideRegistration(candidate, ctx(), SETTINGS, NOW);
    const again = decideRegistration(applyVerdict(candidate, first), ctx(), SETTINGS, NOW + HOUR);
    expect(again).to.include({ status: 'Approved', changed: false, protectedUntil: '2026-06-13' });
    const waitingFirst = decideRegistration(
      candidate,
      ctx([reg({ id: 'R1', partnerId: 'P2', customerDomain: 'acme.com', submittedAt: daysAgo(3) })]),
      SETTINGS,
      NOW,
    );
    expect(waitingFirst.status).to.equal('Submitted');
  });

  describe('properties', () => {
    it('never changes a manager’s decision, whatever the context, settings and time', () => {
      fc.assert(
        fc.property(arbRegistration, arbContext, arbSettings, arbInstant, (r, context, settings, now) => {
          const decided: Registration = { ...r, decidedBy: 'Manager' };
          const v = decideRegistration(decided, context, settings, now);
          expect(v.status).to.equal(decided.status);
          expect(v.decidedBy).to.equal('Manager');
          expect(v.protectedUntil).to.equal(decided.protectedUntil ?? null);
          expect(v.changed).to.equal(false);
          expect(applyVerdict(decided, v)).to.equal(decided);
        }),
      );
    });

    it('is idempotent: deciding the decided registration again writes nothing', () => {
      fc.assert(
        fc.property(arbRegistration, arbContext, arbSettings, arbInstant, (r, context, settings, now) => {
          const first = decideRegistration(r, context, settings, now);
          const applied = applyVerdict(r, first);
          const second = decideRegistration(applied, context, settings, now);
          expect(second.changed).to.equal(false);
          expect(second.status).to.equal(first.status);
          expect(applyVerdict(applied, second)).to.deep.equal(applied);
        }),
      );
    });

    it('decides the same when it looks for conflicts only where they decide', () => {
      fc.assert(
        fc.property(arbRegistration, arbContext, arbSettings, arbInstant, (r, context, settings, now) => {
          const full = decideRegistration(r, context, settings, now);
          const lean = decideRegistration(r, context, settings, now, undefined, { decisiveOnly: true });
          const { conflicts, ...rest } = lean;
          const { conflicts: _all, ...fullRest } = full;
          expect(rest).to.deep.equal(fullRest);
          // The list is the full one wherever it decided something, and left empty only elsewhere.
          if (r.status === 'Submitted' && r.decidedBy !== 'Manager' && full.status !== 'Expired')
            expect(conflicts).to.deep.equal(full.conflicts);
          else expect(conflicts).to.deep.equal([]);
        }),
      );
    });

    it('only changes what the rules own, and says why', () => {
      fc.assert(
        fc.property(arbRegistration, arbContext, arbSettings, arbInstant, (r, context, settings, now) => {
          const v = decideRegistration(r, context, settings, now);
          expect(v.reasons.length).to.be.greaterThan(0);
          expect(v.reason).to.be.a('string').and.not.equal('');
          if (v.changed) expect(['Submitted', 'Approved']).to.include(r.status);
          if (v.status === 'Approved' && v.changed && r.status === 'Submitted') {
            expect(v.decidedBy).to.equal('Rules');
            expect(v.conflicts.some((c) => c.holdsProtection && c.kind === 'registration')).to.equal(false);
          }
          if (v.conflictWith !== null) expect(v.conflictWith).not.to.equal(r.id);
        }),
      );
    });
  });
});

describe('decideRegistration, a day in the life', () => {
  it('protects the first partner and rejects the second on the same customer', () => {
    const a = reg({ id: 'A', partnerId: 'P1', ...acme, submittedAt: daysAgo(2) });
    const b = reg({
      id: 'B',
      partnerId: 'P2',
      customerName: 'ACME Corporation',
      customerDomain: 'jo@acme.com',
      submittedAt: daysAgo(1),
    });
    // B is looked at first: A came earlier and is undecided, so B waits for a manager.
    const b1 = decideRegistration(b, ctx([a, b]), SETTINGS, NOW);
    expect(b1.status).to.equal('Submitted');
    const a1 = decideRegistration(a, ctx([a, applyVerdict(b, b1)]), SETTINGS, NOW);
    expect(a1.status).to.equal('Approved');
    const b2 = decideRegistration(applyVerdict(b, b1), ctx([applyVerdict(a, a1)]), SETTINGS, NOW + HOUR);
    expect(b2).to.include({ status: 'Rejected', conflictWith: 'A' });
  });
});
