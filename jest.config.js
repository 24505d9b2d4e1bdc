// The LWC wrapper suites (sfdx-lwc-jest). The package is ESM, so this file is too; it extends the config
// sfdx-lwc-jest would use and narrows it to the wrappers' __tests__, because the default test match would
// also pick up the mocha and web-test-runner suites under src/ and components/.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

export default {
  ...jestConfig,
  testMatch: ['<rootDir>/force-app/**/lwc/**/__tests__/**/*.test.js'],
  // The real component bundle, built if missing, so wrappers are tested against the real elements.
  globalSetup: '<rootDir>/test/lwc/build-bundle.cjs',
  setupFiles: ['<rootDir>/test/lwc/load-bundle.cjs'],
};
