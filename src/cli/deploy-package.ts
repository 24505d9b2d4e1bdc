// Deploys force-app with source-deploy-retrieve over the Metadata REST API, the same way against the local
// org and a real org. The component bundle is built first because it is a generated static resource.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import {
  ComponentSet,
  type FileResponse,
  type MetadataApiDeployStatus,
} from '@salesforce/source-deploy-retrieve';
import { PACKAGE_ROOT } from '../package-root.js';

export type DeployedComponent = {
  type: string;
  fullName: string;
  state: string;
  problem?: string;
  filePath?: string;
};
export type DeployOutcome = {
  id: string;
  success: boolean;
  status: string;
  componentsDeployed: number;
  componentsTotal: number;
  components: DeployedComponent[];
  bundle: { bytes: number; gzipBytes: number } | undefined;
};
export type DeployProgress = { status: string; done: number; total: number; errors: number };

const BUNDLE = join(PACKAGE_ROOT, 'force-app/main/default/staticresources/prm_components.js');

/** Builds the component bundle when the build script is at hand (a source checkout); else it must exist. */
export async function buildBundle(): Promise<{ bytes: number; gzipBytes: number } | undefined> {
  const script = join(PACKAGE_ROOT, 'scripts/build-components.mjs');
  if (existsSync(script)) {
    const mod = (await import(pathToFileURL(script).href)) as {
      buildComponents(outdir: string): Promise<{ raw: number; gzip: number }>;
    };
    const built = await mod.buildComponents(join(PACKAGE_ROOT, 'force-app/main/default/staticresources'));
    return { bytes: built.raw, gzipBytes: built.gzip };
  }
  if (!existsSync(BUNDLE))
    throw new Error(`The component bundle ${BUNDLE} is missing and cannot be built here.`);
  return undefined;
}

function describe(r: FileResponse): DeployedComponent {
  const out: DeployedComponent = { type: r.type, fullName: r.fullName, state: r.state };
  if ('error' in r && r.error) out.problem = r.error;
  if (r.filePath !== undefined) out.filePath = r.filePath;
  return out;
}

export async function deployPackage(
  conn: Connection,
  options: { checkOnly?: boolean; onProgress?: (p: DeployProgress) => void; timeout?: Duration } = {},
): Promise<DeployOutcome> {
  const bundle = await buildBundle();
  const components = ComponentSet.fromSource(join(PACKAGE_ROOT, 'force-app'));
  const deploy = await components.deploy({
    usernameOrConnection: conn,
    apiOptions: { rest: true, checkOnly: options.checkOnly ?? false, rollbackOnError: true },
  });
  deploy.onUpdate((s: MetadataApiDeployStatus) =>
    options.onProgress?.({
      status: s.status,
      done: s.numberComponentsDeployed,
      total: s.numberComponentsTotal,
      errors: s.numberComponentErrors,
    }),
  );
  const result = await deploy.pollStatus({
    frequency: Duration.milliseconds(500),
    timeout: options.timeout ?? Duration.minutes(30),
  });
  const files = result.getFileResponses();
  // One row per component: several files (an object's fields, an LWC's files) report the same component.
  const seen = new Map<string, DeployedComponent>();
  for (const f of files) {
    const key = `${f.type}:${f.fullName}`;
    const d = describe(f);
    if (!seen.has(key) || d.problem !== undefined) seen.set(key, d);
  }
  return {
    id: result.response.id,
    success: result.response.success,
    status: result.response.status,
    componentsDeployed: result.response.numberComponentsDeployed,
    componentsTotal: result.response.numberComponentsTotal,
    components: [...seen.values()],
    bundle,
  };
}
