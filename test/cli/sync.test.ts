// sf prm sync / status against the local org, as a user runs them: one cycle, an idle cycle, the status
// report, and a continuous run stopped with Ctrl-C.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { exited, runCli, sandbox, soql, startOrgCli, type RunningOrgCli, type Sandbox } from './run-cli.js';

type Cycle = {
  cycleId: number;
  status: string;
  pulled: number;
  pushed: number;
  failed: number;
  apiCalls: number;
};
type SyncJson = { status: number; result: { cycles: Cycle[]; apiCalls: number; stoppedBy?: string } };

describe('sf prm sync | status', function () {
  this.timeout(180_000);
  let box: Sandbox;
  let org: RunningOrgCli;

  before(async () => {
    box = sandbox();
    org = await startOrgCli(box, { size: 'tiny', deploy: true });
  });

  after(async () => {
    await org.stop();
    box.cleanup();
  });

  it('--once runs one cycle that writes the service-owned fields back', async () => {
    const r = await runCli(box, ['prm', 'sync', '--target-org', 'localorg', '--once', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const { result } = JSON.parse(r.stdout) as SyncJson;
    expect(result.cycles).to.have.length(1);
    expect(result.cycles[0]!.status).to.equal('ok');
    expect(result.cycles[0]!.pushed).to.be.greaterThan(0);
    const { records: partners } = await soql<{
      Partner_Tier__c: string | null;
      Partner_Health_Score__c: number | null;
    }>(org, 'SELECT Partner_Tier__c, Partner_Health_Score__c FROM Account WHERE Partner_Type__c != null');
    expect(partners.length).to.be.greaterThan(0);
    for (const p of partners) {
      expect(p.Partner_Tier__c).to.be.a('string');
      expect(p.Partner_Health_Score__c).to.be.a('number');
    }
  });

  it('the echo of its own writes causes no write, and an idle cycle costs at most one API call', async () => {
    // The change check works on whole minutes (as getUpdated does), so the echo of the first cycle's writes
    // arrives in one of the next cycles; every one of them writes nothing, and a cycle that pulls nothing
    // (idle) costs one call. Bounded: the echo's minute closes within about a minute.
    const deadline = Date.now() + 150_000;
    let idle: Cycle | undefined;
    while (idle === undefined && Date.now() < deadline) {
      const r = await runCli(box, ['prm', 'sync', '--target-org', 'localorg', '--once', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      const cycle = (JSON.parse(r.stdout) as SyncJson).result.cycles[0]!;
      expect(cycle.pushed, 'a cycle after the first writes nothing').to.equal(0);
      if (cycle.pulled === 0) idle = cycle;
    }
    expect(idle, 'an idle cycle within the deadline').to.not.equal(undefined);
    expect(idle!.apiCalls).to.be.at.most(1);
  });

  it('status reports the cycles, the outbox and the API budget, as a table and as JSON', async () => {
    const r = await runCli(box, ['prm', 'status', '--target-org', 'localorg', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const result = (
      JSON.parse(r.stdout) as {
        result: {
          cycles: { status: string }[];
          outbox: Record<string, number>;
          api: { used: number; max: number };
        };
      }
    ).result;
    expect(result.cycles.length).to.be.at.least(2);
    expect(result.cycles.every((c) => c.status === 'ok')).to.equal(true);
    expect(result.outbox.FAILED).to.equal(0);
    expect(result.api.max).to.equal(15_000);
    expect(result.api.used).to.be.greaterThan(0);
    const table = await runCli(box, ['prm', 'status', '--target-org', 'localorg']);
    expect(table.stdout).to.contain('Last cycles');
    expect(table.stdout).to.match(/outbox: 0 pending, 0 failed/);
  });

  it('a continuous run stops cleanly on Ctrl-C and reports what it did', async () => {
    const run = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
    const child = spawn(
      process.execPath,
      [run, 'prm', 'sync', '--target-org', 'localorg', '--interval', '1', '--json'],
      {
        env: box.env,
        cwd: box.home,
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Interrupt it once its log shows a cycle it ran (the log is shared with earlier runs: count them).
    const logFile = join(box.state, 'logs', 'prm.log');
    const cyclesLogged = (): number => readFileSync(logFile, 'utf8').split('"msg":"cycle"').length - 1;
    const before = cyclesLogged();
    const deadline = Date.now() + 60_000;
    while (cyclesLogged() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    expect(await exited(child)).to.equal(0);
    const result = (JSON.parse(out) as SyncJson).result;
    expect(result.stoppedBy).to.equal('SIGINT');
    expect(result.cycles.length).to.be.greaterThan(0);
  });

  it('logs each cycle as structured JSON in the state directory, without the token', () => {
    const text = readFileSync(join(box.state, 'logs', 'prm.log'), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; pulled?: number; apiCalls?: number; level: number });
    const cycles = lines.filter((l) => l.msg === 'cycle');
    expect(cycles.length).to.be.greaterThan(2);
    expect(cycles[0]!.pulled).to.be.a('number');
    expect(cycles[0]!.apiCalls).to.be.a('number');
    expect(text).to.not.contain(org.accessToken);
  });

  it('refuses a budget share outside (0, 1]', async () => {
    const r = await runCli(box, [
      'prm',
      'sync',
      '--target-org',
      'localorg',
      '--once',
      '--max-api-share',
      '2',
      '--json',
    ]);
    expect(r.code).to.not.equal(0);
    expect(r.stdout).to.contain('--max-api-share');
  });
});
