// Runs the plugin the way a user does (./bin/run.js prm …) in a sandbox: its own HOME (the sf auth store)
// and its own PRM_STATE_DIR, so tests never touch the developer's orgs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export type Sandbox = { home: string; state: string; env: NodeJS.ProcessEnv; cleanup(): void };

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'prm-cli-'));
  const home = join(root, 'home');
  const state = join(root, 'state');
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    PRM_STATE_DIR: state,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    http_proxy: '',
    https_proxy: '',
    HTTP_PROXY: '',
    HTTPS_PROXY: '',
  };
  return { home, state, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export type CliResult = { code: number; stdout: string; stderr: string };

export function runCli(box: Sandbox, args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { env: box.env, cwd: box.home });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prm ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Starts a long-running command and resolves with the process and its first stdout line. */
export function startCli(
  box: Sandbox,
  args: string[],
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { env: box.env, cwd: box.home });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prm ${args.join(' ')} printed no line in ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, line: out.slice(0, nl) });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`prm ${args.join(' ')} exited with ${code} before printing\n${err}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code));
  });
}

export type RunningOrgCli = {
  child: ChildProcess;
  instanceUrl: string;
  accessToken: string;
  stop(): Promise<void>;
};

/** `prm org start --json` in the sandbox (alias localorg), optionally followed by `prm deploy --demo-data`. */
export async function startOrgCli(
  box: Sandbox,
  options: { size: string; deploy?: boolean },
): Promise<RunningOrgCli> {
  const { child, line } = await startCli(box, [
    'prm',
    'org',
    'start',
    '--port',
    '0',
    '--size',
    options.size,
    '--json',
  ]);
  const { instanceUrl, accessToken } = (
    JSON.parse(line) as { result: { instanceUrl: string; accessToken: string } }
  ).result;
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await exited(child);
  };
  if (options.deploy) {
    const deployed = await runCli(box, [
      'prm',
      'deploy',
      '--target-org',
      'localorg',
      '--demo-data',
      '--json',
    ]);
    if (deployed.code !== 0) {
      await stop();
      throw new Error(`deploy failed:\n${deployed.stdout}${deployed.stderr}`);
    }
  }
  return { child, instanceUrl, accessToken, stop };
}

/** A REST call to the org as its admin, parsed as JSON (undefined for 204). */
export async function orgApi<T>(
  org: { instanceUrl: string; accessToken: string },
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const res = await fetch(`${org.instanceUrl}/services/data/v63.0${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' },
  });
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function soql<T>(
  org: { instanceUrl: string; accessToken: string },
  query: string,
): Promise<{ totalSize: number; records: T[] }> {
  return orgApi(org, `/query?q=${encodeURIComponent(query)}`);
}
