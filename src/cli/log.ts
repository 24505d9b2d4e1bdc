// Structured logs (pino, one JSON object a line) of the long-running commands, in
// <PRM_STATE_DIR>/logs/prm.log at PRM_LOG_LEVEL (default info). They carry counts, record Ids, field
// names and Salesforce error codes; never tokens, record values or personal data. Redaction is a second
// line of defence for anything that slips into an error object.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { destination, pino, type Logger } from 'pino';
import type { SyncProgress } from '../sync/engine.js';

export const REDACTED_PATHS = [
  'accessToken',
  'refreshToken',
  'token',
  'password',
  'clientSecret',
  'client_secret',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.authorization',
  'email',
  '*.email',
];

export function openLog(stateDir: string, name: string): Logger {
  const dir = join(stateDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    {
      name,
      level: process.env.PRM_LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination({ dest: join(dir, 'prm.log'), append: true, mkdir: true, sync: false }),
  );
}

/** The sync's progress events as log lines: what happened, counted; rejected records by Id and field. */
export function logProgress(log: Logger, event: SyncProgress): void {
  switch (event.kind) {
    case 'cycle': {
      const { rejected, programProblems, ...counts } = event.report;
      log.info(
        {
          ...counts,
          rejected: rejected.map((r) => ({ object: r.objectType, id: r.id, reason: r.reason })),
          programProblems,
        },
        'cycle',
      );
      break;
    }
    case 'load':
      log.debug({ object: event.object, done: event.done, total: event.total }, 'initial load');
      break;
    case 'retry':
      log.warn(
        { code: event.code, attempt: event.attempt, waitMs: event.waitMs, path: event.url.split('?')[0] },
        'retry',
      );
      break;
    case 'error':
      log.error({ error: event.error }, 'cycle failed');
      break;
  }
}
