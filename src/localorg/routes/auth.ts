// OAuth and identity: the token endpoint for every grant jsforce and @salesforce/core use (each checks
// the org's connected-app credentials and the admin's password as Salesforce does), revoke, userinfo,
// the identity URL, and the version list and resource map.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OrgCore } from '../core.js';
import { ApiError } from '../errors.js';
import { json, type Ctx, type Reply, type Route } from '../http.js';

export const LATEST_VERSION = '63.0';
const VERSIONS = [
  ['Winter ’24', '59.0'],
  ['Spring ’24', '60.0'],
  ['Summer ’24', '61.0'],
  ['Winter ’25', '62.0'],
  ['Spring ’25', '63.0'],
] as const;

function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

function form(ctx: Ctx): URLSearchParams {
  const type = ctx.header('content-type') ?? '';
  const text = ctx.body.toString('utf8');
  if (type.includes('application/json')) {
    try {
      const obj = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(obj).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  const params = new URLSearchParams(text);
  for (const [k, v] of ctx.query) if (!params.has(k)) params.set(k, v);
  return params;
}

export function identityUrl(org: OrgCore): string {
  return `${org.instanceUrl}/id/${org.identity.orgId}/${org.identity.userId}`;
}

function issue(org: OrgCore): Reply {
  const accessToken = `${org.identity.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
  org.tokens.add(accessToken);
  const issuedAt = String(org.clock.now().getTime());
  const id = identityUrl(org);
  return {
    status: 200,
    body: {
      access_token: accessToken,
      instance_url: org.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      scope: 'api refresh_token',
      signature: createHmac('sha256', org.identity.orgId)
        .update(id + issuedAt)
        .digest('base64'),
    },
  };
}

/**
 * Whether a credential matches, in time that depends on neither where the two differ nor their lengths
 * (both are hashed to 32 bytes before the constant-time compare).
 */
function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Client = { id: string | undefined; secret: string | undefined };

/** The client's credentials: client_id and client_secret parameters, else HTTP Basic (id:secret). */
function clientOf(ctx: Ctx, params: URLSearchParams): Client {
  const id = params.get('client_id') ?? undefined;
  const secret = params.get('client_secret') ?? undefined;
  if (id !== undefined) return { id, secret };
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.header('authorization') ?? '');
  if (basic !== null) {
    const pair = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon >= 0) return { id: pair.slice(0, colon), secret: pair.slice(colon + 1) };
  }
  return { id, secret };
}

/** Salesforce's answers to a client that does not authenticate: an unknown (or no) id, then a wrong (or no) secret. */
function refuseClient(org: OrgCore, client: Client): Reply | undefined {
  if (!sameSecret(client.id, org.identity.clientId))
    return oauthError(400, 'invalid_client_id', 'client identifier invalid');
  if (!sameSecret(client.secret, org.identity.clientSecret))
    return oauthError(400, 'invalid_client', 'invalid client credentials');
  return undefined;
}

// Every grant but refresh_token authenticates the connected app first (the local org's app requires its
// secret, as "Require Secret" does on Salesforce); refresh tokens are never handed out over HTTP here.
function token(ctx: Ctx): Reply {
  const org = ctx.org;
  const params = form(ctx);
  const grant = params.get('grant_type');
  switch (grant) {
    case 'password': {
      const refused = refuseClient(org, clientOf(ctx, params));
      if (refused !== undefined) return refused;
      const rightUser = params.get('username')?.toLowerCase() === org.identity.username.toLowerCase();
      // The password is compared whatever the username, so the time taken does not tell who exists.
      const rightPassword = sameSecret(params.get('password'), org.identity.password);
      if (!rightUser || !rightPassword) return oauthError(400, 'invalid_grant', 'authentication failure');
      return issue(org);
    }
    case 'refresh_token': {
      const refresh = params.get('refresh_token') ?? '';
      if (!org.refreshTokens.has(refresh))
        return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      return issue(org);
    }
    case 'authorization_code':
      // There is no authorize endpoint, so the org has issued no code and every code is unknown.
      return (
        refuseClient(org, clientOf(ctx, params)) ??
        oauthError(400, 'invalid_grant', 'invalid authorization code')
      );
    case 'client_credentials':
      return refuseClient(org, clientOf(ctx, params)) ?? issue(org);
    case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
      if (!params.get('assertion')) return oauthError(400, 'invalid_request', 'assertion required');
      // No certificate is configured for the connected app, so no assertion's signature can be verified.
      return oauthError(400, 'invalid_grant', 'invalid assertion');
    default:
      return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
  }
}

function revoke(ctx: Ctx): Reply {
  const t = form(ctx).get('token') ?? '';
  if (!ctx.org.tokens.delete(t) && !ctx.org.refreshTokens.delete(t)) {
    return oauthError(400, 'unsupported_token_type', 'this token type is not supported');
  }
  return { status: 200, text: '' };
}

function urls(org: OrgCore, version: string): Record<string, string> {
  const base = `${org.instanceUrl}/services/data/v${version}`;
  return {
    enterprise: `${org.instanceUrl}/services/Soap/c/${version}/${org.identity.orgId}`,
    metadata: `${org.instanceUrl}/services/Soap/m/${version}/${org.identity.orgId}`,
    partner: `${org.instanceUrl}/services/Soap/u/${version}/${org.identity.orgId}`,
    rest: `${base}/`,
    sobjects: `${base}/sobjects/`,
    search: `${base}/search/`,
    query: `${base}/query/`,
    recent: `${base}/recent/`,
    profile: `${org.instanceUrl}/${org.identity.userId}`,
    users: `${base}/chatter/users`,
    custom_domain: org.instanceUrl,
  };
}

function user(org: OrgCore): Record<string, unknown> {
  return (org.store.get('User', org.identity.userId) ?? {}) as Record<string, unknown>;
}

function userinfo(ctx: Ctx): Reply {
  const org = ctx.org;
  const u = user(org);
  return json(200, {
    sub: identityUrl(org),
    user_id: org.identity.userId,
    organization_id: org.identity.orgId,
    preferred_username: org.identity.username,
    nickname: u['Alias'] ?? 'admin',
    name: u['Name'] ?? 'Local Admin',
    email: u['Email'] ?? org.identity.username,
    email_verified: true,
    given_name: u['FirstName'] ?? null,
    family_name: u['LastName'] ?? null,
    zoneinfo: 'GMT',
    photos: {},
    profile: `${org.instanceUrl}/${org.identity.userId}`,
    picture: null,
    address: {},
    is_salesforce_integration_user: false,
    urls: urls(org, LATEST_VERSION),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    updated_at: u['LastModifiedDate'] ?? null,
    is_app_installed: true,
  });
}

function identity(ctx: Ctx, [orgId, userId]: string[]): Reply {
  const org = ctx.org;
  const same = (a: string | undefined, b: string): boolean =>
    a !== undefined && a.slice(0, 15) === b.slice(0, 15);
  if (!same(orgId, org.identity.orgId) || !same(userId, org.identity.userId)) {
    throw new ApiError(403, 'Bad_Id', 'Bad_Id');
  }
  const u = user(org);
  return json(200, {
    id: identityUrl(org),
    asserted_user: true,
    user_id: org.identity.userId,
    organization_id: org.identity.orgId,
    username: org.identity.username,
    nick_name: u['Alias'] ?? 'admin',
    display_name: u['Name'] ?? 'Local Admin',
    email: u['Email'] ?? org.identity.username,
    email_verified: true,
    first_name: u['FirstName'] ?? null,
    last_name: u['LastName'] ?? null,
    timezone: 'GMT',
    photos: {},
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(org, LATEST_VERSION),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: u['LastModifiedDate'] ?? null,
    is_app_installed: true,
  });
}

function versions(): Reply {
  return json(
    200,
    VERSIONS.map(([label, version]) => ({ label, url: `/services/data/v${version}`, version })),
  );
}

function resources(ctx: Ctx): Reply {
  const base = `/services/data/v${ctx.version}`;
  const names = [
    'tooling',
    'metadata',
    'eclair',
    'folders',
    'prechatForms',
    'jobs',
    'composite',
    'sobjects',
    'query',
    'queryAll',
    'limits',
    'recent',
    'search',
    'parameterizedSearch',
  ];
  const map: Record<string, string> = Object.fromEntries(names.map((n) => [n, `${base}/${n}`]));
  map['identity'] = identityUrl(ctx.org);
  return json(200, map);
}

const open = { open: true, data: false, counted: false, cls: 'auth' } as const;

export const authRoutes: Route[] = [
  { ...open, method: 'POST', pattern: /^\/services\/oauth2\/token$/, handler: token },
  { ...open, method: 'POST', pattern: /^\/services\/oauth2\/revoke$/, handler: revoke },
  { ...open, method: 'GET', pattern: /^\/services\/oauth2\/revoke$/, handler: revoke },
  {
    method: 'GET',
    pattern: /^\/services\/oauth2\/userinfo$/,
    data: false,
    counted: false,
    cls: 'auth',
    handler: userinfo,
  },
  {
    method: 'GET',
    pattern: /^\/id\/([^/]+)\/([^/]+)$/,
    data: false,
    counted: false,
    cls: 'auth',
    handler: identity,
  },
  {
    method: 'GET',
    pattern: /^\/services\/data\/?$/,
    data: false,
    counted: false,
    open: true,
    cls: 'versions',
    handler: versions,
  },
  { method: 'GET', pattern: /^\/$/, data: true, counted: true, cls: 'versions', handler: resources },
];
