// Bulk API 2.0's CSV dialects: the delimiter and line ending a job names, "#N/A" for null on upload,
// and result files with every value quoted, as Salesforce writes them.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const DELIMITERS = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
} as const;
export type ColumnDelimiter = keyof typeof DELIMITERS;
export type LineEnding = 'LF' | 'CRLF';

export type Dialect = { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding };

/** Header and rows of an uploaded file; throws with csv-parse's message when it is not valid CSV. */
export class CsvFileError extends Error {
  override name = 'CsvFileError';
}

export function parseCsv(text: string, dialect: Dialect): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: DELIMITERS[dialect.columnDelimiter],
      record_delimiter: dialect.lineEnding === 'CRLF' ? '\r\n' : '\n',
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e) {
    throw new CsvFileError(e instanceof Error ? e.message : String(e));
  }
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows };
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  dialect: Dialect,
): string {
  return stringify([header as string[], ...(rows as string[][])], {
    delimiter: DELIMITERS[dialect.columnDelimiter],
    record_delimiter: dialect.lineEnding === 'CRLF' ? 'windows' : 'unix',
    quoted: true,
    quoted_empty: false,
  });
}

/** A stored value as a query result cell: null is empty, datetimes in the Z form Bulk 2.0 uses. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/.test(value)
      ? value.replace('+0000', 'Z')
      : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
