// The prepared, indexed conflict search (prepareConflictPool, the caches behind findConflicts) must
// return exactly what a straightforward scan of every claim returns: the same ids, scores, reasons and
// order. The reference below is the scan findConflicts did before the pool existed.
import { expect } from 'chai';
import fc from 'fast-check';
import type { RegistrationSettings } from '../config.js';
import { reason } from '../reason.js';
import { addDays, dateOf, type Instant } from '../time.js';
import {
  findConflicts,
  prepareConflictPool,
  protectsOn,
  registeredAt,
  type ConflictMatch,
} from './conflicts.js';
import { arbSettings, NOW } from './fixtures.test.js';
import {
  couldNamesMatch,
  matchKey,
  nameProfile,
  normaliseCompanyName,
  normalisedSimilarity,
  sameRecordId,
  scoreMatchKeys,
} from './identity.js';
import type { OpportunitySummary, Registration, RegistrationContext } from './schemas.js';

const STRONG = new Set(['same_opportunity', 'same_account', 'same_domain']);

function referenceConflicts(
  candidate: Registration,
  context: RegistrationContext,
  settings: RegistrationSettings,
  now: Instant,
): ConflictMatch[] {
  const today = dateOf(now);
  const candidateAt = registeredAt(candidate, now);
  const windowStart = addDays(dateOf(candidateAt), -settings.conflictWindowDays);
  const own =
    candidate.opportunityId == null
      ? undefined
      : context.opportunities.find((o) => sameRecordId(o.id, candidate.opportunityId));
  const key = matchKey({
    accountId: candidate.customerAccountId ?? own?.accountId ?? null,
    name: candidate.customerName ?? own?.accountName ?? null,
    domain: candidate.customerDomain ?? own?.accountDomain ?? null,
    products: candidate.products.length > 0 ? candidate.products : (own?.products ?? []),
  });
  const isStrong = (reasons: ConflictMatch['reasons']) =>
    reasons.some((r) => STRONG.has(r.code) || (r.code === 'similar_name' && r.data?.['similarity'] === 1));
  const found: (ConflictMatch & { at: Instant })[] = [];
  for (const other of context.registrations) {
    if (other.id === candidate.id || sameRecordId(other.id, candidate.id)) continue;
    if (other.status !== 'Submitted' && other.status !== 'Approved') continue;
    const samePartner = sameRecordId(other.partnerId, candidate.partnerId);
    const protecting = protectsOn(other, today);
    const at = registeredAt(other, now);
    if (dateOf(at) < windowStart && !(protecting && !samePartner)) continue;
    let { score, reasons } = scoreMatchKeys(
      key,
      matchKey({
        accountId: other.customerAccountId,
        name: other.customerName,
        domain: other.customerDomain,
        products: other.products,
      }),
    );
    if (candidate.opportunityId != null && sameRecordId(candidate.opportunityId, other.opportunityId)) {
      score = 100;
      reasons = [
        reason('same_opportunity', 'Registered on the same opportunity', {
          opportunityId: other.opportunityId,
        }),
        ...reasons,
      ];
    }
    if (score < settings.conflictMatchThreshold) continue;
    found.push({
      kind: 'registration',
      id: other.id,
      partnerId: other.partnerId,
      status: other.status,
      score,
      reasons,
      holdsProtection: protecting && !samePartner,
      protectedUntil: other.protectedUntil ?? null,
      submittedAt: other.submittedAt ?? null,
      earlier: at < candidateAt || (at === candidateAt && other.id < candidate.id),
      samePartner,
      strong: isStrong(reasons),
      at,
    });
  }
  for (const opp of context.opportunities) {
    if (opp.isClosed) continue;
    if (candidate.opportunityId != null && sameRecordId(opp.id, candidate.opportunityId)) continue;
    if (dateOf(opp.createdAt) < windowStart) continue;
    const { score, reasons } = scoreMatchKeys(
      key,
      matchKey({
        accountId: opp.accountId,
        name: opp.accountName,
        domain: opp.accountDomain,
        products: opp.products ?? [],
      }),
    );
    if (score < settings.conflictMatchThreshold) continue;
    const partnerId = opp.primaryPartnerId ?? null;
    const samePartner = sameRecordId(partnerId, candidate.partnerId);
    found.push({
      kind: 'opportunity',
      id: opp.id,
      partnerId,
      score,
      reasons,
      holdsProtection: partnerId !== null && !samePartner,
      earlier: opp.createdAt <= candidateAt,
      samePartner,
      strong: isStrong(reasons),
      at: opp.createdAt,
    });
  }
  const order = (a: ConflictMatch & { at: Instant }, b: ConflictMatch & { at: Instant }) => {
    if (a.score !== b.score) return b.score - a.score;
    if (a.earlier !== b.earlier) return a.earlier ? -1 : 1;
    if (a.at !== b.at) return a.at - b.at;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return found.sort(order).map(({ at: _at, ...match }) => match);
}

// ---------------------------------------------------------------------------------------------------
// Generators: names close to each other (typos, swapped words, legal forms), ids in 15/18-character and
// padded forms, domains as URLs and emails, so every index and the name bound are exercised.

const HOUR = 3_600_000;
const arbInstant = fc.integer({ min: -500, max: 400 }).map((d) => NOW + d * HOUR * 6);
const arbDay = fc.integer({ min: -300, max: 300 }).map((d) => dateOf(NOW + d * 86_400_000));
const stems = [
  'acme',
  'acne',
  'acmee',
  'globex',
  'globe',
  'micro soft',
  'microsoft',
  'bank of acme',
  'acme bank',
];
const arbName = fc.oneof(
  fc.constantFrom(
    null,
    '',
    'The Acme Company',
    'ACME Corp.',
    'Ácmé GmbH & Co. KG',
    'Initech',
    'Globex Corporation',
  ),
  fc
    .tuple(fc.constantFrom(...stems), fc.constantFrom('', ' Inc', ' Ltd', ' Widgets', ' Labs'))
    .map(([s, l]) => s + l),
  fc.stringMatching(/^[acegmnox ]{1,9}$/),
);
const ids = (prefix: string) => [
  `${prefix}000000000001`,
  `${prefix}000000000001AAA`,
  ` ${prefix}000000000001 `,
  `${prefix}000000000002`,
  `${prefix}000000000003XYZ`,
];
const accountIds = [null, '', ...ids('001')];
const oppIds = [null, '  ', ...ids('006')];
const arbDomain = fc.constantFrom(
  null,
  'acme.com',
  'https://www.acme.com/x',
  'jo@sales.acme.com',
  'acme.co.uk',
  'shop.acme.co.uk',
  'globex.com',
  'jo@gmail.com',
  'co.uk',
);
const arbProducts = fc.subarray(['Analytics', 'CRM', ' crm ', 'Service']);
const partners = ['P1', 'P2', ' P2 ', 'P3'];

const arbRegistration: fc.Arbitrary<Registration> = fc.record({
  id: fc.constantFrom(...ids('a0B').slice(0, 4), 'R5', 'R6', 'R7', 'R8'),
  partnerId: fc.constantFrom(...partners),
  opportunityId: fc.constantFrom(...oppIds),
  customerAccountId: fc.constantFrom(...accountIds),
  customerName: arbName,
  customerDomain: arbDomain,
  type: fc.constantFrom('Sourced', 'Influenced') as fc.Arbitrary<Registration['type']>,
  products: arbProducts,
  estimatedAmountCents: fc.integer({ min: 0, max: 1_000_000 }),
  status: fc.constantFrom(
    'Draft',
    'Submitted',
    'Submitted',
    'Approved',
    'Approved',
    'Rejected',
    'Expired',
  ) as fc.Arbitrary<Registration['status']>,
  submittedAt: fc.option(arbInstant),
  decidedBy: fc.constantFrom(null, 'Rules', 'Manager') as fc.Arbitrary<Registration['decidedBy']>,
  protectedUntil: fc.option(arbDay),
  createdAt: arbInstant,
});

const arbOpportunity: fc.Arbitrary<OpportunitySummary> = fc.record({
  id: fc.constantFrom(...ids('006'), 'O6', 'O7'),
  name: fc.constant('Deal'),
  accountId: fc.constantFrom(...accountIds),
  accountName: arbName,
  accountDomain: arbDomain,
  isClosed: fc.boolean(),
  isWon: fc.constant(false),
  createdAt: arbInstant,
  primaryPartnerId: fc.constantFrom(null, ...partners),
  products: fc.option(arbProducts, { nil: undefined }),
});

const arbContext: fc.Arbitrary<RegistrationContext> = fc.record({
  registrations: fc.array(arbRegistration, { maxLength: 25 }),
  opportunities: fc.array(arbOpportunity, { maxLength: 25 }),
});

const arbThresholdSettings: fc.Arbitrary<RegistrationSettings> = fc
  .tuple(
    arbSettings,
    fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, -5, 40, 50, 55, 60, 61, 70, 80, 81)),
  )
  .map(([s, t]) => ({ ...s, conflictMatchThreshold: t }));

