// Both servers answer only their token holder and only on 127.0.0.1. The local org: every non-open route
// of every family (data API, replication, collections, composite, metadata, bulk, identity, the
// /__localorg/ control surface) answers 401 INVALID_SESSION_ID without, or with a wrong, token and does
// nothing; its token endpoint issues a token only to a caller with the org's client id and secret. The
// preview: nothing without its token. Neither is reachable on another interface address.
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { expect } from 'chai';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { allRoutes } from '../../src/localorg/routes/index.js';
import { Router } from '../../src/localorg/router.js';
import type { Route } from '../../src/localorg/http.js';
import { startPreview, type Preview } from '../../src/preview/index.js';
import type { OrgClient } from '../../src/preview/org.js';
import { answer, orgCall, type Answer } from './support.js';

const SAMPLE_ID = '001000000000001AAA';

/** A concrete path a route's pattern matches: object names as Account, other segments as an Id. */
function samplePath(route: Route): string {
  const rest = route.pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replaceAll('([A-Za-z0-9_]+)', 'Account')
    .replaceAll('([^/]+)', SAMPLE_ID)
    .replaceAll('\\/?', '')
    .replaceAll('\\/', '/')
    .replaceAll('\\.', '.');
  return route.data ? `/services/data/v63.0${rest}` : rest;
}

const guarded = allRoutes().filter((r) => r.open !== true);

