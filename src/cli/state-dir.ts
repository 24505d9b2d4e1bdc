// Where the local org, the SQLite store and the running-process records live: PRM_STATE_DIR, else .prm/
// in the current directory, so each checkout keeps its own demo state.
import { mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolve(env.PRM_STATE_DIR ?? '.prm');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What `org start` leaves behind so that `org stop` (another process) can find and stop it. */
export const RunningOrg = z.object({
  pid: z.number().int().positive(),
  instanceUrl: z.string().url(),
  alias: z.string(),
  username: z.string(),
  startedAt: z.string(),
});
export type RunningOrg = z.infer<typeof RunningOrg>;

const runningFile = (dir: string): string => join(dir, 'localorg.pid.json');

export function writeRunningOrg(dir: string, running: RunningOrg): void {
  const tmp = `${runningFile(dir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(running, null, 2));
  renameSync(tmp, runningFile(dir));
}

export function readRunningOrg(dir: string): RunningOrg | undefined {
  let text: string;
  try {
    text = readFileSync(runningFile(dir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = RunningOrg.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

export function clearRunningOrg(dir: string, pid: number): void {
  // Only the process that wrote the record removes it: a second org start must not erase the first's.
  if (readRunningOrg(dir)?.pid === pid) rmSync(runningFile(dir), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
