// Two kinds of failure, as Salesforce reports them: a request-level error (HTTP status + an array of
// {message, errorCode}) and a per-record error (inside a 200 collection result, with statusCode).

export type RestErrorBody = { message: string; errorCode: string; fields?: string[] };
export type RecordErrorBody = { statusCode: string; message: string; fields: string[] };

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  body(): RestErrorBody[] {
    const body: RestErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields !== undefined) body.fields = this.fields;
    return [body];
  }
}

/** One record could not be saved; the rest of its request may still succeed. */
export class RecordFailure extends Error {
  override name = 'RecordFailure';
  constructor(
    readonly statusCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  body(): RecordErrorBody {
    return { statusCode: this.statusCode, message: this.message, fields: this.fields };
  }

  /** The same error as a single-record REST call reports it. */
  toApiError(status = 400): ApiError {
    return new ApiError(status, this.statusCode, this.message, this.fields);
  }
}

export const notFound = (): ApiError =>
  new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const malformedJson = (detail: string): ApiError => new ApiError(400, 'JSON_PARSER_ERROR', detail);

export const malformedId = (what: string, value: string): ApiError =>
  new ApiError(400, 'MALFORMED_ID', `${what} ID: id value of incorrect type: ${value}`);
