import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parseCsvRecords, parseCsvRows } from './csv.js';
import { CrmError } from './errors.js';

// Values as Salesforce can hold them: commas, quotes, both line breaks, unicode, empty.
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r', ' ', 'é', '😀', '#', 'N/A') }),
  fc.string({ unit: 'grapheme' }),
);
const table = fc
  .integer({ min: 1, max: 6 })
  .chain((width) =>
    fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
  );

describe('parseCsvRows', () => {
  it('reads back every table csv-stringify writes, quoted or not, with LF or CRLF', () => {
    fc.assert(
      fc.property(table, fc.boolean(), fc.constantFrom('unix', 'windows'), (rows, quoted, ending) => {
        const text = stringify(rows, { quoted, quoted_empty: quoted, record_delimiter: ending as 'unix' });
        // Unquoted, csv-stringify leaves a line break inside a value as it is (ambiguous CSV), and a row of
        // one empty value is an empty line: Salesforce quotes every value, so only quoted files have them.
        fc.pre(
          quoted || rows.every((r) => (r.length > 1 || r[0] !== '') && r.every((v) => !/[\r\n]/.test(v))),
        );
        expect(parseCsvRows(text)).to.deep.equal(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a Bulk 2.0 result page: header, quoted values, empty cells for null, last line ended', () => {
    const text = '"Id","Name","Amount"\n"006A","Acme, ""West""",\n"006B","Line\nbreak","10.5"\n';
    expect(parseCsvRecords(text)).to.deep.equal([
      { Id: '006A', Name: 'Acme, "West"', Amount: '' },
      { Id: '006B', Name: 'Line\nbreak', Amount: '10.5' },
    ]);
    expect(parseCsvRecords('')).to.deep.equal([]);
    expect(parseCsvRecords('"Id"\n')).to.deep.equal([]);
    expect(parseCsvRows('\ufeffa,b')).to.deep.equal([['a', 'b']]);
    expect(parseCsvRows('a,')).to.deep.equal([['a', '']]);
  });

  it('refuses what is not CSV with BULK_BAD_RESULT, never a guess', () => {
    for (const [text, why] of [
      ['"Id","Name"\n"006A","open', 'never closes'],
      ['"Id"\n"006A"x\n', 'after a quoted value'],
      ['Id\n00"6A\n', 'quote inside an unquoted value'],
      ['"Id","Name"\n"006A"\n', 'row 1 has 1 values for 2 columns'],
      ['a\rb', 'after a quoted value'],
    ] as const) {
      let caught: unknown;
      try {
        parseCsvRecords(text);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).to.be.instanceOf(CrmError);
      expect((caught as CrmError).errorCode).to.equal('BULK_BAD_RESULT');
      expect((caught as CrmError).message, text).to.include(why);
    }
  });
});
