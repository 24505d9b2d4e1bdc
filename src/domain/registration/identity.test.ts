import { expect } from 'chai';
import fc from 'fast-check';
import { arbIdentity } from './fixtures.test.js';
import {
  nameBlocks,
  nameSimilarity,
  NAME_SIMILARITY_FLOOR,
  normaliseCompanyName,
  normaliseDomain,
  registrableDomain,
  sameRecordId,
  scoreMatch,
} from './identity.js';

describe('normaliseDomain', () => {
  const cases: [string | null | undefined, string | null][] = [
    ['https://www.Acme.com/x?y', 'acme.com'],
    ['http://user:pw@Acme.com:8080/p#top', 'acme.com'],
    ['jo@sales.acme.co.uk', 'sales.acme.co.uk'],
    ['mailto:jo@Acme.io', 'acme.io'],
    ['acme.com', 'acme.com'],
    ['  WWW.ACME.COM. ', 'acme.com'],
    ['www2.acme.de', 'acme.de'],
    ['//acme.com/path', 'acme.com'],
    ['www.com', 'www.com'],
    ['a.myshopify.com', 'a.myshopify.com'],
    ['jo@gmail.com', null],
    ['Jo.Doe@Outlook.com', null],
    ['x@yahoo.co.uk', null],
    ['co.uk', null],
    ['myshopify.com', null],
    ['acme', null],
    ['n/a', null],
    ['192.168.1.1', null],
    ['http://', null],
    ['-acme.com', null],
    ['', null],
    [null, null],
    [undefined, null],
  ];
  for (const [input, expected] of cases)
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(normaliseDomain(input)).to.equal(expected);
    });

  it('finds the registrable part under country and hosting suffixes', () => {
    expect(registrableDomain('sales.acme.co.uk')).to.equal('acme.co.uk');
    expect(registrableDomain('emea.acme.com')).to.equal('acme.com');
    expect(registrableDomain('shop.acme.myshopify.com')).to.equal('acme.myshopify.com');
    expect(registrableDomain('co.uk')).to.equal(null);
  });
});

describe('normaliseCompanyName', () => {
  const cases: [string | null | undefined, string][] = [
    ['ACME Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['The Acme Company', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['ACME, L.L.C.', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme S.A. de C.V.', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ['Straße AG', 'strasse'],
    ["McDonald's Corp", 'mcdonalds'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['  Acme   Widgets  ', 'acme widgets'],
    ['Inc', 'inc'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ];
  for (const [input, expected] of cases)
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(normaliseCompanyName(input)).to.equal(expected);
    });
});

describe('nameSimilarity', () => {
  it('is 1 for names equal once normalised', () => {
    expect(nameSimilarity('Acme Corp', 'ACME Corporation')).to.equal(1);
    expect(nameSimilarity('Micro Soft', 'Microsoft')).to.equal(1);
  });

  it('rates near-identical names above the floor and different ones below it', () => {
    expect(nameSimilarity('Acme Widgets', 'Acme Widget')).to.be.above(0.95).and.below(1);
    expect(nameSimilarity('Bank of Acme', 'Acme Bank')).to.be.at.least(NAME_SIMILARITY_FLOOR);
    expect(nameSimilarity('Globex', 'Initech')).to.be.below(NAME_SIMILARITY_FLOOR);
    expect(nameSimilarity('Delta', 'Dell')).to.be.below(NAME_SIMILARITY_FLOOR);
  });

  it('is 0 when either name is empty, since an empty name identifies nobody', () => {
    expect(nameSimilarity('', '')).to.equal(0);
    expect(nameSimilarity('Acme', '  ')).to.equal(0);
  });

  it('is symmetric, within [0, 1], and 1 on itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = nameSimilarity(a, b);
        return (
          s === nameSimilarity(b, a) &&
          s >= 0 &&
          s <= 1 &&
          (normaliseCompanyName(a) === '' || nameSimilarity(a, a) === 1)
        );
      }),
    );
  });
});

