// sf prm demo (what npm start runs): everything comes up on a fresh state directory, the preview serves the
// real pages behind its token, the sync runs, Ctrl-C stops it cleanly, and a second start reuses the state.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { exited, sandbox, type Sandbox } from './run-cli.js';

const RUN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

function startDemo(box: Sandbox): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (re: RegExp) => Promise<RegExpMatchArray>;
} {
  const child = spawn(
    process.execPath,
    [RUN, 'prm', 'demo', '--port', '0', '--org-port', '0', '--size', 'tiny', '--interval', '2'],
    {
      env: box.env,
      cwd: box.home,
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const waitFor = (re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + 90_000;
      const tick = (): void => {
        const m = out.match(re);
        if (m) resolve(m);
        else if (Date.now() > deadline || child.exitCode !== null) reject(new Error(`no ${re} in:\n${out}`));
        else setTimeout(tick, 100);
      };
      tick();
    });
  return { child, output: () => out, waitFor };
}

describe('sf prm demo', function () {
  this.timeout(240_000);
  let box: Sandbox;

  before(() => {
    box = sandbox();
  });
  after(() => box.cleanup());

  it('brings up the org, the package, demo data, the preview and the sync; Ctrl-C stops it', async () => {
    const demo = startDemo(box);
    try {
      const [, url] = await demo.waitFor(/Record-page preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      await demo.waitFor(/Cycle 1 \(ok\): pulled \d+, pushed [1-9]\d*/);
      expect(demo.output()).to.match(/Demo data: \d+ Account/);
      const page = await fetch(url!, { redirect: 'manual' });
      expect(page.status).to.be.oneOf([200, 302, 303]);
      const origin = new URL(url!).origin;
      const denied = await fetch(`${origin}/api/records`);
      expect(denied.status).to.be.oneOf([401, 403]);
      // The echo of cycle 1 comes back within a minute (whole-minute change checks); then cycles are idle.
      await demo.waitFor(/Cycle \d+ \(ok\): pulled 0, pushed 0, failed 0, 1 API calls/);
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await exited(demo.child)).to.equal(0);
  });

  it('a second start reuses the saved org: no second load of the demo data', async () => {
    const demo = startDemo(box);
    try {
      await demo.waitFor(/Demo data: kept what the org already holds/);
      await demo.waitFor(/Cycle \d+ \(ok\)/);
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await exited(demo.child)).to.equal(0);
  });
});
