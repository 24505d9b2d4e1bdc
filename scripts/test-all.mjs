// `npm test`: every suite that exists, then one line "N passed, N failed" summing them all.
// The type check and the lint count as one check each. Exits non-zero if anything failed or nothing ran.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

// Node 20 has no fs.globSync: a small walk that finds test files by suffix under a folder.
function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : findFiles(p, suffix);
    return p.endsWith(suffix) ? [p] : [];
  });
}

const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0 };
const failedSuites = [];

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function record(name, passed, failed, code) {
  const failedCount = code !== 0 && failed === 0 ? 1 : failed;
  totals.passed += passed;
  totals.failed += failedCount;
  if (failedCount > 0) failedSuites.push(name);
  console.log(`\n[${name}] ${passed} passed, ${failedCount} failed\n`);
}

async function check(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const { code } = await run(cmd, args);
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1, code);
}

const only = process.argv.slice(2);
const wants = (suite) => only.length === 0 || only.includes(suite);

if (wants('typecheck')) await check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
if (wants('lint')) await check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
// The CLI suites run ./bin/run.js, which loads the compiled commands from lib/, as an installed plugin does.
if (wants('build') || wants('node')) await check('build', bin('tsc'), ['-p', 'tsconfig.build.json']);

if (wants('node')) {
  console.log('\n=== node suites: mocha');
  // jsforce ignores NO_PROXY, so a proxy variable would send local-org traffic through the proxy.
  const noProxy = { http_proxy: '', https_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '' };
  const { code, out } = await run(bin('mocha'), [], noProxy);
  const passed = Number(out.match(/(\d+) passing/)?.[1] ?? 0);
  const failed = Number(out.match(/(\d+) failing/)?.[1] ?? 0);
  const pending = Number(out.match(/(\d+) pending/)?.[1] ?? 0);
  if (pending > 0) console.error(`${pending} pending tests: a skipped test hides a missing feature.`);
  record('node', passed, failed + pending, code);
}

if (wants('components') && findFiles('components', '.test.ts').length > 0) {
  console.log('\n=== component suites: @web/test-runner in Chromium');
  const chrome = findChromium();
  mkdirSync('test-results', { recursive: true });
  rmSync('test-results/components.json', { force: true });
  const { code } = await run(bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chrome,
  });
  const result = existsSync('test-results/components.json')
    ? JSON.parse(readFileSync('test-results/components.json', 'utf8'))
    : { passed: 0, failed: 0 };
  record('components', result.passed, result.failed, code);
}

if (wants('lwc') && findFiles('force-app/main/default/lwc', '.test.js').length > 0) {
  console.log('\n=== LWC wrapper suites: sfdx-lwc-jest');
  mkdirSync('test-results', { recursive: true });
  rmSync('test-results/lwc.json', { force: true });
  const { code } = await run(bin('sfdx-lwc-jest'), ['--', '--json', '--outputFile=test-results/lwc.json']);
  const result = existsSync('test-results/lwc.json')
    ? JSON.parse(readFileSync('test-results/lwc.json', 'utf8'))
    : { numPassedTests: 0, numFailedTests: 0 };
  record('lwc', result.numPassedTests, result.numFailedTests, code);
}

if (failedSuites.length) console.log(`Failed suites: ${failedSuites.join(', ')}`);
if (totals.passed + totals.failed === 0) console.log('No test ran.');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
