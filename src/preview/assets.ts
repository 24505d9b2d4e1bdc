// The two scripts the page loads: the REAL component bundle (the static resource Lightning serves, built by
// scripts/build-components.mjs when missing) and the browser half of the host adapter, bundled at start.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { PACKAGE_ROOT as ROOT } from '../package-root.js';

// The browser half is bundled from its TypeScript source (compiled lib/ has no CSS and need not match).
const BROWSER = join(ROOT, 'src', 'preview', 'browser');
export const COMPONENT_BUNDLE = join(ROOT, 'force-app/main/default/staticresources/prm_components.js');

export type Assets = { components: string; host: string; css: string };

async function componentBundle(): Promise<string> {
  if (!existsSync(COMPONENT_BUNDLE)) {
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-components.mjs')], { cwd: ROOT });
  }
  return readFile(COMPONENT_BUNDLE, 'utf8');
}

async function hostBundle(): Promise<string> {
  const entry = join(BROWSER, 'host.ts');
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

export async function loadAssets(): Promise<Assets> {
  const [components, host] = await Promise.all([componentBundle(), hostBundle()]);
  const css = await readFile(join(BROWSER, 'page.css'), 'utf8');
  return { components, host, css };
}
