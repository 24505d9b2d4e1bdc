// Shared set-up for the abuse suite: a local org with force-app deployed in-process (the same conversion
// `sf prm deploy` sends), raw HTTP helpers that keep the status of every answer, and the payloads
// every suite throws at its boundary.
import { expect } from 'chai';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { runDeploy } from '../../src/localorg/metadata/deploy.js';

// jsforce sends localhost traffic through a proxy when one is configured (it ignores NO_PROXY).
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[name];

let converted: Buffer | undefined;

/** force-app as a metadata zip, converted once per run. */
async function forceAppZip(): Promise<Buffer> {
  if (converted === undefined) {
    const cs = ComponentSet.fromSource('force-app');
    const { zipBuffer } = await new MetadataConverter().convert(cs, 'metadata', { type: 'zip' });
    converted = zipBuffer!;
  }
  return converted;
}

export async function orgWithForceApp(): Promise<LocalOrg> {
  const org = await startLocalOrg({ port: 0 });
  const outcome = await runDeploy(org.core, await forceAppZip(), { checkOnly: false, rollbackOnError: true });
  expect(outcome.status, JSON.stringify(outcome.failures.slice(0, 3))).to.equal('Succeeded');
  return org;
}

export type Answer = { status: number; headers: Headers; text: string; json: unknown };

export async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A raw call to the org with its token (or `token`, or none when null). */
export async function orgCall(
  org: LocalOrg,
  method: string,
  path: string,
  body?: string,
  token: string | null = org.accessToken,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return answer(await fetch(org.instanceUrl + path, { method, headers, body }));
}

/** The Salesforce error body shape: a non-empty list of { errorCode, message }. */
export function errorCodes(json: unknown): string[] {
  expect(json, 'a Salesforce error list').to.be.an('array').that.is.not.empty;
  return (json as { errorCode?: unknown; message?: unknown }[]).map((e) => {
    expect(e.errorCode, JSON.stringify(e)).to.be.a('string');
    expect(e.message, JSON.stringify(e)).to.be.a('string');
    return e.errorCode as string;
  });
}

/** Strings that have broken escaping somewhere: quotes, backslashes, line breaks, LIKE wildcards, SOQL words. */
export const NASTY_STRINGS: readonly string[] = [
  "' OR Name LIKE '%",
  "' OR Name != '",
  "\\' OR Name != \\'",
  "O'Brien & Sons",
  '"double" quotes',
  '\\',
  '\\\\',
  "\\'",
  '%',
  '_',
  '%_%',
  'line\nbreak',
  'carriage\r\nreturn',
  'tab\there',
  'back\bspace',
  'form\ffeed',
  'nul\u0000byte',
  'vertical\u000btab',
  'line\u2028separator',
  'paragraph\u2029separator',
  'next\u0085line',
  'a NOT b',
  'x) OR (Name != null',
  '/* comment */',
  '😀 ünïcödé 漢字',
  '\uD800 lone surrogate',
  '   ',
  '',
];

/** True when the string holds no lone surrogate (so it can go into a URL or over the wire as UTF-8). */
export function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
