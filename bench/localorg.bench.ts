// The local org's own cost, measured over HTTP with the real jsforce client against startLocalOrg():
// writes per second (sObject Collections, Bulk API 2.0 ingest), queries per second for the sync's
// statement shapes at 100k and 1M Opportunities, memory after loading 1M rows, and the throughput of a
// full paged query (queryMore). Client and org share one process, so every figure includes jsforce's
// own cost. Prints markdown; nothing here asserts on time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Connection } from '@jsforce/jsforce-node';
import { startLocalOrg, type LocalOrg } from '../src/localorg/index.js';

// jsforce sends localhost traffic through a proxy when one is configured (it ignores NO_PROXY).
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

// A full collection before reading the heap, without needing `node --expose-gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const N = 100_000;
const BIG = 1_000_000;
const STAGES = ['Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const API_LIMIT = 100_000_000;

type Line = { what: string; command: string; rows: string; figure: string; note?: string };
const lines: Line[] = [];
const skipped: string[] = [];
const started = Date.now();
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MB`;
const progress = (msg: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}\n`);
};

function opportunity(i: number): Record<string, unknown> {
  return {
    Name: `Bench Deal ${i}`,
    StageName: STAGES[i % STAGES.length],
    CloseDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    Amount: (i * 7919) % 100_000,
  };
}

async function start(): Promise<{ org: LocalOrg; conn: Connection }> {
  const org = await startLocalOrg({ port: 0, dailyApiLimit: API_LIMIT });
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '63.0' });
  return { org, conn };
}

/** Runs `once` repeatedly for at least `budgetMs` (and at least `min` times); per second and per call. */
async function rate(once: () => Promise<unknown>, budgetMs: number, min = 3): Promise<{ perSecond: number; ms: number; n: number }> {
  await once(); // warm the parse cache and the JIT
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs || n < min) {
    await once();
    n++;
  }
  const ms = (performance.now() - t0) / n;
  return { perSecond: 1000 / ms, ms, n };
}

// --- (a) writes ---------------------------------------------------------------------------------

async function collectionsInsert(conn: Connection): Promise<void> {
  const t0 = performance.now();
  for (let i = 0; i < N; i += 200) {
    const batch = Array.from({ length: 200 }, (_, k) => opportunity(i + k));
    const res = await conn.sobject('Opportunity').create(batch);
    if (!res.every((r) => r.success)) throw new Error(`collections insert failed at ${i}: ${JSON.stringify(res.find((r) => !r.success))}`);
  }
  const s = (performance.now() - t0) / 1000;
  lines.push({
    what: 'Insert via sObject Collections (200 per call, sequential)',
    command: 'POST /composite/sobjects ×500',
    rows: fmt(N),
    figure: `${fmt(N / s)} records/s`,
    note: `${s.toFixed(1)} s, ${fmt(500 / s, 1)} calls/s`,
  });
}

async function bulkInsert(conn: Connection): Promise<void> {
  const header = 'Name,StageName,CloseDate,Amount';
  const rows = Array.from({ length: N }, (_, i) => {
    const o = opportunity(i);
    return `${String(o['Name'])},${String(o['StageName'])},${String(o['CloseDate'])},${String(o['Amount'])}`;
  });
  const csv = `${header}\n${rows.join('\n')}\n`;
  const t0 = performance.now();
  const res = await conn.bulk2.loadAndWaitForResults({
    object: 'Opportunity',
    operation: 'insert',
    input: csv,
    pollInterval: 20,
    pollTimeout: 600_000,
  });
  const s = (performance.now() - t0) / 1000;
  if (res.successfulResults.length !== N) {
    throw new Error(`bulk insert: ${res.successfulResults.length} succeeded, ${res.failedResults.length} failed`);
  }
  lines.push({
    what: 'Insert via Bulk API 2.0 ingest (one job, results downloaded)',
    command: 'bulk2.loadAndWaitForResults insert',
    rows: fmt(N),
    figure: `${fmt(N / s)} records/s`,
    note: `${s.toFixed(1)} s, CSV ${mb(Buffer.byteLength(csv))}`,
  });
}

// --- (b) queries ---------------------------------------------------------------------------------

async function queries(conn: Connection, org: LocalOrg, rowsLabel: string, budgetMs: number): Promise<void> {
  // Every SystemModstamp in the table, to pick the poll's watermark: the median row, so half the table
  // is newer (a sync catching up), and just after the newest row (steady state: nothing changed, but the
  // org still has to look at every row, as it keeps no index on SystemModstamp).
  const stamps: string[] = [];
  const ids: string[] = [];
  for (const row of org.core.store.rows('Opportunity')) {
    stamps.push(row['SystemModstamp'] as string);
    ids.push(row['Id'] as string);
  }
  stamps.sort();
  // SOQL datetime literals in whole seconds.
  const literal = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const median = literal(Date.parse(stamps[Math.floor(stamps.length / 2)]!));
  const newest = literal(Date.parse(stamps[stamps.length - 1]!) + 1000);
  const fields = 'Id, Name, StageName, Amount, CloseDate, SystemModstamp';
  const poll = (x: string): string =>
    `SELECT ${fields} FROM Opportunity WHERE SystemModstamp >= ${x} ORDER BY SystemModstamp, Id LIMIT 2000`;
  const step = Math.floor(ids.length / 200);
  const some = ids.filter((_, i) => i % step === 0).slice(0, 200);
  const byIds = `SELECT ${fields} FROM Opportunity WHERE Id IN ('${some.join("','")}')`;

  const shapes: [string, string][] = [
    ['Poll: SystemModstamp >= X ORDER BY SystemModstamp, Id LIMIT 2000 (about half the rows newer than X)', poll(median)],
    ['Poll: same shape, steady state (no row newer than X)', poll(newest)],
    ['Id IN (200 ids)', byIds],
  ];
  for (const [what, soql] of shapes) {
    let returned = 0;
    const r = await rate(async () => {
      returned = (await conn.query(soql)).records.length;
    }, budgetMs);
    lines.push({
      what,
      command: 'GET /query',
      rows: rowsLabel,
      figure: `${fmt(r.perSecond, 1)} queries/s`,
      note: `${r.ms.toFixed(1)} ms/query, ${fmt(returned)} rows returned, ${r.n} runs`,
    });
  }
}

