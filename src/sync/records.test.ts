import { expect } from 'chai';
import { parseRecords } from './records.js';

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
});
