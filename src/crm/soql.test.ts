import { expect } from 'chai';
import fc from 'fast-check';
import { apiName, dateTimeLiteral, idList, idLiteral, likeLiteral, quote } from './soql.js';

// Reads a quoted SOQL literal back the way Salesforce's lexer does, to prove a quoted value cannot end early.
function unquote(literal: string): string | undefined {
  if (!literal.startsWith("'") || !literal.endsWith("'")) return undefined;
  let out = '';
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  for (let i = 1; i < literal.length - 1; i++) {
    const ch = literal[i]!;
    if (ch === "'") return undefined; // an unescaped quote would end the literal early
    if (ch === '\\') {
      const next = literal[++i]!;
      out += map[next] ?? next;
    } else out += ch;
  }
  return out;
}

describe('SOQL literals', () => {
  it('quotes injection attempts as one literal', () => {
    expect(quote("x' OR Name != '")).to.equal("'x\\' OR Name != \\''");
    expect(quote('a\\')).to.equal("'a\\\\'");
  });

  it('round-trips any string through quote', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => unquote(quote(s)) === s));
  });

  it('escapes LIKE wildcards in the value only', () => {
    expect(likeLiteral('50%_off', { suffix: '%' })).to.equal("'50\\%\\_off%'");
  });

  it('accepts only real Ids', () => {
    expect(idLiteral('001000000000001AAA')).to.equal("'001000000000001AAA'");
    expect(() => idLiteral("001' OR Id != '")).to.throw(TypeError);
    expect(idList(['001000000000001', '001000000000002AAA'])).to.equal(
      "('001000000000001', '001000000000002AAA')",
    );
    expect(() => idList([])).to.throw(RangeError);
  });

  it('renders datetimes at second precision', () => {
    expect(dateTimeLiteral(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).to.equal('2026-01-02T03:04:05Z');
    expect(() => dateTimeLiteral(Number.NaN)).to.throw(RangeError);
  });

  it('checks API names', () => {
    expect(apiName('Deal_Registration__c')).to.equal('Deal_Registration__c');
    expect(apiName('PRM_Tier__mdt')).to.equal('PRM_Tier__mdt');
    expect(() => apiName('Account WHERE Id != null')).to.throw(TypeError);
  });
});
