// Authentication through jsforce's OAuth flows, the session checks every data call makes, and the
// version list and identity endpoints that @salesforce/core relies on. The first suite runs against
// PRM_CONFORMANCE_ORG when set; the OAuth flows need the local org's own login endpoints.
import { Connection } from '@jsforce/jsforce-node';
import { expect } from 'chai';
import {
  conformance,
  localOnly,
  rejection,
  startConformanceOrg,
  startTestOrg,
  type ConformanceOrg,
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
    expect(versions.find((v) => v.version === '63.0')).to.deep.include({ version: '63.0', url: '/services/data/v63.0' });
  });

  it('answers INVALID_SESSION_ID (401) to a bad or missing token', async () => {
    const err = await rejection(() => new Connection({ instanceUrl: t.conn.instanceUrl, accessToken: 'not-a-token', version: '63.0' }).query('SELECT Id FROM Account'));
    expect(err.errorCode).to.equal('INVALID_SESSION_ID');
    for (const headers of [{}, { Authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const res = await fetch(`${t.conn.instanceUrl}/services/data/v63.0/sobjects/Account`, { headers });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
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

  const oauth = (): Connection =>
    new Connection({
      oauth2: { clientId: 'local-client', clientSecret: 'local-secret', loginUrl: t.org.loginUrl, redirectUri: 'http://localhost/cb' },
      version: '63.0',
    });

  it('lists 63.0 as the newest API version', async () => {
    const res = await fetch(`${t.org.instanceUrl}/services/data`);
    const versions = (await res.json()) as { version: string; url: string }[];
    expect(versions.at(-1)).to.deep.include({ version: '63.0', url: '/services/data/v63.0' });
  });

  it('logs in with the OAuth password grant and then queries', async () => {
    const conn = oauth();
    const user = await conn.login(t.org.username, 'any-password');
    expect(user.id).to.equal(t.org.core.identity.userId);
    expect(user.organizationId).to.equal(t.org.core.identity.orgId);
    expect(conn.instanceUrl).to.equal(t.org.instanceUrl);
    const res = await conn.query<{ Username: string }>('SELECT Username FROM User');
    expect(res.records[0]!.Username).to.equal(t.org.username);
    const identity = await conn.identity();
    expect(identity.username).to.equal(t.org.username);
  });

  it('rejects a wrong username with invalid_grant', async () => {
    const err = await rejection(() => oauth().login('someone@else.example', 'pw'));
    expect(err.name).to.equal('invalid_grant');
  });

  it('issues a token for the client_credentials grant', async () => {
    const conn = oauth();
    await conn.authorize({ grant_type: 'client_credentials' });
    expect(conn.accessToken).to.be.a('string').and.not.equal(t.org.accessToken);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests?.Max).to.equal(15_000);
  });

  it('refreshes an expired session with the refresh_token grant and replays the call', async () => {
    const first = oauth();
    await first.authorize('auth-code');
    const refreshToken = first.refreshToken!;
    expect(refreshToken).to.be.a('string');
    const conn = new Connection({
      oauth2: { clientId: 'local-client', clientSecret: 'local-secret', loginUrl: t.org.loginUrl },
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
  });
});
