import { SoqlError, errorNear, messages } from './errors.js';
import { dateLiteralRange } from './date-literals.js';
import { isIdShaped, id15 } from './ids.js';
import type { FieldPath, QueryContext } from './schema.js';
import { canonicalDatetime, formatDate, formatDatetime, soapTypeName } from './values.js';

/** A literal in the comparable form of the field it is compared with. */
export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: string | number | boolean; raw: string }
  | { kind: 'range'; start: string; end: string };

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * Unquotes a string literal. `\%` and `\_` only mean something to LIKE, so they survive here with
 * their backslash and LIKE's own matcher reads them.
 */
export function decodeString(raw: string): string {
  const body = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1) : raw;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    const mapped = ESCAPES[next];
    if (mapped !== undefined) out += mapped;
    else if (next === '%' || next === '_') out += `\\${next}`;
    else throw illegalEscape(raw, next);
  }
  return out;
}

/**
 * Builds LIKE's matcher from the raw literal: the escape has to be read before unescaping, or `\\%`
 * (a backslash, then any run) would be confused with `\%` (a percent sign).
 */
export function likeToRegExp(raw: string): RegExp {
  const body = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1) : raw;
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    let literal: string;
    if (ch === '\\') {
      const next = body[++i] ?? '';
      const mapped = next === '%' || next === '_' ? next : ESCAPES[next];
      if (mapped === undefined) throw illegalEscape(raw, next);
      literal = mapped;
    } else if (ch === '%') {
      source += '[\\s\\S]*';
      continue;
    } else if (ch === '_') {
      source += '[\\s\\S]';
      continue;
    } else literal = ch;
    source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function illegalEscape(raw: string, next: string): SoqlError {
  return new SoqlError(
    'MALFORMED_QUERY',
    `Invalid string literal '${raw}'. Illegal character sequence '\\${next}' in string literal.`,
  );
}

export interface LiteralInput {
  literalType: string;
  raw: string;
  dateN?: number;
}

export function coerceLiteral(ctx: QueryContext, path: FieldPath, input: LiteralInput, now: Date): Operand {
  const { literalType, raw } = input;
  const field = path.field;
  const kind = path.kind;
  const typeName = soapTypeName[field.type];
  const wrongType = (quoted: boolean) =>
    errorNear(ctx, 'INVALID_FIELD', raw, messages.filterType(field.name, typeName, quoted));
  // Salesforce's hint says whether the field's type wants quotes, not whether the literal had them.
  const wantsQuotes = kind === 'text' || kind === 'multi' || kind === 'id';
  switch (literalType) {
    case 'NULL':
      return { kind: 'null' };
    case 'STRING': {
      const decoded = decodeString(raw);
      if (kind === 'text' || kind === 'multi')
        return { kind: 'value', value: decoded.toLowerCase(), raw: decoded };
      if (kind === 'id') {
        if (!isIdShaped(decoded)) {
          throw errorNear(ctx, 'INVALID_QUERY_FILTER_OPERATOR', raw, messages.invalidId(decoded));
        }
        return { kind: 'value', value: id15(decoded), raw: decoded };
      }
      throw wrongType(wantsQuotes);
    }
    case 'INTEGER':
    case 'DECIMAL':
      if (kind !== 'number') throw wrongType(wantsQuotes);
      return { kind: 'value', value: Number(raw), raw };
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      if (field.type !== 'currency') throw wrongType(wantsQuotes);
      return { kind: 'value', value: Number(raw.replace(/^[A-Za-z]{3}/, '')), raw };
    case 'BOOLEAN':
      if (kind !== 'boolean') throw wrongType(wantsQuotes);
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE', raw };
    case 'DATE':
      if (kind !== 'date') throw wrongType(wantsQuotes);
      return { kind: 'value', value: raw, raw };
    case 'DATETIME': {
      if (kind !== 'datetime') throw wrongType(wantsQuotes);
      const value = canonicalDatetime(raw);
      if (value === null) throw wrongType(false);
      return { kind: 'value', value, raw };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      if (kind !== 'date' && kind !== 'datetime') throw wrongType(wantsQuotes);
      const days = dateLiteralRange(raw, now);
      if (kind === 'date') return { kind: 'range', start: formatDate(days.start), end: formatDate(days.end) };
      return {
        kind: 'range',
        start: formatDatetime(days.start * 86_400_000),
        end: formatDatetime(days.end * 86_400_000),
      };
    }
    default:
      throw errorNear(ctx, 'MALFORMED_QUERY', raw, messages.unexpectedToken(raw));
  }
}
