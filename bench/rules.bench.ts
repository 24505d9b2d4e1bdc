// Throughput of the pure rules in src/domain on deterministic, seeded inputs: registration decisions
// against a pool of open claims, tier and health evaluations over 10,000 partners, attribution over
// 1,000,000 opportunities, split allocations. Each rule is timed next to a reference measured in the same
// run (mostly the zod validation the rule does on its input), so the ratio says what validation costs.
// Prints markdown; nothing here asserts on time.
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { DEFAULT_PROGRAM_CONFIG, type TierConfig } from '../src/domain/config.js';
import {
  attributePartnersReport,
  OpportunityFacts,
  RegistrationFacts,
  PartnerAttribution,
  SplitFacts,
} from '../src/domain/attribution/index.js';
import {
  explainHealth,
  HealthPartnerFacts,
  MeasureValues,
  measurePartner,
  scoreHealth,
} from '../src/domain/health/index.js';
import {
  decideRegistration,
  findConflicts,
  parseRegistration,
  parseRegistrationContext,
  type OpportunitySummary,
  type Registration,
  type RegistrationContext,
} from '../src/domain/registration/index.js';
import {
  allocateSplitAmounts,
  parseSplits,
  validateSplits,
  type SplitInput,
} from '../src/domain/splits/index.js';
import { evaluateTier, type PartnerTierMetrics, type PartnerTierState } from '../src/domain/tiers/index.js';
import { evaluateParsed } from '../src/domain/tiers/evaluate.js';
import { mulberry32, type Rng } from '../src/localorg/demo/random.js';

// ---------------------------------------------------------------------------------------------------
// Timing

/** Keeps results observable so the JIT cannot drop the work being timed. */
let sink = 0;
const consume = (value: unknown): void => {
  sink = (sink + (value === null || value === undefined ? 0 : 1)) | 0;
};

type Timing = { ops: number; ms: number; opsPerSec: number; usPerOp: number };

/**
 * Calls `run(i)` for i = 0, 1, 2, … (the caller maps i onto its inputs): first for `warmupMs` (at least
 * `minOps` calls) so the JIT has compiled it, then timed for at least `budgetMs` and `minOps` calls.
 */
function measure(run: (i: number) => unknown, budgetMs = 700, warmupMs = 250, minOps = 20): Timing {
  let warm = 0;
  const w0 = performance.now();
  while (warm < minOps || performance.now() - w0 < warmupMs) consume(run(warm++));
  // Read the clock about every 5 ms, so performance.now() stays out of the figure and a slow op is not
  // repeated far past the budget.
  const step = Math.max(1, Math.floor(5 / ((performance.now() - w0) / warm)));
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || ops < minOps) {
    for (let k = 0; k < step; k++) consume(run(ops + k));
    ops += step;
    elapsed = performance.now() - start;
  }
  return { ops, ms: elapsed, opsPerSec: (ops * 1000) / elapsed, usPerOp: (elapsed * 1000) / ops };
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtUs = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

type Row = { what: string; input: string; t: Timing; note?: string };
function table(rows: Row[]): string {
  const lines = [
    '| Measured | Input | ops/s | µs/op | Note |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.input} | ${fmtInt(r.t.opsPerSec)} | ${fmtUs(r.t.usPerOp)} | ${r.note ?? ''} |`,
    ),
  ];
  return lines.join('\n');
}

const out: string[] = [];
const say = (s = ''): void => {
  out.push(s);
};

