// One HTTP call to the org, the way the service wants it: through jsforce's HttpApi (its auth header,
// its JSON/CSV parsing, its session refresh) but with jsforce's blind GET retries off, every response's
// Sforce-Limit-Info read into the budget, the server's Date kept as the org's clock, and failures
// classified: transient → retried with jittered backoff, throttled → paused, auth → one re-login.
import type { Connection } from '@jsforce/jsforce-node';
import { HttpApi } from '@jsforce/jsforce-node/lib/http-api.js';
import { ApiBudget } from './budget.js';
import { CrmError, ErrorClass, classifyError } from './errors.js';
import { DEFAULT_RETRY, backoffDelay, pause } from './retry.js';
import type { RetryPolicy } from './retry.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type OrgRequest = {
  readonly method: HttpMethod;
  /** A path under /services/data/vXX.X (e.g. /query?q=…) or an absolute /services/… path. */
  readonly url: string;
  readonly body?: unknown;
  /** Send the body as is with this content type (CSV uploads); JSON otherwise. */
  readonly contentType?: string;
  /** How to parse the answer: TEXT for the body as it came (Bulk results); default from the response. */
  readonly responseType?: string;
  readonly headers?: Readonly<Record<string, string>>;
};

export type OrgResponse<T> = { readonly body: T; readonly headers: Readonly<Record<string, string>> };

export type TransportOptions = {
  readonly budget?: ApiBudget;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Gets a new session when the org refuses ours and jsforce could not refresh it itself. */
  readonly reauth?: (conn: Connection) => Promise<void>;
  /** Told of every retry, for logs (never given request bodies or tokens). */
  readonly onRetry?: (info: { code: string; attempt: number; waitMs: number; url: string }) => void;
};

/** The responseType that hands the body over as text, unparsed. */
export const TEXT = 'text/plain';

type RawResponse = { statusCode: number; headers: Record<string, string | string[] | undefined> };

function flatHeaders(raw: RawResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The path without its query string: URLs carry SOQL, which may carry personal data; logs get the path. */
export function pathOnly(url: string): string {
  return url.split('?')[0] ?? url;
}

/**
 * A refusal of a request whose answer was asked for as text: jsforce then reports it as ERROR_HTTP_<status>
 * with Salesforce's JSON as its message. The code and message inside are what the retry rules and a
 * person need (INVALID_SESSION_ID, INVALIDJOB), so they are read out of it.
 */
function refusalInText(error: unknown): unknown {
  const e = error as { errorCode?: unknown; message?: unknown } | null;
  if (typeof e?.errorCode !== 'string' || !e.errorCode.startsWith('ERROR_HTTP_')) return error;
  if (typeof e.message !== 'string') return error;
  let body: unknown;
  try {
    body = JSON.parse(e.message);
  } catch {
    return error;
  }
  const first = (Array.isArray(body) ? body[0] : body) as { errorCode?: unknown; message?: unknown } | null;
  return typeof first?.errorCode === 'string' && typeof first.message === 'string'
    ? new CrmError(first.errorCode, first.message)
    : error;
}

export class OrgTransport {
  readonly conn: Connection;
  readonly budget: ApiBudget;
  readonly #retry: RetryPolicy;
  readonly #signal: AbortSignal | undefined;
  readonly #reauth: TransportOptions['reauth'];
  readonly #onRetry: TransportOptions['onRetry'];
  #serverOffsetMs: number | undefined;

  constructor(conn: Connection, options: TransportOptions = {}) {
    this.conn = conn;
    this.budget = options.budget ?? new ApiBudget();
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#signal = options.signal;
    this.#reauth = options.reauth;
    this.#onRetry = options.onRetry;
  }

  /** The org's current time, from the last response's Date header; undefined before any response. */
  serverNow(): number | undefined {
    return this.#serverOffsetMs === undefined ? undefined : Date.now() + this.#serverOffsetMs;
  }

  async call<T>(request: OrgRequest): Promise<OrgResponse<T>> {
    let attempt = 0;
    let throttled = 0;
    let reauthed = false;
    for (;;) {
      attempt += 1;
      this.#signal?.throwIfAborted();
      if (!this.budget.allows(1)) {
        throw new CrmError(
          'API_BUDGET_EXHAUSTED',
          `the sync's share of the org's daily API allocation is used up (${JSON.stringify(this.budget.snapshot())})`,
          ErrorClass.Throttled,
        );
      }
      try {
        return await this.#once<T>(request);
      } catch (error) {
        const cls = classifyError(error);
        const code = CrmError.from(error).errorCode;
        if (cls === ErrorClass.Transient && attempt < this.#retry.attempts) {
          const waitMs = backoffDelay(attempt, this.#retry);
          this.#onRetry?.({ code, attempt, waitMs, url: pathOnly(request.url) });
          await pause(waitMs, this.#signal);
          continue;
        }
        if (cls === ErrorClass.Throttled && throttled < this.#retry.throttleAttempts) {
          throttled += 1;
          const waitMs = this.#retry.throttleMs * throttled;
          this.#onRetry?.({ code, attempt, waitMs, url: pathOnly(request.url) });
          await pause(waitMs, this.#signal);
          continue;
        }
        if (cls === ErrorClass.Auth) {
          if (!reauthed && this.#reauth) {
            reauthed = true;
            await this.#reauth(this.conn);
            continue;
          }
          throw new CrmError(
            code,
            'the org refused the session and it could not be renewed: log in to the org again (sf org login web) and restart the sync',
            ErrorClass.Auth,
          );
        }
        throw CrmError.from(error);
      }
    }
  }

  async #once<T>(request: OrgRequest): Promise<OrgResponse<T>> {
    const api = new HttpApi(this.conn, {
      retry: { maxRetries: 0 },
      ...(request.responseType ? { responseType: request.responseType } : {}),
    });
    let response: RawResponse | undefined;
    api.on('response', (r: RawResponse) => {
      response = r;
    });
    const url = request.url.startsWith('/services/')
      ? request.url
      : `/services/data/v${this.conn.version}${request.url}`;
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      if (request.contentType) {
        body = String(request.body);
        headers['content-type'] = request.contentType;
      } else {
        body = JSON.stringify(request.body);
        headers['content-type'] = 'application/json';
      }
    }
    const fullUrl = `${this.conn.instanceUrl}${url}`;
    try {
      const result = (await api.request({
        method: request.method,
        url: fullUrl,
        headers,
        ...(body === undefined ? {} : { body }),
      })) as T;
      return { body: result, headers: this.#observe(response) };
    } catch (error) {
      this.#observe(response);
      throw request.responseType === TEXT ? refusalInText(error) : error;
    }
  }

  #observe(response: RawResponse | undefined): Record<string, string> {
    if (!response) return {};
    const headers = flatHeaders(response.headers);
    this.budget.observe(headers['sforce-limit-info']);
    const date = headers['date'] ? Date.parse(headers['date']) : Number.NaN;
    if (!Number.isNaN(date)) this.#serverOffsetMs = date - Date.now();
    return headers;
  }
}