// --- (d) a full paged query ------------------------------------------------------------------------

async function pagedQuery(conn: Connection): Promise<void> {
  const t0 = performance.now();
  let res = await conn.query('SELECT Id, Name, StageName, Amount, CloseDate, SystemModstamp FROM Opportunity');
  let seen = res.records.length;
  let pages = 1;
  while (!res.done) {
    res = await conn.queryMore(res.nextRecordsUrl!);
    seen += res.records.length;
    pages++;
  }
  const s = (performance.now() - t0) / 1000;
  if (seen !== N) throw new Error(`paged query saw ${seen} rows, expected ${N}`);
  lines.push({
    what: 'Full paged query (query + queryMore, 2,000 per page)',
    command: `GET /query + GET /query/{locator} ×${pages - 1}`,
    rows: fmt(N),
    figure: `${fmt(seen / s)} records/s`,
    note: `${s.toFixed(1)} s, ${pages} pages`,
  });
}

// --- the run --------------------------------------------------------------------------------------

const baseline = process.memoryUsage();
{
  progress('collections insert of 100k');
  const { org, conn } = await start();
  await collectionsInsert(conn);
  progress('queries at 100k');
  await queries(conn, org, fmt(N), 1500);
  progress('paged query of 100k');
  await pagedQuery(conn);
  await org.stop();
}

const { org, conn } = await start();
progress('bulk insert of 100k');
await bulkInsert(conn);

// (c) load up to 1M through the in-process API (same validation and derivation, no HTTP).
progress('loading to 1M through core.insert');
const LOAD_BUDGET_MS = 90_000;
const t0 = performance.now();
let loaded = org.core.store.count('Opportunity');
const from = loaded;
while (loaded < BIG && performance.now() - t0 < LOAD_BUDGET_MS) {
  for (let k = 0; k < 10_000 && loaded < BIG; k++, loaded++) org.core.insert('Opportunity', opportunity(loaded));
}
const loadS = (performance.now() - t0) / 1000;
lines.push({
  what: 'Load through the in-process API (core.insert, no HTTP)',
  command: 'core.insert',
  rows: `${fmt(from)} → ${fmt(loaded)}`,
  figure: `${fmt((loaded - from) / loadS)} records/s`,
  note: `${loadS.toFixed(1)} s`,
});
if (loaded < BIG) {
  skipped.push(
    `Loading stopped at ${fmt(loaded)} rows (the ${LOAD_BUDGET_MS / 1000} s budget ran out before 1,000,000); the figures below are for ${fmt(loaded)} rows.`,
  );
}
gc();
const mem = process.memoryUsage();
const bigLabel = fmt(loaded);
lines.push({
  what: `Memory after loading (${bigLabel} rows; client and org in one process)`,
  command: 'process.memoryUsage() after gc',
  rows: bigLabel,
  figure: `RSS ${mb(mem.rss)}, heap ${mb(mem.heapUsed)}`,
  note: `heap growth over the empty process: ${mb(mem.heapUsed - baseline.heapUsed)}, ${fmt((mem.heapUsed - baseline.heapUsed) / loaded)} bytes/row`,
});

progress(`queries at ${bigLabel}`);
await queries(conn, org, bigLabel, 3000);
await org.stop();

// --- the report -------------------------------------------------------------------------------------

console.log(`Local org over HTTP (127.0.0.1) with jsforce, dailyApiLimit ${fmt(API_LIMIT)}, Opportunity with`);
console.log('Name, StageName, CloseDate, Amount set (standard schema, nothing deployed). Rows up to 100,000 were written');
console.log(`over HTTP; the rest of the ${bigLabel}-row table was loaded through the in-process core API (core.insert)`);
console.log('to keep the bench short. Queries run sequentially from one client; per-second figures include jsforce.');
console.log('');
console.log('| Measurement | Command | Rows | Per second / MB | Notes |');
console.log('| --- | --- | ---: | ---: | --- |');
for (const l of lines) console.log(`| ${l.what} | \`${l.command}\` | ${l.rows} | ${l.figure} | ${l.note ?? ''} |`);
if (skipped.length > 0) {
  console.log('');
  for (const s of skipped) console.log(`Skipped: ${s}`);
}
console.log('');
console.log(`Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
