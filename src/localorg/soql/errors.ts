export const SoqlErrorCode = {
  MALFORMED_QUERY: 'MALFORMED_QUERY',
  INVALID_FIELD: 'INVALID_FIELD',
  INVALID_TYPE: 'INVALID_TYPE',
  INVALID_QUERY_FILTER_OPERATOR: 'INVALID_QUERY_FILTER_OPERATOR',
} as const;
export type SoqlErrorCode = (typeof SoqlErrorCode)[keyof typeof SoqlErrorCode];

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  /** The message without Salesforce's query-excerpt prefix. */
  readonly detail: string;
  override name = 'SoqlError';
  constructor(errorCode: SoqlErrorCode, message: string, detail: string = message) {
    super(message);
    this.errorCode = errorCode;
    this.detail = detail;
  }
}

// Salesforce trims very long lines to a window around the caret; the exact width is not documented.
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 60;

/** Salesforce's "\n<excerpt>\n   ^\nERROR at Row:r:Column:c\n<detail>" message. */
export function located(soql: string, offset: number, detail: string): string {
  const clamped = Math.max(0, Math.min(offset, soql.length));
  const before = soql.slice(0, clamped);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEndRaw = soql.indexOf('\n', clamped);
  const lineEnd = lineEndRaw === -1 ? soql.length : lineEndRaw;
  const column = clamped - lineStart + 1;
  let from = lineStart;
  let to = lineEnd;
  if (to - from > WINDOW_BEFORE + WINDOW_AFTER) {
    from = Math.max(lineStart, clamped - WINDOW_BEFORE);
    to = Math.min(lineEnd, clamped + WINDOW_AFTER);
  }
  const excerpt = soql.slice(from, to).replace(/\r$/, '');
  const caret = ' '.repeat(clamped - from) + '^';
  return `\n${excerpt}\n${caret}\nERROR at Row:${row}:Column:${column}\n${detail}`;
}

/** Offset of a word outside string literals; good enough to point the caret at a name. */
export function findWord(soql: string, word: string, from = 0): number {
  return findAnyWord(soql, [word], from);
}

export function findAnyWord(soql: string, words: readonly string[], from = 0): number {
  const lower = soql.toLowerCase();
  const targets = words.map((w) => w.toLowerCase());
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const ch = soql[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (i >= from) {
      for (const target of targets) {
        if (!target.startsWith("'") || !lower.startsWith(target, i)) continue;
        return i;
      }
    }
    if (ch === "'") {
      inString = true;
      continue;
    }
    if (i < from) continue;
    for (const target of targets) {
      if (lower.startsWith(target, i) && !isWordChar(lower[i - 1]) && !isWordChar(lower[i + target.length])) {
        return i;
      }
    }
  }
  return -1;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9_]/.test(ch);
}

export interface ErrorContext {
  soql: string;
}

export function errorNear(
  ctx: ErrorContext,
  code: SoqlErrorCode,
  word: string | undefined,
  detail: string,
): SoqlError {
  const offset = word === undefined ? -1 : findWord(ctx.soql, word);
  if (offset < 0) return new SoqlError(code, detail);
  return new SoqlError(code, located(ctx.soql, offset, detail), detail);
}

export const messages = {
  noSuchObject: (name: string) =>
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  noSuchColumn: (field: string, entity: string) =>
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  noSuchRelationship: (name: string) =>
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  noSuchChildRelationship: (name: string) =>
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  filterType: (field: string, type: string, quoted: boolean) =>
    `value of filter criterion for field '${field}' must be of type ${type} and should${quoted ? '' : ' not'} be enclosed in quotes`,
  invalidId: (value: string) => `invalid ID field: ${value}`,
  unexpectedToken: (token: string) => `unexpected token: ${token}`,
} as const;