const arbNow = fc.integer({ min: -40, max: 40 }).map((d) => NOW + d * HOUR * 6);

describe('findConflicts with a prepared pool', () => {
  it('returns exactly what a scan of every claim returns', () => {
    fc.assert(
      fc.property(
        fc.array(arbRegistration, { minLength: 1, maxLength: 5 }),
        arbContext,
        arbThresholdSettings,
        arbNow,
        (candidates, context, settings, now) => {
          const pool = prepareConflictPool(context);
          for (const cand of candidates) {
            const expected = referenceConflicts(cand, context, settings, now);
            expect(findConflicts(cand, context, settings, now)).to.deep.equal(expected);
            expect(findConflicts(cand, context, settings, now, pool)).to.deep.equal(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('judges a candidate from the pool against the pool itself (the full recompute)', () => {
    fc.assert(
      fc.property(arbContext, arbThresholdSettings, arbNow, (context, settings, now) => {
        const pool = prepareConflictPool(context);
        for (const cand of context.registrations)
          expect(findConflicts(cand, context, settings, now, pool)).to.deep.equal(
            referenceConflicts(cand, context, settings, now),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('accepts closed opportunities added to the context, and ignores a pool of another context', () => {
    fc.assert(
      fc.property(
        arbRegistration,
        arbContext,
        arbContext,
        arbOpportunity,
        arbThresholdSettings,
        (cand, context, other, extra, settings) => {
          const open = {
            registrations: context.registrations.filter(
              (r) => r.status === 'Submitted' || r.status === 'Approved',
            ),
            opportunities: context.opportunities.filter((o) => !o.isClosed),
          };
          const pool = prepareConflictPool(open);
          // As src/sync/compute.ts does: the candidate's own closed opportunity appended.
          const withOwn = { ...open, opportunities: [...open.opportunities, { ...extra, isClosed: true }] };
          expect(findConflicts(cand, withOwn, settings, NOW, pool)).to.deep.equal(
            referenceConflicts(cand, withOwn, settings, NOW),
          );
          expect(findConflicts(cand, context, settings, NOW, prepareConflictPool(other))).to.deep.equal(
            referenceConflicts(cand, context, settings, NOW),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('notices claims added to the same arrays after a first search', () => {
    fc.assert(
      fc.property(
        arbRegistration,
        arbContext,
        arbContext,
        arbThresholdSettings,
        (cand, context, more, settings) => {
          const mutable = {
            registrations: [...context.registrations],
            opportunities: [...context.opportunities],
          };
          findConflicts(cand, mutable, settings, NOW);
          mutable.registrations.push(...more.registrations);
          mutable.opportunities.unshift(...more.opportunities);
          expect(findConflicts(cand, mutable, settings, NOW)).to.deep.equal(
            referenceConflicts(cand, mutable, settings, NOW),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('couldNamesMatch', () => {
  const arbRawName = fc.oneof(
    arbName,
    fc.string({ maxLength: 10 }),
    fc.stringMatching(/^[aceimnorst ]{1,14}$/),
  );
  it('never rules out two names that reach the similarity', () => {
    fc.assert(
      fc.property(arbRawName, arbRawName, fc.double({ min: 0.5, max: 1, noNaN: true }), (a, b, s) => {
        const x = normaliseCompanyName(a);
        const y = normaliseCompanyName(b);
        if (x === '' || y === '') return;
        if (normalisedSimilarity(x, y) >= s)
          expect(couldNamesMatch(nameProfile(x), nameProfile(y), s)).to.equal(true);
      }),
      { numRuns: 3000 },
    );
  });
});