// Jaro-Winkler as textbooks write it, on code points: the model the fast implementation must equal.
function referenceJaroWinkler(x: string, y: string): number {
  const a = Array.from(x);
  const b = Array.from(y);
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const used = b.map(() => false);
  const matchedA: string[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!used[j] && a[i] === b[j]) {
        used[j] = true;
        matchedA.push(a[i]!);
        break;
      }
    }
  }
  const m = matchedA.length;
  if (m === 0) return 0;
  const matchedB = b.filter((_, j) => used[j]);
  const t = matchedA.filter((c, k) => c !== matchedB[k]).length / 2;
  const jaro = (m / a.length + m / b.length + (m - t) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return jaro > 0.7 ? jaro + prefix * 0.1 * (1 - jaro) : jaro;
}

describe('nameSimilarity against a reference Jaro-Winkler', () => {
  it('equals the textbook value of the better of the two forms, for any names (astral characters too)', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[a-f ]{0,14}$/),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('acme widgets', 'acme widget', 'bank of acme', 'acme bank', '😀acme', 'a😀cme'),
    );
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [x, y] = [normaliseCompanyName(a), normaliseCompanyName(b)];
        const expected =
          x === '' || y === ''
            ? 0
            : x === y
              ? 1
              : Math.round(
                  Math.max(
                    referenceJaroWinkler(x.replace(/ /g, ''), y.replace(/ /g, '')),
                    referenceJaroWinkler(x.split(' ').sort().join(' '), y.split(' ').sort().join(' ')),
                  ) * 1000,
                ) / 1000;
        expect(nameSimilarity(a, b)).to.equal(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sameRecordId', () => {
  it('treats the 15- and 18-character forms of an id as one record', () => {
    expect(sameRecordId('001000000000001', '001000000000001AAA')).to.equal(true);
    expect(sameRecordId('001000000000001', '001000000000002')).to.equal(false);
    expect(sameRecordId('001A00000000001', '001a00000000001')).to.equal(false); // 15-char ids are case-sensitive
    expect(sameRecordId('acc-1', 'acc-1')).to.equal(true);
    expect(sameRecordId('', '')).to.equal(false);
    expect(sameRecordId(null, null)).to.equal(false);
  });
});

