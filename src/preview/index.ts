// The record-page preview (DESIGN.md §7): the real components on an Opportunity and a partner Account
// page, reading and writing an org through the server. startPreview is what `npm start` serves.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAssets } from './assets.js';
import { jsforceClient, type OrgAuth, type OrgClient } from './org.js';
import { newToken, previewHandler } from './server.js';

export type { OrgAuth, OrgClient } from './org.js';
export type { AccountPage } from './account-page.js';
export type { OpportunityPage } from './opportunity-page.js';

export type PreviewOptions = {
  /** 4420 by default; 0 picks a free port. */
  port?: number;
  org: OrgAuth;
  /** Replaces the jsforce client (tests). */
  client?: OrgClient;
};

export type Preview = {
  /** The page URL with the run's access token: open it once, the cookie carries it afterwards. */
  url: string;
  token: string;
  port: number;
  stop(): Promise<void>;
};

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const assets = await loadAssets();
  const token = newToken();
  const org = opts.client ?? jsforceClient(opts.org);
  let port = 0;
  const server = createServer((req, res) => {
    previewHandler({ token, org, assets, port: () => port })(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal error.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4420, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
