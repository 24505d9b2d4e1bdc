// Bulk API 2.0 result files, read by hand: the dialect is the one every job of ours asks for (COMMA, LF;
// Salesforce quotes every value) and a million-row load reads millions of values. csv-parse, which jsforce
// applies to any text/csv answer, took about a fifth of the service's pull time there.
import { CrmError } from './errors.js';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const bad = (why: string) => new CrmError('BULK_BAD_RESULT', `bulk results are not valid CSV: ${why}`);

/**
 * The rows of an RFC 4180 text: comma-separated, values optionally in double quotes (a quote inside
 * doubled), rows ended by LF or CRLF, line breaks allowed inside quotes. An empty text has no rows.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let start = i + 1;
      let doubled = '';
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1) throw bad(`a quoted value opened at character ${i} never closes`);
        if (text.charCodeAt(q + 1) !== QUOTE) {
          value = doubled + text.slice(start, q);
          i = q + 1;
          break;
        }
        doubled += text.slice(start, q + 1);
        start = q + 2;
      }
    } else {
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw bad(`a quote inside an unquoted value at character ${j}`);
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    const c = i < n ? text.charCodeAt(i) : LF;
    if (c === COMMA) {
      i += 1;
      // A comma at the very end still opens one last (empty) value.
      if (i === n) row.push('');
      continue;
    }
    if (c === CR && text.charCodeAt(i + 1) === LF) i += 1;
    else if (c !== LF) throw bad(`unexpected text after a quoted value at character ${i}`);
    i += 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Rows as records keyed by the header's names; a row of the wrong width is refused, not guessed at. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(text);
  if (header === undefined) return [];
  return rows.map((row, k) => {
    if (row.length !== header.length)
      throw bad(`row ${k + 1} has ${row.length} values for ${header.length} columns`);
    const record: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) record[header[c]!] = row[c]!;
    return record;
  });
}
