// Salesforce errors sorted by what the sync must do about them (research/sf-tech.md §6.3.7): retry the
// transient ones with backoff, pause on throttling, refresh once on auth, and mark a record failed with
// Salesforce's own words when the error is about that record.
export const ErrorClass = {
  Transient: 'transient',
  Throttled: 'throttled',
  Auth: 'auth',
  Permanent: 'permanent',
  Collateral: 'collateral',
} as const;
export type ErrorClass = (typeof ErrorClass)[keyof typeof ErrorClass];

const TRANSIENT_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'UNKNOWN_EXCEPTION',
  'REQUEST_RUNNING_TOO_LONG',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
]);
const THROTTLE_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'ERROR_HTTP_429',
  'ERROR_HTTP_420',
  'TOO_MANY_REQUESTS',
]);
const AUTH_CODES = new Set(['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER', 'invalid_grant', 'ERROR_HTTP_401']);
const COLLATERAL_CODES = new Set(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'PROCESSING_HALTED']);

export type SalesforceErrorLike = {
  errorCode?: unknown;
  statusCode?: unknown;
  code?: unknown;
  name?: unknown;
};

/** The Salesforce error code of anything jsforce, undici or a per-record result can throw or return. */
export function errorCodeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as SalesforceErrorLike & { cause?: unknown };
    for (const key of ['errorCode', 'statusCode', 'code'] as const) {
      if (typeof e[key] === 'string' && e[key]) return e[key];
    }
    if (e.cause) return errorCodeOf(e.cause);
    if (typeof e.name === 'string' && /^[A-Z_]+$/.test(e.name)) return e.name;
  }
  return 'UNKNOWN';
}

export function classifyError(error: unknown): ErrorClass {
  const code = errorCodeOf(error);
  if (THROTTLE_CODES.has(code)) return ErrorClass.Throttled;
  if (AUTH_CODES.has(code)) return ErrorClass.Auth;
  if (COLLATERAL_CODES.has(code)) return ErrorClass.Collateral;
  if (TRANSIENT_CODES.has(code) || /^ERROR_HTTP_5\d\d$/.test(code)) return ErrorClass.Transient;
  if (error instanceof Error && /fetch failed|socket hang up|network|timeout/i.test(error.message))
    return ErrorClass.Transient;
  return ErrorClass.Permanent;
}

/** A failure the CLI and status can show: the code and message exactly as Salesforce gave them. */
export class CrmError extends Error {
  readonly errorCode: string;
  readonly errorClass: ErrorClass;
  constructor(errorCode: string, message: string, errorClass = classifyError({ errorCode })) {
    super(message);
    this.name = 'CrmError';
    this.errorCode = errorCode;
    this.errorClass = errorClass;
  }

  static from(error: unknown): CrmError {
    if (error instanceof CrmError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new CrmError(errorCodeOf(error), message, classifyError(error));
  }
}
