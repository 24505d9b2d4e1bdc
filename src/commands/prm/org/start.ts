import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../../cli/prm-command.js';
import { DEMO_SIZE_NAMES, saveDemoSettings } from '../../../cli/demo-settings.js';
import { isPortInUse, serveLocalOrg } from '../../../cli/serve-local-org.js';
import { isAlive, readRunningOrg, stateDir } from '../../../cli/state-dir.js';
import { untilStopped } from '../../../cli/until-stopped.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.org.start');

export type OrgStartResult = {
  instanceUrl: string;
  accessToken: string;
  alias: string;
  username: string;
  stateDir: string;
};

export default class OrgStart extends PrmCommand<OrgStartResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    port: Flags.integer({
      summary: messages.getMessage('flags.port.summary'),
      default: 4421,
      min: 0,
      max: 65535,
    }),
    seed: Flags.integer({ summary: messages.getMessage('flags.seed.summary'), default: 42, min: 0 }),
    size: Flags.option({ summary: messages.getMessage('flags.size.summary'), options: DEMO_SIZE_NAMES })({
      default: 'small',
    }),
    alias: Flags.string({
      char: 'a',
      summary: messages.getMessage('flags.alias.summary'),
      default: 'localorg',
    }),
  };

  public async run(): Promise<OrgStartResult> {
    const { flags } = await this.parse(OrgStart);
    const { stopped } = untilStopped();
    const dir = stateDir();
    const running = readRunningOrg(dir);
    if (running !== undefined && running.pid !== process.pid && isAlive(running.pid)) {
      throw messages.createError('error.AlreadyRunning', [running.pid, running.instanceUrl], [running.alias]);
    }

    let served;
    try {
      served = await serveLocalOrg(dir, flags.port, flags.alias);
    } catch (e) {
      if (isPortInUse(e)) throw messages.createError('error.PortInUse', [flags.port]);
      throw e;
    }
    const { org, username } = served;
    saveDemoSettings(dir, { seed: flags.seed, size: flags.size });
    const result: OrgStartResult = {
      instanceUrl: org.instanceUrl,
      accessToken: org.accessToken,
      alias: flags.alias,
      username,
      stateDir: dir,
    };

    // The org keeps serving after this point, so the JSON goes out now, on one line, and nothing follows it.
    if (this.jsonEnabled()) process.stdout.write(`${JSON.stringify({ status: 0, result })}\n`);
    else {
      this.log(messages.getMessage('ready', [org.instanceUrl, flags.alias, username]));
      this.log(messages.getMessage('accessToken', [org.accessToken]));
    }

    await stopped;
    if (!this.jsonEnabled()) this.log(messages.getMessage('stopping'));
    await served.stop();
    // Exit here: returning would make SfCommand print the JSON result a second time.
    process.exit(0);
  }
}