describe('scoreMatch', () => {
  const codes = (r: { reasons: { code: string }[] }): string[] => r.reasons.map((x) => x.code);

  it('scores the same account 100', () => {
    const r = scoreMatch({ accountId: '001000000000001' }, { accountId: '001000000000001AAA' });
    expect(r.score).to.equal(100);
    expect(codes(r)).to.deep.equal(['same_account']);
  });

  it('scores the same domain 90, written as a URL on one side and an email on the other', () => {
    const r = scoreMatch({ domain: 'https://www.acme.com/' }, { domain: 'jo@acme.com' });
    expect(r.score).to.equal(90);
    expect(r.reasons).to.deep.equal([
      { code: 'same_domain', message: 'Same domain acme.com', data: { domain: 'acme.com', exact: true } },
    ]);
  });

  it('scores domains under one company domain 80', () => {
    const r = scoreMatch({ domain: 'sales.acme.com' }, { domain: 'acme.com' });
    expect(r.score).to.equal(80);
    expect(r.reasons[0]?.data).to.deep.equal({ domain: 'acme.com', exact: false });
  });

  it('does not match two customers on one hosting platform or free-mail provider', () => {
    expect(scoreMatch({ domain: 'acme.myshopify.com' }, { domain: 'globex.myshopify.com' }).score).to.equal(
      0,
    );
    expect(scoreMatch({ domain: 'jo@gmail.com' }, { domain: 'al@gmail.com' }).score).to.equal(0);
  });

  it('scores an equal name 70 and a similar one less, with the similarity', () => {
    expect(scoreMatch({ name: 'Acme Corp' }, { name: 'ACME Corporation' }).score).to.equal(70);
    const near = scoreMatch({ name: 'Acme Widgets' }, { name: 'Acme Widget' });
    expect(near.score).to.be.within(41, 69);
    expect(near.reasons[0]?.code).to.equal('similar_name');
    expect(near.reasons[0]?.data?.['similarity']).to.equal(nameSimilarity('Acme Widgets', 'Acme Widget'));
    expect(scoreMatch({ name: 'Globex' }, { name: 'Initech' }).score).to.equal(0);
  });

  it('compares names only when they share a match key (their first four letters, as typed or with the words sorted)', () => {
    expect(nameBlocks('acme widgets')).to.deep.equal(['acme']);
    expect(nameBlocks('bank of acme')).to.deep.equal(['bank', 'acme']);
    expect(nameBlocks('x')).to.deep.equal(['x']);
    expect(nameBlocks('')).to.deep.equal([]);
    // Generic words do not lead the word-order key, unless the name has nothing else.
    expect(nameBlocks('airlines baletuso')).to.deep.equal(['airl', 'bale']);
    expect(nameBlocks('baletuso airlines')).to.deep.equal(['bale']);
    expect(nameBlocks('energy bank')).to.deep.equal(['ener', 'bank']);
    expect(scoreMatch({ name: 'Baletuso Airlines' }, { name: 'Kobatemu Airlines' }).score).to.equal(0);
    // Word order: the sorted forms share "ac".
    expect(scoreMatch({ name: 'Bank of Acme' }, { name: 'Acme Bank' }).reasons[0]?.code).to.equal(
      'similar_name',
    );
    // Similar enough, but the first letters differ: not compared, as a Salesforce match key would not.
    expect(nameSimilarity('Cmae Widgets', 'Acme Widgets')).to.be.at.least(NAME_SIMILARITY_FLOOR);
    expect(scoreMatch({ name: 'Cmae Widgets' }, { name: 'Acme Widgets' })).to.deep.equal({
      score: 0,
      reasons: [],
    });
  });

  it('finds a similar name only for names that share a match key', () => {
    const name = fc.stringMatching(/^[a-e]{1,3}( [a-e]{1,4}){0,2}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const r = scoreMatch({ name: a }, { name: b });
        const [x, y] = [normaliseCompanyName(a), normaliseCompanyName(b)];
        const shared = nameBlocks(x).some((k) => nameBlocks(y).includes(k));
        const similar = nameSimilarity(a, b) >= NAME_SIMILARITY_FLOOR;
        expect(r.reasons.some((x) => x.code === 'similar_name')).to.equal(shared && similar);
      }),
      { numRuns: 500 },
    );
  });

  it('adds 10 for shared products, but only on top of another signal', () => {
    const withDomain = scoreMatch(
      { domain: 'acme.com', products: ['CRM', ' Analytics'] },
      { domain: 'acme.com', products: ['analytics', 'Service'] },
    );
    expect(withDomain.score).to.equal(100);
    expect(codes(withDomain)).to.deep.equal(['same_domain', 'product_overlap']);
    expect(withDomain.reasons[1]?.data).to.deep.equal({ products: ['analytics'] });
    const alone = scoreMatch({ name: 'Acme', products: ['CRM'] }, { name: 'Initech', products: ['CRM'] });
    expect(alone).to.deep.equal({ score: 0, reasons: [] });
  });

  it('keeps the strongest signal and lists them all', () => {
    const r = scoreMatch(
      { accountId: 'A1', name: 'Acme', domain: 'acme.com' },
      { accountId: 'A1', name: 'Acme Inc', domain: 'acme.com' },
    );
    expect(r.score).to.equal(100);
    expect(codes(r)).to.deep.equal(['same_account', 'same_domain', 'similar_name']);
  });

  it('scores nothing for empty identities', () => {
    expect(scoreMatch({}, {})).to.deep.equal({ score: 0, reasons: [] });
  });

  it('is symmetric and an integer in 0..100 for any identities', () => {
    fc.assert(
      fc.property(arbIdentity, arbIdentity, (a, b) => {
        const ab = scoreMatch(a, b);
        const ba = scoreMatch(b, a);
        expect(ba).to.deep.equal(ab);
        return Number.isInteger(ab.score) && ab.score >= 0 && ab.score <= 100;
      }),
    );
  });

  it('is symmetric for arbitrary strings too', () => {
    const id = fc.record({
      accountId: fc.option(fc.string({ maxLength: 18 })),
      name: fc.option(fc.string({ maxLength: 12 })),
      domain: fc.option(fc.string({ maxLength: 16 })),
      products: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(id, id, (a, b) => {
        const ab = scoreMatch(a, b);
        expect(scoreMatch(b, a)).to.deep.equal(ab);
        return Number.isInteger(ab.score) && ab.score >= 0 && ab.score <= 100;
      }),
    );
  });
});
