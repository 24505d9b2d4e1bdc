// Bulk API 2.0 over HTTP: /jobs/ingest (create, upload CSV, close or abort, poll, results) and
// /jobs/query (create, poll, paged CSV results with Sforce-Locator, "null" on the last page because
// jsforce loops until it sees that). Every request is one API call, as Salesforce counts them.
import { z } from 'zod';
import type { OrgCore } from '../core.js';
import { externalIdField } from '../dml.js';
import { ApiError, notFound } from '../errors.js';
import { json, jsonBody, noContent, type Ctx, type Reply, type Route } from '../http.js';
import { DELIMITERS, toCsv, type Dialect } from '../bulk/csv.js';
import { abortIngest, processIngest } from '../bulk/ingest.js';
import {
  bulkJobs,
  jobBase,
  jobInfo,
  TERMINAL,
  type IngestJob,
  type Job,
  type QueryJob,
} from '../bulk/jobs.js';
import { cellsOf, decodeLocator, encodeLocator, runQueryJob } from '../bulk/query.js';

const Delimiter = z.enum(
  Object.keys(DELIMITERS) as [keyof typeof DELIMITERS, ...(keyof typeof DELIMITERS)[]],
);
const Ending = z.enum(['LF', 'CRLF']);

const CreateIngest = z.object({
  object: z.string().min(1),
  operation: z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  externalIdFieldName: z.string().optional(),
  lineEnding: Ending.optional(),
  columnDelimiter: Delimiter.optional(),
  contentType: z.literal('CSV').optional(),
  assignmentRuleId: z.string().optional(),
});

const CreateQuery = z.object({
  query: z.string().min(1),
  operation: z.enum(['query', 'queryAll']).default('query'),
  lineEnding: Ending.optional(),
  columnDelimiter: Delimiter.optional(),
  contentType: z.literal('CSV').optional(),
});

const ChangeState = z.object({ state: z.enum(['UploadComplete', 'Aborted']) });

