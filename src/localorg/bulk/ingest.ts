// Processing an ingest job: every CSV row goes through the same DML and validation as the REST API
// (dml.ts, validate.ts, one savepoint per row as collections do), so a bulk row fails with exactly the
// error a REST write of the same record gets. Problems with the file itself fail the whole job.
import type { OrgCore } from '../core.js';
import { deleteRecords, externalIdField, insertRecord, updateRecord, upsertRecord } from '../dml.js';
import { ApiError, RecordFailure } from '../errors.js';
import { normalizeId } from '../ids.js';
import { runBatch, type BatchItem, type Saved } from '../record-batch.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { coerce, parseRecord } from '../validate.js';
import { CsvFileError, parseCsv } from './csv.js';
import type { IngestJob, IngestResults } from './jobs.js';

/** Salesforce's internal batch size: each 10,000 records of a job use one of the day's bulk batches. */
const RECORDS_PER_BATCH = 10_000;

type Column = { name: string; field?: FieldDef; isId: boolean };

class InvalidBatch extends Error {}

function columnsOf(org: OrgCore, object: ObjectDef, header: string[]): Column[] {
  return header.map((name) => {
    const dot = name.indexOf('.');
    if (dot > 0) {
      // Rel.ExtField: a lookup given by the parent's external id.
      const rel = name.slice(0, dot).toLowerCase();
      const f = object.fields.find((x) => x.relationshipName?.toLowerCase() === rel);
      const target = f === undefined ? undefined : org.schema.object(f.referenceTo[0] ?? '');
      const ext = target === undefined ? undefined : org.schema.field(target, name.slice(dot + 1));
      if (ext === undefined || !ext.idLookup)
        throw new InvalidBatch(`InvalidBatch : Field name not found : ${name}`);
      return { name, isId: false };
    }
    const f = org.schema.field(object, name);
    if (f === undefined) throw new InvalidBatch(`InvalidBatch : Field name not found : ${name}`);
    return { name: f.name, field: f, isId: f.type === 'id' };
  });
}

/** A row as the JSON body a REST write would send; "" leaves a field alone, "#N/A" clears it. */
function recordOf(columns: Column[], row: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    const raw = row[i] ?? '';
    if (raw === '') return;
    const value = raw === '#N/A' ? null : raw;
    const dot = c.name.indexOf('.');
    if (dot > 0) input[c.name.slice(0, dot)] = { [c.name.slice(dot + 1)]: value };
    else input[c.name] = value;
    if (c.field !== undefined && value !== null) {
      try {
        coerce(c.field, value);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        throw new RecordFailure(
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${c.field.label}: value not of required type: ${raw}`,
          [c.field.name],
        );
      }
    }
  });
  return input;
}

function asFailure(e: unknown): never {
  if (e instanceof ApiError) throw new RecordFailure(e.errorCode, e.message, e.fields ?? []);
  throw e;
}

function without(input: Record<string, unknown>, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
}

function saveRow(org: OrgCore, job: IngestJob, object: ObjectDef, columns: Column[], row: string[]): Saved {
  try {
    const input = recordOf(columns, row);
    const id = input['Id'];
    switch (job.operation) {
      case 'insert':
        return {
          id: insertRecord(org, object, parseRecord(org.schema, object, without(input, 'Id'))),
          created: true,
        };
      case 'update':
        if (typeof id !== 'string')
          throw new RecordFailure('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        return {
          id: updateRecord(org, object, id, parseRecord(org.schema, object, without(input, 'Id'))),
          created: false,
        };
      case 'upsert': {
        const ext = externalIdField(org, object, job.externalIdFieldName!);
        const value = input[ext.name];
        if (value === undefined || value === null)
          throw new RecordFailure('MISSING_ARGUMENT', `${ext.name} not specified`, [ext.name]);
        const values = parseRecord(org.schema, object, without(input, ext.name));
        return upsertRecord(org, object, ext, coerce(ext, value), values);
      }
      case 'delete':
      case 'hardDelete': {
        if (typeof id !== 'string')
          throw new RecordFailure('MISSING_ARGUMENT', 'Id not specified in a delete call', ['Id']);
        const [outcome] = deleteRecords(org, object, [id]);
        if (outcome instanceof RecordFailure) throw outcome;
        if (job.operation === 'hardDelete') org.store.remove(object.name, outcome!);
        return { id: outcome!, created: false };
      }
    }
  } catch (e) {
    return asFailure(e);
  }
}

const errorText = (e: { statusCode: string; message: string; fields: string[] }): string =>
  `${e.statusCode}:${e.message}:${e.fields.join(',')} --`;

/** Runs a closed job to JobComplete (with per-row results) or Failed (a bad file). */
export function processIngest(org: OrgCore, job: IngestJob): void {
  const object = org.schema.object(job.object);
  let header: string[] = [];
  const rows: string[][] = [];
  try {
    if (object === undefined) throw new InvalidBatch(`InvalidJob : Unable to find object: ${job.object}`);
    if (job.uploads.length === 0) throw new InvalidBatch('InvalidBatch : No data was uploaded for this job');
    for (const text of job.uploads) {
      const parsed = parseCsv(text, job);
      if (header.length === 0) header = parsed.header;
      else if (parsed.header.join('\u0000') !== header.join('\u0000'))
        throw new InvalidBatch('InvalidBatch : Every upload of a job must have the same header');
      rows.push(...parsed.rows);
    }
    const columns = columnsOf(org, object!, header);
    const items: BatchItem[] = rows.map((row) => {
      const idCol = columns.findIndex((c) => c.isId);
      const rawId = idCol >= 0 ? row[idCol] : undefined;
      const item: BatchItem = { save: () => saveRow(org, job, object!, columns, row) };
      if (job.operation !== 'insert' && rawId !== undefined && rawId !== '')
        item.id = normalizeId(rawId) ?? rawId;
      return item;
    });
    const saved = runBatch(org, items, false, { kind: 'none' });
    const results: IngestResults = { header, successful: [], failed: [], unprocessed: [] };
    saved.forEach((r, i) => {
      const row = rows[i]!;
      if (r.success) results.successful.push([r.id ?? '', String(r.created ?? false), ...row]);
      else results.failed.push([r.id ?? '', r.errors.map(errorText).join(''), ...row]);
    });
    job.results = results;
    job.numberRecordsProcessed = rows.length;
    job.numberRecordsFailed = results.failed.length;
    org.usage.bulkBatches += Math.max(1, Math.ceil(rows.length / RECORDS_PER_BATCH));
    job.state = 'JobComplete';
  } catch (e) {
    if (!(e instanceof InvalidBatch) && !(e instanceof CsvFileError)) throw e;
    job.state = 'Failed';
    job.errorMessage = e instanceof InvalidBatch ? e.message : `InvalidBatch : ${e.message}`;
    job.results = { header, successful: [], failed: [], unprocessed: rows };
  }
  job.systemModstamp = org.clock.now().toISOString().replace('Z', '+0000');
}

/** An aborted job processes nothing: every uploaded row is unprocessed. */
export function abortIngest(org: OrgCore, job: IngestJob): void {
  let header: string[] = [];
  const rows: string[][] = [];
  try {
    for (const text of job.uploads) {
      const parsed = parseCsv(text, job);
      header = parsed.header;
      rows.push(...parsed.rows);
    }
  } catch {
    // An unreadable upload has no rows to report.
  }
  job.state = 'Aborted';
  job.results = { header, successful: [], failed: [], unprocessed: rows };
  job.systemModstamp = org.clock.now().toISOString().replace('Z', '+0000');
}
