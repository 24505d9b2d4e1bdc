// No access token, no OAuth credential and no personal data in what the tools print or log. Runs the CLI as a user does
// (org start, deploy with demo data, doctor) at the most verbose log levels, pokes the org with calls that
// fail, and then looks for the org's access token and the demo contacts' emails in every byte printed,
// except the one line `org start` prints on purpose (its documented result, which carries the token), and
// in every log file the tools wrote. The local org's client secret and admin password are printed nowhere,
// that line included, and stored only in the org's own state file. Needs lib/: `npx tsc -p tsconfig.build.json`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { exited, runCli, sandbox, startCli, type Sandbox } from '../cli/run-cli.js';

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.isFile() ? [p] : [];
  });
}

describe('security: no tokens or personal data in output and logs', function () {
  this.timeout(180_000);
  let box: Sandbox;
  let org: ChildProcess;
  let instance: { instanceUrl: string; accessToken: string };
  /** Everything printed, by whom, except the org start result line. */
  const printed: { who: string; text: string }[] = [];
  let emails: string[] = [];
  let resultLine = '';
  /** The local org's client secret and admin password, read from its state file. */
  let credentials: { clientSecret: string; password: string };

  before(async () => {
    box = sandbox();
    Object.assign(box.env, { PRM_LOG_LEVEL: 'trace', SF_LOG_LEVEL: 'trace', DEBUG: '' });
    const started = await startCli(box, ['prm', 'org', 'start', '--port', '0', '--size', 'tiny', '--json']);
    org = started.child;
    instance = (JSON.parse(started.line) as { result: typeof instance }).result;
    resultLine = started.line;
    credentials = (
      JSON.parse(readFileSync(join(box.state, 'localorg', 'org.json'), 'utf8')) as {
        identity: typeof credentials;
      }
    ).identity;
    let orgOut = '';
    let orgErr = '';
    org.stdout!.on('data', (d: Buffer) => (orgOut += d.toString()));
    org.stderr!.on('data', (d: Buffer) => (orgErr += d.toString()));

    // Personal data the org holds: the demo data's contacts (if it has any) and one of our own.
    const seeded = await fetch(`${instance.instanceUrl}/services/data/v63.0/sobjects/Contact`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${instance.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        FirstName: 'Private',
        LastName: 'Person',
        Email: 'private.person@example.org',
        Phone: '+1 555 0100',
      }),
    });
    expect(seeded.status).to.equal(201);

    const deploy = await runCli(box, [
      'prm',
      'deploy',
      '--target-org',
      'localorg',
      '--assign-permsets',
      '--demo-data',
      '--json',
    ]);
    expect(deploy.code, deploy.stdout + deploy.stderr).to.equal(0);
    printed.push(
      { who: 'deploy stdout', text: deploy.stdout },
      { who: 'deploy stderr', text: deploy.stderr },
    );
    const doctor = await runCli(box, ['prm', 'doctor', '--target-org', 'localorg']);
    printed.push(
      { who: 'doctor stdout', text: doctor.stdout },
      { who: 'doctor stderr', text: doctor.stderr },
    );
    const failing = await runCli(box, ['prm', 'doctor', '--target-org', 'no-such-org', '--json']);
    printed.push(
      { who: 'failing doctor stdout', text: failing.stdout },
      { who: 'failing doctor stderr', text: failing.stderr },
    );

    // Calls that fail, with the token in the header and in the query string, to provoke any error logging.
    const auth = { Authorization: `Bearer ${instance.accessToken}` };
    await fetch(
      `${instance.instanceUrl}/services/data/v63.0/query?q=SELEKT&oauth_token=${instance.accessToken}`,
    );
    await fetch(`${instance.instanceUrl}/services/data/v63.0/sobjects/Nope__c`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{',
    });
    await fetch(`${instance.instanceUrl}/no/such/route`, { headers: auth });
    // Token requests that fail, carrying the real secret and password next to a wrong one.
    for (const body of [
      `grant_type=password&client_id=wrong&client_secret=${credentials.clientSecret}&username=admin%40prm.localorg&password=${credentials.password}`,
      `grant_type=client_credentials&client_id=wrong&client_secret=${credentials.clientSecret}`,
    ]) {
      await fetch(`${instance.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    }

    const q = encodeURIComponent('SELECT Email FROM Contact WHERE Email != null');
    const contacts = (await (
      await fetch(`${instance.instanceUrl}/services/data/v63.0/query?q=${q}`, { headers: auth })
    ).json()) as { records: { Email: string }[] };
    emails = contacts.records.map((r) => r.Email);

    org.kill('SIGTERM');
    await exited(org);
    printed.push(
      { who: 'org start (after its result line)', text: orgOut.slice(orgOut.indexOf('\n') + 1) },
      { who: 'org start stderr', text: orgErr },
    );
  });

  after(() => {
    if (org?.exitCode === null) org.kill('SIGKILL');
    box?.cleanup();
  });

  it('the org start result line is the only place the token is printed', () => {
    expect(instance.accessToken.length).to.be.greaterThan(20);
    for (const { who, text } of printed)
      expect(text.includes(instance.accessToken), `${who} prints the access token`).to.equal(false);
    // Not even a recognisable piece of it.
    const piece = instance.accessToken.slice(-16);
    for (const { who, text } of printed)
      expect(text.includes(piece), `${who} prints part of the access token`).to.equal(false);
  });

  it('the client secret and the admin password are printed nowhere, not even on the result line', () => {
    const secrets = [credentials.clientSecret, credentials.password];
    for (const secret of secrets) expect(secret.length).to.be.greaterThan(20);
    for (const { who, text } of [...printed, { who: 'org start result line', text: resultLine }]) {
      for (const secret of secrets)
        expect(text.includes(secret), `${who} prints a credential`).to.equal(false);
    }
  });

  it('no contact email (demo data or ours) is printed', () => {
    expect(emails, 'the org has contacts with emails to look for').to.include('private.person@example.org');
    for (const { who, text } of printed) {
      const leaked = emails.filter((e) => text.toLowerCase().includes(e.toLowerCase()));
      expect(leaked, `${who} prints contact emails`).to.deep.equal([]);
    }
  });

  it('no log file and no file under HOME holds the token or a credential in clear, nor a contact email', () => {
    const files = [...filesUnder(box.home), ...filesUnder(box.state).filter((f) => /\.log$|logs?\//.test(f))];
    expect(files.length).to.be.greaterThan(0);
    for (const file of files) {
      if (statSync(file).size > 50 * 1024 * 1024) continue;
      const text = readFileSync(file, 'utf8');
      const where = relative(box.home, file);
      expect(text.includes(instance.accessToken), `${where} holds the access token in clear`).to.equal(false);
      for (const secret of [credentials.clientSecret, credentials.password])
        expect(text.includes(secret), `${where} holds a credential`).to.equal(false);
      if (/\.log$/.test(file))
        for (const e of emails) expect(text.includes(e), `${where} logs ${e}`).to.equal(false);
    }
  });

  it('the client secret and the admin password are stored in the org state file only', () => {
    const orgState = join(box.state, 'localorg', 'org.json');
    const holders = filesUnder(box.state).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return text.includes(credentials.clientSecret) || text.includes(credentials.password);
    });
    expect(holders.map((f) => relative(box.state, f))).to.deep.equal([relative(box.state, orgState)]);
  });

  it('any pino logger in src redacts authorization headers and tokens', () => {
    const root = new URL('../../src/', import.meta.url).pathname;
    const loggers = filesUnder(root).filter(
      (f) => f.endsWith('.ts') && /from ['"]pino['"]|require\(['"]pino['"]\)/.test(readFileSync(f, 'utf8')),
    );
    for (const file of loggers) {
      const text = readFileSync(file, 'utf8');
      expect(text, `${relative(root, file)} creates a pino logger without redact`).to.match(/redact\s*:/);
      expect(text, `${relative(root, file)}: redact does not cover authorization headers`).to.match(
        /authorization/i,
      );
      expect(text, `${relative(root, file)}: redact does not cover access tokens`).to.match(
        /accessToken|access_token/,
      );
    }
  });
});
