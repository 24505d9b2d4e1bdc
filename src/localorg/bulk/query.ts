// Bulk API 2.0 query jobs: the SOQL runs through the same engine as REST queries (errors included);
// results are flattened to CSV columns named as the query names them (Account.Name for a parent
// field) and read back a page at a time behind an opaque Sforce-Locator.
import { parseQuery, type FieldType as SelectField } from '@jetstreamapp/soql-parser-js';
import type { OrgCore } from '../core.js';
import { ApiError } from '../errors.js';
import { runSoql } from '../soql-source.js';
import { cell } from './csv.js';

function unsupported(what: string): ApiError {
  return new ApiError(400, 'API_ERROR', `${what} are not supported by Bulk API 2.0 queries`);
}

/** The CSV columns of a query, or Bulk 2.0's refusal of what it cannot export. */
export function columnsOf(soql: string): { columns: string[]; object: string } {
  let parsed: ReturnType<typeof parseQuery>;
  try {
    parsed = parseQuery(soql);
  } catch {
    // The SOQL engine produces Salesforce's MALFORMED_QUERY text.
    return { columns: [], object: '' };
  }
  if (parsed.offset !== undefined) throw unsupported('OFFSET clauses');
  if (parsed.groupBy !== undefined) throw unsupported('GROUP BY clauses');
  const columns: string[] = [];
  for (const f of (parsed.fields ?? []) as SelectField[]) {
    if (f.type === 'Field') columns.push(f.field);
    else if (f.type === 'FieldRelationship')
      columns.push(f.rawValue ?? [...f.relationships, f.field].join('.'));
    else if (f.type === 'FieldSubquery') throw unsupported('Parent-to-child subqueries');
    else if (f.type === 'FieldTypeof') throw unsupported('TYPEOF expressions');
    else throw unsupported('Aggregate and function expressions');
  }
  return { columns, object: parsed.sObject ?? '' };
}

function pick(record: unknown, path: readonly string[]): unknown {
  let at: unknown = record;
  for (const part of path) {
    if (typeof at !== 'object' || at === null) return null;
    const fields = at as Record<string, unknown>;
    // The query names a field as it likes; the record holds it as the schema spells it. The spelling
    // the query used is almost always that one: look it up first, scan the keys only when it is not.
    if (Object.hasOwn(fields, part)) {
      at = fields[part];
      continue;
    }
    const key = Object.keys(fields).find((k) => k.toLowerCase() === part.toLowerCase());
    at = key === undefined ? null : fields[key];
  }
  return at;
}

/**
 * Runs the job's query once, when the job is created (its results are a snapshot of that moment). The
 * records stay as the query returned them; each page is turned into CSV cells when it is read, so the
 * org never holds the whole result twice.
 */
export function runQueryJob(
  org: OrgCore,
  soql: string,
  includeDeleted: boolean,
  version: string,
): { object: string; columns: string[]; records: unknown[] } {
  const { columns, object } = columnsOf(soql);
  const result = runSoql(org, soql, { includeDeleted, apiVersion: version });
  const canonical = org.schema.object(object)?.name ?? object;
  return { object: canonical, columns, records: result.records };
}

/** The CSV cells of some of a job's records, one row per record, in the job's columns. */
export function cellsOf(records: readonly unknown[], columns: readonly string[]): string[][] {
  const paths = columns.map((c) => c.split('.'));
  return records.map((r) => paths.map((path) => cell(pick(r, path))));
}

/** Locators are opaque to clients; ours encode the offset of the next page. */
export const encodeLocator = (offset: number): string => Buffer.from(String(offset)).toString('base64url');

export function decodeLocator(locator: string): number {
  const n = Number(Buffer.from(locator, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new ApiError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator}`);
  return n;
}
