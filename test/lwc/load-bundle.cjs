/* eslint-disable @typescript-eslint/no-require-imports -- jest loads this setup as CommonJS, outside any transform. */
// Jest setup for each LWC wrapper suite: runs the component bundle in the jsdom window as loadScript would
// in Lightning, so `lwc:external` elements are the real, upgraded Lit elements. That makes the tests fail
// when a wrapper passes a property the element does not declare (LWC would set an attribute instead).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', '..', 'force-app/main/default/staticresources/prm_components.js');
// The bundle is a classic script: evaluate it with the jsdom window as its global scope.
new Function(readFileSync(bundle, 'utf8'))();
