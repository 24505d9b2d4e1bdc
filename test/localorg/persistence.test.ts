// Starting, stopping and restarting: a state directory keeps the org (records, recycle bin, schema,
// counters, token, credentials) across restarts; a busy port is reported clearly.
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
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
    const { id: widget } = (await conn
      .sobject('Widget__c')
      .create({ Name: 'W', Ext_Id__c: 'W-1', Account__c: kept })) as {
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
      const bin = await again.query<{ Id: string }>('SELECT Id FROM Account WHERE IsDeleted = true', {
        scanAll: true,
      });
      expect(bin.records.map((r) => r.Id)).to.deep.equal([gone]);
      const w = await again.query<{ Account__r: { Name: string } }>(
        "SELECT Account__r.Name FROM Widget__c WHERE Ext_Id__c = 'W-1'",
      );
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
    const res = await fetch(`${first.instanceUrl}/__localorg/reset`, {
      method: 'POST',
      headers: { Authorization: 'Bearer fixed-token' },
    });
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

  it('keeps the client id, client secret and password across a restart, in org.json readable by its owner only', async () => {
    const first = await startLocalOrg({ stateDir: dir });
    // The first org's credentials, sent to whichever org is running.
    const clientCredentials = (org: LocalOrg): Promise<Response> =>
      fetch(`${org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: first.clientId,
          client_secret: first.clientSecret,
        }),
      });
    expect((await clientCredentials(first)).status).to.equal(200);
    await first.stop();
    const saved = JSON.parse(await readFile(join(dir, 'org.json'), 'utf8')) as {
      identity: Record<string, string>;
    };
    expect(saved.identity).to.include({
      clientId: first.clientId,
      clientSecret: first.clientSecret,
      password: first.password,
    });
    if (process.platform !== 'win32')
      expect((await stat(join(dir, 'org.json'))).mode & 0o777).to.equal(0o600);

    const second = await startLocalOrg({ stateDir: dir });
    try {
      expect([second.clientId, second.clientSecret, second.password]).to.deep.equal([
        first.clientId,
        first.clientSecret,
        first.password,
      ]);
      expect((await clientCredentials(second)).status).to.equal(200);
    } finally {
      await second.stop();
    }
  });

  it('uses the credentials it is given and keeps them; an org saved without credentials gets new ones', async () => {
    const given = {
      clientId: 'my-consumer-key',
      clientSecret: 'my-consumer-secret',
      password: 'my-password',
    };
    const first = await startLocalOrg({ stateDir: dir, ...given });
    expect(first).to.include(given);
    await first.stop();
    const second = await startLocalOrg({ stateDir: dir });
    try {
      expect(second).to.include(given);
    } finally {
      await second.stop();
    }
    await rejection(() => startLocalOrg({ clientSecret: '' }));

    // An org.json from before the token endpoint checked credentials: no clientId, clientSecret, password.
    const path = join(dir, 'org.json');
    const old = JSON.parse(await readFile(path, 'utf8')) as { identity: Record<string, string> };
    for (const key of Object.keys(given)) delete old.identity[key];
    await writeFile(path, JSON.stringify(old));
    const third = await startLocalOrg({ stateDir: dir });
    try {
      expect(third.clientSecret).to.match(/^[0-9A-F]{64}$/);
      expect(third.clientId).to.match(/^3MVG9/);
      expect(third.password).to.not.equal('');
      const again = JSON.parse(await readFile(path, 'utf8')) as { identity: Record<string, string> };
      expect(again.identity['clientSecret']).to.equal(third.clientSecret);
    } finally {
      await third.stop();
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
