// Is this the same customer? Partners type customer names and web addresses by hand, so two claims on
// one deal rarely match byte for byte: "ACME Corp." / "Acme Corporation", "https://www.acme.com/" /
// "jo@acme.com". The rules compare normalised forms and explain every signal that made two match.
import { reason, type Reason } from '../reason.js';

export type CustomerIdentity = {
  accountId?: string | null;
  name?: string | null;
  domain?: string | null;
  products?: readonly string[];
};

// ---------------------------------------------------------------------------------------------------
// Record ids

const SF_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * Salesforce hands out the same record as a 15-character (case-sensitive) or an 18-character id; the
 * last three characters are only a checksum, so two ids are the same record when their first 15 agree.
 */
export function sameRecordId(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = a?.trim() ?? '';
  const y = b?.trim() ?? '';
  if (x === '' || y === '') return false;
  return canonicalId(x) === canonicalId(y);
}

function canonicalId(id: string): string {
  return SF_ID.test(id) ? id.slice(0, 15) : id;
}

/** The 15-character form of a trimmed, non-blank record id: two ids are the same record when these agree. */
export const canonicalRecordId = canonicalId;

// ---------------------------------------------------------------------------------------------------
// Domains

// An address at one of these says who the person is, not which company they buy for.
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'mail.ru',
  'yandex.com',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
]);

// Suffixes under which unrelated companies each get a name: country second levels and hosting
// platforms. Without them acme.co.uk and globex.co.uk, or acme.myshopify.com and globex.myshopify.com,
// would look like one company. A short list for the common cases, not the whole public suffix list.
const SHARED_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'org.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'com.br',
  'com.mx',
  'com.ar',
  'com.cn',
  'com.hk',
  'com.sg',
  'com.tw',
  'com.tr',
  'com.my',
  'com.ph',
  'co.in',
  'co.id',
  'co.il',
  'co.za',
  'github.io',
  'herokuapp.com',
  'azurewebsites.net',
  'cloudfront.net',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'blogspot.com',
  'wordpress.com',
  'wixsite.com',
  'myshopify.com',
  'squarespace.com',
  'my.salesforce.com',
  'my.site.com',
  'force.com',
  'sharepoint.com',
]);

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * The company domain in a URL (`https://www.Acme.com/x?y`), an email (`jo@sales.acme.co.uk`) or a bare
 * domain: lowercased, without scheme, user, port, path and a leading `www.`. Subdomains other than www
 * are kept (sales.acme.co.uk), because scoreMatch also compares the registrable part. Null for junk and
 * for free-mail providers, which identify a person rather than a company.
 */
export function normaliseDomain(input: string | null | undefined): string | null {
  if (input == null) return null;
  let s = input.trim().toLowerCase();
  s = s
    .replace(/^mailto:/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^\/\//, '');
  s = s.split(/[/?#\s]/)[0] ?? '';
  s = s.slice(s.lastIndexOf('@') + 1);
  s = s.replace(/:\d*$/, '').replace(/\.$/, '');
  if (s.length === 0 || s.length > 253) return null;
  let labels = s.split('.');
  if (labels.length > 2 && /^www\d*$/.test(labels[0]!)) labels = labels.slice(1);
  if (labels.length < 2 || !labels.every((l) => l.length <= 63 && LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null; // an IP address, not a company
  const domain = labels.join('.');
  if (SHARED_SUFFIXES.has(domain)) return null;
  const registrable = registrableDomain(domain);
  if (FREE_MAIL.has(domain) || (registrable !== null && FREE_MAIL.has(registrable))) return null;
  return domain;
}

/**
 * The part of a normalised domain a company registers: sales.acme.co.uk → acme.co.uk. Null when the
 * domain is itself a shared suffix.
 */
export function registrableDomain(domain: string): string | null {
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  let suffixLength = 1;
  for (let n = labels.length; n >= 2; n--) {
    if (SHARED_SUFFIXES.has(labels.slice(-n).join('.'))) {
      suffixLength = n;
      break;
    }
  }
  if (labels.length <= suffixLength) return null;
  return labels.slice(-(suffixLength + 1)).join('.');
}

// ---------------------------------------------------------------------------------------------------
// Company names

const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'llp',
  'lp',
  'pllc',
  'pc',
  'ltd',
  'limited',
  'plc',
  'ulc',
  'gmbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'ug',
  'sa',
  'sas',
  'sarl',
  'sl',
  'bv',
  'nv',
  'pty',
  'pte',
  'pvt',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kk',
  'srl',
  'spa',
  'sro',
  'se',
  'cv',
  'lda',
  'ltda',
  'sdn',
  'bhd',
]);

// Left dangling once the suffix after them is gone: "Acme GmbH & Co. KG", "Acme SA de CV".
const CONNECTORS = new Set(['and', 'de']);

// Letters NFKD does not decompose into a base letter plus a mark.
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A company name reduced to what identifies it: lowercase, no accents or punctuation, `&` → `and`, no
 * leading "the" and no trailing legal form ("Acme Corp.", "ACME Corporation", "The Acme Company" →
 * "acme"). A name made only of such words keeps its last word rather than becoming empty.
 */
export function normaliseCompanyName(name: string | null | undefined): string {
  if (name == null) return '';
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLDED[c] ?? c);
  s = s.replace(/&/g, ' and ').replace(/['’`´]/g, '');
  // Dotted initials are one word: l.l.c. → llc, s.a. → sa, u.s.a. → usa.
  s = s.replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])\.?/gu, (m) => m.replace(/\./g, ''));
  const tokens = s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  let stripped = false;
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1]!;
    if (LEGAL_SUFFIXES.has(last) || (stripped && CONNECTORS.has(last))) {
      tokens.pop();
      stripped = true;
    } else break;
  }
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.join(' ');
}

