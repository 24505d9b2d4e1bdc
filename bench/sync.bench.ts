// API calls per 1,000 records for the sync against the local org (which counts calls as Salesforce does):
// the initial load (REST paging and collections, then with Bulk 2.0 above a low threshold), the cycle
// that reads back the service's own writes, and an idle cycle. Counts and ratios only; nothing asserted.
import { openTestStore, rows, runner, startOrg, advance } from '../test/sync/harness.js';
import type { SyncConfigInput } from '../src/sync/config.js';

type Row = {
  scenario: string;
  records: number;
  written: number;
  initial: number;
  perK: number;
  echo: number;
  idle: number;
  seconds: string;
};

const OBJECTS = ['Account', 'Opportunity', 'Deal_Registration__c', 'Co_Sell_Split__c'];

async function measure(scenario: string, size: number, config: SyncConfigInput): Promise<Row> {
  const org = await startOrg({ size, seed: 42 });
  const opened = await openTestStore('bench');
  try {
    const records = OBJECTS.reduce((n, t) => n + rows(org, t).length, 0);
    const run = runner(org, opened.store, config);
    const started = Date.now();
    const first = await run.cycle();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const written = (await opened.store.status()).outbox.SUCCESS;
    advance(org);
    const echo = await run.cycle();
    advance(org);
    const idle = await run.cycle();
    if (first.failed > 0 || first.rejected.length > 0)
      throw new Error(`${scenario}: ${first.failed} failed, ${first.rejected.length} rejected`);
    return {
      scenario,
      records,
      written,
      initial: first.apiCalls,
      perK: Math.round((1000 * first.apiCalls * 100) / (records + written)) / 100,
      echo: echo.apiCalls,
      idle: idle.apiCalls,
      seconds,
    };
  } finally {
    await opened.close();
    await org.stop();
  }
}

const results: Row[] = [];
for (const size of [1000, 5000]) {
  results.push(await measure(`REST + collections, ${size} opportunities`, size, {}));
  results.push(
    await measure(`Bulk 2.0 above 1,000 rows, ${size} opportunities`, size, {
      bulkReadThreshold: 1000,
      bulkWriteThreshold: 1000,
      bulkPollMs: 20,
    }),
  );
}

console.log(
  '| scenario | records read | records written | initial-load calls | calls per 1,000 records (read + written) | echo cycle calls | idle cycle calls | initial load s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.scenario} | ${r.records} | ${r.written} | ${r.initial} | ${r.perK} | ${r.echo} | ${r.idle} | ${r.seconds} |`,
  );
}
console.log(
  '\nIdle cycle: one Composite call carrying getUpdated/getDeleted for the 5 objects and the 3 custom metadata queries.',
);
