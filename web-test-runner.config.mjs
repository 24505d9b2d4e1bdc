// Component suites run in Debian's Chromium through playwright (no browser download), TypeScript compiled
// on the fly by esbuild. A small reporter writes the counts that scripts/test-all.mjs sums.
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

function countingReporter() {
  const count = (tests, suites, acc) => {
    for (const t of tests ?? []) {
      if (t.skipped) acc.skipped += 1;
      else if (t.passed) acc.passed += 1;
      else acc.failed += 1;
    }
    for (const s of suites ?? []) count(s.tests, s.suites, acc);
    return acc;
  };
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults?.tests, s.testResults?.suites, acc);
        // A file that failed to load has errors but no tests: count it as a failure.
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.failed += 1;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(
        'test-results/components.json',
        JSON.stringify({ ...acc, failed: acc.failed + acc.skipped }),
      );
    },
  };
}

export default {
  files: ['components/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
