// The local org's entry point: start a Salesforce REST emulator on 127.0.0.1, optionally persisted to a
// directory so a restart finds the same org (records, schema, token, OAuth credentials). Everything else
// in src/localorg is reachable from the returned `core` for in-process use.
import { Clock } from './clock.js';
import { OrgCore, type OrgConfig } from './core.js';
import { applyState, identityOf, loadState, StateSaver } from './persist.js';
import { buildRouter } from './routes/index.js';
import { HttpFront } from './server.js';

export { OrgCore } from './core.js';
export type { OrgConfig, OrgIdentity, StoredComponent } from './core.js';
export { ApiError, RecordFailure } from './errors.js';
export type { FaultConfig, FaultRule } from './faults.js';
export type { MetricsSnapshot } from './metrics.js';

export type LocalOrgOptions = {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Persist the org here; undefined keeps it in memory only. */
  stateDir?: string;
  /** The wall clock the org runs from (ms since the epoch); tests pass their own. */
  now?: () => number;
  /** DailyApiRequests Max; Salesforce's Developer Edition default is 15,000. */
  dailyApiLimit?: number;
  /** Use this access token instead of a generated (or saved) one. */
  accessToken?: string;
  /** The connected app's consumer key, secret and the admin's password; each generated (or saved) unless given. */
  clientId?: string;
  clientSecret?: string;
  password?: string;
};

export type LocalOrg = {
  instanceUrl: string;
  accessToken: string;
  username: string;
  /** What the token endpoint checks: client_credentials needs the id and secret, password also the password. */
  clientId: string;
  clientSecret: string;
  password: string;
  /** Where OAuth token requests go; the local org serves them itself. */
  loginUrl: string;
  core: OrgCore;
  /** Closes the server and writes any unsaved state. */
  stop(): Promise<void>;
};

export const DEFAULT_DAILY_API_LIMIT = 15_000;

/** An error with a Node-style code, so callers can tell a busy port from anything else. */
export class LocalOrgError extends Error {
  override name = 'LocalOrgError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startLocalOrg(opts: LocalOrgOptions = {}): Promise<LocalOrg> {
  const clock = new Clock(undefined, opts.now ?? Date.now);
  const config: OrgConfig = {
    dailyApiLimit: opts.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT,
    bulkQueryPageSize: 0,
    bulkPollsInProgress: 1,
  };
  const saved = opts.stateDir === undefined ? undefined : await loadState(opts.stateDir);
  const core = new OrgCore(config, clock, saved === undefined ? undefined : identityOf(saved));
  if (saved === undefined) core.reset();
  else applyState(core, saved);
  if (opts.accessToken !== undefined) {
    core.identity.accessToken = opts.accessToken;
    core.tokens.add(opts.accessToken);
  }
  for (const key of ['clientId', 'clientSecret', 'password'] as const) {
    const given = opts[key];
    if (given === '') throw new Error(`startLocalOrg: ${key} must not be empty`);
    if (given !== undefined) core.identity[key] = given;
  }

  const front = new HttpFront(core, buildRouter());
  let port: number;
  try {
    port = await front.listen(opts.port ?? 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new LocalOrgError(
        'EADDRINUSE',
        `Port ${opts.port ?? 0} on 127.0.0.1 is already in use; stop what holds it or pick another port.`,
      );
    }
    throw e;
  }
  core.instanceUrl = `http://127.0.0.1:${port}`;

  const saver = opts.stateDir === undefined ? undefined : new StateSaver(core, opts.stateDir);
  if (saver !== undefined) {
    saver.start();
    // A fresh org (or a changed token or credential) is written at once, so a crash before the first
    // change still leaves a reusable org behind.
    await saver.flush();
  }

  let stopped: Promise<void> | undefined;
  return {
    instanceUrl: core.instanceUrl,
    accessToken: core.identity.accessToken,
    username: core.identity.username,
    clientId: core.identity.clientId,
    clientSecret: core.identity.clientSecret,
    password: core.identity.password,
    loginUrl: core.instanceUrl,
    core,
    stop() {
      stopped ??= (async () => {
        await front.close();
        if (saver !== undefined) {
          saver.stop();
          await saver.flush();
        }
      })();
      return stopped;
    },
  };
}
