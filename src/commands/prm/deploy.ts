import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../cli/prm-command.js';
import { DEMO_SIZE_NAMES, loadDemoSettings } from '../../cli/demo-settings.js';
import { loadDemoData, type DemoLoadResult } from '../../cli/demo-data.js';
import { deployPackage, type DeployedComponent } from '../../cli/deploy-package.js';
import { assignPermsets, currentUserId, type PermsetAssignment } from '../../cli/permsets.js';
import { stateDir } from '../../cli/state-dir.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.deploy');

export type DeployResult = {
  id: string;
  success: boolean;
  status: string;
  componentsDeployed: number;
  componentsTotal: number;
  components: DeployedComponent[];
  permsets: PermsetAssignment[];
  demoData?: DemoLoadResult;
};

export default class Deploy extends PrmCommand<DeployResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'check-only': Flags.boolean({ summary: messages.getMessage('flags.check-only.summary') }),
    'assign-permsets': Flags.boolean({ summary: messages.getMessage('flags.assign-permsets.summary') }),
    'demo-data': Flags.boolean({ summary: messages.getMessage('flags.demo-data.summary') }),
    seed: Flags.integer({ summary: messages.getMessage('flags.seed.summary'), min: 0 }),
    size: Flags.option({ summary: messages.getMessage('flags.size.summary'), options: DEMO_SIZE_NAMES })(),
  };

  public async run(): Promise<DeployResult> {
    const { flags } = await this.parse(Deploy);
    const org = flags['target-org'];
    const conn = org.getConnection(flags['api-version']);
    const target = org.getUsername() ?? org.getOrgId();

    this.spinner.start(messages.getMessage('progress', [target, 0, '?']));
    const outcome = await deployPackage(conn, {
      checkOnly: flags['check-only'],
      onProgress: (p) => {
        this.spinner.status = `${p.status} ${p.done}/${p.total}`;
      },
    });
    this.spinner.stop(outcome.status);
    if (outcome.bundle !== undefined) {
      this.log(messages.getMessage('bundle', [outcome.bundle.bytes, outcome.bundle.gzipBytes]));
    }
    const refused = outcome.components.filter((c) => c.problem !== undefined);
    if (refused.length > 0 || !outcome.success) {
      this.table({
        data: refused.map((c) => ({ type: c.type, name: c.fullName, problem: c.problem ?? '' })),
        title: 'Refused components',
      });
      throw messages.createError('error.DeployFailed', [refused.length]);
    }
    this.log(messages.getMessage('deployed', [outcome.componentsDeployed, target, outcome.id]));

    const result: DeployResult = { ...outcome, permsets: [] };
    if (flags['check-only']) return result;
    if (flags['assign-permsets']) {
      const userId = await currentUserId(conn, org.getUsername() ?? '');
      result.permsets = await assignPermsets(conn, userId, ['PRM_Admin']);
      for (const p of result.permsets) {
        this.log(
          messages.getMessage('permset', [p.name, p.alreadyAssigned ? 'already assigned' : 'assigned']),
        );
      }
    }
    if (flags['demo-data']) {
      const saved = loadDemoSettings(stateDir());
      this.spinner.start('Loading demo data');
      result.demoData = await loadDemoData(
        conn,
        { seed: flags.seed ?? saved.seed, size: flags.size ?? saved.size },
        (p) => {
          this.spinner.status = `${p.object} ${p.loaded}`;
        },
      );
      this.spinner.stop();
      if (result.demoData.skipped) this.log(messages.getMessage('demoSkipped'));
      else {
        const counts = Object.entries(result.demoData.loaded)
          .map(([o, n]) => `${n} ${o}`)
          .join(', ');
        this.log(messages.getMessage('demoLoaded', [counts]));
      }
    }
    return result;
  }
}
