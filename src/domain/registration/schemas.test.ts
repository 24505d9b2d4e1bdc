import { expect } from 'chai';
import { DomainInputError, parseRecord } from '../errors.js';
import {
  parseOpportunitySummary,
  parseRegistration,
  parseRegistrationContext,
  RegistrationContext,
} from './schemas.js';

const valid = {
  id: 'a0B000000000001',
  partnerId: '001000000000009',
  type: 'Sourced',
  estimatedAmountCents: 500_00,
  status: 'Submitted',
  submittedAt: 1_773_576_000_000,
  createdAt: 1_773_500_000_000,
};

function parseError(fn: () => unknown): DomainInputError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(DomainInputError);
    return error as DomainInputError;
  }
  throw new Error('expected a DomainInputError');
}

describe('parseRegistration', () => {
  it('accepts a valid record and defaults the products to none', () => {
    const r = parseRegistration(valid);
    expect(r.products).to.deep.equal([]);
    expect(r.estimatedAmountCents).to.equal(50_000);
    expect(r.status).to.equal('Submitted');
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'a negative amount',
      { estimatedAmountCents: -5 },
      'estimatedAmountCents',
      /must be a whole number of cents ≥ 0/,
    ],
    [
      'a fractional amount',
      { estimatedAmountCents: 10.5 },
      'estimatedAmountCents',
      /must be a whole number \(got 10.5\)/,
    ],
    ['a missing partner', { partnerId: undefined }, 'partnerId', /is required/],
    ['a blank partner', { partnerId: '  ' }, 'partnerId', /must not be empty/],
    [
      'an unknown status',
      { status: 'Pending' },
      'status',
      /must be one of Draft, Submitted, .* \(got "Pending"\)/,
    ],
    ['an unknown type', { type: 'Resold' }, 'type', /must be one of Sourced, Influenced/],
    ['an impossible date', { protectedUntil: '2026-02-30' }, 'protectedUntil', /real calendar date/],
    ['a text timestamp', { submittedAt: '2026-03-01T00:00:00Z' }, 'submittedAt', /must be a number/],
    ['a product that is not text', { products: ['CRM', 7] }, 'products[1]', /must be a string/],
    ['a decider outside the list', { decidedBy: 'Partner' }, 'decidedBy', /must be one of Rules, Manager/],
  ];
  for (const [what, change, field, message] of bad)
    it(`refuses ${what}, naming the record and the field`, () => {
      const error = parseError(() => parseRegistration({ ...valid, ...change }));
      expect(error.code).to.equal('INVALID_INPUT');
      expect(error.recordId).to.equal('a0B000000000001');
      expect(error.field).to.equal(field);
      expect(error.message).to.match(
        new RegExp(`^Registration a0B000000000001: ${field.replace(/[[\]]/g, '\\$&')} `),
      );
      expect(error.message).to.match(message);
    });

  it('says when the record has no id', () => {
    const error = parseError(() => parseRegistration({ ...valid, id: undefined }));
    expect(error.recordId).to.equal(undefined);
    expect(error.message).to.equal('Registration (no id): id is required');
  });

  it('lists every problem, the first one being the field it names', () => {
    const error = parseError(() => parseRegistration({ ...valid, status: 'Nope', estimatedAmountCents: -1 }));
    expect(error.issues.map((i) => i.field)).to.have.members(['status', 'estimatedAmountCents']);
    expect(error.issues[0]?.field).to.equal(error.field);
  });

  it('refuses something that is not a record at all', () => {
    expect(parseError(() => parseRegistration('a0B1')).message).to.match(
      /^Registration \(no id\): \(record\) must be an object/,
    );
  });
});

describe('parseOpportunitySummary and parseRegistrationContext', () => {
  it('names the opportunity and the field', () => {
    const error = parseError(() =>
      parseOpportunitySummary({
        id: '006000000000001',
        name: 'Deal',
        isClosed: 'no',
        isWon: false,
        createdAt: 0,
      }),
    );
    expect(error.message).to.equal('Opportunity 006000000000001: isClosed must be a boolean (got "no")');
  });

  it('names the record inside the context that is wrong, not the context', () => {
    const error = parseError(() =>
      parseRegistrationContext({
        registrations: [valid, { ...valid, id: 'a0B000000000002', estimatedAmountCents: -3 }],
        opportunities: [],
      }),
    );
    expect(error.recordId).to.equal('a0B000000000002');
    expect(error.field).to.equal('estimatedAmountCents');
  });

  it('parses a valid context', () => {
    const context = parseRegistrationContext({
      registrations: [valid],
      opportunities: [{ id: '006000000000001', name: 'Deal', isClosed: false, isWon: false, createdAt: 0 }],
    });
    expect(context.registrations).to.have.length(1);
    expect(context.opportunities[0]?.id).to.equal('006000000000001');
  });

  it('names the inner record when a whole context is parsed as one schema', () => {
    const error = parseError(() =>
      parseRecord(
        RegistrationContext,
        { registrations: [valid, { ...valid, id: 'a0B000000000002', status: 'Open' }], opportunities: [] },
        'Registration',
      ),
    );
    expect(error.message).to.match(/^Registration a0B000000000002: status must be one of/);
    expect(error.field).to.equal('status');
    expect(error.issues[0]?.field).to.equal('status');
  });

  it('refuses a context without its lists', () => {
    expect(parseError(() => parseRegistrationContext({ registrations: [] })).field).to.equal('opportunities');
  });
});
