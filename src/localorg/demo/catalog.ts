// The words the demo org is made of: picklist values from force-app, Salesforce's default opportunity stages
// and Industry values, and the names of fictional companies, partners and products.

/** A comma-separated list, so long name lists stay readable. */
const words = (list: string): readonly string[] => list.split(', ');

export const PARTNER_TYPES = [
  'Reseller',
  'System Integrator',
  'ISV',
  'MSP',
  'Referral',
  'Technology',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** In the order the first partners cycle through them, so even a tiny org starts with partners who sell. */
export const PARTNER_STATUSES = ['Active', 'At Risk', 'Onboarding', 'Prospect', 'Offboarded'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Partners in these statuses take part in deals. */
export const ENGAGED_STATUSES: readonly PartnerStatus[] = ['Active', 'At Risk', 'Onboarding'];

/** Salesforce's default sales process; IsClosed and IsWon follow from the stage. */
export const STAGES = [
  { name: 'Prospecting', isClosed: false, isWon: false, weight: 14 },
  { name: 'Qualification', isClosed: false, isWon: false, weight: 12 },
  { name: 'Needs Analysis', isClosed: false, isWon: false, weight: 9 },
  { name: 'Value Proposition', isClosed: false, isWon: false, weight: 6 },
  { name: 'Id. Decision Makers', isClosed: false, isWon: false, weight: 4 },
  { name: 'Perception Analysis', isClosed: false, isWon: false, weight: 3 },
  { name: 'Proposal/Price Quote', isClosed: false, isWon: false, weight: 4 },
  { name: 'Negotiation/Review', isClosed: false, isWon: false, weight: 3 },
  { name: 'Closed Won', isClosed: true, isWon: true, weight: 20 },
  { name: 'Closed Lost', isClosed: true, isWon: false, weight: 25 },
] as const;
export type Stage = (typeof STAGES)[number];

export const INDUSTRIES = [
  'Banking',
  'Biotechnology',
  'Communications',
  'Education',
  'Energy',
  'Finance',
  'Government',
  'Healthcare',
  'Insurance',
  'Manufacturing',
  'Media',
  'Retail',
  'Technology',
  'Transportation',
  'Utilities',
] as const;

export const COUNTRIES = [
  'United States',
  'United Kingdom',
  'Germany',
  'France',
  'Canada',
  'Australia',
  'Japan',
  'Brazil',
];

export const PRODUCTS = [
  'Data Platform',
  'Analytics Cloud',
  'Edge Gateway',
  'Security Suite',
  'Identity Manager',
  'Integration Hub',
  'Field Service',
  'Premier Support',
] as const;

export const DEAL_KINDS = ['New Business', 'Expansion', 'Renewal', 'Migration', 'Pilot', 'Upgrade'];

/** Customer name stems; the first makes "Acme Corp", whose near-twin "ACME Corporation, Inc." follows it. */
export const CUSTOMER_STEMS = words(
  'Acme, Globex, Initech, Umbrella, Stark, Wayne, Hooli, Vandelay, Soylent, Tyrell, Cyberdyne, Wonka, Gringotts, Oscorp, Massive, Pied Piper, Aperture, Black Mesa, Monarch, Nakatomi, Duff, Krusty, Sirius, Ollivander, Dunder, Bluth, Prestige, Virtucon, Spacely, Cogswell, Zorg, Ingen, Weyland, Abstergo, Vault, Octan, Rekall, Gekko, Sterling, Pearson',
);
export const CUSTOMER_WORDS = words(
  'Corp, Logistics, Health, Foods, Energy, Bank, Insurance, Retail, Motors, Media, Telecom, Pharma, Airlines, Robotics, Steel, Textiles, Mining, Shipping, Labs, Holdings',
);
/**
 * Syllables of coined company names ("Bakotemu") for customers past the stem × word list: a large book
 * of customers holds distinct names, not "Acme Logistics North 7" beside "Acme Logistics North 8", which
 * no real book does and which would make every such pair a fuzzy-name conflict. 32 of them, four to a
 * name: 1,048,576 names, enough for the largest demo.
 */
export const NAME_SYLLABLES = words(
  'ba, ko, te, mu, ri, sa, lo, ve, du, ni, fa, ge, po, zi, ha, ru, ma, ke, to, wi, da, le, nu, so, pe, xa, bi, go, ye, tu, ca, fo',
);
export const LEGAL_SUFFIXES = ['', '', ' Inc.', ' LLC', ' Ltd', ' GmbH', ' S.A.', ' plc'];
export const REGIONS = words(
  'North, South, East, West, Pacific, Atlantic, Alpine, Nordic, Iberia, Benelux, Gulf, Central, Coastal, Midlands, Highlands, Baltic, Andes, Sahara, Outback, Prairie',
);
export const TLDS = ['.com', '.com', '.com', '.io', '.co.uk', '.de', '.net'];

export const PARTNER_STEMS = words(
  'Northwind, Brightpath, Cloudnine, Bluepeak, Ironclad, Silverline, Keystone, Trailblaze, Redwood, Lighthouse, Summit, Evergreen, Cobalt, Meridian, Falcon, Harbor, Quantum, Pinnacle, Vertex, Atlas, Beacon, Cascade, Horizon, Granite, Sterling, Orbit, Tidal, Aurora, Catalyst, Fusion',
);
export const PARTNER_WORDS: Record<PartnerType, readonly string[]> = {
  Reseller: ['Distribution', 'Direct', 'Channel'],
  'System Integrator': ['Consulting', 'Partners', 'Integration'],
  ISV: ['Software', 'Labs', 'Apps'],
  MSP: ['Managed Services', 'IT Services', 'Cloud Ops'],
  Referral: ['Advisory', 'Group', 'Associates'],
  Technology: ['Technologies', 'Systems', 'Networks'],
};

export const APPROVE_REASONS = {
  Rules:
    'Approved by the program rules: no conflicting registration and the amount is within the auto-approval limit.',
  Manager: 'Approved by the partner manager: the partner brought this customer to us.',
} as const;
export const REJECT_REASONS = [
  'Rejected: the customer is already in an active sales cycle with our direct team.',
  'Rejected: another partner registered this customer first.',
  "Rejected: the customer is outside the partner's territory.",
];
export const EXPIRED_REASON = 'Expired: no decision within the expiry period.';
