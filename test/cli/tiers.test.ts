// sf prm tiers simulate: what the rules would change now, with reasons, and nothing written to the org.
import { expect } from 'chai';
import { orgApi, runCli, sandbox, startOrgCli, type RunningOrgCli, type Sandbox } from './run-cli.js';

type Change = {
  partnerId: string;
  change: string;
  fromLabel: string;
  toLabel: string;
  summary: string;
  reasons: unknown[];
};
type Simulated = { partners: number; changes: Change[] };

describe('sf prm tiers simulate', function () {
  this.timeout(180_000);
  let box: Sandbox;
  let org: RunningOrgCli;
  const api = <T>(path: string, init: RequestInit = {}): Promise<T> => orgApi<T>(org, path, init);

  const tiers = async (): Promise<{ Id: string; Partner_Tier__c: string | null }[]> =>
    (
      await api<{ records: { Id: string; Partner_Tier__c: string | null }[] }>(
        `/query?q=${encodeURIComponent('SELECT Id, Partner_Tier__c FROM Account WHERE Partner_Type__c != null ORDER BY Id')}`,
      )
    ).records;
  const simulate = async (): Promise<Simulated> => {
    const r = await runCli(box, ['prm', 'tiers', 'simulate', '--target-org', 'localorg', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    return (JSON.parse(r.stdout) as { result: Simulated }).result;
  };

  before(async () => {
    box = sandbox();
    org = await startOrgCli(box, { size: 'small', deploy: true });
  });

  after(async () => {
    await org.stop();
    box.cleanup();
  });

  it('before any sync, gives every partner its first tier with reasons, and writes nothing', async () => {
    const result = await simulate();
    expect(result.partners).to.equal((await tiers()).length);
    expect(result.changes).to.have.length(result.partners);
    for (const c of result.changes) {
      expect(c.change).to.equal('initial');
      expect(c.summary).to.be.a('string').and.not.equal('');
      expect(c.reasons).to.not.be.empty;
    }
    expect((await tiers()).every((p) => p.Partner_Tier__c === null)).to.equal(true);
  });

  it('after the sync applied them, there is nothing left to change', async () => {
    const synced = await runCli(box, ['prm', 'sync', '--target-org', 'localorg', '--once', '--json']);
    expect(synced.code, synced.stdout).to.equal(0);
    const cycle = (
      JSON.parse(synced.stdout) as { result: { cycles: { pushed: number; computed: number }[] } }
    ).result.cycles[0]!;
    expect(cycle.pushed, synced.stdout).to.be.greaterThan(0);
    const left = (await simulate()).changes;
    expect(left.map((c) => `${c.change} ${c.fromLabel}->${c.toLabel}: ${c.summary}`)).to.deep.equal([]);
  });

  it('upgrades at once when a partner meets the next tier, and a lost criterion starts grace, not a drop', async () => {
    type Gap = { nextTier: string | null; gaps: { criterion: string; missing: number; met: boolean }[] };
    const partners = (
      await api<{ records: { Id: string; Partner_Next_Tier_Gap__c: string | null }[] }>(
        `/query?q=${encodeURIComponent('SELECT Id, Partner_Next_Tier_Gap__c FROM Account WHERE Partner_Type__c != null')}`,
      )
    ).records.map((r) => ({ id: r.Id, gap: JSON.parse(r.Partner_Next_Tier_Gap__c ?? 'null') as Gap | null }));
    // A partner that lacks only approved registrations for the next tier: give it those, decided by a manager.
    const near = partners.find(
      (p) => p.gap?.nextTier && p.gap.gaps.every((g) => g.met || g.criterion === 'registrationsApproved'),
    );
    expect(near, 'a partner short only of approved registrations').to.not.equal(undefined);
    const missing = near!.gap!.gaps.find((g) => g.criterion === 'registrationsApproved')!.missing;
    const day = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < missing; i++) {
      await api('/sobjects/Deal_Registration__c', {
        method: 'POST',
        body: JSON.stringify({
          Partner_Account__c: near!.id,
          Customer_Name__c: `Upgrade Test Customer ${i}`,
          Registration_Type__c: 'Sourced',
          Status__c: 'Approved',
          Submitted_At__c: `${day}T09:00:00.000Z`,
          Decided_At__c: `${day}T10:00:00.000Z`,
          Decided_By__c: 'Manager',
          External_Id__c: `tiers-test-${i}`,
        }),
      });
    }
    const upgrade = (await simulate()).changes.filter((c) => c.partnerId === near!.id);
    expect(upgrade.map((c) => [c.change, c.toLabel])).to.deep.equal([['upgrade', near!.gap!.nextTier]]);
    const synced = await runCli(box, ['prm', 'sync', '--target-org', 'localorg', '--once', '--json']);
    expect(synced.code, synced.stdout).to.equal(0);
    expect((await tiers()).find((p) => p.Id === near!.id)?.Partner_Tier__c).to.equal(near!.gap!.nextTier);

    await api(`/sobjects/Account/${near!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Partner_Certifications__c: 0 }),
    });
    const changes = (await simulate()).changes.filter((c) => c.partnerId === near!.id);
    expect(changes.map((c) => c.change)).to.deep.equal(['grace_started']);
    expect(changes[0]!.summary.toLowerCase()).to.contain('certification');
    expect((await tiers()).find((p) => p.Id === near!.id)?.Partner_Tier__c).to.equal(near!.gap!.nextTier);
  });
});
