// Every failure the store raises carries a code, so the engine and the CLI can react to the kind of
// problem (a bad input, a corrupt row, a database it cannot open) without parsing messages.
export const StoreErrorCode = {
  /** The caller passed something the store refuses to persist (bad id, timestamp, empty change). */
  InvalidInput: 'INVALID_INPUT',
  /** A row read back does not match its schema: the database was edited by hand or by a newer version. */
  CorruptRow: 'CORRUPT_ROW',
  /** A cursor would move behind where it already is: that would re-pull or, worse, hide a bug. */
  CursorBackwards: 'CURSOR_BACKWARDS',
  /** The options given to openStore cannot work (bad URL, bad schema name). */
  Config: 'CONFIG',
  /** Migrations failed; the store is not usable. */
  Migration: 'MIGRATION_FAILED',
  /** A referenced row does not exist (e.g. finishing a cycle never started). */
  NotFound: 'NOT_FOUND',
  /** The store itself was used inside Store.transaction, where only the tx handle may be. */
  WrongHandle: 'WRONG_HANDLE',
  /** The store was closed and is used again. */
  Closed: 'CLOSED',
} as const;
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