// Scratch buffers for jaroWinkler, grown as needed: a full recompute compares millions of name pairs, and
// arrays made per comparison made the garbage collector the biggest cost at 1M records.
let codesA = new Uint32Array(64);
let codesB = new Uint32Array(64);
let usedA = new Uint8Array(64);
let usedB = new Uint8Array(64);

/** Writes the code points of s into `into` (at least s.length long); returns how many. */
function fillCodePoints(s: string, into: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    into[n++] = c;
    // A character outside the BMP is two UTF-16 units and counts once.
    if (c > 0xffff) i++;
  }
  return n;
}

/** Jaro similarity of the first la code points of codesA and the first lb of codesB. */
function jaro(la: number, lb: number): number {
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  usedA.fill(0, 0, la);
  usedB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const to = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= to; j++) {
      if (usedB[j] === 0 && codesB[j] === codesA[i]) {
        usedB[j] = 1;
        usedA[i] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  // Matched characters in the order of each string: half the positions where they differ.
  let differ = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (usedA[i] === 0) continue;
    while (usedB[j] === 0) j++;
    if (codesA[i] !== codesB[j]) differ++;
    j++;
  }
  const transpositions = differ / 2;
  return (m / la + m / lb + (m - transpositions) / m) / 3;
}

function jaroWinkler(x: string, y: string): number {
  if (codesA.length < x.length)
    [codesA, usedA] = [new Uint32Array(x.length * 2), new Uint8Array(x.length * 2)];
  if (codesB.length < y.length)
    [codesB, usedB] = [new Uint32Array(y.length * 2), new Uint8Array(y.length * 2)];
  const la = fillCodePoints(x, codesA);
  const lb = fillCodePoints(y, codesB);
  const j = jaro(la, lb);
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && codesA[prefix] === codesB[prefix]) prefix++;
  return j > 0.7 ? j + prefix * 0.1 * (1 - j) : j;
}

/** The two forms of a normalised name that similarity compares: spaces removed, and words sorted. */
export type NameForms = { readonly name: string; readonly compact: string; readonly sorted: string };

export function nameForms(name: string): NameForms {
  return { name, compact: name.replace(/ /g, ''), sorted: name.split(' ').sort().join(' ') };
}

/** normalisedSimilarity of two names whose forms are already known (computed once per name). */
export function similarityOfForms(a: NameForms, b: NameForms): number {
  if (a.name === '' || b.name === '') return 0;
  if (a.name === b.name) return 1;
  const compact = jaroWinkler(a.compact, b.compact);
  const sorted = jaroWinkler(a.sorted, b.sorted);
  // Rounded so that reasons and scores do not carry float noise.
  return Math.round(Math.max(compact, sorted) * 1000) / 1000;
}

/**
 * Similarity of two company names in [0, 1], symmetric: the Jaro-Winkler similarity of their normalised
 * forms, compared both with the spaces removed ("Micro Soft" / "Microsoft") and with the words sorted
 * ("Bank of Acme" / "Acme Bank of"). 1 for equal normalised names; 0 when either is empty, because an
 * empty name identifies nobody.
 */
export function nameSimilarity(a: string, b: string): number {
  return normalisedSimilarity(normaliseCompanyName(a), normaliseCompanyName(b));
}

