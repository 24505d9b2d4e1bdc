// Bulk API 2.0 jobs kept per org: ingest jobs (upload CSV, close, process) and query jobs (a SOQL
// snapshot read back in pages). State moves on as the client polls: after UploadComplete a job spends
// config.bulkPollsInProgress polls InProgress before it completes, so clients exercise their loop.
import type { OrgCore } from '../core.js';
import { randomId } from '../ids.js';
import type { Dialect } from './csv.js';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

type JobBase = Dialect & {
  id: string;
  object: string;
  state: JobState;
  createdDate: string;
  systemModstamp: string;
  apiVersion: string;
  /** Polls since the job was closed (ingest) or created (query). */
  polls: number;
  errorMessage: string | null;
  numberRecordsProcessed: number;
};

export type IngestResults = {
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
};

export type IngestJob = JobBase & {
  kind: 'ingest';
  operation: IngestOperation;
  externalIdFieldName: string | null;
  uploads: string[];
  numberRecordsFailed: number;
  results: IngestResults | undefined;
};

export type QueryJob = JobBase & {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: string;
  columns: string[];
  /** The query's records, as of the job's creation. */
  records: unknown[];
};

export type Job = IngestJob | QueryJob;

const jobsByOrg = new WeakMap<OrgCore, Map<string, Job>>();

export function bulkJobs(org: OrgCore): Map<string, Job> {
  let jobs = jobsByOrg.get(org);
  if (jobs === undefined) {
    jobs = new Map();
    jobsByOrg.set(org, jobs);
  }
  return jobs;
}

export function jobBase(
  org: OrgCore,
  object: string,
  dialect: Dialect,
  version: string,
): Omit<JobBase, 'state'> {
  const now = org.clock.now().toISOString().replace('Z', '+0000');
  return {
    ...dialect,
    id: randomId('750'),
    object,
    createdDate: now,
    systemModstamp: now,
    apiVersion: version,
    polls: 0,
    errorMessage: null,
    numberRecordsProcessed: 0,
  };
}

export const TERMINAL: ReadonlySet<JobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Job info in Salesforce's JobInfo shape. */
export function jobInfo(org: OrgCore, job: Job): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: org.identity.userId,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
  };
  if (job.kind === 'ingest' && job.externalIdFieldName !== null)
    info['externalIdFieldName'] = job.externalIdFieldName;
  Object.assign(info, {
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
  });
  if (job.kind === 'ingest')
    info['contentUrl'] = `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
  Object.assign(info, {
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    jobType: job.kind === 'ingest' ? 'V2Ingest' : 'V2Query',
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: 0,
    totalProcessingTime: 0,
  });
  if (job.kind === 'ingest') {
    Object.assign(info, {
      numberRecordsFailed: job.numberRecordsFailed,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0,
    });
  } else {
    info['isPkChunkingSupported'] = false;
  }
  if (job.errorMessage !== null) info['errorMessage'] = job.errorMessage;
  return info;
}
