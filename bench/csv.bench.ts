// Reading a Bulk API 2.0 result page: the sync's own parser (src/crm/csv.ts) beside csv-parse as jsforce
// applies it to every text/csv answer (columns from the header, the Bulk delimiters). Prints figures only.
import { parse } from 'csv-parse/sync';
import { parseCsvRecords } from '../src/crm/csv.js';
import { toCsv } from '../src/localorg/bulk/csv.js';

const ROWS = 50_000; // the sync's Bulk result page (BULK_PAGE_ROWS in src/sync/pull.ts)
const RUNS = 7;
const LOAD_ROWS = 2_290_879; // rows the 1,000,000-opportunity initial load reads (bench/RESULTS.md, sync)

const header = [
  'Id',
  'Name',
  'AccountId',
  'Amount',
  'StageName',
  'CloseDate',
  'IsClosed',
  'IsWon',
  'CreatedDate',
  'LastModifiedDate',
  'SystemModstamp',
  'Primary_Partner__c',
  'Co_Sell_Status__c',
  'Partner_Sourced__c',
  'Deal_Registration__c',
  'IsDeleted',
];
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
const rows = Array.from({ length: ROWS }, (_, i) => [
  id('006', i),
  i % 7 === 0 ? `Acme "West", renewal ${i}` : `Deal ${i}\nsecond line`,
  id('001', i % 20_000),
  (i * 137.25).toFixed(2),
  i % 3 === 0 ? 'Closed Won' : 'Prospecting',
  '2026-06-30',
  String(i % 3 === 0),
  String(i % 3 === 0),
  '2025-01-01T09:30:00.000Z',
  '2025-02-01T09:30:00.000Z',
  '2025-02-01T09:30:00.000Z',
  i % 2 === 0 ? id('001', 50 + (i % 900)) : '',
  'None',
  'false',
  '',
  'false',
]);
const text = toCsv(header, rows, { columnDelimiter: 'COMMA', lineEnding: 'LF' });

// jsforce's parseCSV (lib/csv.js): csv-parse's sync parser, records keyed by the header, its delimiters.
const viaCsvParse = () =>
  parse(text, { columns: true, delimiter: ['`', '^', ',', '|', ';', '\t'] }) as Record<string, string>[];
const ours = () => parseCsvRecords(text);

const same = JSON.stringify(viaCsvParse()) === JSON.stringify(ours());
function median(run: () => unknown): number {
  for (let k = 0; k < 2; k++) run(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1]!;
}
const a = median(viaCsvParse);
const b = median(ours);
const perS = (ms: number) => Math.round((ROWS * 1000) / ms).toLocaleString('en');

console.log(
  `One Bulk 2.0 result page of ${ROWS.toLocaleString('en')} Opportunity rows (${header.length} columns, every value quoted as Salesforce writes them, ${(text.length / 2 ** 20).toFixed(1)} MiB, written by the local org's toCsv), parsed into records keyed by the header; median of ${RUNS} runs after 2 warm-up runs, one process. Same records from both: ${same ? 'yes' : '**no**'}.\n`,
);
console.log(
  '| Parser | ms per page | rows / s | vs csv-parse | at the 1M initial load (' +
    LOAD_ROWS.toLocaleString('en') +
    ' rows) |',
);
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| csv-parse, as jsforce parses text/csv | ${a.toFixed(0)} | ${perS(a)} | 1.00× | ${((a * LOAD_ROWS) / ROWS / 1000).toFixed(1)} s |`,
);
console.log(
  `| parseCsvRecords (src/crm/csv.ts) | ${b.toFixed(0)} | ${perS(b)} | ${(a / b).toFixed(2)}× faster | ${((b * LOAD_ROWS) / ROWS / 1000).toFixed(1)} s |`,
);
