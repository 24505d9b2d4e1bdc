import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../cli/prm-command.js';
import { runDoctor, type DoctorCheck } from '../../cli/doctor-checks.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.doctor');

export type DoctorResult = { ok: boolean; checks: DoctorCheck[] };

export default class Doctor extends PrmCommand<DoctorResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<DoctorResult> {
    const { flags } = await this.parse(Doctor);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const checks = await runDoctor(conn);
    this.table({
      data: checks.map((c) => ({ check: c.name, status: c.status, detail: c.detail, fix: c.fix ?? '' })),
    });
    const count = (s: DoctorCheck['status']): number => checks.filter((c) => c.status === s).length;
    this.log(
      messages.getMessage('summary.line', [count('pass'), count('warn'), count('fail'), count('unknown')]),
    );
    const result = { ok: count('fail') === 0, checks };
    if (!result.ok) {
      // Keep the per-check report in the JSON error too, so a CI job can show it.
      const error = messages.createError('error.ChecksFailed', [count('fail')]);
      error.setData(result);
      throw error;
    }
    return result;
  }
}
