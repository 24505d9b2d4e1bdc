import { Messages, Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../cli/prm-command.js';
import { loadDemoData } from '../../cli/demo-data.js';
import {
  DEFAULT_DEMO_SETTINGS,
  DEMO_SIZE_NAMES,
  savedDemoSettings,
  saveDemoSettings,
} from '../../cli/demo-settings.js';
import { deployPackage } from '../../cli/deploy-package.js';
import { assignPermsets, currentUserId } from '../../cli/permsets.js';
import { isAlive, readRunningOrg, stateDir } from '../../cli/state-dir.js';
import { logProgress, openLog } from '../../cli/log.js';
import { openOrgStore } from '../../cli/sync-store.js';
import { isPortInUse, serveLocalOrg, type ServedLocalOrg } from '../../cli/serve-local-org.js';
import { untilStopped } from '../../cli/until-stopped.js';
import { connectFromOrg } from '../../crm/connect.js';
import { startPreview, type Preview } from '../../preview/index.js';
import { runSync, type CycleReport } from '../../sync/engine.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.demo');

export type DemoResult = {
  instanceUrl: string;
  previewUrl: string;
  alias: string;
  cycles: number;
  stateDir: string;
};

const ALIAS = 'localorg';

function portError(e: unknown, port: number): Error {
  if (isPortInUse(e)) return messages.createError('error.PortInUse', [port]);
  return e as Error;
}

export default class Demo extends PrmCommand<DemoResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    port: Flags.integer({
      summary: messages.getMessage('flags.port.summary'),
      default: 4420,
      min: 0,
      max: 65535,
    }),
    'org-port': Flags.integer({
      summary: messages.getMessage('flags.org-port.summary'),
      default: 4421,
      min: 0,
      max: 65535,
    }),
    size: Flags.option({ summary: messages.getMessage('flags.size.summary'), options: DEMO_SIZE_NAMES })(),
    seed: Flags.integer({ summary: messages.getMessage('flags.seed.summary'), min: 0 }),
    interval: Flags.duration({
      summary: messages.getMessage('flags.interval.summary'),
      unit: 'seconds',
      defaultValue: 15,
      min: 1,
    }),
  };

  public async run(): Promise<DemoResult> {
    const { flags } = await this.parse(Demo);
    const { stopped, signal } = untilStopped();
    const dir = stateDir();
    // The demo shows a whole program: 200 partners across every tier (medium), unless this state
    // directory already chose a size.
    const saved = savedDemoSettings(dir) ?? { ...DEFAULT_DEMO_SETTINGS, size: 'medium' as const };
    const settings = { seed: flags.seed ?? saved.seed, size: flags.size ?? saved.size };
    saveDemoSettings(dir, settings);

    // A local org already serving this state directory (sf prm org start) is used as it is.
    let local: ServedLocalOrg | undefined;
    let username: string;
    let instanceUrl: string;
    const running = readRunningOrg(dir);
    if (running !== undefined && isAlive(running.pid) && running.pid !== process.pid) {
      this.log(messages.getMessage('step.reuse', [running.instanceUrl, running.alias]));
      username = running.username;
      instanceUrl = running.instanceUrl;
    } else {
      try {
        local = await serveLocalOrg(dir, flags['org-port'], ALIAS);
      } catch (e) {
        throw portError(e, flags['org-port']);
      }
      instanceUrl = local.org.instanceUrl;
      username = local.username;
      this.log(messages.getMessage('step.org', [instanceUrl, ALIAS, dir]));
    }
    let preview: Preview | undefined;
    let cycles: CycleReport[] = [];
    try {
      const org = await Org.create({ aliasOrUsername: username });
      const conn = org.getConnection('63.0');

      this.spinner.start(messages.getMessage('step.deploy'));
      const deployed = await deployPackage(conn, {
        onProgress: (p) => (this.spinner.status = `${p.done}/${p.total}`),
      });
      this.spinner.stop(deployed.status);
      if (!deployed.success) {
        const refused = deployed.components.filter((c) => c.problem !== undefined);
        throw new Error(
          `The deploy failed: ${refused.map((c) => `${c.type} ${c.fullName}: ${c.problem}`).join('; ')}`,
        );
      }
      this.log(messages.getMessage('step.deployed', [deployed.componentsDeployed, deployed.componentsTotal]));
      await assignPermsets(conn, await currentUserId(conn, username), ['PRM_Admin']);

      this.spinner.start(messages.getMessage('step.demo', [settings.seed, settings.size]));
      const demo = await loadDemoData(
        conn,
        settings,
        (p) => (this.spinner.status = `${p.object} ${p.loaded}`),
      );
      this.spinner.stop();
      if (demo.skipped) this.log(messages.getMessage('step.demoKept'));
      else
        this.log(
          messages.getMessage('step.demoLoaded', [
            Object.entries(demo.loaded)
              .map(([o, n]) => `${n} ${o}`)
              .join(', '),
          ]),
        );

      try {
        preview = await startPreview({
          port: flags.port,
          org: { instanceUrl, accessToken: conn.accessToken ?? '' },
        });
      } catch (e) {
        throw portError(e, flags.port);
      }
      this.log(messages.getMessage('step.preview', [preview.url]));
      this.log(messages.getMessage('step.sync', [`${flags.interval.seconds}s`, ALIAS]));

      void stopped.then(() => this.log(messages.getMessage('step.stopping')));
      const store = await openOrgStore(org.getOrgId());
      const log = openLog(dir, 'demo');
      try {
        const result = await runSync({
          conn: connectFromOrg(org),
          store,
          config: { intervalMs: flags.interval.milliseconds },
          signal,
          onProgress: (event) => {
            logProgress(log, event);
            if (event.kind === 'cycle') {
              const r = event.report;
              this.log(
                `Cycle ${r.cycleId} (${r.status}): pulled ${r.pulled}, pushed ${r.pushed}, failed ${r.failed}, ${r.apiCalls} API calls`,
              );
            } else if (event.kind === 'error') this.warn(event.error);
          },
        });
        cycles = result.cycles;
      } finally {
        log.flush();
        await store.close();
      }
      return { instanceUrl, previewUrl: preview.url, alias: ALIAS, cycles: cycles.length, stateDir: dir };
    } finally {
      await preview?.stop();
      if (local !== undefined) {
        await local.stop();
      }
    }
  }
}
