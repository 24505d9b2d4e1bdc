// The HTTP front: CORS, the bearer token, the daily allocation and its header, fault injection, then
// the route. Binds 127.0.0.1 only: the local org holds no secrets but must not be reachable from the network.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrgCore } from './core.js';
import { ApiError, RecordFailure } from './errors.js';
import type { Ctx, Reply } from './http.js';
import type { Router } from './router.js';

const ALLOWED_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;
const MAX_BODY = 160 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bearer(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth);
    if (m !== null) return m[1]!.trim();
  }
  return query.get('oauth_token') ?? undefined;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined || !ALLOWED_ORIGIN.test(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      'Authorization, Content-Type, Accept, Sforce-Query-Options, Sforce-Call-Options, If-Unmodified-Since, If-Modified-Since, If-Match, X-Requested-With',
    'Access-Control-Expose-Headers': 'Sforce-Limit-Info, Sforce-Locator, Sforce-NumberOfRecords, Location',
    'Access-Control-Max-Age': '600',
  };
}

const errorReply = (e: ApiError): Reply => ({ status: e.status, body: e.body() });

function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const out: Record<string, string> = { ...headers, ...reply.headers };
  let payload: string | Buffer | undefined;
  if (reply.text !== undefined) {
    payload = reply.text;
    out['Content-Type'] = reply.contentType ?? 'text/plain;charset=UTF-8';
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    out['Content-Type'] = reply.contentType ?? 'application/json;charset=UTF-8';
  }
  res.writeHead(reply.status, out);
  res.end(payload);
}

export class HttpFront {
  readonly server: Server;

  constructor(
    private readonly org: OrgCore,
    private readonly router: Router,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        send(
          res,
          errorReply(new ApiError(500, 'UNKNOWN_EXCEPTION', e instanceof Error ? e.message : String(e))),
          {},
        );
      });
    });
    // Keep-alive sockets would hold close() open in tests.
    this.server.keepAliveTimeout = 1000;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const org = this.org;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    // The org's own time, as Salesforce's Date header is its servers' time: clients that take the
    // server's time from it (the sync's poll windows) must see the org's clock, not this machine's.
    const headers = { ...corsHeaders(req), Date: org.clock.now().toUTCString() };
    org.metrics.requests++;
    if (method === 'OPTIONS') {
      send(res, { status: 204 }, headers);
      return;
    }
    org.usage.roll(org.clock.now());
    const limitHeader = (): Record<string, string> => ({
      ...headers,
      'Sforce-Limit-Info': org.usage.header(),
    });

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof ApiError) send(res, errorReply(e), limitHeader());
      return;
    }
    const found = this.router.match(method, url.pathname);
    if (found === undefined) {
      send(
        res,
        errorReply(new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist')),
        limitHeader(),
      );
      return;
    }
    if ('allowed' in found) {
      const e = new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${method}' not allowed. Allowed are ${[...new Set(found.allowed)].join(',')}`,
      );
      send(res, errorReply(e), limitHeader());
      return;
    }
    const { route, params, version } = found;
    if (!route.open) {
      const token = bearer(req, url.searchParams);
      if (token === undefined || !org.tokens.has(token)) {
        send(
          res,
          { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] },
          limitHeader(),
        );
        return;
      }
    }
    if (route.counted) {
      if (org.usage.used >= org.usage.max) {
        org.metrics.rejectedOverLimit++;
        send(
          res,
          errorReply(new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')),
          limitHeader(),
        );
        return;
      }
      org.usage.used++;
      org.metrics.countCall(route.cls);
    }
    const fault =
      route.cls === 'control' || route.cls === 'auth'
        ? { kind: 'none' as const }
        : org.faults.decide({ cls: route.cls, method, path: url.pathname });
    if (fault.kind !== 'none' && fault.kind !== 'lock') org.metrics.faultsInjected++;
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'delay') await sleep(fault.ms);
    if (fault.kind === 'lock' && route.cls !== 'collections' && route.cls !== 'composite' && fault.locked()) {
      org.metrics.faultsInjected++;
      const e = new ApiError(
        400,
        'UNABLE_TO_LOCK_ROW',
        'unable to obtain exclusive access to this record or 1 records',
      );
      send(res, errorReply(e), limitHeader());
      return;
    }
    if (fault.kind === 'status') {
      send(res, errorReply(new ApiError(fault.status, fault.errorCode, fault.message)), limitHeader());
      return;
    }
    const ctx: Ctx = {
      org,
      req,
      method,
      path: url.pathname,
      query: url.searchParams,
      version,
      body,
      fault,
      header: (name) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v.join(',') : v;
      },
    };
    let reply: Reply;
    try {
      reply = await route.handler(ctx, params);
    } catch (e) {
      if (e instanceof ApiError) reply = errorReply(e);
      else if (e instanceof RecordFailure) reply = errorReply(e.toApiError());
      else throw e;
    }
    send(res, reply, route.cls === 'auth' ? headers : limitHeader());
  }
}
