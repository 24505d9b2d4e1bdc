// The two scripts the page loads: the REAL component bundle (the static resource Lightning serves, built by
// scripts/build-components.mjs when missing) and the browser half of the host adapter, bundled at start.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
export const COMPONENT_BUNDLE = join(ROOT, 'force-app/main/default/staticresources/prm_components.js');

export type Assets = { components: string; host: string; css: string };

async function componentBundle(): Promise<string> {
  if (!existsSync(COMPONENT_BUNDLE)) {
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-components.mjs')], { cwd: ROOT });
  }
  return readFile(COMPONENT_BUNDLE, 'utf8');
}

async function hostBundle(): Promise<string> {
  // The browser code is TypeScript under src (or compiled JS under lib): take whichever exists.
  const ts = join(HERE, 'browser', 'host.ts');
  const entry = existsSync(ts) ? ts : join(HERE, 'browser', 'host.js');
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
  const css = await readFile(join(HERE, 'browser', 'page.css'), 'utf8');
  return { components, host, css };
}
