// Every rule returns its verdict with the reasons behind it, because a partner manager must be able to
// see why. A reason has a stable code (for tests, filters and translations) and a readable message.
export type Reason = {
  readonly code: string;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
};

export function reason(code: string, message: string, data?: Record<string, unknown>): Reason {
  return data === undefined ? { code, message } : { code, message, data };
}
