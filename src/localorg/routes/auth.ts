// OAuth and identity: the token endpoint for every grant jsforce and @salesforce/core use, revoke,
// userinfo, the identity URL, and the version list and resource map.
import { createHmac, randomBytes } from 'node:crypto';
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

function issue(org: OrgCore, withRefresh: boolean): Reply {
  const accessToken = `${org.identity.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
  org.tokens.add(accessToken);
  const issuedAt = String(org.clock.now().getTime());
  const id = identityUrl(org);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    instance_url: org.instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    scope: 'api refresh_token',
    signature: createHmac('sha256', org.identity.orgId).update(id + issuedAt).digest('base64'),
  };
  if (withRefresh) {
    const refresh = `5Aep${randomBytes(24).toString('base64url')}`;
    org.refreshTokens.add(refresh);
    body['refresh_token'] = refresh;
  }
  return { status: 200, body };
}

function token(ctx: Ctx): Reply {
  const org = ctx.org;
  const params = form(ctx);
  const grant = params.get('grant_type');
  switch (grant) {
    case 'password': {
      const username = params.get('username');
      if (username?.toLowerCase() !== org.identity.username.toLowerCase() || !params.get('password')) {
        return oauthError(400, 'invalid_grant', 'authentication failure');
      }
      return issue(org, false);
    }
    case 'refresh_token': {
      const refresh = params.get('refresh_token') ?? '';
      if (!org.refreshTokens.has(refresh)) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      return issue(org, false);
    }
    case 'authorization_code':
      return issue(org, true);
    case 'client_credentials':
      return issue(org, false);
    case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
      if (!params.get('assertion')) return oauthError(400, 'invalid_request', 'assertion required');
      return issue(org, false);
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
  const same = (a: string | undefined, b: string): boolean => a !== undefined && a.slice(0, 15) === b.slice(0, 15);
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
  { method: 'GET', pattern: /^\/services\/oauth2\/userinfo$/, data: false, counted: false, cls: 'auth', handler: userinfo },
  { method: 'GET', pattern: /^\/id\/([^/]+)\/([^/]+)$/, data: false, counted: false, cls: 'auth', handler: identity },
  { method: 'GET', pattern: /^\/services\/data\/?$/, data: false, counted: false, open: true, cls: 'versions', handler: versions },
  { method: 'GET', pattern: /^\/$/, data: true, counted: true, cls: 'versions', handler: resources },
];
