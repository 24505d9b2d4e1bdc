// Screenshots of the record-page preview in headless Chromium (for the README, or to check a change by eye).
// Usage: node scripts/screenshot.mjs <preview-url-with-token> [out-dir]
// Writes opportunity.png and account.png: the first Opportunity and the first partner Account listed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const [url, outArg = 'docs'] = process.argv.slice(2);
if (!url) {
  console.error('Usage: node scripts/screenshot.mjs <preview-url-with-token> [out-dir]');
  process.exit(2);
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: await findChromium(), args: ["--headless", ...chromiumArgs] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(url);
  const origin = new URL(url).origin;
  const list = await page.evaluate(async () => (await fetch('/api/records')).json());
  const opp = list.opportunities?.[0]?.id;
  const acc = list.accounts?.[0]?.id;
  for (const [name, path] of [['opportunity', `/opportunity/${opp}`], ['account', `/account/${acc}`]]) {
    await page.goto(`${origin}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`wrote ${join(out, `${name}.png`)}`);
  }
} finally {
  await browser.close();
}
