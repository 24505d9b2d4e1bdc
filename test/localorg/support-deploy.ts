// Deploying source to a local org exactly as `sf prm deploy` does: an @salesforce/core Connection made
// from the org's access token, SDR's ComponentSet, and the REST Metadata API (apiOptions.rest = true,
// the switch the sf CLI sets from its org-metadata-rest-deploy config).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuthInfo, Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { ComponentSet, type DeployResult } from '@salesforce/source-deploy-retrieve';
import type { LocalOrg } from '../../src/localorg/index.js';

export const FORCE_APP = fileURLToPath(new URL('../../force-app', import.meta.url));

/** The component bundle is a generated static resource: SDR needs its file to resolve the package. */
export function ensureComponentBundle(): void {
  if (existsSync(join(FORCE_APP, 'main', 'default', 'staticresources', 'prm_components.js'))) return;
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../../scripts/build-components.mjs', import.meta.url))],
    { stdio: 'pipe' },
  );
}

export async function sfConnection(org: LocalOrg): Promise<Connection> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: {
      accessToken: org.accessToken,
      instanceUrl: org.instanceUrl,
      loginUrl: org.loginUrl,
    },
  });
  const conn = await Connection.create({ authInfo });
  conn.setApiVersion('63.0');
  return conn;
}

export type Deployed = { result: DeployResult; statuses: string[] };

export async function deploySource(
  conn: Connection,
  path: string,
  apiOptions: { checkOnly?: boolean; rollbackOnError?: boolean } = {},
): Promise<Deployed> {
  const op = await ComponentSet.fromSource(path).deploy({
    usernameOrConnection: conn,
    apiOptions: { ...apiOptions, rest: true },
  });
  const statuses: string[] = [];
  op.onUpdate((s) => statuses.push(String(s.status)));
  const result = await op.pollStatus({ frequency: Duration.milliseconds(20), timeout: Duration.seconds(60) });
  return { result, statuses };
}

/** A throwaway source project: files by path under force-app/main/default. */
export function sourceProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'prm-deploy-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, 'force-app', 'main', 'default', path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return join(root, 'force-app');
}

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

export function objectXml(label: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject ${NS}>
    <deploymentStatus>Deployed</deploymentStatus>
    <label>${label}</label>
    <nameField><label>${label} Name</label><type>Text</type></nameField>
    <pluralLabel>${label}s</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>${extra}
</CustomObject>
`;
}

export function fieldXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomField ${NS}>
${body}
</CustomField>
`;
}
