// Screenshots of the record-page preview in headless Chromium (for the README, or to check a change by eye).
// Usage: node scripts/screenshot.mjs <preview-url-with-token> [out-dir] [--opportunity <id>] [--account <id>]
// Writes opportunity.png and account.png (1440×1000 viewport). Without an id, each takes the first record
// the preview lists: the list puts opportunities with a registration and splits, and partners with a tier
// and a health score, first.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { opportunity: { type: 'string' }, account: { type: 'string' } },
});
const [url, outArg = 'docs'] = positionals;
if (!url) {
  console.error('Usage: node scripts/screenshot.mjs <preview-url-with-token> [out-dir] [--opportunity <id>] [--account <id>]');
  process.exit(2);
}
const ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
for (const [name, id] of Object.entries(values)) {
  if (!ID.test(id)) {
    console.error(`--${name}: not a Salesforce Id: ${id}`);
    process.exit(2);
  }
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: await findChromium(), args: ['--headless', ...chromiumArgs] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(url);
  const origin = new URL(url).origin;
  const list = await page.evaluate(async () => (await fetch('/api/records')).json());
  const opp = values.opportunity ?? list.opportunities?.[0]?.id;
  const acc = values.account ?? list.accounts?.[0]?.id;
  for (const [name, path] of [['opportunity', `/opportunity/${opp}`], ['account', `/account/${acc}`]]) {
    await page.goto(`${origin}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`wrote ${join(out, `${name}.png`)} (${path})`);
  }
} finally {
  await browser.close();
}