/** nameSimilarity of two names already normalised by normaliseCompanyName. */
export function normalisedSimilarity(x: string, y: string): number {
  return similarityOfForms(nameForms(x), nameForms(y));
}

/**
 * What a cheap upper bound on the similarity of a normalised name needs: its code points (spaces left
 * out) sorted, their number and the number of spaces.
 */
export type NameProfile = {
  name: string;
  /** The code points of the name without its spaces, in ascending order (numbers compare fastest). */
  chars: Uint32Array;
  spaces: number;
  forms: NameForms;
};

/** `forms`: nameForms(name) when already known (a pool shares one per name). */
export function nameProfile(name: string, forms: NameForms = nameForms(name)): NameProfile {
  const all = Array.from(name);
  const chars = Uint32Array.from(
    all.filter((c) => c !== ' '),
    (c) => c.codePointAt(0)!,
  ).sort();
  return { name, chars, spaces: all.length - chars.length, forms };
}

/** An upper bound on Jaro-Winkler (prefix bonus at most 4 × 0.1) from an upper bound on the Jaro similarity. */
function jaroWinklerBound(common: number, lengthA: number, lengthB: number): number {
  if (common === 0 || lengthA === 0 || lengthB === 0) return 0;
  const m = Math.min(common, lengthA, lengthB);
  const j = (m / lengthA + m / lengthB + 1) / 3;
  return j > 0.7 ? j + 0.4 * (1 - j) : j;
}

/**
 * False only when the normalised names of the two profiles cannot reach `similarity` in
 * normalisedSimilarity (non-empty, distinct names): Jaro counts at most as many matching characters as
 * the names have in common, and the Winkler bonus at most 0.4 of the rest. Names it lets through still
 * need the exact comparison.
 */
export function couldNamesMatch(a: NameProfile, b: NameProfile, similarity: number): boolean {
  if (a.name === b.name) return true;
  const x = a.chars;
  const y = b.chars;
  const spaces = Math.min(a.spaces, b.spaces);
  const bound = (common: number) =>
    Math.max(
      jaroWinklerBound(common, x.length, y.length),
      jaroWinklerBound(common + spaces, x.length + a.spaces, y.length + b.spaces),
    );
  // normalisedSimilarity rounds to 3 decimals; the small margin keeps float noise on the safe side.
  const needed = similarity - 0.0005 - 1e-9;
  // The lengths alone first (as if every character were shared): most pairs stop here.
  if (bound(Math.min(x.length, y.length)) < needed) return false;
  let common = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return bound(common) >= needed;
}

// ---------------------------------------------------------------------------------------------------
// Match score

/** Below this similarity two names say nothing; from it a name match scores NAME_MIN…NAME_MAX. */
export const NAME_SIMILARITY_FLOOR = 0.85;
export const MATCH_POINTS = {
  sameAccount: 100,
  sameDomain: 90,
  sameRegistrableDomain: 80,
  nameMin: 40,
  nameMax: 70,
  productOverlap: 10,
} as const;

// Words that say what a company does or how it is linked, not which company it is. They are left out of
// the word-order match key, where they would otherwise lead: "airlines baletuso" would share a key with
// every airline in the book, and a block that holds a tenth of all customers compares each with all.
const GENERIC_WORDS = new Set(
  (
    'of and de the a an ' +
    'advisory airline airlines analytics bank banking capital consulting digital distribution energy ' +
    'enterprises finance financial food foods global group health healthcare holding holdings industries ' +
    'insurance international lab labs logistics managed manufacturing media mining motors network networks ' +
    'partners pharma pharmaceuticals retail robotics services shipping solutions steel systems tech ' +
    'technologies technology telecom textiles trading ventures'
  ).split(' '),
);

/** How many leading characters a match key holds. */
export const MATCH_KEY_LENGTH = 4;

/**
 * The name's match keys: the first MATCH_KEY_LENGTH characters of the name with its spaces removed, and of
 * its distinctive words in alphabetical order (the two forms normalisedSimilarity compares; generic words
 * such as "bank" or "airlines" are left out of the second unless the name has no other). Two names are
 * compared only when they share a key, as Salesforce's matching rules compare only records that share a
 * match key (built from the start of the company name): it keeps a conflict search over a large book of
 * customers from comparing every pair of names, at the price of missing a near-match whose first letters
 * differ (Jaro-Winkler already weighs the start of a name most, because people rarely mistype it).
 * Empty for an empty name.
 */