/** Every server socket that starts listening while a suite runs, to read its bound address. */
function captureListeners(): { servers: net.Server[]; restore(): void } {
  const servers: net.Server[] = [];
  const original = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    servers.push(this);
    return (original as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof original;
  return { servers, restore: () => void (net.Server.prototype.listen = original) };
}

/** The machine's other addresses (not loopback): the servers must not answer on any of them. */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal)
    .filter((a) => !a.address.startsWith('fe80')) // link-local needs a zone id to dial
    .map((a) => a.address);
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('security: the local org refuses without its token and listens on 127.0.0.1 only', function () {
  this.timeout(60_000);
  let org: LocalOrg;
  let other: LocalOrg;
  let capture: ReturnType<typeof captureListeners>;
  let sentinel: string;

  before(async () => {
    capture = captureListeners();
    try {
      org = await startLocalOrg({ port: 0 });
      other = await startLocalOrg({ port: 0 });
    } finally {
      capture.restore();
    }
    sentinel = org.core.insert('Account', { Name: 'Sentinel Ltd' });
  });
  after(async () => {
    await org?.stop();
    await other?.stop();
  });

  it('every guarded route has a sample path that reaches it (so the sweep below covers them all)', () => {
    const router = new Router(allRoutes());
    expect(guarded.length).to.be.greaterThan(40);
    for (const route of guarded) {
      const found = router.match(route.method, samplePath(route));
      expect(
        found && 'route' in found ? found.route.open : 'no match',
        `${route.method} ${samplePath(route)}`,
      ).to.not.equal(true);
      expect(found && 'route' in found, `${route.method} ${samplePath(route)}`).to.equal(true);
    }
    const families = new Set(guarded.map((r) => r.cls));
    expect([...families]).to.include.members([
      'control',
      'sobject',
      'query',
      'collections',
      'composite',
      'metadata',
      'bulk-ingest',
      'bulk-query',
      'auth',
    ]);
  });

  it('answers 401 INVALID_SESSION_ID on every guarded route without a token or with a wrong one', async () => {
    const wrong: [string, Record<string, string>, string][] = [
      ['no token', {}, ''],
      ['wrong bearer', { Authorization: 'Bearer wrong' }, ''],
      ['wrong OAuth', { Authorization: 'OAuth 00D000000000001!wrong' }, ''],
      ['empty bearer', { Authorization: 'Bearer ' }, ''],
      ['token with a suffix', { Authorization: `Bearer ${org.accessToken}x` }, ''],
      ['token prefix only', { Authorization: `Bearer ${org.accessToken.slice(0, -1)}` }, ''],
      ['another org token', { Authorization: `Bearer ${other.accessToken}` }, ''],
      ['wrong oauth_token parameter', {}, '?oauth_token=wrong'],
      [
        'basic auth',
        { Authorization: `Basic ${Buffer.from(`admin:${org.accessToken}`).toString('base64')}` },
        '',
      ],
    ];
    for (const route of guarded) {
      for (const [label, headers, query] of wrong) {
        const body =
          route.method === 'GET' || route.method === 'DELETE'
            ? undefined
            : '{"keepSchema":false,"demo":{"size":"tiny"}}';
        const res = await answer(
          await fetch(org.instanceUrl + samplePath(route) + query, {
            method: route.method,
            headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body,
          }),
        );
        const where = `${route.method} ${samplePath(route)} (${label})`;
        expect(res.status, where).to.equal(401);
        expect(res.json, where).to.deep.equal([
          { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
        ]);
      }
    }
    // Nothing those calls carried happened: the reset, seed, deletes and deploys were all refused.
    expect(org.core.record('Account', sentinel)?.Name).to.equal('Sentinel Ltd');
    expect(org.core.query('SELECT COUNT() FROM Account').totalSize).to.equal(1);
  });

  it('issues a token only to a caller with the client id and secret, and refuses it once revoked', async () => {
    const tokenCall = async (body: string, headers: Record<string, string> = {}): Promise<Answer> =>
      answer(
        await fetch(`${org.instanceUrl}/services/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body,
        }),
      );
    const before = org.core.tokens.size;
    const refused: [string, string, Record<string, string>, string][] = [
      ['no credentials', 'grant_type=client_credentials', {}, 'invalid_client_id'],
      [
        'the org token as bearer',
        'grant_type=client_credentials',
        { Authorization: `Bearer ${org.accessToken}` },
        'invalid_client_id',
      ],
      [
        'another org client',
        `grant_type=client_credentials&client_id=${other.clientId}&client_secret=${other.clientSecret}`,
        {},
        'invalid_client_id',
      ],
      [
        'another org secret',
        `grant_type=client_credentials&client_id=${org.clientId}&client_secret=${other.clientSecret}`,
        {},
        'invalid_client',
      ],
      ['no secret', `grant_type=client_credentials&client_id=${org.clientId}`, {}, 'invalid_client'],
      [
        'password grant, any password',
        `grant_type=password&username=${encodeURIComponent(org.username)}&password=pw&client_id=${org.clientId}&client_secret=${org.clientSecret}`,
        {},
        'invalid_grant',
      ],
      [
        'password grant, no client',
        `grant_type=password&username=${encodeURIComponent(org.username)}&password=${org.password}`,
        {},
        'invalid_client_id',
      ],
      [
        'authorization code',
        `grant_type=authorization_code&code=anything&client_id=${org.clientId}&client_secret=${org.clientSecret}`,
        {},
        'invalid_grant',
      ],
      [
        'jwt bearer',
        'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=e30.e30.',
        {},
        'invalid_grant',
      ],
    ];
    for (const [label, body, headers, error] of refused) {
      const res = await tokenCall(body, headers);
      expect(res.status, label).to.equal(400);
      expect((res.json as { error: string }).error, label).to.equal(error);
      expect(res.text, label).to.not.contain('access_token');
    }
    expect(org.core.tokens.size).to.equal(before);

    const issued = await tokenCall(
      `grant_type=client_credentials&client_id=${org.clientId}&client_secret=${org.clientSecret}`,
    );
    expect(issued.status).to.equal(200);
    const token = (issued.json as { access_token: string }).access_token;
    expect((await orgCall(org, 'GET', '/services/data/v63.0/limits', undefined, token)).status).to.equal(200);
    const revoked = await fetch(`${org.instanceUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(token)}`,
    });
    expect(revoked.status).to.equal(200);
    const after = await orgCall(org, 'GET', '/services/data/v63.0/limits', undefined, token);
    expect(after.status).to.equal(401);
  });

  it('binds 127.0.0.1 only: the socket address, and no answer on ::1 or any other interface', async () => {
    expect(capture.servers.length).to.be.at.least(2);
    for (const server of capture.servers) {
      const address = server.address() as net.AddressInfo;
      expect(address.address).to.equal('127.0.0.1');
      expect(address.family).to.equal('IPv4');
    }
    const port = Number(new URL(org.instanceUrl).port);
    expect(new URL(org.instanceUrl).hostname).to.equal('127.0.0.1');
    expect(await connects('127.0.0.1', port)).to.equal(true);
    expect(await connects('::1', port), '::1').to.equal(false);
    for (const address of otherAddresses()) expect(await connects(address, port), address).to.equal(false);
  });
});

describe('security: the preview refuses without its token and listens on 127.0.0.1 only', function () {
  this.timeout(60_000);
  let preview: Preview;
  let capture: ReturnType<typeof captureListeners>;
  const calls: string[] = [];
  const client: OrgClient = {
    async query(soql) {
      calls.push(soql);
      return [{ Id: '006000000000001AAA', Name: 'Secret deal' }];
    },
    async create(object) {
      calls.push(`create ${object}`);
      return 'a01000000000001AAA';
    },
    async update(object) {
      calls.push(`update ${object}`);
    },
    async destroy(object) {
      calls.push(`delete ${object}`);
    },
  };

  before(async () => {
    capture = captureListeners();
    try {
      preview = await startPreview({
        port: 0,
        org: { instanceUrl: 'http://127.0.0.1:1', accessToken: 'unused' },
        client,
      });
    } finally {
      capture.restore();
    }
  });
  after(async () => preview?.stop());

  it('answers 401 to every path and method without the token, with a wrong one, or with a token look-alike', async () => {
    const base = `http://127.0.0.1:${preview.port}`;
    const paths = [
      '/',
      '/api/records',
      '/api/opportunity/006000000000001AAA',
      '/api/account/001000000000001AAA',
      '/assets/host.js',
      '/assets/prm_components.js',
      '/assets/page.css',
      '/opportunity/006000000000001AAA',
      '/nope',
    ];
    const cookies = [
      undefined,
      'prm_preview=wrong',
      `prm_preview=${preview.token}x`,
      `prm_preview=${preview.token.slice(1)}`,
      `other=${preview.token}`,
      `prm_preview=${preview.token.toUpperCase()}`,
    ];
    for (const path of paths) {
      for (const cookie of cookies) {
        for (const method of ['GET', 'POST']) {
          const res = await fetch(base + path, {
            method,
            redirect: 'manual',
            headers: {
              ...(cookie === undefined ? {} : { cookie }),
              ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
              authorization: `Bearer ${preview.token}`,
            },
            body: method === 'POST' ? '{"registration":{}}' : undefined,
          });
          const text = await res.text();
          expect(res.status, `${method} ${path} cookie=${cookie}`).to.equal(401);
          expect(text).to.not.contain('Secret deal');
        }
      }
    }
    for (const query of [
      '?token=wrong',
      `?token=${preview.token}x`,
      `?token=`,
      `?token=${preview.token.slice(0, -1)}`,
    ]) {
      const res = await fetch(`${base}/${query}`, { redirect: 'manual' });
      expect(res.status, query).to.equal(401);
      expect(res.headers.get('set-cookie'), query).to.equal(null);
    }
    // A token in the URL of a POST is not a login either.
    const post = await fetch(`${base}/api/registrations?token=${preview.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      redirect: 'manual',
    });
    expect(post.status).to.equal(401);
    expect(calls).to.deep.equal([]);
  });

  it('binds 127.0.0.1 only: the socket address, and no answer on ::1 or any other interface', async () => {
    expect(capture.servers.length).to.equal(1);
    const address = capture.servers[0]!.address() as net.AddressInfo;
    expect(address.address).to.equal('127.0.0.1');
    expect(address.port).to.equal(preview.port);
    expect(new URL(preview.url).hostname).to.equal('127.0.0.1');
    expect(await connects('127.0.0.1', preview.port)).to.equal(true);
    expect(await connects('::1', preview.port), '::1').to.equal(false);
    for (const other of otherAddresses()) expect(await connects(other, preview.port), other).to.equal(false);
  });
});