// ---------------------------------------------------------------------------------------------------
// Deterministic data

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12); // 2026-06-30T12:00Z
const TODAY = '2026-06-30';
const SETTINGS = DEFAULT_PROGRAM_CONFIG.registration;
const TIERS: readonly TierConfig[] = DEFAULT_PROGRAM_CONFIG.tiers;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const id = (prefix: string, n: number): string =>
  `${prefix}${n.toString(36).toUpperCase().padStart(12, '0')}AAA`;
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const STEMS = [
  'North',
  'Blue',
  'Apex',
  'Contoso',
  'Fabri',
  'Wide',
  'Litware',
  'Adven',
  'Tail',
  'Proseware',
  'Lumen',
  'Vertex',
  'Cobalt',
  'Summit',
  'Harbor',
  'Quantum',
  'Silver',
  'Maple',
  'Granite',
  'Orion',
];
const ENDS = [
  'wind',
  'stone',
  'tech',
  'works',
  'labs',
  'soft',
  'data',
  'line',
  'point',
  'field',
  'ridge',
  'wave',
];
const LEGAL = ['Inc.', 'Corporation', 'Corp', 'LLC', 'Ltd', 'GmbH', 'S.A.', ''];
const PRODUCTS = ['CRM', 'Analytics', 'Service Cloud', 'Marketing', 'Commerce', 'Integration', 'Security'];

type Customer = { accountId: string; name: string; domain: string };

/** 240 distinct companies (20 stems × 12 endings), each with an account id, a name and a domain. */
function customers(): Customer[] {
  const list: Customer[] = [];
  STEMS.forEach((stem, s) =>
    ENDS.forEach((end, e) => {
      const word = `${stem}${end}`;
      list.push({ accountId: id('001', s * 100 + e), name: word, domain: `${word.toLowerCase()}.com` });
    }),
  );
  return list;
}

/** How a rep might type a customer: other case, another legal form, a URL or an email for the domain. */
function variant(rng: Rng, c: Customer): { name: string; domain: string | null; accountId: string | null } {
  const legal = pick(rng, LEGAL);
  const name = rng() < 0.2 ? `${c.name.toUpperCase()} ${legal}` : `${c.name} ${legal}`.trim();
  const r = rng();
  const domain =
    r < 0.3 ? `https://www.${c.domain}/` : r < 0.5 ? `sales@${c.domain}` : r < 0.8 ? c.domain : null;
  return { name, domain, accountId: rng() < 0.5 ? c.accountId : null };
}

const PARTNER_COUNT = 10_000;
const partnerId = (n: number): string => id('001P', n);

function registrationPool(rng: Rng, size: number, all: Customer[]): RegistrationContext {
  const registrations: Registration[] = [];
  const opportunities: OpportunitySummary[] = [];
  for (let i = 0; i < size; i++) {
    const c = pick(rng, all);
    const v = variant(rng, c);
    const submittedAt = NOW - between(rng, 0, 200) * DAY;
    const approved = rng() < 0.5;
    registrations.push({
      id: id('a0B', i),
      partnerId: partnerId(between(rng, 0, 200)),
      opportunityId: rng() < 0.4 ? id('006', 1_000_000 + i) : null,
      customerAccountId: v.accountId,
      customerName: v.name,
      customerDomain: v.domain,
      type: rng() < 0.7 ? 'Sourced' : 'Influenced',
      products: [pick(rng, PRODUCTS)],
      estimatedAmountCents: between(rng, 1_000, 500_000) * 100,
      status: approved ? 'Approved' : 'Submitted',
      submittedAt,
      decidedAt: approved ? submittedAt + between(rng, 1, 96) * 3_600_000 : null,
      decidedBy: approved ? 'Rules' : null,
      protectedUntil: approved ? dateOf(submittedAt + 90 * DAY) : null,
      createdAt: submittedAt - DAY,
    });
    const o = pick(rng, all);
    const closed = rng() < 0.25;
    opportunities.push({
      id: id('006', i),
      name: `${o.name} deal ${i}`,
      accountId: o.accountId,
      accountName: o.name,
      accountDomain: o.domain,
      isClosed: closed,
      isWon: closed && rng() < 0.5,
      createdAt: NOW - between(rng, 0, 300) * DAY,
      closeDate: dateOf(NOW + between(rng, -60, 120) * DAY),
      primaryPartnerId: rng() < 0.5 ? partnerId(between(rng, 0, 200)) : null,
      amountCents: between(rng, 1_000, 500_000) * 100,
      products: [pick(rng, PRODUCTS)],
    });
  }
  return { registrations, opportunities };
}

