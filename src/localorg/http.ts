// The request context every route handler gets, and the reply it returns.
import type { IncomingMessage } from 'node:http';
import type { OrgCore } from './core.js';
import { ApiError, malformedJson } from './errors.js';
import type { FaultDecision } from './faults.js';
import type { EndpointClass } from './metrics.js';

export type Reply = {
  status: number;
  /** JSON-serialised unless `text` is given. */
  body?: unknown;
  text?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
};

export type Ctx = {
  org: OrgCore;
  req: IncomingMessage;
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  /** The API version of a /services/data/vNN.N/… call (e.g. "63.0"). */
  version: string;
  body: Buffer;
  /** The fault chosen for this call (lock is honoured per record by collection handlers). */
  fault: FaultDecision;
  header(name: string): string | undefined;
};

export type Handler = (ctx: Ctx, params: string[]) => Reply | Promise<Reply>;

export type Route = {
  method: string;
  /** Matched against the path after /services/data/vNN.N when `data` is true, else the whole path. */
  pattern: RegExp;
  data: boolean;
  cls: EndpointClass;
  /** Counted against the daily API allocation. */
  counted: boolean;
  /** Needs no bearer token. */
  open?: boolean;
  handler: Handler;
};

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, body } : { status, body, headers };
}

export const noContent = (): Reply => ({ status: 204 });

/** Parses the JSON body as Salesforce does, answering JSON_PARSER_ERROR for anything malformed. */
export function jsonBody(ctx: Ctx): unknown {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') throw malformedJson('No content to map to Object due to end of input');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw malformedJson(`Unexpected character in JSON body: ${detail}`);
  }
}

export function requireObjectBody(ctx: Ctx): Record<string, unknown> {
  const body = jsonBody(ctx);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformedJson('Cannot deserialize instance of object from the request body');
  }
  return body as Record<string, unknown>;
}

export function methodNotAllowed(ctx: Ctx): ApiError {
  return new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.method}' not allowed. Allowed are GET,POST`);
}
