/* eslint-disable @typescript-eslint/no-require-imports -- jest loads this setup as CommonJS, outside any transform. */
// Jest global setup for the LWC wrapper suites: the wrappers render the real Lit elements, which live in
// the generated static resource; build it once when a fresh checkout does not have it yet.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = function buildBundle() {
  const root = join(__dirname, '..', '..');
  const bundle = join(root, 'force-app/main/default/staticresources/prm_components.js');
  if (!existsSync(bundle)) {
    execFileSync(process.execPath, [join(root, 'scripts/build-components.mjs')], { stdio: 'inherit' });
  }
};