/** Fresh Submitted registrations to judge: most name a known customer in some spelling, some a new one. */
function candidates(rng: Rng, count: number, all: Customer[]): Registration[] {
  return Array.from({ length: count }, (_, i): Registration => {
    const known = rng() < 0.7;
    const v = known
      ? variant(rng, pick(rng, all))
      : { name: `Newco ${i} Holdings`, domain: `newco${i}.io`, accountId: null };
    return {
      id: id('a0C', i),
      partnerId: partnerId(between(rng, 0, 200)),
      opportunityId: null,
      customerAccountId: v.accountId,
      customerName: v.name,
      customerDomain: v.domain,
      type: 'Sourced',
      products: [pick(rng, PRODUCTS), pick(rng, PRODUCTS)],
      estimatedAmountCents: between(rng, 1_000, 400_000) * 100,
      status: 'Submitted',
      submittedAt: NOW - between(rng, 0, 3) * 3_600_000,
      createdAt: NOW - 4 * 3_600_000,
    };
  });
}

// ---------------------------------------------------------------------------------------------------

const benchStart = performance.now();
say(
  `Pure rules of src/domain on seeded inputs (mulberry32). Each figure follows a warm-up pass and runs ≥ 0.7 s ` +
    `with performance.now(); references are measured in the same run. µs/op is per item (per registration, partner, opportunity set).`,
);

// --- Registration --------------------------------------------------------------------------------
{
  const rng = mulberry32(1);
  const all = customers();
  const cands = candidates(rng, 1_000, all);
  const rows: Row[] = [];
  const conflictCounts: string[] = [];
  for (const size of [200, 2_000]) {
    const pool = registrationPool(rng, size, all);
    const poolLabel = `${fmtInt(size)} regs + ${fmtInt(size)} opps`;
    const c = (i: number): Registration => cands[i % cands.length] as Registration;
    let conflicts = 0;
    const sample = cands.slice(0, 100);
    for (const cand of sample) conflicts += findConflicts(cand, pool, SETTINGS, NOW).length;
    conflictCounts.push(
      `${(conflicts / sample.length).toFixed(1)} conflicts per candidate against ${poolLabel}`,
    );
    // Interleaved, best of two each: on a loaded machine a single run of either can be far off.
    const runFind = (): Timing => measure((i) => findConflicts(c(i), pool, SETTINGS, NOW));
    const runDecide = (): Timing => measure((i) => decideRegistration(c(i), pool, SETTINGS, NOW));
    const [f1, d1, f2, d2] = [runFind(), runDecide(), runFind(), runDecide()];
    const find = f1.usPerOp <= f2.usPerOp ? f1 : f2;
    const decide = d1.usPerOp <= d2.usPerOp ? d1 : d2;
    const parseOne = measure((i) => parseRegistration(c(i)), 500);
    rows.push(
      { what: 'findConflicts', input: poolLabel, t: find, note: 'best of 2' },
      {
        what: 'decideRegistration (incl. findConflicts)',
        input: poolLabel,
        t: decide,
        note: `best of 2; ${ratio(decide.usPerOp, find.usPerOp)} findConflicts`,
      },
      {
        what: 'ref: zod parseRegistration (candidate)',
        input: '1 registration',
        t: parseOne,
        note: `${((parseOne.usPerOp / decide.usPerOp) * 100).toFixed(1)}% of a decision`,
      },
    );
    const parsePool = measure(() => parseRegistrationContext(pool), 700, 200, 3);
    rows.push({
      what: 'ref: zod parseRegistrationContext (whole pool)',
      input: poolLabel,
      t: parsePool,
      note: `${ratio(parsePool.usPerOp, decide.usPerOp)} one decision (once per batch)`,
    });
  }
  say('\n### Registration: conflicts and decision\n');
  say(
    `1,000 Submitted candidates (70% name a known customer in another spelling, URL or email), judged against ` +
      `open registrations and opportunities of 240 customers with the default settings. ${conflictCounts.join('; ')}.\n`,
  );
  say(table(rows));
}

