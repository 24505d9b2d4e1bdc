// People's edits during cycles: a worker process syncs continuously while a "person" edits
// service-owned fields (health band, co-sell status) and input fields (certifications, engagement,
// stage) through the API at seeded random moments. Once the sync settles, every edit a person made to a
// service-owned field stands (three-way rule), and the input edits show in what the service derived.
import { expect } from 'chai';
import { connectWithToken } from '../../src/crm/connect.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import { PG_URL, rows, todayIso } from '../sync/harness.js';
import { expectedOpportunities, expectedPartners } from '../sync/expected.js';
import { Conductor, LONG, Worker, pinnedOrg, rng, sharedStore, sleep, until } from './support.js';
import type { SharedStore } from './support.js';

const SEED = 4242;
const EDITS = LONG ? 200 : 30;

describe('reliability: people’s edits during cycles', function () {
  this.timeout(LONG ? 1_800_000 : 120_000);
  let org: LocalOrg | undefined;
  let shared: SharedStore | undefined;
  let worker: Worker | undefined;

  afterEach(async () => {
    worker?.kill();
    await worker?.exited;
    await shared?.close();
    await org?.stop();
  });

  it('keeps every person’s edit to a service-owned field and derives from their input edits', async () => {
    org = await pinnedOrg(SEED, LONG ? 2_000 : 400);
    shared = await sharedStore('edits', PG_URL);
    const conductor = new Conductor(org);
    worker = new Worker({
      instanceUrl: org.instanceUrl,
      accessToken: org.accessToken,
      workerId: 'edits-1',
      intervalMs: 50,
      claimSize: 500,
      ...shared.options,
    });
    conductor.attach(worker);
    await until(
      () => conductor.cycles > 0,
      120_000,
      'the first cycle',
      () => worker!.stderr,
    );

    const person = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    const random = rng(SEED);
    const today = todayIso(org);
    const partners = rows(org, 'Account')
      .filter((a) => a['Partner_Type__c'] != null)
      .map((a) => String(a['Id']));
    const opportunities = rows(org, 'Opportunity').map((o) => String(o['Id']));
    const current = (type: string, id: string, field: string) =>
      rows(org!, type).find((r) => r['Id'] === id)![field] ?? null;
    /** object/Id/field → the value the person last gave a service-owned field. */
    const handSet = new Map<string, unknown>();
    const log: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      await sleep(random.between(20, 400));
      const kind = random.pick(['band', 'cosell', 'certs', 'engagement', 'stage'] as const);
      if (kind === 'band' || kind === 'certs' || kind === 'engagement') {
        const id = random.pick(partners);
        let fields: Record<string, unknown>;
        if (kind === 'band') {
          const now = current('Account', id, 'Partner_Health_Band__c');
          const band = random.pick(['Green', 'Yellow', 'Red'].filter((b) => b !== now));
          handSet.set(`Account/${id}/Partner_Health_Band__c`, band);
          fields = { Partner_Health_Band__c: band };
        } else if (kind === 'certs') fields = { Partner_Certifications__c: random.between(0, 7) };
        else {
          const day = new Date(Date.parse(today) - random.between(0, 200) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          fields = { Partner_Last_Engagement__c: day };
        }
        await person.sobject('Account').update({ Id: id, ...fields });
        log.push(`${kind} ${id}`);
      } else {
        const id = random.pick(opportunities);
        let fields: Record<string, unknown>;
        if (kind === 'cosell') {
          const now = current('Opportunity', id, 'Co_Sell_Status__c');
          const status = random.pick(
            ['None', 'Registered', 'Co-Selling', 'Won', 'Lost'].filter((s) => s !== now),
          );
          handSet.set(`Opportunity/${id}/Co_Sell_Status__c`, status);
          fields = { Co_Sell_Status__c: status };
        } else fields = { StageName: random.pick(['Closed Won', 'Closed Lost', 'Negotiation/Review']) };
        await person.sobject('Opportunity').update({ Id: id, ...fields });
        log.push(`${kind} ${id}`);
      }
    }
    await conductor.settle(shared.store, LONG ? 1_200_000 : 60_000);
    await worker.stop();

    // Every hand-set service-owned value stands.
    const lost = [...handSet]
      .map(([key, value]) => {
        const [type, id, field] = key.split('/') as [string, string, string];
        const now = current(type, id, field);
        return now === value
          ? undefined
          : `${key}: the person set ${String(value)}, the org holds ${String(now)}`;
      })
      .filter((x) => x !== undefined);
    expect(lost, `edits in order: ${log.join(', ')}`).to.deep.equal([]);

    // Everything else is what the rules give for the org's inputs as the person left them.
    const wrong: string[] = [];
    for (const [id, want] of expectedOpportunities(org)) {
      const key = `Opportunity/${id}/Co_Sell_Status__c`;
      if (!handSet.has(key) && current('Opportunity', id, 'Co_Sell_Status__c') !== want.status)
        wrong.push(`${key}: ${String(current('Opportunity', id, 'Co_Sell_Status__c'))} ≠ ${want.status}`);
    }
    for (const [id, want] of expectedPartners(org, today)) {
      if (current('Account', id, 'Partner_Health_Score__c') !== want.score)
        wrong.push(
          `Account/${id} score ${String(current('Account', id, 'Partner_Health_Score__c'))} ≠ ${want.score}`,
        );
      const key = `Account/${id}/Partner_Health_Band__c`;
      if (!handSet.has(key) && current('Account', id, 'Partner_Health_Band__c') !== want.band)
        wrong.push(`${key}: ${String(current('Account', id, 'Partner_Health_Band__c'))} ≠ ${want.band}`);
    }
    expect(wrong, `edits in order: ${log.join(', ')}`).to.deep.equal([]);
    expect(handSet.size).to.be.greaterThan(0);
    const status = await shared.store.status();
    expect(status.failedTotal).to.equal(0);
  });
});
