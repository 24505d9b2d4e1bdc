// Deploy requests as the REST Metadata API keeps them: an 0Af id, the options asked for, and a
// DeployResult that goes Pending → InProgress → done as the client polls (config.bulkPollsInProgress
// polls in progress), so clients exercise their polling loop as they must against a real org.
import type { OrgCore } from '../core.js';
import { randomId } from '../ids.js';
import type { DeployOutcome } from './deploy.js';
import type { DeployStatus } from './messages.js';

export type DeployJob = {
  id: string;
  options: Record<string, unknown>;
  checkOnly: boolean;
  rollbackOnError: boolean;
  ignoreWarnings: boolean;
  createdDate: string;
  outcome: DeployOutcome;
  polls: number;
};

const jobsByOrg = new WeakMap<OrgCore, Map<string, DeployJob>>();

export function deployJobs(org: OrgCore): Map<string, DeployJob> {
  let jobs = jobsByOrg.get(org);
  if (jobs === undefined) {
    jobs = new Map();
    jobsByOrg.set(org, jobs);
  }
  return jobs;
}

export function newDeployJob(org: OrgCore, init: Omit<DeployJob, 'id' | 'polls' | 'createdDate'>): DeployJob {
  const job: DeployJob = {
    ...init,
    id: randomId('0Af'),
    polls: 0,
    createdDate: org.clock.now().toISOString(),
  };
  deployJobs(org).set(job.id, job);
  return job;
}

const EMPTY_TESTS = {
  numFailures: 0,
  numTestsRun: 0,
  totalTime: 0,
  codeCoverage: [],
  codeCoverageWarnings: [],
  failures: [],
  flowCoverage: [],
  flowCoverageWarnings: [],
  successes: [],
};

/** The DeployResult as of the job's polls so far; `includeDetails` adds the component successes. */
export function deployResult(org: OrgCore, job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  const inProgressPolls = org.config.bulkPollsInProgress;
  const { outcome } = job;
  const done = job.polls > inProgressPolls;
  let status: DeployStatus = outcome.status;
  let deployed = outcome.successes.length - 1;
  if (!done) {
    status = job.polls === 0 ? 'Pending' : 'InProgress';
    deployed = Math.floor((outcome.total * job.polls) / (inProgressPolls + 1));
  }
  const now = org.clock.now().toISOString();
  const details = done
    ? {
        componentFailures: outcome.failures,
        componentSuccesses: includeDetails ? outcome.successes : [],
        runTestResult: EMPTY_TESTS,
      }
    : { componentFailures: [], componentSuccesses: [], runTestResult: EMPTY_TESTS };
  return {
    id: job.id,
    checkOnly: job.checkOnly,
    ignoreWarnings: job.ignoreWarnings,
    rollbackOnError: job.rollbackOnError,
    status,
    numberComponentsDeployed: Math.max(0, done ? deployed : Math.min(deployed, outcome.total)),
    numberComponentsTotal: outcome.total,
    numberComponentErrors: done ? outcome.failures.length : 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    numberTestErrors: 0,
    details,
    createdDate: job.createdDate,
    startDate: job.polls > 0 ? job.createdDate : null,
    lastModifiedDate: now,
    completedDate: done ? now : null,
    errorStatusCode: done ? outcome.errorStatusCode : null,
    errorMessage: done ? outcome.errorMessage : null,
    stateDetail: done ? null : 'Processing Type: CustomObject',
    createdBy: org.identity.userId.slice(0, 15),
    createdByName: 'Local Admin',
    canceledBy: null,
    canceledByName: null,
    runTestsEnabled: false,
    done,
    success: done && outcome.status !== 'Failed',
  };
}
