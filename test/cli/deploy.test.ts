// sf prm deploy against the local org: SDR's REST deploy of force-app, permission set assignment, demo
// data, then doctor passing; a second run changes nothing it should not.
import { expect } from 'chai';
import { runCli, sandbox, soql, startOrgCli, type RunningOrgCli, type Sandbox } from './run-cli.js';

type Deployed = {
  success: boolean;
  componentsDeployed: number;
  components: { type: string; fullName: string; problem?: string }[];
  permsets: { name: string; assigned: boolean; alreadyAssigned: boolean }[];
  demoData?: { loaded: Record<string, number>; skipped: boolean };
};

describe('sf prm deploy', function () {
  this.timeout(180_000);
  let box: Sandbox;
  let org: RunningOrgCli;

  before(async () => {
    box = sandbox();
    org = await startOrgCli(box, { size: 'tiny' });
  });

  after(async () => {
    await org.stop();
    box.cleanup();
  });

  const count = async (object: string): Promise<number> =>
    (await soql(org, `SELECT COUNT() FROM ${object}`)).totalSize;

  it('deploys force-app, assigns PRM_Admin and loads the demo data chosen at org start', async () => {
    const r = await runCli(box, [
      'prm',
      'deploy',
      '--target-org',
      'localorg',
      '--assign-permsets',
      '--demo-data',
      '--json',
    ]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const result = (JSON.parse(r.stdout) as { result: Deployed }).result;
    expect(result.success).to.equal(true);
    expect(result.components.filter((c) => c.problem !== undefined)).to.deep.equal([]);
    expect(result.components.map((c) => `${c.type}:${c.fullName}`)).to.include.members([
      'CustomObject:Deal_Registration__c',
      'PermissionSet:PRM_Sync_Integration',
      'CustomMetadata:PRM_Tier.Gold',
    ]);
    expect(result.permsets).to.deep.equal([{ name: 'PRM_Admin', assigned: true, alreadyAssigned: false }]);
    expect(result.demoData?.skipped).to.equal(false);
    expect(result.demoData?.loaded.Opportunity).to.equal(await count('Opportunity'));
    expect(await count('Deal_Registration__c')).to.be.greaterThan(0);
  });

  it('leaves doctor with nothing failed', async () => {
    const r = await runCli(box, ['prm', 'doctor', '--target-org', 'localorg', '--json']);
    expect(r.code, r.stdout).to.equal(0);
    const checks = (JSON.parse(r.stdout) as { result: { checks: { name: string; status: string }[] } }).result
      .checks;
    expect(checks.filter((c) => c.status === 'fail')).to.deep.equal([]);
  });

  it('is safe to re-run: no second assignment, no second copy of the demo data', async () => {
    const before = await count('Opportunity');
    const r = await runCli(box, [
      'prm',
      'deploy',
      '--target-org',
      'localorg',
      '--assign-permsets',
      '--demo-data',
      '--json',
    ]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const result = (JSON.parse(r.stdout) as { result: Deployed }).result;
    expect(result.permsets[0]?.alreadyAssigned).to.equal(true);
    expect(result.demoData?.skipped).to.equal(true);
    expect(await count('Opportunity')).to.equal(before);
  });

  it('check-only validates without loading anything', async () => {
    const r = await runCli(box, ['prm', 'deploy', '--target-org', 'localorg', '--check-only', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const result = (JSON.parse(r.stdout) as { result: Deployed }).result;
    expect(result.success).to.equal(true);
    expect(result.demoData).to.equal(undefined);
  });

  it('refuses a demo size it does not know, naming the choices', async () => {
    const r = await runCli(box, ['prm', 'deploy', '--target-org', 'localorg', '--size', 'huge', '--json']);
    expect(r.code).to.not.equal(0);
    expect(r.stdout + r.stderr).to.contain('tiny');
  });
});
