// Authentication through jsforce's OAuth flows, the session checks every data call makes, and the
// version list and identity endpoints that @salesforce/core relies on. The first suite runs against
// PRM_CONFORMANCE_ORG when set; the OAuth flows need the local org's own login endpoints and
// credentials: each grant is refused, with Salesforce's error codes, unless the caller authenticates.
import { Connection } from '@jsforce/jsforce-node';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  conformance,
  localOnly,
  rejection,
  startConformanceOrg,
  startTestOrg,
  type ConformanceOrg,
  type RawReply,
  type TestOrg,
} from './helpers.js';

conformance('authentication', () => {
  let t: ConformanceOrg;

  beforeEach(async () => {
    t = await startConformanceOrg();
  });
  // t is unset when the org could not be reached; the beforeEach failure says why.
  afterEach(() => t?.stop());

  it('lists the API versions without a token', async () => {
    const res = await fetch(`${t.conn.instanceUrl}/services/data`);
    expect(res.status).to.equal(200);
    const versions = (await res.json()) as { version: string; url: string }[];
    expect(versions.find((v) => v.version === '63.0')).to.deep.include({
      version: '63.0',
      url: '/services/data/v63.0',
    });
  });

  it('answers INVALID_SESSION_ID (401) to a bad or missing token', async () => {
    const err = await rejection(() =>
      new Connection({ instanceUrl: t.conn.instanceUrl, accessToken: 'not-a-token', version: '63.0' }).query(
        'SELECT Id FROM Account',
      ),
    );
    expect(err.errorCode).to.equal('INVALID_SESSION_ID');
    for (const headers of [{}, { Authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const res = await fetch(`${t.conn.instanceUrl}/services/data/v63.0/sobjects/Account`, { headers });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
  });

  it('serves userinfo for the token', async () => {
    const res = await t.call('GET', '/services/oauth2/userinfo');
    expect(res.status).to.equal(200);
    const identity = await t.conn.identity();
    expect(res.body).to.deep.include({
      user_id: identity.user_id,
      organization_id: identity.organization_id,
      preferred_username: identity.username,
    });
  });
});

localOnly('local org: authentication', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
  });
  afterEach(() => t.org.stop());

  const oauth = (client: { clientId?: string; clientSecret?: string } = {}): Connection =>
    new Connection({
      oauth2: {
        clientId: client.clientId ?? t.org.clientId,
        clientSecret: client.clientSecret ?? t.org.clientSecret,
        loginUrl: t.org.loginUrl,
        redirectUri: 'http://localhost/cb',
      },
      version: '63.0',
    });

  /** A raw token request, with no token: form parameters, plus any headers (HTTP Basic). */
  const tokenRequest = async (
    params: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<RawReply> => {
    const res = await fetch(`${t.org.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
  };

  const refusal = (error: string, description: string): unknown => ({
    error,
    error_description: description,
  });
  const basic = (id: string, secret: string): Record<string, string> => ({
    Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
  });

  it('lists 63.0 as the newest API version', async () => {
    const res = await fetch(`${t.org.instanceUrl}/services/data`);
    const versions = (await res.json()) as { version: string; url: string }[];
    expect(versions.at(-1)).to.deep.include({ version: '63.0', url: '/services/data/v63.0' });
  });

  it('generates a different client id, client secret and password for each org', async () => {
    const other = await startTestOrg();
    try {
      for (const key of ['clientId', 'clientSecret', 'password'] as const) {
        expect(t.org[key], key).to.be.a('string').with.length.greaterThan(20);
        expect(other.org[key], key).to.not.equal(t.org[key]);
      }
      const res = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: other.org.clientId,
        client_secret: other.org.clientSecret,
      });
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal(refusal('invalid_client_id', 'client identifier invalid'));
    } finally {
      await other.org.stop();
    }
  });

  it('logs in with the OAuth password grant and the right password, and then queries', async () => {
    const conn = oauth();
    const user = await conn.login(t.org.username, t.org.password);
    expect(user.id).to.equal(t.org.core.identity.userId);
    expect(user.organizationId).to.equal(t.org.core.identity.orgId);
    expect(conn.instanceUrl).to.equal(t.org.instanceUrl);
    const res = await conn.query<{ Username: string }>('SELECT Username FROM User');
    expect(res.records[0]!.Username).to.equal(t.org.username);
    const identity = await conn.identity();
    expect(identity.username).to.equal(t.org.username);
  });

  it('refuses the password grant with a wrong password or username (invalid_grant), a wrong secret (invalid_client) or client id (invalid_client_id)', async () => {
    const wrongPassword = await rejection(() => oauth().login(t.org.username, `${t.org.password}x`));
    expect(wrongPassword.name).to.equal('invalid_grant');
    expect(wrongPassword.message).to.equal('authentication failure');
    const wrongUser = await rejection(() => oauth().login('someone@else.example', t.org.password));
    expect(wrongUser.name).to.equal('invalid_grant');
    const wrongSecret = await rejection(() =>
      oauth({ clientSecret: 'not-the-secret' }).login(t.org.username, t.org.password),
    );
    expect(wrongSecret.name).to.equal('invalid_client');
    expect(wrongSecret.message).to.equal('invalid client credentials');
    const wrongClient = await rejection(() =>
      oauth({ clientId: 'local-client' }).login(t.org.username, t.org.password),
    );
    expect(wrongClient.name).to.equal('invalid_client_id');
    expect(wrongClient.message).to.equal('client identifier invalid');
    const cases: [Record<string, string>, unknown][] = [
      [
        { username: t.org.username, password: t.org.password },
        refusal('invalid_client_id', 'client identifier invalid'),
      ],
      [
        { username: t.org.username, password: t.org.password, client_id: t.org.clientId },
        refusal('invalid_client', 'invalid client credentials'),
      ],
      [
        { username: t.org.username, client_id: t.org.clientId, client_secret: t.org.clientSecret },
        refusal('invalid_grant', 'authentication failure'),
      ],
      [
        { password: t.org.password, client_id: t.org.clientId, client_secret: t.org.clientSecret },
        refusal('invalid_grant', 'authentication failure'),
      ],
      [
        {
          username: t.org.username,
          password: '',
          client_id: t.org.clientId,
          client_secret: t.org.clientSecret,
        },
        refusal('invalid_grant', 'authentication failure'),
      ],
    ];
    for (const [params, expected] of cases) {
      const res = await tokenRequest({ grant_type: 'password', ...params });
      expect(res.status, JSON.stringify(Object.keys(params))).to.equal(400);
      expect(res.body, JSON.stringify(Object.keys(params))).to.deep.equal(expected);
    }
    expect(t.org.core.tokens.size).to.equal(1);
  });

  it('issues a token for the client_credentials grant with the client id and secret, as parameters or HTTP Basic', async () => {
    const conn = oauth();
    await conn.authorize({ grant_type: 'client_credentials' });
    expect(conn.accessToken).to.be.a('string').and.not.equal(t.org.accessToken);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests?.Max).to.equal(15_000);
    const viaBasic = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(t.org.clientId, t.org.clientSecret),
    );
    expect(viaBasic.status).to.equal(200);
    expect(viaBasic.body).to.include({ instance_url: t.org.instanceUrl, token_type: 'Bearer' });
    expect(viaBasic.body).to.not.have.property('refresh_token');
    const token = (viaBasic.body as { access_token: string }).access_token;
    expect(
      (await t.call('GET', '/services/data/v63.0/limits', undefined, { Authorization: `Bearer ${token}` }))
        .status,
    ).to.equal(200);
  });

  it('refuses the client_credentials grant without the right client id and secret, issuing nothing', async () => {
    const { clientId, clientSecret } = t.org;
    const cases: [Record<string, string>, Record<string, string>, unknown][] = [
      [{}, {}, refusal('invalid_client_id', 'client identifier invalid')],
      [{ client_secret: clientSecret }, {}, refusal('invalid_client_id', 'client identifier invalid')],
      [
        { client_id: 'local-client', client_secret: clientSecret },
        {},
        refusal('invalid_client_id', 'client identifier invalid'),
      ],
      [{ client_id: clientId }, {}, refusal('invalid_client', 'invalid client credentials')],
      [
        { client_id: clientId, client_secret: '' },
        {},
        refusal('invalid_client', 'invalid client credentials'),
      ],
      [
        { client_id: clientId, client_secret: `${clientSecret}0` },
        {},
        refusal('invalid_client', 'invalid client credentials'),
      ],
      [
        { client_id: clientId, client_secret: clientSecret.toLowerCase() },
        {},
        refusal('invalid_client', 'invalid client credentials'),
      ],
      [
        { client_id: clientId, client_secret: t.org.password },
        {},
        refusal('invalid_client', 'invalid client credentials'),
      ],
      [{}, basic(clientId, 'wrong'), refusal('invalid_client', 'invalid client credentials')],
      [{}, basic(clientSecret, clientId), refusal('invalid_client_id', 'client identifier invalid')],
      [
        {},
        { Authorization: `Basic ${Buffer.from(clientId).toString('base64')}` },
        refusal('invalid_client_id', 'client identifier invalid'),
      ],
      [
        {},
        { Authorization: `Bearer ${t.org.accessToken}` },
        refusal('invalid_client_id', 'client identifier invalid'),
      ],
    ];
    for (const [params, headers, expected] of cases) {
      const res = await tokenRequest({ grant_type: 'client_credentials', ...params }, headers);
      const where = JSON.stringify({ params: Object.keys(params), headers });
      expect(res.status, where).to.equal(400);
      expect(res.body, where).to.deep.equal(expected);
    }
    expect(t.org.core.tokens.size).to.equal(1);
  });

  it('refuses any client secret but the right one (property)', async () => {
    const { clientId, clientSecret } = t.org;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.stringMatching(/^[0-9A-F]{64}$/),
          fc.integer({ min: 0, max: clientSecret.length - 1 }).map((n) => clientSecret.slice(0, n)),
          fc.string({ minLength: 1, maxLength: 4 }).map((s) => clientSecret + s),
        ),
        fc.boolean(),
        async (secret, viaBasic) => {
          fc.pre(secret !== clientSecret);
          const res = viaBasic
            ? await tokenRequest({ grant_type: 'client_credentials' }, basic(clientId, secret))
            : await tokenRequest({
                grant_type: 'client_credentials',
                client_id: clientId,
                client_secret: secret,
              });
          expect(res.status).to.equal(400);
          expect(res.body).to.deep.equal(refusal('invalid_client', 'invalid client credentials'));
        },
      ),
      { numRuns: 150 },
    );
    expect(t.org.core.tokens.size).to.equal(1);
  });

  it('refuses every authorization code (the org has issued none) and every JWT assertion (no certificate is configured)', async () => {
    const code = await rejection(() => oauth().authorize('auth-code'));
    expect(code.name).to.equal('invalid_grant');
    expect(code.message).to.equal('invalid authorization code');
    const badClient = await tokenRequest({
      grant_type: 'authorization_code',
      code: 'auth-code',
      client_id: t.org.clientId,
      client_secret: 'x',
    });
    expect(badClient.body).to.deep.equal(refusal('invalid_client', 'invalid client credentials'));
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({
        iss: t.org.clientId,
        sub: t.org.username,
        aud: t.org.loginUrl,
        exp: Math.floor(Date.now() / 1000) + 300,
      }),
    ).toString('base64url');
    for (const assertion of [`${header}.${claims}.`, `${header}.${claims}.c2lnbmF0dXJl`, 'not-a-jwt']) {
      const res = await tokenRequest({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      });
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal(refusal('invalid_grant', 'invalid assertion'));
    }
    expect(t.org.core.tokens.size).to.equal(1);
    expect(t.org.core.refreshTokens.size).to.equal(0);
  });

  it('refreshes an expired session with the refresh_token grant and replays the call', async () => {
    // No grant hands out refresh tokens over HTTP (there is no authorize endpoint); put one in place.
    const refreshToken = '5Aep-test-refresh-token';
    t.org.core.refreshTokens.add(refreshToken);
    const conn = new Connection({
      oauth2: { clientId: t.org.clientId, clientSecret: t.org.clientSecret, loginUrl: t.org.loginUrl },
      instanceUrl: t.org.instanceUrl,
      accessToken: 'expired-token',
      refreshToken,
      version: '63.0',
    });
    let refreshed = '';
    conn.on('refresh', (token: string) => {
      refreshed = token;
    });
    const res = await conn.query('SELECT Id FROM Account');
    expect(res.totalSize).to.equal(0);
    expect(refreshed).to.not.equal('');
    expect(conn.accessToken).to.equal(refreshed);
    const unknown = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: '5Aep-unknown',
      client_id: t.org.clientId,
    });
    expect(unknown.body).to.deep.equal(refusal('invalid_grant', 'expired access/refresh token'));
  });
});
