import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../cli/prm-command.js';
import { openOrgStore } from '../../cli/sync-store.js';
import type { StoreStatus } from '../../store/index.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.status');

export type StatusResult = StoreStatus & {
  lastSuccessAt: string | null;
  lagMs: number | null;
  api: { used: number; max: number; share: number } | null;
};

type Limits = { DailyApiRequests?: { Max: number; Remaining: number } };

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  return `${Math.round(s / 3600)}h`;
}

export default class Status extends PrmCommand<StatusResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'failed-limit': Flags.integer({
      summary: messages.getMessage('flags.failed-limit.summary'),
      default: 50,
      min: 1,
    }),
  };

  public async run(): Promise<StatusResult> {
    const { flags } = await this.parse(Status);
    const org = flags['target-org'];
    const store = await openOrgStore(org.getOrgId());
    let status: StoreStatus;
    try {
      status = await store.status({ cycles: 10, failures: flags['failed-limit'] });
    } finally {
      await store.close();
    }
    const conn = org.getConnection(flags['api-version']);
    const limits = await conn.request<Limits>(`/services/data/v${conn.version}/limits`);
    const daily = limits.DailyApiRequests;
    const api = daily
      ? {
          used: daily.Max - daily.Remaining,
          max: daily.Max,
          share: (daily.Max - daily.Remaining) / daily.Max,
        }
      : null;
    const lastOk = status.cycles.find((c) => c.status === 'ok' && c.finishedAt !== null);
    const lastSuccessAt = lastOk?.finishedAt ?? null;
    const lagMs = lastSuccessAt === null ? null : Date.now() - lastSuccessAt;
    const result: StatusResult = {
      ...status,
      lastSuccessAt: lastSuccessAt === null ? null : iso(lastSuccessAt),
      lagMs,
      api,
    };

    if (status.cycles.length === 0)
      this.log(messages.getMessage('noCycles', [org.getUsername() ?? org.getOrgId()]));
    else {
      this.table({
        title: 'Last cycles',
        data: status.cycles.map((c) => ({
          cycle: c.id,
          started: iso(c.startedAt),
          status: c.status,
          pulled: c.pulled,
          computed: c.computed,
          pushed: c.pushed,
          failed: c.failed,
          'api calls': c.apiCalls,
          error: c.error ?? '',
        })),
      });
    }
    if (status.failures.length > 0) {
      this.table({
        title: `Failed records (${status.failedTotal})`,
        data: status.failures.map((f) => ({
          object: f.objectType,
          record: f.recordId ?? f.externalId ?? '',
          fields: f.fields.join(', '),
          error: `${f.code ?? ''} ${f.message ?? ''}`.trim(),
          attempts: f.attempts,
        })),
      });
    }
    this.log(
      messages.getMessage('lag', [
        lagMs === null ? 'never' : `${ago(lagMs)} ago`,
        status.outbox.NEW + status.outbox.PENDING,
        status.outbox.FAILED,
        api?.used ?? '?',
        api?.max ?? '?',
      ]),
    );
    return result;
  }
}
