// Shared builders and generators for the registration tests. Named *.test.ts so the build leaves it out
// (it imports fast-check, a dev dependency); it declares no tests of its own.
import fc from 'fast-check';
import { DEFAULT_PROGRAM_CONFIG, type RegistrationSettings } from '../config.js';
import { addDays, startOfDay, type DateOnly, type Instant } from '../time.js';
import {
  REGISTRATION_STATUSES,
  type OpportunitySummary,
  type Registration,
  type RegistrationContext,
} from './schemas.js';

export const TODAY: DateOnly = '2026-03-15';
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const NOW: Instant = startOfDay(TODAY) + 12 * HOUR;
export const SETTINGS: RegistrationSettings = { ...DEFAULT_PROGRAM_CONFIG.registration };

export const daysAgo = (days: number): Instant => NOW - days * DAY;

export function reg(overrides: Partial<Registration> & { id: string }): Registration {
  return {
    partnerId: 'P1',
    type: 'Sourced',
    products: [],
    estimatedAmountCents: 1_000_000,
    status: 'Submitted',
    submittedAt: daysAgo(1),
    createdAt: daysAgo(2),
    ...overrides,
  };
}

export function opp(overrides: Partial<OpportunitySummary> & { id: string }): OpportunitySummary {
  return {
    name: `Deal ${overrides.id}`,
    isClosed: false,
    isWon: false,
    createdAt: daysAgo(10),
    ...overrides,
  };
}

// Small pools, so generated records collide on customers, partners and opportunities often.
const partnerIds = ['P1', 'P2', 'P3'];
const accountIds = [null, '001000000000001', '001000000000001AAA', '001000000000002'];
const names = [null, 'Acme Corp', 'ACME Corporation', 'Acme Widgets', 'Globex', 'Globe', 'Initech'];
const domains = [
  null,
  'acme.com',
  'https://www.acme.com/x',
  'jo@sales.acme.com',
  'globex.com',
  'jo@gmail.com',
];
const productPool = ['Analytics', 'CRM', 'Service'];
const oppIds = [null, 'O1', 'O2', 'O3'];

export const arbInstant = fc.integer({ min: -400, max: 400 }).map((d) => NOW + d * HOUR * 6);
export const arbDate = fc.integer({ min: -300, max: 300 }).map((d) => addDays(TODAY, d));

export const arbIdentity = fc.record({
  accountId: fc.constantFrom(...accountIds),
  name: fc.constantFrom(...names),
  domain: fc.constantFrom(...domains),
  products: fc.subarray(productPool),
});

export const arbRegistration: fc.Arbitrary<Registration> = fc
  .record({
    id: fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6'),
    partnerId: fc.constantFrom(...partnerIds),
    opportunityId: fc.constantFrom(...oppIds),
    identity: arbIdentity,
    type: fc.constantFrom('Sourced', 'Influenced') as fc.Arbitrary<Registration['type']>,
    estimatedAmountCents: fc.integer({ min: 0, max: 100_000_000 }),
    status: fc.constantFrom(...REGISTRATION_STATUSES),
    submittedAt: fc.option(arbInstant),
    decidedAt: fc.option(arbInstant),
    decidedBy: fc.constantFrom(null, 'Rules', 'Manager') as fc.Arbitrary<Registration['decidedBy']>,
    decisionReason: fc.option(fc.constantFrom('Looks right', 'Duplicate')),
    protectedUntil: fc.option(arbDate),
    createdAt: arbInstant,
  })
  .map(({ identity, ...r }) => ({
    ...r,
    customerAccountId: identity.accountId,
    customerName: identity.name,
    customerDomain: identity.domain,
    products: identity.products,
  }));

export const arbOpportunity: fc.Arbitrary<OpportunitySummary> = fc
  .record({
    id: fc.constantFrom('O1', 'O2', 'O3', 'O4'),
    identity: arbIdentity,
    isClosed: fc.boolean(),
    isWon: fc.boolean(),
    createdAt: arbInstant,
    primaryPartnerId: fc.constantFrom(null, ...partnerIds),
  })
  .map(({ identity, ...o }) => ({
    ...o,
    name: `Deal ${o.id}`,
    isWon: o.isClosed && o.isWon,
    accountId: identity.accountId,
    accountName: identity.name,
    accountDomain: identity.domain,
    products: identity.products,
  }));

export const arbContext: fc.Arbitrary<RegistrationContext> = fc.record({
  registrations: fc.uniqueArray(arbRegistration, { maxLength: 6, selector: (r) => r.id }),
  opportunities: fc.uniqueArray(arbOpportunity, { maxLength: 4, selector: (o) => o.id }),
});

export const arbSettings: fc.Arbitrary<RegistrationSettings> = fc.record({
  protectionDays: fc.integer({ min: 1, max: 730 }),
  approvalSlaHours: fc.integer({ min: 1, max: 24 * 60 }),
  expiryDays: fc.integer({ min: 1, max: 365 }),
  conflictWindowDays: fc.integer({ min: 1, max: 1095 }),
  conflictMatchThreshold: fc.integer({ min: 1, max: 100 }),
  autoApprove: fc.boolean(),
  autoApproveMaxAmountCents: fc.option(fc.integer({ min: 0, max: 100_000_000 })),
  attributionWindowMonths: fc.integer({ min: 1, max: 36 }),
});
