// SOQL injection: every value that goes through quote()/likeLiteral() must stay a literal when the local
// org's SOQL engine reads the query, whatever the string holds. Each property plants the exact record
// and look-alike decoys, then asserts the query matched exactly what it should: an escape that lets text
// out of the literal shows up as extra rows, missing rows or a parse error.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { Connection } from '@jsforce/jsforce-node';
import { apiName, idList, idLiteral, likeLiteral, quote } from '../../src/crm/soql.js';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { NASTY_STRINGS, wellFormed } from './support.js';

/** Any string: full unicode, ASCII controls, the known-nasty ones, and mixes of them. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'\'"\\%_\n\r\t\b\f\u0000 ()=!<>,'.split('')), maxLength: 20 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 4 })
    .map((parts) => parts.join('')),
);

type Planted = { exact: string; ids: { exact: string; longer: string; before: string; stripped?: string } };

/** The record named `<run>|s` and decoys that differ from it by length (so no case folding can merge them). */
function plant(org: LocalOrg, s: string): Planted {
  const exact = `${randomUUID()}|${s}`;
  const insert = (name: string) => org.core.insert('Account', { Name: name });
  const ids: Planted['ids'] = { exact: insert(exact), longer: insert(`${exact}~`), before: insert(`~${exact}`) };
  const stripped = exact.replace(/['"\\%_]/g, '');
  if (stripped !== exact) ids.stripped = insert(stripped);
  return { exact, ids };
}

const sorted = (ids: readonly string[]) => [...ids].sort();
const idsOf = (rows: readonly Record<string, unknown>[]) => sorted(rows.map((r) => String(r.Id)));

describe('security: SOQL literals stay literals', function () {
  this.timeout(120_000);
  let org: LocalOrg;

  before(async () => {
    org = await startLocalOrg({ port: 0 });
    // Records that an injected `OR Name LIKE '%'` or `Name != ''` would drag in.
    for (const s of NASTY_STRINGS) org.core.insert('Account', { Name: `other|${s}` });
  });
  after(async () => {
    await org?.stop();
  });

  it('quote(): Name = <value> matches exactly the record with that Name, in the org SOQL engine', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const { exact, ids } = plant(org, s);
        const rows = org.core.query(`SELECT Id, Name FROM Account WHERE Name = ${quote(exact)}`).records;
        expect(idsOf(rows), JSON.stringify(s)).to.deep.equal([ids.exact]);
        expect(rows[0]?.Name).to.equal(exact);
        // The same literal in a negated and in an IN position keeps its meaning too.
        const inList = org.core.query(`SELECT Id FROM Account WHERE Name IN (${quote(exact)}, ${quote(`${exact}~`)})`).records;
        expect(idsOf(inList), JSON.stringify(s)).to.deep.equal(sorted([ids.exact, ids.longer]));
        const total = org.core.query('SELECT COUNT() FROM Account').totalSize;
        const notEqual = org.core.query(`SELECT COUNT() FROM Account WHERE Name != ${quote(exact)}`).totalSize;
        expect(notEqual, JSON.stringify(s)).to.equal(total - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('likeLiteral(): % and _ in the value are literal; only the wildcards asked for are wild', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const { exact, ids } = plant(org, s);
        const like = (lit: string) => idsOf(org.core.query(`SELECT Id FROM Account WHERE Name LIKE ${lit}`).records);
        expect(like(likeLiteral(exact)), `exact ${JSON.stringify(s)}`).to.deep.equal([ids.exact]);
        expect(like(likeLiteral(exact, { suffix: '%' })), `starts with ${JSON.stringify(s)}`).to.deep.equal(
          sorted([ids.exact, ids.longer]),
        );
        expect(like(likeLiteral(exact, { prefix: '%' })), `ends with ${JSON.stringify(s)}`).to.deep.equal(
          sorted([ids.exact, ids.before]),
        );
        expect(like(likeLiteral(exact, { prefix: '%', suffix: '%' })), `contains ${JSON.stringify(s)}`).to.deep.equal(
          sorted([ids.exact, ids.longer, ids.before]),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('over HTTP with jsforce: quoted values in /query match exactly their record', async () => {
    const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '63.0' });
    // A URL cannot carry a lone surrogate; everything else goes over the wire.
    const wire = anyString.filter((s) => wellFormed(s));
    await fc.assert(
      fc.asyncProperty(wire, async (s) => {
        const { exact, ids } = plant(org, s);
        const eq = await conn.query<{ Id: string; Name: string }>(`SELECT Id, Name FROM Account WHERE Name = ${quote(exact)}`);
        expect(idsOf(eq.records), JSON.stringify(s)).to.deep.equal([ids.exact]);
        expect(eq.records[0]?.Name).to.equal(exact);
        const like = await conn.query<{ Id: string }>(`SELECT Id FROM Account WHERE Name LIKE ${likeLiteral(exact, { suffix: '%' })}`);
        expect(idsOf(like.records), JSON.stringify(s)).to.deep.equal(sorted([ids.exact, ids.longer]));
      }),
      { numRuns: 40 },
    );
  });

  it('idLiteral()/idList() accept only 15/18-character alphanumeric Ids and refuse everything else', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ unit: fc.constantFrom(...'aZ09\'_ -'.split('')), minLength: 14, maxLength: 19 })), (s) => {
        const isId = /^[A-Za-z0-9]{15}$|^[A-Za-z0-9]{18}$/.test(s);
        if (isId) expect(idLiteral(s)).to.equal(`'${s}'`);
        else {
          expect(() => idLiteral(s), JSON.stringify(s)).to.throw(TypeError);
          expect(() => idList(['001000000000001AAA', s]), JSON.stringify(s)).to.throw(TypeError);
        }
      }),
      { numRuns: 500 },
    );
    expect(() => idList([])).to.throw(RangeError);
    const valid = fc.string({ unit: fc.constantFrom(...'abcXYZ019'.split('')), minLength: 18, maxLength: 18 });
    fc.assert(
      fc.property(valid, (id) => {
        expect(idList([id, id.slice(0, 15)])).to.equal(`('${id}', '${id.slice(0, 15)}')`);
      }),
    );
  });

  it('apiName() returns only identifier text and refuses anything that could end or extend the query', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        let out: string | undefined;
        try {
          out = apiName(s);
        } catch (e) {
          expect(e, JSON.stringify(s)).to.be.instanceOf(TypeError);
        }
        if (out !== undefined) {
          expect(out).to.equal(s);
          expect(out, JSON.stringify(s)).to.match(/^[A-Za-z][A-Za-z0-9_]*$/);
        }
      }),
      { numRuns: 500 },
    );
    for (const bad of ['Name FROM Account', 'Id,Name', "Name'", 'Name--', 'Account.Name', '1Name', '', ' Name', 'Name\n', '(SELECT Id FROM Contacts)']) {
      expect(() => apiName(bad), JSON.stringify(bad)).to.throw(TypeError);
    }
    for (const good of ['Name', 'Deal_Registration__c', 'PRM_Tier__mdt', 'Partner_Account__r']) expect(apiName(good)).to.equal(good);
  });

  it('an API name that passes apiName() used as a field is either that field or an INVALID_FIELD refusal', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aNmeId_c'.split('')), minLength: 1, maxLength: 10 }), (s) => {
        let field: string;
        try {
          field = apiName(s);
        } catch {
          return;
        }
        try {
          const rows = org.core.query(`SELECT Id FROM Account WHERE ${field} = ${quote('never such a value')}`).records;
          expect(rows, s).to.deep.equal([]);
        } catch (e) {
          // An Id or lookup field compared with a value that is no Id is refused as Salesforce does it.
          const allowed = ['INVALID_FIELD', 'MALFORMED_QUERY', 'INVALID_QUERY_FILTER_OPERATOR'];
          expect((e as { errorCode?: string }).errorCode, `${s}: ${String(e)}`).to.be.oneOf(allowed);
        }
      }),
      { numRuns: 200 },
    );
  });
});
