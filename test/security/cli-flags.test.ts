// Bad CLI input: out-of-range and non-numeric ports, an unknown demo size, unknown flags and a missing
// flag value for `prm org start` and `prm deploy`. Each must exit non-zero with a message that says what
// was wrong, and the --json error must not carry a stack trace (file paths and internals of the install).
// Runs ./bin/run.js, which loads lib/: build with `npx tsc -p tsconfig.build.json` first.
import { expect } from 'chai';
import { runCli, sandbox, type Sandbox } from '../cli/run-cli.js';

type JsonError = { status?: unknown; name?: unknown; message?: unknown; stack?: unknown; cause?: unknown };

/** Text that looks like a JavaScript stack frame ("at fn (file:///…:12:5)") or an install path. */
const STACK = /\n\s+at\s|\bat [^\n]*\((?:file:\/\/|\/)[^)]*:\d+:\d+\)|node_modules\//;

const CASES: { args: string[]; says: RegExp }[] = [
  { args: ['prm', 'org', 'start', '--port', '-1'], says: /port/i },
  { args: ['prm', 'org', 'start', '--port', 'abc'], says: /port|integer/i },
  { args: ['prm', 'org', 'start', '--size', 'huge'], says: /size|huge/i },
  { args: ['prm', 'org', 'start', '--no-such-flag'], says: /no-such-flag|nonexistent|unexpected/i },
  // The org flag is resolved before unknown flags are reported: either refusal will do.
  { args: ['prm', 'deploy', '--bogus', 'x'], says: /bogus|nonexistent|unexpected|target-org/i },
  { args: ['prm', 'deploy', '--target-org'], says: /target-org|expects a value/i },
];

describe('security: bad CLI flags are refused with a message and no stack trace', function () {
  this.timeout(120_000);
  let box: Sandbox;
  let results: { args: string[]; says: RegExp; code: number; stdout: string; stderr: string }[];

  before(async () => {
    box = sandbox();
    // Each run loads the plugin (a few seconds): run them side by side, a few at a time.
    results = [];
    for (let i = 0; i < CASES.length; i += 4) {
      const batch = CASES.slice(i, i + 4);
      results.push(...(await Promise.all(batch.map(async (c) => ({ ...c, ...(await runCli(box, [...c.args, '--json'], 60_000)) })))));
    }
  });
  after(() => box?.cleanup());

  it('exits non-zero with a JSON error whose message names the problem', () => {
    for (const r of results) {
      const what = `prm ${r.args.join(' ')} --json → ${r.code}\n${r.stdout}\n${r.stderr}`;
      expect(r.code, what).to.not.equal(0);
      const out = JSON.parse(r.stdout) as JsonError;
      expect(out.status, what).to.be.a('number').that.is.not.equal(0);
      expect(out.message, what).to.be.a('string').that.matches(r.says);
    }
  });

  it('puts no stack trace or install path in the JSON error, nor on stderr', () => {
    for (const r of results) {
      const what = `prm ${r.args.join(' ')} --json`;
      const out = JSON.parse(r.stdout) as JsonError;
      expect(out, `${what}: the JSON carries a "stack" field`).to.not.have.property('stack');
      expect(r.stdout, `${what}: stdout holds a stack trace`).to.not.match(STACK);
      expect(r.stderr, `${what}: stderr holds a stack trace`).to.not.match(STACK);
    }
  });

  it('without --json too: a message on stderr, non-zero, no stack trace', async () => {
    const r = await runCli(box, ['prm', 'org', 'start', '--port', 'abc'], 60_000);
    expect(r.code).to.not.equal(0);
    expect(r.stderr).to.match(/port|integer/i);
    expect(r.stderr + r.stdout).to.not.match(STACK);
  });
});