export function nameBlocks(name: string): string[] {
  if (name === '') return [];
  const first = (s: string) => Array.from(s).slice(0, MATCH_KEY_LENGTH).join('');
  const words = name.split(' ');
  const distinctive = words.filter((w) => !GENERIC_WORDS.has(w));
  const compact = first(words.join(''));
  const sorted = first((distinctive.length > 0 ? distinctive : words).sort().join(''));
  return compact === sorted ? [compact] : [compact, sorted];
}

/** Whether two names' match keys (nameBlocks) meet, so their similarity is worth computing. */
export function shareNameBlock(a: readonly string[], b: readonly string[]): boolean {
  return a.some((k) => b.includes(k));
}

export type MatchKey = {
  accountId: string | null;
  name: string;
  /** nameBlocks(name). */
  nameBlocks: string[];
  /** nameForms(name). */
  nameForms: NameForms;
  domain: string | null;
  registrable: string | null;
  products: ReadonlySet<string>;
};

// Most claims name no products: one empty set for all of them.
const NO_PRODUCTS: ReadonlySet<string> = new Set();

function productKey(p: string): string {
  return p.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The normalised form of an identity; computed once per record when it is compared with many. */
export function matchKey(identity: CustomerIdentity): MatchKey {
  const domain = normaliseDomain(identity.domain);
  const name = normaliseCompanyName(identity.name);
  const products = identity.products ?? [];
  return {
    accountId: identity.accountId?.trim() || null,
    name,
    nameBlocks: nameBlocks(name),
    nameForms: nameForms(name),
    domain,
    registrable: domain === null ? null : registrableDomain(domain),
    products: products.length === 0 ? NO_PRODUCTS : new Set(products.map(productKey).filter((p) => p !== '')),
  };
}

export type MatchResult = { score: number; reasons: Reason[] };

export function scoreMatchKeys(a: MatchKey, b: MatchKey): MatchResult {
  const reasons: Reason[] = [];
  let base = 0;
  if (a.accountId !== null && sameRecordId(a.accountId, b.accountId)) {
    base = Math.max(base, MATCH_POINTS.sameAccount);
    reasons.push(reason('same_account', 'Same customer account', { accountId: canonicalId(a.accountId) }));
  }
  if (a.domain !== null && a.domain === b.domain) {
    base = Math.max(base, MATCH_POINTS.sameDomain);
    reasons.push(reason('same_domain', `Same domain ${a.domain}`, { domain: a.domain, exact: true }));
  } else if (a.registrable !== null && a.registrable === b.registrable) {
    base = Math.max(base, MATCH_POINTS.sameRegistrableDomain);
    reasons.push(
      reason('same_domain', `Domains under the same company domain ${a.registrable}`, {
        domain: a.registrable,
        exact: false,
      }),
    );
  }
  if (a.name !== '' && b.name !== '' && shareNameBlock(a.nameBlocks, b.nameBlocks)) {
    const similarity = similarityOfForms(a.nameForms, b.nameForms);
    if (similarity >= NAME_SIMILARITY_FLOOR) {
      const span = MATCH_POINTS.nameMax - MATCH_POINTS.nameMin;
      const points = Math.round(
        MATCH_POINTS.nameMin + (span * (similarity - NAME_SIMILARITY_FLOOR)) / (1 - NAME_SIMILARITY_FLOOR),
      );
      base = Math.max(base, points);
      reasons.push(
        reason(
          'similar_name',
          similarity === 1
            ? 'Same company name'
            : `Similar company names (${Math.round(similarity * 100)}% alike)`,
          { similarity },
        ),
      );
    }
  }
  let score = base;
  // Many customers buy the same product, so a shared product only strengthens an identity match.
  if (base > 0) {
    const shared = [...a.products].filter((p) => b.products.has(p)).sort();
    if (shared.length > 0) {
      score = Math.min(100, score + MATCH_POINTS.productOverlap);
      reasons.push(reason('product_overlap', `Same products: ${shared.join(', ')}`, { products: shared }));
    }
  }
  return { score, reasons };
}

/**
 * How strongly two customer identities look like the same customer, 0–100, with one reason per signal:
 * same account (100), same domain (90; 80 when only the registrable part agrees), similar name (40–70
 * by similarity from NAME_SIMILARITY_FLOOR, for names that share a match key: see nameBlocks), and +10 for shared products when another signal matched.
 * Symmetric in score and reasons.
 */
export function scoreMatch(a: CustomerIdentity, b: CustomerIdentity): MatchResult {
  return scoreMatchKeys(matchKey(a), matchKey(b));
}
