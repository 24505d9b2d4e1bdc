import { expect } from 'chai';
import fc from 'fast-check';
import { FIELD_KINDS } from './fields.js';
import type { FieldKind } from './fields.js';
import { SYNCED_OBJECTS } from './objects.js';
import type { SyncedObjectName } from './objects.js';
import { parseRecords, parseRecordsBySchema } from './records.js';

const base = {
  Id: '0015g000000000AAAA',
  SystemModstamp: '2026-11-01T10:00:00.000+0000',
  IsDeleted: false,
  Name: 'Acme',
};

describe('pulled records', () => {
  it('rejects a record with a bad value, naming the record and the field, and keeps the rest', () => {
    const { records, rejected } = parseRecords('Account', [
      { ...base, Partner_Certifications__c: 'lots' },
      { ...base, Id: '0015g000000000BAAA', Partner_Certifications__c: 3 },
    ]);
    expect(records.map((r) => r.id)).to.deep.equal(['0015g000000000BAAA']);
    expect(rejected).to.have.length(1);
    expect(rejected[0]).to.include({ objectType: 'Account', id: '0015g000000000AAAA' });
    expect(rejected[0]!.reason).to.match(/^Partner_Certifications__c /);
    expect(rejected[0]!.reason).to.not.contain('lots');
  });

  it('reads a Bulk 2.0 CSV row and a REST JSON row to the same values', () => {
    const json = parseRecords('Opportunity', [
      {
        ...base,
        Id: '0065g000000000AAAA',
        Amount: 1234.5,
        IsWon: true,
        IsClosed: true,
        CloseDate: '2026-10-01',
        Primary_Partner__c: null,
      },
    ]).records[0]!;
    const csv = parseRecords('Opportunity', [
      {
        ...base,
        Id: '0065g000000000AAAA',
        IsDeleted: 'false',
        Amount: '1234.5',
        IsWon: 'true',
        IsClosed: 'true',
        CloseDate: '2026-10-01',
        Primary_Partner__c: '',
      },
    ]).records[0]!;
    expect(csv).to.deep.equal(json);
    expect(json.systemModstamp).to.equal('2026-11-01T10:00:00.000Z');
  });

  it('keeps a deleted row as a tombstone with only its Id and SystemModstamp checked', () => {
    const { records } = parseRecords('Co_Sell_Split__c', [
      {
        Id: 'a005g000000000AAAA',
        SystemModstamp: '2026-11-01T10:00:00.000+0000',
        IsDeleted: true,
        Percent__c: 'garbage',
      },
    ]);
    expect(records).to.deep.equal([
      { id: 'a005g000000000AAAA', systemModstamp: '2026-11-01T10:00:00.000Z', isDeleted: true, fields: {} },
    ]);
  });

  it('reads every row as the field schemas do: the same values, the same rejections', () => {
    // Values of the right kind (REST and CSV spellings), near misses, blanks, and anything else.
    const good: Record<FieldKind, fc.Arbitrary<unknown>> = {
      id: fc.constantFrom('0015g000000000AAAA', '0065g000000000B'),
      text: fc.string(),
      number: fc.oneof(
        fc.integer(),
        fc.integer().map(String),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
      bool: fc.constantFrom(true, false, 'true', 'false'),
      date: fc.constantFrom('2026-01-31', '2026-12-01'),
      datetime: fc.constantFrom(
        '2026-11-01T10:00:00.000+0000',
        '2026-11-01T10:00:00Z',
        '2026-11-01T10:00:00+01:00',
        '2026-11-01',
      ),
    };
    const nearMiss: Record<FieldKind, fc.Arbitrary<unknown>> = {
      id: fc.constantFrom('a005g00000000', '0015g000000000AAA!', 42),
      text: fc.constantFrom(42, true, {}),
      number: fc.constantFrom(' ', 'NaN', '0x10', 'Infinity', Infinity, NaN, '1,5', true),
      bool: fc.constantFrom('TRUE', 1, 0, 'yes'),
      date: fc.constantFrom('2026-1-31', '31/01/2026', 20260131),
      datetime: fc.constantFrom('yesterday', '2026-13-01T10:00:00Z', 0, '2026-11-01T25:00:00Z'),
    };
    const value = (kind: FieldKind) =>
      fc.oneof(
        { weight: 60, arbitrary: good[kind] },
        { weight: 1, arbitrary: nearMiss[kind] },
        { weight: 1, arbitrary: fc.constantFrom('', null, '#N/A', undefined) },
        { weight: 1, arbitrary: fc.anything() },
      );
    const rows = (objectType: SyncedObjectName) =>
      fc.array(
        fc.record(
          Object.fromEntries(
            Object.entries(FIELD_KINDS[objectType]).map(([field, kind]) => [
              field,
              field === 'IsDeleted' ? fc.constantFrom(false, 'false', undefined) : value(kind),
            ]),
          ),
          { requiredKeys: ['Id', 'SystemModstamp'] },
        ),
        { maxLength: 5 },
      );
    const pages = fc
      .constantFrom(...SYNCED_OBJECTS.map((o) => o.name))
      .chain((objectType) => rows(objectType).map((page) => ({ objectType, page })));
    let accepted = 0;
    fc.assert(
      fc.property(pages, ({ objectType, page }) => {
        const fast = parseRecords(objectType, page);
        expect(fast).to.deep.equal(parseRecordsBySchema(objectType, page));
        accepted += fast.records.length;
      }),
      { numRuns: 500 },
    );
    // The generator must reach the accepting path, or the comparison proves little.
    expect(accepted).to.be.greaterThan(100);
  });
});