function parse<T>(schema: z.ZodType<T>, ctx: Ctx): T {
  const result = schema.safeParse(jsonBody(ctx));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(
      400,
      'INVALIDJOB',
      `InvalidJob : ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

const invalidJob = (message: string): ApiError => new ApiError(400, 'INVALIDJOB', `InvalidJob : ${message}`);
const badState = (job: Job, wanted: string): ApiError =>
  new ApiError(409, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}; this operation needs it ${wanted}`);

function dialectOf(body: {
  lineEnding?: Dialect['lineEnding'] | undefined;
  columnDelimiter?: Dialect['columnDelimiter'] | undefined;
}): Dialect {
  return { lineEnding: body.lineEnding ?? 'LF', columnDelimiter: body.columnDelimiter ?? 'COMMA' };
}

function jobOf<K extends Job['kind']>(
  org: OrgCore,
  kind: K,
  id: string | undefined,
): Extract<Job, { kind: K }> {
  const job = bulkJobs(org).get(id ?? '');
  if (job === undefined || job.kind !== kind) throw notFound();
  return job as Extract<Job, { kind: K }>;
}

/** One poll: a closed job spends config.bulkPollsInProgress polls InProgress, then finishes. */
function advance(org: OrgCore, job: Job): void {
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return;
  job.polls++;
  if (job.polls <= org.config.bulkPollsInProgress) {
    job.state = 'InProgress';
    return;
  }
  if (job.kind === 'ingest') processIngest(org, job);
  else {
    job.state = 'JobComplete';
    job.numberRecordsProcessed = job.records.length;
  }
}

function createIngest(ctx: Ctx): Reply {
  const org = ctx.org;
  const body = parse(CreateIngest, ctx);
  const object = org.object(body.object);
  if (object === undefined) throw invalidJob(`Unable to find object: ${body.object}`);
  if (object.customMetadata || !object.createable)
    throw invalidJob(`Entity '${object.name}' is not supported by the Bulk API.`);
  let externalIdFieldName: string | null = null;
  if (body.operation === 'upsert') {
    if (body.externalIdFieldName === undefined || body.externalIdFieldName === '') {
      throw invalidJob(
        `External ID was blank for ${object.name}. An External ID must be specified for upsert.`,
      );
    }
    try {
      externalIdFieldName = externalIdField(org, object, body.externalIdFieldName).name;
    } catch {
      throw invalidJob(
        `Field name provided, ${body.externalIdFieldName} does not match an External ID, Salesforce Id, or indexed field for ${object.name}`,
      );
    }
  }
  const job: IngestJob = {
    ...jobBase(org, object.name, dialectOf(body), ctx.version),
    kind: 'ingest',
    state: 'Open',
    operation: body.operation,
    externalIdFieldName,
    uploads: [],
    numberRecordsFailed: 0,
    results: undefined,
  };
  bulkJobs(org).set(job.id, job);
  return json(200, jobInfo(org, job));
}

function upload(ctx: Ctx, [id]: string[]): Reply {
  const job = jobOf(ctx.org, 'ingest', id);
  if (job.state !== 'Open') throw badState(job, 'Open');
  const type = ctx.header('content-type') ?? 'text/csv';
  if (!/^text\/csv\b/i.test(type))
    throw new ApiError(400, 'INVALIDCONTENTTYPE', `Unsupported Content-Type ${type}: upload text/csv`);
  job.uploads.push(ctx.body.toString('utf8'));
  return { status: 201 };
}

function changeIngest(ctx: Ctx, [id]: string[]): Reply {
  const org = ctx.org;
  const job = jobOf(org, 'ingest', id);
  const { state } = parse(ChangeState, ctx);
  if (state === 'UploadComplete') {
    if (job.state !== 'Open') throw badState(job, 'Open');
    job.state = 'UploadComplete';
  } else {
    if (TERMINAL.has(job.state)) throw badState(job, 'Open, UploadComplete or InProgress');
    abortIngest(org, job);
  }
  return json(200, jobInfo(org, job));
}

function ingestInfo(ctx: Ctx, [id]: string[]): Reply {
  const job = jobOf(ctx.org, 'ingest', id);
  advance(ctx.org, job);
  return json(200, jobInfo(ctx.org, job));
}

function ingestResults(which: 'successful' | 'failed' | 'unprocessed'): Route['handler'] {
  return (ctx, [id]) => {
    const job = jobOf(ctx.org, 'ingest', id);
    if (!TERMINAL.has(job.state) && which !== 'unprocessed')
      throw badState(job, 'JobComplete, Failed or Aborted');
    const results = job.results;
    const header = results?.header ?? [];
    let csv: string;
    if (which === 'successful')
      csv = toCsv(['sf__Id', 'sf__Created', ...header], results?.successful ?? [], job);
    else if (which === 'failed') csv = toCsv(['sf__Id', 'sf__Error', ...header], results?.failed ?? [], job);
    else csv = header.length === 0 ? '' : toCsv(header, results?.unprocessed ?? [], job);
    return { status: 200, text: csv, contentType: 'text/csv' };
  };
}

function createQuery(ctx: Ctx): Reply {
  const org = ctx.org;
  const body = parse(CreateQuery, ctx);
  const snapshot = runQueryJob(org, body.query, body.operation === 'queryAll', ctx.version);
  const job: QueryJob = {
    ...jobBase(org, snapshot.object, dialectOf(body), ctx.version),
    kind: 'query',
    state: 'UploadComplete',
    operation: body.operation,
    query: body.query,
    columns: snapshot.columns,
    records: snapshot.records,
  };
  org.usage.bulkQueryJobs++;
  bulkJobs(org).set(job.id, job);
  return json(200, jobInfo(org, job));
}

function queryInfo(ctx: Ctx, [id]: string[]): Reply {
  const job = jobOf(ctx.org, 'query', id);
  advance(ctx.org, job);
  return json(200, jobInfo(ctx.org, job));
}

function abortQuery(ctx: Ctx, [id]: string[]): Reply {
  const job = jobOf(ctx.org, 'query', id);
  const { state } = parse(ChangeState, ctx);
  if (state !== 'Aborted') throw invalidJob('A query job can only be changed to Aborted');
  if (TERMINAL.has(job.state)) throw badState(job, 'UploadComplete or InProgress');
  job.state = 'Aborted';
  return json(200, jobInfo(ctx.org, job));
}

function queryResults(ctx: Ctx, [id]: string[]): Reply {
  const org = ctx.org;
  const job = jobOf(org, 'query', id);
  if (job.state !== 'JobComplete') throw badState(job, 'JobComplete');
  const locator = ctx.query.get('locator');
  const offset = locator === null || locator === '' ? 0 : decodeLocator(locator);
  const maxRaw = ctx.query.get('maxRecords');
  const max = maxRaw === null ? org.config.bulkQueryPageSize : Number(maxRaw);
  if (!Number.isInteger(max) || max < 0)
    throw new ApiError(400, 'INVALIDPARAMETER', `maxRecords must be a positive integer: ${maxRaw ?? ''}`);
  const end = max === 0 ? job.records.length : Math.min(job.records.length, offset + max);
  const page = cellsOf(job.records.slice(offset, end), job.columns);
  org.metrics.recordsRead += page.length;
  return {
    status: 200,
    text: toCsv(job.columns, page, job),
    contentType: 'text/csv',
    headers: {
      'Sforce-Locator': end < job.records.length ? encodeLocator(end) : 'null',
      'Sforce-NumberOfRecords': String(page.length),
    },
  };
}

function remove(kind: Job['kind']): Route['handler'] {
  return (ctx, [id]) => {
    const job = jobOf(ctx.org, kind, id);
    if (job.state === 'InProgress' || job.state === 'Open')
      throw badState(job, 'UploadComplete, JobComplete, Failed or Aborted');
    bulkJobs(ctx.org).delete(job.id);
    return noContent();
  };
}

function list(kind: Job['kind']): Route['handler'] {
  return (ctx) => {
    const records = [...bulkJobs(ctx.org).values()]
      .filter((j) => j.kind === kind)
      .map((j) => jobInfo(ctx.org, j));
    return json(200, { done: true, records, nextRecordsUrl: null });
  };
}

const route = (
  cls: 'bulk-ingest' | 'bulk-query',
  method: string,
  pattern: RegExp,
  handler: Route['handler'],
): Route => ({
  method,
  pattern,
  data: true,
  counted: true,
  cls,
  handler,
});

const ID = '([^/]+)';

export const bulkRoutes: Route[] = [
  route('bulk-ingest', 'POST', /^\/jobs\/ingest$/, createIngest),
  route('bulk-ingest', 'GET', /^\/jobs\/ingest$/, list('ingest')),
  route('bulk-ingest', 'PUT', new RegExp(`^/jobs/ingest/${ID}/batches$`), upload),
  route(
    'bulk-ingest',
    'GET',
    new RegExp(`^/jobs/ingest/${ID}/successfulResults$`),
    ingestResults('successful'),
  ),
  route('bulk-ingest', 'GET', new RegExp(`^/jobs/ingest/${ID}/failedResults$`), ingestResults('failed')),
  route(
    'bulk-ingest',
    'GET',
    new RegExp(`^/jobs/ingest/${ID}/unprocessedrecords$`),
    ingestResults('unprocessed'),
  ),
  route('bulk-ingest', 'GET', new RegExp(`^/jobs/ingest/${ID}$`), ingestInfo),
  route('bulk-ingest', 'PATCH', new RegExp(`^/jobs/ingest/${ID}$`), changeIngest),
  route('bulk-ingest', 'DELETE', new RegExp(`^/jobs/ingest/${ID}$`), remove('ingest')),
  route('bulk-query', 'POST', /^\/jobs\/query$/, createQuery),
  route('bulk-query', 'GET', /^\/jobs\/query$/, list('query')),
  route('bulk-query', 'GET', new RegExp(`^/jobs/query/${ID}/results$`), queryResults),
  route('bulk-query', 'GET', new RegExp(`^/jobs/query/${ID}$`), queryInfo),
  route('bulk-query', 'PATCH', new RegExp(`^/jobs/query/${ID}$`), abortQuery),
  route('bulk-query', 'DELETE', new RegExp(`^/jobs/query/${ID}$`), remove('query')),
];
