import { expect } from 'chai';
import type { Connection } from '@jsforce/jsforce-node';
import { connectWithToken } from '../../src/crm/connect.js';
import type { LocalOrg } from '../../src/localorg/index.js';
import type { Store } from '../../src/store/index.js';
import { advance, apiCalls, openTestStore, rows, runner, startOrg } from './harness.js';
import type { Opened, Runner } from './harness.js';

type R = Record<string, unknown>;

describe('sync: changes in the org, people’s edits and echoes', function () {
  this.timeout(180_000);
  let org: LocalOrg;
  let opened: Opened;
  let store: Store;
  let run: Runner;
  let person: Connection;

  const account = (id: string): R => rows(org, 'Account').find((a) => a['Id'] === id)!;
  /** A cycle after the org's clock moved on, so the poll window covers what just happened. */
  const next = async () => {
    advance(org);
    return run.cycle();
  };

  before(async () => {
    // The harness's clock starts at 00:30 UTC, so the suite's cycles stay on one day.
    org = await startOrg({ size: 'small', seed: 3 });
    opened = await openTestStore();
    store = opened.store;
    run = runner(org, store);
    person = connectWithToken({ instanceUrl: org.instanceUrl, accessToken: org.accessToken });
    await run.cycle();
    await next(); // the echoes of the first push
  });
  after(async () => {
    await opened?.close();
    await org?.stop();
  });

  it('reads a change by its id: the sync’s own writes of the last minutes are not read again', async () => {
    // The first push and its echo are minutes old, inside the overlap window a SystemModstamp query
    // would read again; the change check names the one record that changed.
    const opp = rows(org, 'Opportunity')[0]!;
    await person
      .sobject('Opportunity')
      .update({ Id: String(opp['Id']), Name: `${String(opp['Name'])} (renamed)` });
    const before = apiCalls(org);
    const report = await next();
    expect(report.pulled).to.equal(1);
    expect(report.changed).to.equal(1);
    expect(apiCalls(org) - before).to.equal(2); // the check, then one Composite call with the read
  });

  it('picks up a change made in the org and writes the derived values back', async () => {
    const open = rows(org, 'Opportunity').find(
      (o) => o['IsClosed'] === false && o['Co_Sell_Status__c'] === 'Co-Selling',
    );
    expect(open, 'an open co-selling opportunity in the demo data').to.not.equal(undefined);
    await person.sobject('Opportunity').update({ Id: String(open!['Id']), StageName: 'Closed Won' });
    const report = await next();
    expect(report.changed).to.be.greaterThan(0);
    expect(report.pushed).to.be.greaterThan(0);
    const after = rows(org, 'Opportunity').find((o) => o['Id'] === open!['Id'])!;
    expect(after['Co_Sell_Status__c']).to.equal('Won');
    // And it settles: the echo of that write triggers no further write, then the poll goes quiet.
    const echo = await next();
    expect(echo.pushed).to.equal(0);
    const before = apiCalls(org);
    const idle = await next();
    expect(apiCalls(org) - before).to.be.at.most(1);
    expect(idle.pushed).to.equal(0);
  });

  it('counts a registration a manager approved by hand in its partner’s numbers', async () => {
    const partner = rows(org, 'Account').find((a) => a['Partner_Type__c'] != null)!;
    const id = String(partner['Id']);
    const day = new Date(org.core.clock.now().getTime() - 3_600_000).toISOString();
    const created = await person.sobject('Deal_Registration__c').create({
      Partner_Account__c: id,
      Customer_Name__c: 'Hand Approved Customer',
      Registration_Type__c: 'Sourced',
      Status__c: 'Approved',
      Submitted_At__c: day,
      Decided_At__c: day,
      Decided_By__c: 'Manager',
      External_Id__c: 'hand-approved-1',
    });
    const regId = (created as { id: string }).id;
    const report = await next();
    expect(report.computed).to.be.greaterThan(0);
    const explained = JSON.parse(String(account(id)['Partner_Health_Explained__c'])) as { measures: R[] };
    const approval = explained.measures.find((m) => m['measure'] === 'Registration_Approval_Rate')!;
    expect((approval['evidence'] as { recordIds: string[] }).recordIds).to.include(regId);
    // The rules leave a manager's decision alone.
    const reg = rows(org, 'Deal_Registration__c').find((r) => r['Id'] === regId)!;
    expect(reg).to.include({ Status__c: 'Approved', Decided_By__c: 'Manager' });
  });

  it('never overwrites a person’s edit of a service-owned field, and resumes once they clear it', async () => {
    const partner = rows(org, 'Account').find(
      (a) => typeof a['Partner_Health_Score__c'] === 'number' && a['Partner_Health_Score__c'] !== 99,
    )!;
    const id = String(partner['Id']);
    await person.sobject('Account').update({ Id: id, Partner_Health_Score__c: 99 });
    await next();
    expect(account(id)['Partner_Health_Score__c']).to.equal(99);

    // An input change makes the rules recompute this partner: the other outputs follow, the edit stays.
    const engagement = new Date(org.core.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    await person.sobject('Account').update({ Id: id, Partner_Last_Engagement__c: engagement });
    const recomputed = await next();
    expect(recomputed.computed).to.be.greaterThan(0);
    expect(recomputed.kept).to.be.greaterThan(0);
    expect(account(id)['Partner_Health_Score__c']).to.equal(99);
    const explained = JSON.parse(String(account(id)['Partner_Health_Explained__c'])) as {
      score: number;
      measures: R[];
    };
    expect(explained.measures.find((m) => m['measure'] === 'Engagement_Recency')!['value']).to.equal(1);

    // Cleared by the person: the service owns the field again.
    await person.sobject('Account').update({ Id: id, Partner_Health_Score__c: null });
    await next();
    expect(account(id)['Partner_Health_Score__c']).to.equal(explained.score);
  });

  it('treats a tier a person sets by hand as the current tier (grace, not an overwrite)', async () => {
    const partner = rows(org, 'Account').find((a) => a['Partner_Tier__c'] === 'Registered')!;
    const id = String(partner['Id']);
    await person.sobject('Account').update({ Id: id, Partner_Tier__c: 'Platinum' });
    await next();
    expect(account(id)['Partner_Tier__c']).to.equal('Platinum');
    expect(account(id)['Partner_Tier_Grace_Until__c']).to.be.a('string');
    await person.sobject('Account').update({ Id: id, Partner_Tier__c: null });
    await next();
    expect(account(id)['Partner_Tier__c']).to.equal('Registered');
    expect(account(id)['Partner_Tier_Grace_Until__c'] ?? null).to.equal(null);
  });

  it('keeps a person’s edit that lands between compute and push (checked again before sending)', async () => {
    const partner = rows(org, 'Account').find(
      (a) => Number(a['Partner_Certifications__c']) > 2 && typeof a['Partner_Health_Score__c'] === 'number',
    )!;
    const id = String(partner['Id']);
    // Recompute the partner (an input change), and before the push a person sets the score by hand.
    await person.sobject('Account').update({ Id: id, Partner_Certifications__c: 0 });
    advance(org);
    const report = await run.cycle({
      afterCompute: async () => {
        expect((await store.status()).outbox.NEW).to.be.greaterThan(0);
        await person.sobject('Account').update({ Id: id, Partner_Health_Score__c: 1 });
        // The engine sees it on its own mirror only after a pull; simulate the pull having happened.
        await store.transaction(async (tx) => {
          const m = (await tx.getMirror('Account', [id])).get(id)!;
          await tx.upsertMirror('Account', [
            {
              id,
              systemModstamp: new Date(Date.parse(m.systemModstamp) + 1000),
              fields: { ...m.fields, Partner_Health_Score__c: 1 },
            },
          ]);
        });
      },
    });
    expect(account(id)['Partner_Health_Score__c']).to.equal(1);
    const ignored = (await store.status()).outbox.IGNORED;
    expect(ignored).to.be.greaterThan(0);
    expect(report.status).to.not.equal('failed');
  });

  it('sees deletes through queryAll and recomputes what they touched', async () => {
    const split = rows(org, 'Co_Sell_Split__c')[0]!;
    const id = String(split['Id']);
    await person.sobject('Co_Sell_Split__c').destroy(id);
    const report = await next();
    expect(report.changed).to.be.greaterThan(0);
    const mirrored = (await store.getMirror('Co_Sell_Split__c', [id])).get(id);
    expect(mirrored?.isDeleted).to.equal(true);
    expect(report.computed).to.be.greaterThan(0);
  });

  it('finds hard deletes (gone from the recycle bin too) in the daily reconciliation', async () => {
    const split = rows(org, 'Co_Sell_Split__c')[0]!;
    const id = String(split['Id']);
    org.core.store.remove('Co_Sell_Split__c', id); // no trace for queryAll or getDeleted
    const sameDay = await next();
    expect((await store.getMirror('Co_Sell_Split__c', [id])).get(id)?.isDeleted).to.equal(false);
    expect(sameDay.changed).to.equal(0);
    advance(org, 86_400_000);
    const nextDay = await run.cycle();
    expect((await store.getMirror('Co_Sell_Split__c', [id])).get(id)?.isDeleted).to.equal(true);
    expect(nextDay.computed).to.be.greaterThan(0);
  });
});