// --- Tiers ---------------------------------------------------------------------------------------
type TierInput = { metrics: PartnerTierMetrics; state: PartnerTierState };
const tierInputs: TierInput[] = (() => {
  const rng = mulberry32(2);
  const tierNames = [null, ...TIERS.map((t) => t.name)];
  return Array.from({ length: PARTNER_COUNT }, (_, i): TierInput => {
    const tier = pick(rng, tierNames);
    const inGrace = tier !== null && rng() < 0.15;
    return {
      metrics: {
        partnerId: partnerId(i),
        attributedRevenueCents: Math.floor(rng() ** 2 * 3_000_000) * 100,
        wonDeals: between(rng, 0, 25),
        activeCertifications: between(rng, 0, 8),
        registrationsApproved: between(rng, 0, 30),
      },
      state: {
        tier,
        tierSince: tier === null ? null : dateOf(NOW - between(rng, 10, 700) * DAY),
        graceUntil: inGrace ? dateOf(NOW + between(rng, -30, 60) * DAY) : null,
      },
    };
  });
})();
{
  const sorted = [...TIERS].sort((a, b) => a.rank - b.rank);
  const at = (i: number): TierInput => tierInputs[i % PARTNER_COUNT] as TierInput;
  const full = measure((i) => evaluateTier(at(i).metrics, at(i).state, TIERS, TODAY));
  const bare = measure((i) => evaluateParsed(at(i).metrics, at(i).state, sorted, TODAY));
  const changes = new Map<string, number>();
  for (const p of tierInputs) {
    const v = evaluateParsed(p.metrics, p.state, sorted, TODAY);
    changes.set(v.change, (changes.get(v.change) ?? 0) + 1);
  }
  say('\n### Tiers\n');
  say(
    `10,000 partners over the 4 default tiers, stored tier and grace periods drawn at random. Outcomes: ` +
      `${[...changes].map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ')}.\n`,
  );
  say(
    table([
      { what: 'evaluateTier (validates metrics, state, tier list, day)', input: '1 partner', t: full },
      {
        what: 'ref: evaluateParsed (same rule, no validation)',
        input: '1 partner',
        t: bare,
        note: `validation makes evaluateTier ${ratio(full.usPerOp, bare.usPerOp)} slower`,
      },
    ]),
  );
  say(`\n10,000 partners: ${((full.usPerOp * PARTNER_COUNT) / 1000).toFixed(1)} ms with evaluateTier.`);
}

