// The static resource Lightning loads with loadScript: one classic script (an IIFE, no import/export),
// no "use strict" banner (LWS), every tag defined once even when the script runs twice, within budget.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script, createContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';

const TAGS = ['prm-deal-registration', 'prm-cosell-splits', 'prm-partner-health', 'prm-tier-badge'];

/** Just enough of a browser for Lit to define its elements: a registry that refuses a second define. */
function fakeBrowser(): { defined: Map<string, unknown>; context: object } {
  const defined = new Map<string, unknown>();
  const node = (): object => ({ appendChild: () => undefined, setAttribute: () => undefined });
  const document = {
    createTreeWalker: () => ({ currentNode: null, nextNode: () => null }),
    createComment: node,
    createElement: () => ({ ...node(), content: node() }),
    createTextNode: node,
    importNode: node,
  };
  const customElements = {
    get: (tag: string) => defined.get(tag),
    define: (tag: string, ctor: unknown) => {
      if (defined.has(tag)) throw new Error(`${tag} has already been defined`);
      defined.set(tag, ctor);
    },
  };
  const window = { document, customElements, HTMLElement: class {}, navigator: { language: 'en-US' } };
  const context = createContext({ ...window, window, self: window, globalThis: undefined });
  (context as { globalThis: unknown }).globalThis = context;
  return { defined, context };
}

describe('components bundle (force-app/main/default/staticresources/prm_components.js)', function () {
  this.timeout(60_000);
  let dir: string;
  let code: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'prm-bundle-'));
    execFileSync(process.execPath, ['scripts/build-components.mjs', '--outdir', dir], { stdio: 'pipe' });
    code = readFileSync(join(dir, 'prm_components.js'), 'utf8');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is one script file with its static resource metadata', () => {
    expect(readdirSync(dir).sort()).to.deep.equal(['prm_components.js', 'prm_components.resource-meta.xml']);
    const meta = readFileSync(join(dir, 'prm_components.resource-meta.xml'), 'utf8');
    expect(meta).to.contain('<contentType>application/javascript</contentType>');
    expect(meta).to.contain('<cacheControl>Public</cacheControl>');
  });

  it('has no "use strict" directive', () => {
    expect(code).to.not.match(/["']use strict["']/);
  });

  it('is a classic script wrapped in one IIFE, with no top-level import or export', () => {
    expect(() => new Script(code)).to.not.throw();
    expect(code.trimStart()).to.match(/^\(\(\)=>\{/);
    expect(code).to.not.match(/^\s*(import|export)\b/m);
  });

  it('defines every tag, and a second load of the script defines nothing twice', () => {
    const { defined, context } = fakeBrowser();
    const script = new Script(code);
    script.runInContext(context);
    expect([...defined.keys()].sort()).to.deep.equal([...TAGS].sort());
    expect(() => script.runInContext(context)).to.not.throw();
    expect(defined.size).to.equal(TAGS.length);
  });

  it('ships no dev-mode Lit', () => {
    expect(code).to.not.contain('Lit is in dev mode');
  });

  it('ships no zod: the components call only rules that validate nothing, so every schema drops out', () => {
    expect(code).to.not.match(/ZodError|zod\.dev|_zod/);
  });

  it('stays under its 40 KB gzip budget', () => {
    expect(gzipSync(code, { level: 9 }).length).to.be.below(40 * 1024);
  });
});
