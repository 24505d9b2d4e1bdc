import { setTimeout as sleep } from 'node:timers/promises';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { PrmCommand } from '../../../cli/prm-command.js';
import { isAlive, readRunningOrg, stateDir } from '../../../cli/state-dir.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('prm-for-salesforce', 'prm.org.stop');

export type OrgStopResult = { pid: number; instanceUrl: string; stopped: true };

export default class OrgStop extends PrmCommand<OrgStopResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      default: 15,
      min: 1,
    }),
  };

  public async run(): Promise<OrgStopResult> {
    const { flags } = await this.parse(OrgStop);
    const dir = stateDir();
    const running = readRunningOrg(dir);
    if (running === undefined || !isAlive(running.pid)) throw messages.createError('error.NotRunning', [dir]);
    process.kill(running.pid, 'SIGTERM');
    const deadline = Date.now() + flags.wait * 1000;
    while (isAlive(running.pid)) {
      if (Date.now() > deadline) {
        throw messages.createError('error.DidNotStop', [running.pid, flags.wait], [running.pid]);
      }
      await sleep(100);
    }
    this.log(messages.getMessage('stopped', [running.pid]));
    return { pid: running.pid, instanceUrl: running.instanceUrl, stopped: true };
  }
}
