import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../../cli/prm-command.js';
import { openOrgStore } from '../../../cli/sync-store.js';
import { connectFromOrg } from '../../../crm/connect.js';
import type { TierChange } from '../../../domain/tiers/index.js';
import { tiersDryRun, type TiersDryRun } from '../../../sync/dry-run.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.tiers.simulate');

export type TiersSimulateResult = TiersDryRun;

const KINDS: TierChange['change'][] = [
  'initial',
  'upgrade',
  'downgrade',
  'grace_started',
  'grace_continues',
  'grace_cleared',
];

export default class TiersSimulate extends PrmCommand<TiersSimulateResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
  };

  public async run(): Promise<TiersSimulateResult> {
    const { flags } = await this.parse(TiersSimulate);
    const org = flags['target-org'];
    const store = await openOrgStore(org.getOrgId());
    let result: TiersDryRun;
    try {
      result = await tiersDryRun(connectFromOrg(org), store);
    } finally {
      await store.close();
    }
    // Invalid new rules never apply: the last valid set stays in force, and the problems are shown.
    for (const p of result.programProblems) this.warn(`Program rules: ${p.setting}: ${p.message}`);
    if (result.changes.length > 0) {
      this.table({
        title: 'Tier changes',
        data: result.changes.map((c) => ({
          partner: c.name ?? c.partnerId,
          change: c.change.replace('_', ' '),
          from: c.fromLabel,
          to: c.toLabel,
          'grace until': c.graceUntil ?? '',
          why: c.summary,
        })),
      });
    }
    const count = (k: TierChange['change']): number => result.changes.filter((c) => c.change === k).length;
    this.log(
      messages.getMessage('summary.line', [
        result.partners,
        result.asOf,
        ...KINDS.map(count),
        result.partners - result.changes.length,
      ]),
    );
    return result;
  }
}
