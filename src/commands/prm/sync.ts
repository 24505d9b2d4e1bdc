import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../cli/prm-command.js';
import { logProgress, openLog } from '../../cli/log.js';
import { stateDir } from '../../cli/state-dir.js';
import { openOrgStore } from '../../cli/sync-store.js';
import { untilStopped } from '../../cli/until-stopped.js';
import { connectFromOrg } from '../../crm/connect.js';
import { runSync, type CycleReport, type SyncProgress } from '../../sync/engine.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.sync');

export type SyncResult = { cycles: CycleReport[]; apiCalls: number; stoppedBy?: string };

export default class Sync extends PrmCommand<SyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    once: Flags.boolean({ summary: messages.getMessage('flags.once.summary'), exclusive: ['interval'] }),
    interval: Flags.duration({
      summary: messages.getMessage('flags.interval.summary'),
      unit: 'seconds',
      defaultValue: 30,
      min: 1,
    }),
    'max-api-share': Flags.string({
      summary: messages.getMessage('flags.max-api-share.summary'),
      default: '0.5',
    }),
  };

  public async run(): Promise<SyncResult> {
    const { flags } = await this.parse(Sync);
    const share = Number(flags['max-api-share']);
    if (!(share > 0 && share <= 1))
      throw new Error(
        `--max-api-share must be a number above 0 and at most 1, not "${flags['max-api-share']}".`,
      );
    const org = flags['target-org'];
    const { stopped, signal } = untilStopped();
    let stoppedBy: string | undefined;
    void stopped.then((s) => {
      stoppedBy = s;
      if (!this.jsonEnabled()) this.log(messages.getMessage('stopping'));
    });
    const store = await openOrgStore(org.getOrgId());
    let loading = false;
    const log = openLog(stateDir(), 'sync');
    log.info(
      { orgId: org.getOrgId(), once: flags.once, intervalMs: flags.interval.milliseconds },
      'sync started',
    );
    const onProgress = (event: SyncProgress): void => {
      logProgress(log, event);
      if (event.kind === 'load') {
        if (!loading) {
          this.progress.start(
            event.total,
            { object: event.object },
            { format: `${messages.getMessage('initialLoad')} {object} | {bar} | {value}/{total} records` },
          );
          loading = true;
        }
        this.progress.setTotal(event.total);
        this.progress.update(event.done, { object: event.object });
        if (event.done >= event.total) {
          this.progress.finish();
          loading = false;
        }
      } else if (event.kind === 'cycle') {
        const r = event.report;
        this.log(
          messages.getMessage('cycle', [
            r.cycleId,
            r.status,
            r.pulled,
            r.changed,
            r.computed,
            r.pushed,
            r.kept,
            r.failed,
            r.apiCalls,
          ]),
        );
        if (r.error !== undefined) this.warn(r.error);
        for (const p of r.programProblems) this.warn(`Program rules: ${p.setting}: ${p.message}`);
        for (const x of r.rejected.slice(0, 10)) this.warn(`Rejected ${x.objectType} ${x.id}: ${x.reason}`);
      } else if (event.kind === 'retry') {
        this.info(`Retrying after ${event.code} (attempt ${event.attempt}, waiting ${event.waitMs} ms)`);
      } else {
        this.warn(event.error);
      }
    };
    try {
      const result = await runSync({
        conn: connectFromOrg(org),
        store,
        config: { intervalMs: flags.interval.milliseconds, budgetShare: share },
        signal,
        onProgress,
        once: flags.once,
      });
      return { cycles: result.cycles, apiCalls: result.apiCalls, ...(stoppedBy ? { stoppedBy } : {}) };
    } catch (e) {
      log.error({ error: e instanceof Error ? e.message : String(e) }, 'sync stopped on an error');
      throw e;
    } finally {
      log.info('sync stopped');
      log.flush();
      await store.close();
    }
  }
}