// --- Splits --------------------------------------------------------------------------------------
{
  const rng = mulberry32(3);
  const ROLES = ['Sourced', 'Influenced', 'Fulfillment', 'Technology'] as const;
  type Case = { amountCents: number; splits: SplitInput[] };
  const cases: Case[] = Array.from({ length: 5_000 }, (_, i): Case => {
    const revenueRows = between(rng, 1, 4);
    // Shares in whole basis points that total exactly 100.00%, typed as percentages with two decimals.
    const cuts = Array.from({ length: revenueRows - 1 }, () => between(rng, 1, 9_999)).sort((a, b) => a - b);
    const bps = [...cuts, 10_000].map((c, k) => c - (k === 0 ? 0 : (cuts[k - 1] ?? 0)));
    const splits: SplitInput[] = bps.map((bp, k) => ({
      partnerId: partnerId((i * 7 + k) % PARTNER_COUNT),
      partnerName: `Partner ${k}`,
      role: ROLES[k % ROLES.length] as SplitInput['role'],
      type: 'Revenue',
      percent: bp / 100,
    }));
    if (rng() < 0.4)
      splits.push({
        partnerId: partnerId(i % PARTNER_COUNT),
        role: 'Influenced',
        type: 'Influence',
        percent: 25,
      });
    return { amountCents: between(rng, 1, 2_000_000) * 100 + between(rng, 0, 99), splits };
  });
  const c = (i: number): Case => cases[i % cases.length] as Case;
  // A sanity check that the inputs are what the figures claim: every revenue set allocates to the cent.
  const allocated = cases.filter(({ amountCents, splits }) => {
    const parts = allocateSplitAmounts(amountCents, splits);
    const revenue = parts.filter((p) => splits[p.index]?.type === 'Revenue');
    return revenue.reduce((s, p) => s + p.amountCents, 0) === amountCents;
  }).length;
  const alloc = measure((i) => allocateSplitAmounts(c(i).amountCents, c(i).splits));
  const valid = measure((i) => validateSplits(c(i).splits));
  const parsed = measure((i) => parseSplits(c(i).splits));
  say('\n### Splits\n');
  say(
    `5,000 opportunities with 1–4 revenue splits totalling 100.00% (40% also carry an influence split); ` +
      `${fmtInt(allocated)} of 5,000 allocate to the cent.\n`,
  );
  say(
    table([
      { what: 'allocateSplitAmounts (validates, then allocates)', input: '1 split set', t: alloc },
      {
        what: 'ref: validateSplits alone',
        input: '1 split set',
        t: valid,
        note: `${((valid.usPerOp / alloc.usPerOp) * 100).toFixed(0)}% of an allocation`,
      },
      {
        what: 'ref: zod parseSplits (the boundary check)',
        input: '1 split set',
        t: parsed,
        note: `${ratio(parsed.usPerOp, alloc.usPerOp)} an allocation`,
      },
    ]),
  );
}

// --- Attribution ---------------------------------------------------------------------------------
const OPPS = 1_000_000;
type AttributionLists = {
  opportunities: z.input<typeof OpportunityFacts>[];
  splits: z.input<typeof SplitFacts>[];
  registrations: z.input<typeof RegistrationFacts>[];
};

function attributionInput(count: number, seed: number): AttributionLists {
  const rng = mulberry32(seed);
  const opportunities: z.input<typeof OpportunityFacts>[] = new Array(count);
  const splits: z.input<typeof SplitFacts>[] = [];
  const registrations: z.input<typeof RegistrationFacts>[] = [];
  for (let i = 0; i < count; i++) {
    const oppId = id('006', i);
    const createdAt = NOW - between(rng, 0, 900) * DAY;
    const closed = rng() < 0.7;
    const won = closed && rng() < 0.45;
    const primary = rng() < 0.6 ? partnerId(between(rng, 0, PARTNER_COUNT - 1)) : null;
    opportunities[i] = {
      id: oppId,
      amountCents: rng() < 0.02 ? null : between(rng, 500, 800_000) * 100,
      isClosed: closed,
      isWon: won,
      closeDate: dateOf(createdAt + between(rng, 10, 180) * DAY),
      createdAt,
      primaryPartnerId: primary,
      accountId: id('001', between(rng, 0, 200_000)),
    };
    const r = rng();
    if (r < 0.35) {
      // Revenue splits between one to three partners, totalling 100% (a few do not, as in real orgs).
      const n = between(rng, 1, 3);
      const first = n === 1 ? 10_000 : between(rng, 1, 9) * 1000;
      const bps = n === 1 ? [10_000] : n === 2 ? [first, 10_000 - first] : [first, 500, 9_500 - first];
      if (rng() < 0.01) bps[0] = (bps[0] ?? 0) - 100;
      bps.forEach((bp, k) =>
        splits.push({
          opportunityId: oppId,
          partnerId: partnerId(between(rng, 0, PARTNER_COUNT - 1)),
          type: 'Revenue',
          percentBp: Math.max(0, bp),
          id: `${oppId}R${k}`,
        }),
      );
    }
    if (r > 0.8)
      splits.push({
        opportunityId: oppId,
        partnerId: partnerId(between(rng, 0, PARTNER_COUNT - 1)),
        type: 'Influence',
        percentBp: between(rng, 1, 50) * 100,
      });
    if (i % 5 === 0) {
      const status = pick(rng, ['Approved', 'Approved', 'Rejected', 'Submitted', 'Expired'] as const);
      const submittedAt = createdAt + between(rng, 0, 5) * DAY;
      registrations.push({
        id: id('a0B', i),
        partnerId: primary ?? partnerId(between(rng, 0, PARTNER_COUNT - 1)),
        status,
        submittedAt,
        decidedAt:
          status === 'Approved' || status === 'Rejected'
            ? submittedAt + between(rng, 1, 200) * 3_600_000
            : null,
        createdAt,
        opportunityId: oppId,
      });
    }
  }
  return { opportunities, splits, registrations };
}

