// Starting, stopping and restarting: a state directory keeps the org (records, recycle bin, schema,
// counters, token) across restarts; a busy port is reported clearly.
import { expect } from 'chai';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalOrg } from '../../src/localorg/index.js';
import { connect, defineWidget, localOnly, rejection } from './helpers.js';

localOnly('local org: lifecycle and persistence', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'localorg-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('binds 127.0.0.1 on a free port and reports a busy port with code EADDRINUSE', async () => {
    const org = await startLocalOrg();
    try {
      expect(org.instanceUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(org.instanceUrl).port);
      const err = await rejection(() => startLocalOrg({ port }));
      expect((err as Error & { code?: string }).code).to.equal('EADDRINUSE');
      expect(err.message).to.contain(String(port));
    } finally {
      await org.stop();
    }
  });

  it('keeps records, the recycle bin, custom schema, Ids and the token across a restart', async () => {
    const first = await startLocalOrg({ stateDir: dir });
    defineWidget(first.core);
    const conn = connect(first);
    const { id: kept } = (await conn.sobject('Account').create({ Name: 'Kept' })) as { id: string };
    const { id: gone } = (await conn.sobject('Account').create({ Name: 'Gone' })) as { id: string };
    await conn.sobject('Account').destroy(gone);
    const { id: widget } = (await conn.sobject('Widget__c').create({ Name: 'W', Ext_Id__c: 'W-1', Account__c: kept })) as {
      id: string;
    };
    const used = first.core.usage.used;
    expect(used).to.equal(4);
    await first.stop();
    expect(await readdir(dir)).to.include('org.json');

    const second = await startLocalOrg({ stateDir: dir });
    try {
      expect(second.accessToken).to.equal(first.accessToken);
      expect(second.core.identity.orgId).to.equal(first.core.identity.orgId);
      // The daily allocation does not refill because the org restarted.
      expect(second.core.usage.used).to.equal(used);
      const again = connect(second, first.accessToken);
      const live = await again.query<{ Name: string }>('SELECT Name FROM Account');
      expect(live.records.map((r) => r.Name)).to.deep.equal(['Kept']);
      const bin = await again.query<{ Id: string }>('SELECT Id FROM Account WHERE IsDeleted = true', { scanAll: true });
      expect(bin.records.map((r) => r.Id)).to.deep.equal([gone]);
      const w = await again.query<{ Account__r: { Name: string } }>("SELECT Account__r.Name FROM Widget__c WHERE Ext_Id__c = 'W-1'");
      expect(w.records[0]!.Account__r.Name).to.equal('Kept');
      // The unique index is rebuilt, and new Ids never reuse old ones.
      const dup = await rejection(() => again.sobject('Widget__c').create({ Name: 'X', Ext_Id__c: 'W-1' }));
      expect(dup.errorCode).to.equal('DUPLICATE_VALUE');
      const { id: next } = (await again.sobject('Account').create({ Name: 'Next' })) as { id: string };
      expect([kept, gone, widget]).to.not.include(next);
    } finally {
      await second.stop();
    }
  });

  it('saves changes made while running, without waiting for stop', async () => {
    const org = await startLocalOrg({ stateDir: dir });
    try {
      await connect(org).sobject('Account').create({ Name: 'Early' });
      const deadline = Date.now() + 3000;
      let files: string[] = [];
      while (Date.now() < deadline) {
        files = await readdir(join(dir, 'records')).catch(() => []);
        if (files.includes('Account.ndjson')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(files).to.include('Account.ndjson');
    } finally {
      await org.stop();
    }
  });

  it('reset through the control surface is persisted too', async () => {
    const first = await startLocalOrg({ stateDir: dir, accessToken: 'fixed-token' });
    await connect(first).sobject('Account').create({ Name: 'A' });
    const res = await fetch(`${first.instanceUrl}/__localorg/reset`, { method: 'POST', headers: { Authorization: 'Bearer fixed-token' } });
    expect(res.status).to.equal(200);
    await first.stop();
    const second = await startLocalOrg({ stateDir: dir });
    try {
      expect(second.accessToken).to.equal('fixed-token');
      expect((await connect(second).query('SELECT Id FROM Account')).totalSize).to.equal(0);
    } finally {
      await second.stop();
    }
  });

  it('runs on an injected clock', async () => {
    let now = Date.parse('2030-01-02T03:04:05Z');
    const org = await startLocalOrg({ now: () => now });
    try {
      const conn = connect(org);
      const { id } = (await conn.sobject('Account').create({ Name: 'A' })) as { id: string };
      now += 60_000;
      await conn.sobject('Account').update({ Id: id, Name: 'B' });
      const rec = await conn.sobject('Account').retrieve(id);
      expect(rec['CreatedDate']).to.equal('2030-01-02T03:04:05.000+0000');
      expect(rec['LastModifiedDate']).to.equal('2030-01-02T03:05:05.000+0000');
    } finally {
      await org.stop();
    }
  });
});
