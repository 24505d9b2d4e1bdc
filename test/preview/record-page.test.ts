// The preview end to end in real Chromium: a local org with force-app deployed to it, the preview on top,
// the Opportunity page rendering the real components with the org's data, and a deal registered through
// the component's own form landing in the org.
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { runDeploy } from '../../src/localorg/metadata/deploy.js';
import { startPreview, type Preview } from '../../src/preview/index.js';

// scripts/ is plain JS without types: import it by a path TypeScript does not resolve, with its shape.
const CHROMIUM_SCRIPT: string = '../../scripts/chromium.mjs';
const { findChromium } = (await import(CHROMIUM_SCRIPT)) as { findChromium(): string };

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function deployForceApp(org: LocalOrg): Promise<void> {
  const cs = ComponentSet.fromSource('force-app');
  const { zipBuffer } = await new MetadataConverter().convert(cs, 'metadata', { type: 'zip' });
  const outcome = await runDeploy(org.core, zipBuffer!, { checkOnly: false, rollbackOnError: true });
  expect(outcome.status, JSON.stringify(outcome.failures.slice(0, 3))).to.equal('Succeeded');
}

describe('record-page preview in Chromium', function () {
  this.timeout(120_000);
  let org: LocalOrg;
  let preview: Preview;
  let browser: Browser;
  const ids = { customer: '', partner: '', opportunity: '' };

  before(async () => {
    org = await startLocalOrg({ port: 0 });
    await deployForceApp(org);
    ids.customer = org.core.insert('Account', { Name: 'Acme Corp', Website: 'https://acme.example' });
    ids.partner = org.core.insert('Account', { Name: 'Northwind Partners', Partner_Type__c: 'Reseller', Partner_Status__c: 'Active' });
    ids.opportunity = org.core.insert('Opportunity', {
      Name: 'Acme - CRM expansion',
      AccountId: ids.customer,
      StageName: 'Prospecting',
      CloseDate: '2030-06-30',
      Amount: 48000,
    });
    preview = await startPreview({ port: 0, org: { instanceUrl: org.instanceUrl, accessToken: org.accessToken } });
    browser = await chromium.launch({ executablePath: findChromium(), args: ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    await preview?.stop();
    await org?.stop();
  });

  it('shows the opportunity with the real components and registers a deal into the org', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(preview.url);
    await page.goto(`http://127.0.0.1:${preview.port}/opportunity/${ids.opportunity}`);
    await page.waitForFunction(() => document.getElementById('record-name')?.textContent === 'Acme - CRM expansion');

    // The component got the org's data and rendered its form (its shadow root is closed: reach it through
    // Lit's renderRoot, which is what the element itself renders into).
    const form = await page.waitForFunction(() => {
      const el = document.querySelector('prm-deal-registration') as (HTMLElement & { renderRoot: ShadowRoot; opportunity: { name: string } | null }) | null;
      const select = el?.renderRoot.querySelector('select#partner');
      return el?.opportunity && select ? { name: el.opportunity.name, options: [...select.querySelectorAll('option')].map((o) => o.textContent?.trim()) } : null;
    });
    const shown = (await form.jsonValue()) as { name: string; options: string[] };
    expect(shown.name).to.equal('Acme - CRM expansion');
    expect(shown.options).to.include('Northwind Partners');
    expect(await page.evaluate(() => customElements.get('prm-cosell-splits') !== undefined)).to.equal(true);

    // Fill the form inside the component and submit it, as a rep would.
    await page.evaluate((partnerId) => {
      const root = document.querySelector('prm-deal-registration')!.renderRoot;
      const select = root.querySelector('select#partner') as HTMLSelectElement;
      select.value = partnerId;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, ids.partner);
    await page.evaluate(() => {
      const root = document.querySelector('prm-deal-registration')!.renderRoot;
      (root.querySelector('button.submit') as HTMLButtonElement).click();
    });
    await page.locator('.toast.success').waitFor({ timeout: 15_000 });
    expect(await page.locator('.toast.success').textContent()).to.contain('Deal registration submitted');

    const { records: rows } = org.core.query(
      `SELECT Id, Partner_Account__c, Opportunity__c, Status__c, Estimated_Amount__c, Customer_Name__c FROM Deal_Registration__c WHERE Opportunity__c = '${ids.opportunity}'`,
    );
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ Partner_Account__c: ids.partner, Status__c: 'Submitted', Estimated_Amount__c: 48000, Customer_Name__c: 'Acme Corp' });

    // After the write the page reloaded from the org: the component now shows the submitted registration.
    await page.waitForFunction(() => {
      const el = document.querySelector('prm-deal-registration') as (HTMLElement & { renderRoot: ShadowRoot }) | null;
      return el?.renderRoot.textContent?.includes('Submitted') ?? false;
    });
    expect(errors).to.deep.equal([]);
  });

  it('shows a partner account with the health card and the tier badge', async () => {
    org.core.update('Account', ids.partner, { Partner_Tier__c: 'Silver', Partner_Health_Score__c: 71, Partner_Health_Band__c: 'Yellow' });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(preview.url);
    await page.goto(`http://127.0.0.1:${preview.port}/account/${ids.partner}`);
    const state = await page.waitForFunction(() => {
      const health = document.querySelector('prm-partner-health');
      const badge = document.querySelector('prm-tier-badge');
      if (!health || !badge || health.loading || badge.loading) return null;
      return { error: health.error, tier: health.tier?.label ?? null, badge: badge.renderRoot.textContent?.replace(/\s+/g, ' ').trim() };
    });
    const shown = (await state.jsonValue()) as { error: string; tier: string | null; badge: string };
    expect(shown.error).to.equal('');
    expect(shown.tier).to.equal('Silver');
    expect(shown.badge).to.contain('Silver').and.to.contain('Yellow');
    expect(errors).to.deep.equal([]);
  });
});