const WINDOW = { asOf: TODAY, months: 12 };
let attribution: Map<string, PartnerAttribution>;
{
  // Warm the attribution code on a small set first so the big run measures compiled code.
  const small = attributionInput(50_000, 5);
  for (let k = 0; k < 3; k++) consume(attributePartnersReport(small, WINDOW));

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  let input: AttributionLists | null = attributionInput(OPPS, 4);
  const genMs = performance.now() - t0;
  const rssInputs = process.memoryUsage().rss;
  const splitCount = input.splits.length;
  const regCount = input.registrations.length;

  const a0 = performance.now();
  const report = attributePartnersReport(input, WINDOW);
  const attrMs = performance.now() - a0;
  const rssAfter = process.memoryUsage().rss;
  const heapAfter = process.memoryUsage().heapUsed;
  const peak = process.resourceUsage().maxRSS * 1024;
  // Reference: the zod validation attributePartnersReport does first, of the same arrays, timed after the
  // attribution so the peak above is the attribution's own.
  const p0 = performance.now();
  consume(z.array(OpportunityFacts).parse(input.opportunities));
  consume(z.array(SplitFacts).parse(input.splits));
  consume(z.array(RegistrationFacts).parse(input.registrations));
  const parseMs = performance.now() - p0;
  attribution = report.partners;
  input = null;
  consume(input);

  const rate = (ms: number): string => fmtInt((OPPS * 1000) / ms);
  say('\n### Attribution\n');
  say(
    `1,000,000 opportunities (70% closed, 45% of those won, 60% with a primary partner), ` +
      `${fmtInt(splitCount)} co-sell splits, ${fmtInt(regCount)} registrations, ${fmtInt(PARTNER_COUNT)} partners; ` +
      `12-month window to ${TODAY}. One timed run after a warm-up on 50,000 (generating the input took ${(genMs / 1000).toFixed(1)} s). ` +
      `${fmtInt(report.partners.size)} partners attributed, ${fmtInt(report.issues.length)} data issues reported.\n`,
  );
  say('| Measured | Time | Opportunities/s | µs/opportunity | Note |');
  say('| --- | ---: | ---: | ---: | --- |');
  say(
    `| attributePartnersReport (validates, then attributes) | ${(attrMs / 1000).toFixed(2)} s | ${rate(attrMs)} | ${fmtUs((attrMs * 1000) / OPPS)} | |`,
  );
  say(
    `| ref: zod parse of the same three arrays alone | ${(parseMs / 1000).toFixed(2)} s | ${rate(parseMs)} | ${fmtUs((parseMs * 1000) / OPPS)} | ${((parseMs / attrMs) * 100).toFixed(0)}% of attribution |`,
  );
  say(
    `| ref: attribution without its validation (difference) | ${((attrMs - parseMs) / 1000).toFixed(2)} s | ${rate(Math.max(1, attrMs - parseMs))} | ${fmtUs(((attrMs - parseMs) * 1000) / OPPS)} | estimate |`,
  );
  say('');
  say('| Memory | RSS |');
  say('| --- | ---: |');
  say(`| before the input was built | ${mib(rssBefore)} |`);
  say(`| with the 1M-opportunity input in memory | ${mib(rssInputs)} |`);
  say(`| after attribution (process.memoryUsage().rss) | ${mib(rssAfter)} (heap used ${mib(heapAfter)}) |`);
  say(`| peak of the process so far (process.resourceUsage().maxRSS) | ${mib(peak)} |`);
}

