// Partner and customer accounts. Partners cover every type and status, with the dates and certifications the
// tier and health rules read. Every tenth customer (from the second on) is a near-twin of the one before it,
// "Acme Corp" against "ACME Corporation, Inc." on the same domain, so conflict detection has real work to do.
import {
  COUNTRIES,
  CUSTOMER_STEMS,
  CUSTOMER_WORDS,
  ENGAGED_STATUSES,
  INDUSTRIES,
  LEGAL_SUFFIXES,
  NAME_SYLLABLES,
  PARTNER_STATUSES,
  PARTNER_STEMS,
  PARTNER_TYPES,
  PARTNER_WORDS,
  REGIONS,
  TLDS,
  type PartnerStatus,
  type PartnerType,
} from './catalog.js';
import { isoDate } from './dates.js';
import { customerRef, partnerRef, SALT, type DemoRecord, type Plan } from './plan.js';
import { chance, int, pick, streamFor, weighted, type Rng } from './random.js';

const STATUS_WEIGHTS: readonly (readonly [PartnerStatus, number])[] = [
  ['Active', 55],
  ['At Risk', 13],
  ['Onboarding', 12],
  ['Prospect', 12],
  ['Offboarded', 8],
];
const TYPE_WEIGHTS: readonly (readonly [PartnerType, number])[] = [
  ['Reseller', 30],
  ['System Integrator', 25],
  ['MSP', 15],
  ['ISV', 12],
  ['Technology', 10],
  ['Referral', 8],
];

/** The partner's type and status: the first partners cycle through all of them, the rest are drawn. */
function partnerKind(rng: Rng, partner: number): { type: PartnerType; status: PartnerStatus } {
  const type = partner <= PARTNER_TYPES.length ? PARTNER_TYPES[partner - 1]! : weighted(rng, TYPE_WEIGHTS);
  const status =
    partner <= PARTNER_STATUSES.length ? PARTNER_STATUSES[partner - 1]! : weighted(rng, STATUS_WEIGHTS);
  return { type, status };
}

/** A name unique for any index: stem and word first, then a region, then a number. */
function uniqueName(index: number, stems: readonly string[], words: readonly string[]): string {
  const combos = stems.length * words.length;
  const base = `${stems[index % stems.length]} ${words[Math.floor(index / stems.length) % words.length]}`;
  const round = Math.floor(index / combos);
  if (round === 0) return base;
  const region = REGIONS[(round - 1) % REGIONS.length];
  const lap = Math.floor((round - 1) / REGIONS.length);
  return lap === 0 ? `${base} ${region}` : `${base} ${region} ${lap + 1}`;
}

const SYLLABLE_SPACE = NAME_SYLLABLES.length ** 4;

/**
 * A coined name, different for every index below SYLLABLE_SPACE: the index is scrambled (an odd
 * multiplier is a bijection modulo a power of two) so that consecutive customers, and so most names
 * in a book, differ in more than one syllable.
 */
