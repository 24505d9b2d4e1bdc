// The preview's HTTP front on 127.0.0.1: the static shell for record URLs, the two scripts, and /api.
// A per-run token guards all of it (other local processes must not drive the org through us): it arrives
// once in the printed URL, becomes an HttpOnly SameSite=Strict cookie, and is checked on every request.
// Host is checked too, so a DNS-rebound page cannot reach the server under another name.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi } from './api.js';
import type { Assets } from './assets.js';
import type { OrgClient } from './org.js';
import { SHELL_HTML } from './shell.js';

export const COOKIE = 'prm_preview';
const MAX_BODY_BYTES = 64 * 1024;
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
const PAGE_PATH = /^\/(?:|opportunity\/[A-Za-z0-9]{15,18}|account\/[A-Za-z0-9]{15,18})$/;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: 'Request body too large.' };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, error: 'Request body is not JSON.' };
  }
}

export type PreviewHandlerOptions = { token: string; org: OrgClient; assets: Assets; port: () => number };

export function previewHandler(opts: PreviewHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const port = opts.port();
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'text/plain', 'Wrong host.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';

    // The printed URL: trade the token for the cookie and drop it from the address bar.
    if (method === 'GET' && url.searchParams.has('token') && sameToken(url.searchParams.get('token') ?? undefined, opts.token)) {
      url.searchParams.delete('token');
      return send(res, 303, 'text/plain', '', {
        'Set-Cookie': `${COOKIE}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
    }
    if (!sameToken(cookieToken(req), opts.token)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'Open the preview with the URL it printed at start (it carries the access token).');
    }

    if (url.pathname.startsWith('/api/')) {
      let body: unknown;
      if (method !== 'GET') {
        // JSON only: a cross-site form cannot send it, and we answer no CORS preflight.
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { error: 'Send JSON.' });
        const read = await readJson(req);
        if (!read.ok) return sendJson(res, 400, { error: read.error });
        body = read.value;
      }
      const result = await handleApi(opts.org, { method, path: url.pathname, body });
      return sendJson(res, result.status, result.body);
    }
    if (method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed.');
    if (url.pathname === '/assets/prm_components.js') return send(res, 200, 'text/javascript; charset=utf-8', opts.assets.components);
    if (url.pathname === '/assets/host.js') return send(res, 200, 'text/javascript; charset=utf-8', opts.assets.host);
    if (url.pathname === '/assets/page.css') return send(res, 200, 'text/css; charset=utf-8', opts.assets.css);
    if (PAGE_PATH.test(url.pathname)) return send(res, 200, 'text/html; charset=utf-8', SHELL_HTML);
    return send(res, 404, 'text/plain', 'Not found.');
  };
}