// --- Health --------------------------------------------------------------------------------------
{
  const rng = mulberry32(6);
  const { measures, bands } = DEFAULT_PROGRAM_CONFIG.health;
  const facts: HealthPartnerFacts[] = Array.from({ length: PARTNER_COUNT }, (_, i) => {
    const certs = rng() < 0.2 ? null : between(rng, 0, 8);
    return {
      id: partnerId(i),
      certifications: certs,
      certificationsExpireOn: certs === null ? null : dateOf(NOW + between(rng, -60, 400) * DAY),
      lastEngagement: rng() < 0.1 ? null : dateOf(NOW - between(rng, 0, 200) * DAY),
      onboardedOn: rng() < 0.1 ? null : dateOf(NOW - between(rng, 30, 2_000) * DAY),
    };
  });
  // The attribution above gives each partner its totals and evidence (tens to hundreds of record ids).
  const inputs = facts.map((partner) => ({ partner, attribution: attribution.get(partner.id) }));
  const at = (i: number) => inputs[i % PARTNER_COUNT] as (typeof inputs)[number];
  const values = inputs.map((input) => measurePartner(input, TODAY));
  const val = (i: number) => values[i % PARTNER_COUNT] as (typeof values)[number];
  const bandCount = new Map<string, number>();
  for (const v of values) {
    const b = scoreHealth(v, measures, bands).band;
    bandCount.set(b, (bandCount.get(b) ?? 0) + 1);
  }

  const whole = measure((i) => explainHealth(scoreHealth(measurePartner(at(i), TODAY), measures, bands)));
  const measured = measure((i) => measurePartner(at(i), TODAY));
  const scored = measure((i) => scoreHealth(val(i), measures, bands));
  // Reference: the zod parses of the partner, its attribution and the measured values alone.
  const zodOnly = measure((i) => {
    const input = at(i);
    consume(HealthPartnerFacts.parse(input.partner));
    if (input.attribution !== undefined) consume(PartnerAttribution.parse(input.attribution));
    return MeasureValues.parse(val(i));
  });
  const avgIds =
    [...attribution.values()].reduce(
      (s, a) =>
        s +
        a.evidence.attributedOpportunityIds.length +
        a.evidence.closedOpportunityIds.length +
        a.evidence.pipelineOpportunityIds.length,
      0,
    ) / Math.max(1, attribution.size);
  say('\n### Health\n');
  say(
    `10,000 partners with the attribution computed above (on average ${avgIds.toFixed(0)} opportunity ids of evidence each) ` +
      `and random certifications, engagement and onboarding (10–20% missing); default measures and bands. ` +
      `Bands: ${[...bandCount].map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ')}.\n`,
  );
  say(
    table([
      { what: 'measurePartner + scoreHealth + explainHealth', input: '1 partner', t: whole },
      { what: 'measurePartner', input: '1 partner', t: measured },
      { what: 'scoreHealth', input: '1 partner', t: scored },
      {
        what: 'ref: zod parse of partner, attribution and values alone',
        input: '1 partner',
        t: zodOnly,
        note: `${((zodOnly.usPerOp / whole.usPerOp) * 100).toFixed(0)}% of a whole evaluation`,
      },
    ]),
  );
  say(
    `\n10,000 partners: ${((whole.usPerOp * PARTNER_COUNT) / 1000).toFixed(0)} ms for the whole health evaluation.`,
  );
}

say(`\nWhole benchmark: ${((performance.now() - benchStart) / 1000).toFixed(1)} s.`);
console.log(out.join('\n'));