function coinedStem(index: number): string {
  let n = Number((BigInt(index % SYLLABLE_SPACE) * 0x9e3779b1n + 0x7f4a7c15n) % BigInt(SYLLABLE_SPACE));
  let stem = '';
  for (let k = 0; k < 4; k++) {
    stem += NAME_SYLLABLES[n % NAME_SYLLABLES.length]!;
    n = Math.floor(n / NAME_SYLLABLES.length);
  }
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** A customer name unique for any index: the stem × word list first, then a coined stem (unique) and a word. */
function customerBaseName(index: number): string {
  const combos = CUSTOMER_STEMS.length * CUSTOMER_WORDS.length;
  if (index < combos) return uniqueName(index, CUSTOMER_STEMS, CUSTOMER_WORDS);
  const n = index - combos;
  return `${coinedStem(n)} ${CUSTOMER_WORDS[n % CUSTOMER_WORDS.length]!}`;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Partner numbers of the partners who take part in deals, in partner order. */
export function engagedPartners(seed: number, partners: number): Int32Array {
  const engaged: number[] = [];
  for (let p = 1; p <= partners; p++) {
    const { status } = partnerKind(streamFor(seed, SALT.partner, p), p);
    if (ENGAGED_STATUSES.includes(status)) engaged.push(p);
  }
  return Int32Array.from(engaged);
}

export function partnerRecord(plan: Plan, partner: number): DemoRecord {
  const rng = streamFor(plan.seed, SALT.partner, partner);
  const { type, status } = partnerKind(rng, partner);
  const name = uniqueName(partner - 1, PARTNER_STEMS, PARTNER_WORDS[type]);
  const today = plan.asOfDay;
  const certifications =
    status === 'Prospect'
      ? 0
      : status === 'Active'
        ? int(rng, 1, 12)
        : status === 'Offboarded'
          ? int(rng, 0, 1)
          : int(rng, 0, 3);
  const engagedDaysAgo = {
    Active: int(rng, 0, 45),
    'At Risk': int(rng, 60, 200),
    Onboarding: int(rng, 0, 14),
    Prospect: int(rng, 0, 90),
    Offboarded: int(rng, 180, 600),
  }[status];
  const onboardedDaysAgo = status === 'Onboarding' ? int(rng, 5, 60) : int(rng, 120, 1500);
  return {
    '@ref': partnerRef(partner),
    Name: name,
    Website: `https://www.${slug(name)}${pick(rng, TLDS)}`,
    Industry: type === 'System Integrator' || type === 'Referral' ? 'Consulting' : 'Technology',
    BillingCountry: pick(rng, COUNTRIES),
    Partner_Type__c: type,
    Partner_Status__c: status,
    Partner_Certifications__c: certifications,
    Partner_Certifications_Expire_On__c:
      certifications > 0
        ? isoDate(today + (status === 'At Risk' ? int(rng, -60, 90) : int(rng, 20, 400)))
        : null,
    Partner_Last_Engagement__c: isoDate(today - engagedDaysAgo),
    Partner_Onboarded_On__c: status === 'Prospect' ? null : isoDate(today - onboardedDaysAgo),
  };
}

/** Customers that are near-twins of the customer before them. */
export const isTwin = (customer: number): boolean => customer % 10 === 2;

export type CustomerIdentity = { name: string; domain: string };

/** The customer's company name and web domain (a twin shares its original's domain). */
export function customerIdentity(seed: number, customer: number): CustomerIdentity {
  const original = isTwin(customer) ? customer - 1 : customer;
  const base = customerBaseName(original - 1);
  const rng = streamFor(seed, SALT.customer, -original);
  const domain = `${slug(base)}${pick(rng, TLDS)}`;
  if (!isTwin(customer)) return { name: `${base}${pick(rng, LEGAL_SUFFIXES)}`, domain };
  // The same company typed by someone else: upper-cased stem, long legal form.
  const [stem, ...rest] = base.split(' ');
  const word = rest.join(' ').replace(/^Corp$/, 'Corporation');
  return { name: `${stem!.toUpperCase()} ${word}, Inc.`, domain };
}

/** The ways people write a domain; conflict detection must normalise all of them. */
export function domainAsTyped(rng: Rng, domain: string): string {
  return pick(rng, [
    domain,
    `www.${domain}`,
    `https://${domain}`,
    `https://www.${domain}/`,
    domain.toUpperCase(),
  ]);
}

export function customerRecord(plan: Plan, customer: number): DemoRecord {
  const rng = streamFor(plan.seed, SALT.customer, customer);
  const { name, domain } = customerIdentity(plan.seed, customer);
  return {
    '@ref': customerRef(plan, customer),
    Name: name,
    Website: chance(rng, 0.9) ? domainAsTyped(rng, domain) : null,
    Industry: pick(rng, INDUSTRIES),
    BillingCountry: pick(rng, COUNTRIES),
  };
}
