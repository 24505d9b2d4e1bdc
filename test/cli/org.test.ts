// sf prm org start / stop / doctor, run as a user runs them (./bin/run.js), in a sandboxed HOME and state dir.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { exited, runCli, sandbox, startCli, type Sandbox } from './run-cli.js';

type Json<T> = {
  status: number;
  result: T;
  name?: string;
  message?: string;
  data?: unknown;
  exitCode?: number;
};
const parse = <T>(text: string): Json<T> => JSON.parse(text) as Json<T>;

type Credentials = { username: string; clientId: string; clientSecret: string; password: string };

/** The org's credentials where the README says they are: identity in <state>/localorg/org.json. */
const savedCredentials = (box: Sandbox): Credentials =>
  (JSON.parse(readFileSync(join(box.state, 'localorg', 'org.json'), 'utf8')) as { identity: Credentials })
    .identity;

const clientCredentials = (
  instanceUrl: string,
  c: { clientId?: string; clientSecret?: string },
): Promise<Response> =>
  fetch(`${instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      ...(c.clientId ? { client_id: c.clientId } : {}),
      ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    }),
  });

describe('sf prm org start | stop | doctor', function () {
  this.timeout(120_000);
  let box: Sandbox;
  let org: ChildProcess;
  let credentials: Credentials;
  let started: {
    instanceUrl: string;
    accessToken: string;
    alias: string;
    stateDir: string;
    username: string;
  };

  before(async () => {
    box = sandbox();
    const { child, line } = await startCli(box, [
      'prm',
      'org',
      'start',
      '--port',
      '0',
      '--alias',
      'dev',
      '--json',
    ]);
    org = child;
    started = parse<typeof started>(line).result;
  });

  after(async () => {
    if (org.exitCode === null) org.kill('SIGKILL');
    box.cleanup();
  });

  it('prints one JSON line with the URL, a working token, the alias and the state dir', async () => {
    expect(started.instanceUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.alias).to.equal('dev');
    expect(started.stateDir).to.equal(box.state);
    const res = await fetch(`${started.instanceUrl}/services/data/v63.0/limits`, {
      headers: { Authorization: `Bearer ${started.accessToken}` },
    });
    expect(res.status).to.equal(200);
    const denied = await fetch(`${started.instanceUrl}/services/data/v63.0/limits`, {
      headers: { Authorization: 'Bearer wrong' },
    });
    expect(denied.status).to.equal(401);
    const created = await fetch(`${started.instanceUrl}/services/data/v63.0/sobjects/Account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${started.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: 'Kept Across Restarts Ltd' }),
    });
    expect(created.status).to.equal(201);
  });

  it('issues tokens only for the client id and secret saved in the state dir', async () => {
    credentials = savedCredentials(box);
    expect(credentials.username).to.equal(started.username);
    const issued = await clientCredentials(started.instanceUrl, credentials);
    expect(issued.status).to.equal(200);
    const token = ((await issued.json()) as { access_token: string }).access_token;
    const res = await fetch(`${started.instanceUrl}/services/data/v63.0/limits`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).to.equal(200);
    const refused = await clientCredentials(started.instanceUrl, {});
    expect(refused.status).to.equal(400);
    expect(await refused.json()).to.deep.equal({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });

  it('refuses a second org from the same state directory', async () => {
    const r = await runCli(box, ['prm', 'org', 'start', '--port', '0', '--json']);
    expect(r.code).to.not.equal(0);
    const out = parse<unknown>(r.stdout);
    expect(out.name).to.equal('AlreadyRunningError');
    expect(out.message).to.contain(started.instanceUrl);
  });

  it('says which port is taken when the port is in use', async () => {
    const other = sandbox();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await runCli(other, ['prm', 'org', 'start', '--port', String(port), '--json']);
      expect(r.code).to.not.equal(0);
      const out = parse<unknown>(r.stdout);
      expect(out.name).to.equal('PortInUseError');
      expect(out.message).to.contain(String(port));
    } finally {
      server.close();
      other.cleanup();
    }
  });

  it('doctor reaches the org through its alias and names what is missing before a deploy', async () => {
    const r = await runCli(box, ['prm', 'doctor', '--target-org', 'dev', '--json']);
    expect(r.code).to.equal(1);
    const out = parse<unknown>(r.stdout);
    const data = out.data as { ok: boolean; checks: { name: string; status: string; fix?: string }[] };
    expect(data.ok).to.equal(false);
    const registrations = data.checks.find((c) => c.name === 'Object Deal_Registration__c');
    expect(registrations?.status).to.equal('fail');
    expect(registrations?.fix).to.contain('sf prm deploy');
    expect(data.checks.find((c) => c.name === 'API budget')?.status).to.equal('pass');
  });

  it('an unknown alias is an error that names it', async () => {
    const r = await runCli(box, ['prm', 'doctor', '--target-org', 'no-such-org', '--json']);
    expect(r.code).to.not.equal(0);
    expect(r.stdout).to.contain('no-such-org');
  });

  it('org stop stops it, and a second stop says nothing is running', async () => {
    const r = await runCli(box, ['prm', 'org', 'stop', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    expect(parse<{ stopped: boolean }>(r.stdout).result.stopped).to.equal(true);
    expect(await exited(org)).to.equal(0);
    const again = await runCli(box, ['prm', 'org', 'stop', '--json']);
    expect(again.code).to.not.equal(0);
    expect(parse<unknown>(again.stdout).name).to.equal('NotRunningError');
  });

  it('a restarted org keeps the same token, credentials and records', async () => {
    const { child, line } = await startCli(box, [
      'prm',
      'org',
      'start',
      '--port',
      '0',
      '--alias',
      'dev',
      '--json',
    ]);
    try {
      const again = parse<typeof started>(line).result;
      expect(again.accessToken).to.equal(started.accessToken);
      expect(savedCredentials(box)).to.deep.equal(credentials);
      expect((await clientCredentials(again.instanceUrl, credentials)).status).to.equal(200);
      expect(
        (await clientCredentials(again.instanceUrl, { ...credentials, clientSecret: 'wrong' })).status,
      ).to.equal(400);
      const q = encodeURIComponent("SELECT Name FROM Account WHERE Name = 'Kept Across Restarts Ltd'");
      const res = await fetch(`${again.instanceUrl}/services/data/v63.0/query?q=${q}`, {
        headers: { Authorization: `Bearer ${again.accessToken}` },
      });
      expect(((await res.json()) as { totalSize: number }).totalSize).to.equal(1);
    } finally {
      child.kill('SIGTERM');
      expect(await exited(child)).to.equal(0);
    }
  });
});
