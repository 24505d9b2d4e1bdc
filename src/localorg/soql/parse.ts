import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { SoqlError, findWord, located, messages } from './errors.js';

// The sync repeats the same few statements with different literals; parsing costs ~0.2 ms, so a
// bounded cache by exact text pays off without letting ad-hoc queries grow memory without limit.
const CACHE_LIMIT = 512;
const cache = new Map<string, Query | SoqlError>();

/** Salesforce's limit on a SOQL statement. */
const MAX_SOQL_LENGTH = 100_000;

export function parseSoql(soql: string): Query {
  let hit = cache.get(soql);
  if (hit === undefined) {
    hit = parseUncached(soql);
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  } else {
    cache.delete(soql);
  }
  cache.set(soql, hit);
  if (hit instanceof SoqlError) throw hit;
  return hit;
}

function parseUncached(soql: string): Query | SoqlError {
  if (soql.length > MAX_SOQL_LENGTH) {
    return new SoqlError(
      'MALFORMED_QUERY',
      `Query too complicated. SOQL statements cannot exceed ${MAX_SOQL_LENGTH} characters.`,
    );
  }
  let query: Query;
  try {
    query = parseWithLineSeparators(soql);
  } catch (error) {
    return toSoqlError(soql, error);
  }
  // The parser keeps only the first and last of three or more negations in a row, so such a query
  // would silently mean something else: refuse it instead.
  if (countNots(query) !== countNotKeywords(soql)) {
    const offset = findWord(soql, 'NOT');
    const detail =
      'the local org cannot evaluate three or more consecutive NOT operators; remove double negations';
    return new SoqlError('MALFORMED_QUERY', located(soql, offset, detail), detail);
  }
  return query;
}

// The parser's lexer ends a string literal at U+2028 / U+2029 (JavaScript line terminators), which
// Salesforce accepts inside quotes. They are swapped for private-use stand-ins around the parse and put
// back in every parsed string, unless the query already holds a stand-in (then it is parsed as it is).
const SEPARATORS: readonly [string, string][] = [
  ['\u2028', '\ue028'],
  ['\u2029', '\ue029'],
];

function parseWithLineSeparators(soql: string): Query {
  const needed = SEPARATORS.some(([sep]) => soql.includes(sep));
  const clash = SEPARATORS.some(([, stand]) => soql.includes(stand));
  if (!needed || clash) return parseQuery(soql);
  let text = soql;
  for (const [sep, stand] of SEPARATORS) text = text.split(sep).join(stand);
  return restore(parseQuery(text)) as Query;
}

function restore(value: unknown): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [sep, stand] of SEPARATORS) text = text.split(stand).join(sep);
    return text;
  }
  if (Array.isArray(value)) return value.map(restore);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restore(v);
    return out;
  }
  return value;
}

function countNots(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countNots(item);
    return n;
  }
  const record = value as Record<string, unknown>;
  if (record['operator'] === 'NOT') n++;
  for (const key of Object.keys(record)) n += countNots(record[key]);
  return n;
}

function countNotKeywords(soql: string): number {
  let n = 0;
  let from = 0;
  for (;;) {
    const at = findWord(soql, 'NOT', from);
    if (at < 0) return n;
    if (!/^NOT\s+IN\b/i.test(soql.slice(at, at + 12))) n++;
    from = at + 3;
  }
}

function toSoqlError(soql: string, error: unknown): SoqlError {
  const message = error instanceof Error ? error.message : String(error);
  const lexOffset = /at offset: (\d+)/.exec(message);
  if (lexOffset?.[1] !== undefined) {
    const offset = Number(lexOffset[1]);
    const detail = messages.unexpectedToken(soql.slice(offset).split(/\s/)[0] ?? '');
    return new SoqlError('MALFORMED_QUERY', located(soql, offset, detail), detail);
  }
  const found = foundToken(message);
  if (found === '') {
    const end = soql.trimEnd().length;
    const detail = messages.unexpectedToken('<EOF>');
    return new SoqlError('MALFORMED_QUERY', located(soql, end, detail), detail);
  }
  const offset = errorOffset(soql, found);
  const detail = messages.unexpectedToken(found);
  return new SoqlError('MALFORMED_QUERY', located(soql, offset, detail), detail);
}

function foundToken(message: string): string {
  const arrow = /but found --> '([\s\S]*)' <--/.exec(message);
  if (arrow?.[1] !== undefined) return arrow[1];
  const quoted = /but found: '([\s\S]*)'\s*$/.exec(message);
  if (quoted?.[1] !== undefined) return quoted[1];
  const bare = /but found: (\S*)\s*$/.exec(message);
  return bare?.[1] ?? '';
}

/**
 * The parser drops token offsets from its errors. Every cut of the query before the bad token fails
 * only at end of input (or parses), every cut after it fails at that token, so the last occurrence
 * whose prefix is still "clean" is the bad one.
 */
function errorOffset(soql: string, token: string): number {
  const candidates = occurrences(soql, token);
  let best = candidates[0] ?? 0;
  for (const offset of candidates) {
    if (prefixFailsBefore(soql.slice(0, offset))) break;
    best = offset;
  }
  return best;
}

function prefixFailsBefore(prefix: string): boolean {
  try {
    parseQuery(prefix);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /at offset: \d+/.test(message) || foundToken(message) !== '';
  }
}

function occurrences(soql: string, token: string): number[] {
  const out: number[] = [];
  const wordy = /^\w/.test(token);
  const lower = soql.toLowerCase();
  const target = token.toLowerCase();
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const ch = soql[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (lower.startsWith(target, i) && (!wordy || !/\w/.test(soql[i - 1] ?? ''))) out.push(i);
    if (ch === "'") inString = true;
  }
  return out;
}
