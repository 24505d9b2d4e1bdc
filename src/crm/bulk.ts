// Bulk API 2.0 for big reads and writes. Query results are paged by hand with Sforce-Locator: jsforce's
// QueryJobV2 pipes every page into one stream and crashes on the second page (jsforce#1546, #1693).
import { stringify } from 'csv-stringify/sync';
import { setTimeout as sleep } from 'node:timers/promises';
import { CrmError, ErrorClass, classifyError } from './errors.js';
import { apiName } from './soql.js';
import { TEXT } from './transport.js';
import type { OrgTransport } from './transport.js';
import { parseCsvRecords } from './csv.js';
import { BulkJobInfo, parseWire } from './wire.js';
import type { WriteBatch, WriteOutcome } from './writes.js';

const DONE = new Set(['JobComplete', 'Failed', 'Aborted']);
const POLL_TIMEOUT_MS = 30 * 60_000;

async function waitForJob(transport: OrgTransport, path: string, pollMs: number): Promise<BulkJobInfo> {
  const started = Date.now();
  for (;;) {
    const { body } = await transport.call<unknown>({ method: 'GET', url: path });
    const info = parseWire(BulkJobInfo, body, 'bulk job info');
    if (DONE.has(info.state)) {
      if (info.state !== 'JobComplete') {
        throw new CrmError(
          'BULK_JOB_FAILED',
          `Bulk job ${info.id} ${info.state}: ${info.errorMessage ?? 'no reason given'}`,
        );
      }
      return info;
    }
    if (Date.now() - started > POLL_TIMEOUT_MS) {
      throw new CrmError(
        'BULK_JOB_TIMEOUT',
        `Bulk job ${info.id} still ${info.state} after 30 minutes`,
        ErrorClass.Transient,
      );
    }
    await sleep(pollMs);
  }
}

type CsvRows = Record<string, string>[];

function rows(body: unknown): CsvRows {
  if (typeof body !== 'string') throw new CrmError('BULK_BAD_RESULT', 'bulk results were not CSV');
  return parseCsvRecords(body);
}

export async function* bulkQuery(
  transport: OrgTransport,
  soql: string,
  options: { includeDeleted?: boolean; pageSize?: number; pollMs: number },
): AsyncGenerator<CsvRows> {
  const { body } = await transport.call<unknown>({
    method: 'POST',
    url: '/jobs/query',
    body: {
      operation: options.includeDeleted ? 'queryAll' : 'query',
      query: soql,
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    },
  });
  const job = parseWire(BulkJobInfo, body, 'bulk job info');
  await waitForJob(transport, `/jobs/query/${job.id}`, options.pollMs);
  const page = (locator?: string) => {
    const params = new URLSearchParams();
    if (locator) params.set('locator', locator);
    if (options.pageSize) params.set('maxRecords', String(options.pageSize));
    const query = params.toString();
    return transport.call<unknown>({
      method: 'GET',
      url: `/jobs/query/${job.id}/results${query ? `?${query}` : ''}`,
      responseType: TEXT,
    });
  };
  let pending = page();
  for (;;) {
    const current = await pending;
    const next = current.headers['sforce-locator'];
    // The last page says "null"; a missing header would otherwise loop on page one for ever.
    const more = next !== undefined && next !== '' && next !== 'null';
    // The next page is asked for before this one is handed over, so the org serves it while the caller
    // stores this one. (A caller that stops early leaves that one answer unread.)
    if (more) {
      pending = page(next);
      pending.catch(() => undefined);
    }
    yield rows(current.body);
    if (!more) return;
  }
}

function csvValue(value: unknown): string {
  if (value === null) return '#N/A';
  if (value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function bulkIngest(
  transport: OrgTransport,
  batch: WriteBatch,
  options: { pollMs: number },
): Promise<WriteOutcome[]> {
  const key = batch.mode === 'update' ? 'Id' : (batch.externalIdField ?? 'External_Id__c');
  const columns = [...new Set(batch.records.flatMap((r) => Object.keys(r)))].map(apiName);
  const csv = stringify(
    batch.records.map((r) => columns.map((c) => csvValue(r[c]))),
    { header: true, columns, record_delimiter: 'unix' },
  );
  const { body } = await transport.call<unknown>({
    method: 'POST',
    url: '/jobs/ingest',
    body: {
      object: apiName(batch.objectType),
      operation: batch.mode,
      ...(batch.mode === 'upsert' ? { externalIdFieldName: apiName(key) } : {}),
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    },
  });
  const job = parseWire(BulkJobInfo, body, 'bulk job info');
  const path = `/jobs/ingest/${job.id}`;
  await transport.call({ method: 'PUT', url: `${path}/batches`, body: csv, contentType: 'text/csv' });
  await transport.call({ method: 'PATCH', url: path, body: { state: 'UploadComplete' } });
  await waitForJob(transport, path, options.pollMs);
  const ok = rows(
    (
      await transport.call<unknown>({
        method: 'GET',
        url: `${path}/successfulResults`,
        responseType: TEXT,
      })
    ).body,
  );
  const failed = rows(
    (await transport.call<unknown>({ method: 'GET', url: `${path}/failedResults`, responseType: TEXT })).body,
  );
  const byKey = new Map<string, WriteOutcome>();
  for (const r of ok) {
    byKey.set(r[key] ?? r['sf__Id'] ?? '', {
      ok: true,
      id: r['sf__Id'] ?? '',
      created: r['sf__Created'] === 'true',
    });
  }
  for (const r of failed) {
    // "CODE:message:fields --"
    const text = r['sf__Error'] ?? '';
    const [code = 'UNKNOWN', ...rest] = text.split(':');
    byKey.set(r[key] ?? '', {
      ok: false,
      code,
      message:
        rest
          .join(':')
          .replace(/:[^:]*--\s*$/, '')
          .trim() || text,
      fields: [],
      errorClass: classifyError({ errorCode: code }),
    });
  }
  return batch.records.map(
    (r) =>
      byKey.get(String(r[key] ?? '')) ?? {
        ok: false,
        code: 'UNPROCESSED',
        message: 'the bulk job did not process this record',
        fields: [],
        errorClass: ErrorClass.Transient,
      },
  );
}
