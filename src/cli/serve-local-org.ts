// What `org start` and `demo` both do to bring up the local org of a state directory: start it (state
// under <dir>/localorg), authorize it under an alias, and record the process so `org stop` can find it.
// A busy port surfaces as the error's 'EADDRINUSE' code for the command to word.
import { join } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../localorg/index.js';
import { authorizeWithToken } from './authorize.js';
import { clearRunningOrg, writeRunningOrg } from './state-dir.js';

export type ServedLocalOrg = { org: LocalOrg; username: string; stop(): Promise<void> };

export async function serveLocalOrg(dir: string, port: number, alias: string): Promise<ServedLocalOrg> {
  const org = await startLocalOrg({ port, stateDir: join(dir, 'localorg') });
  const username = await authorizeWithToken({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    alias,
  });
  writeRunningOrg(dir, {
    pid: process.pid,
    instanceUrl: org.instanceUrl,
    alias,
    username,
    startedAt: new Date().toISOString(),
  });
  return {
    org,
    username,
    stop: async () => {
      await org.stop();
      clearRunningOrg(dir, process.pid);
    },
  };
}

export const isPortInUse = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
