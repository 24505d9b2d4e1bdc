// The in-process API on OrgCore (for tests and tools) applies the same rules as the REST API and sees
// the same data as jsforce does over HTTP.
import { expect } from 'chai';
import { RecordFailure } from '../../src/localorg/index.js';
import { localOnly, startTestOrg, type TestOrg } from './helpers.js';

localOnly('local org: in-process API', () => {
  let t: TestOrg;

  beforeEach(async () => {
    t = await startTestOrg();
  });
  afterEach(() => t.org.stop());

  it('inserts, updates, deletes and queries what jsforce sees, without counting API calls', async () => {
    const core = t.org.core;
    const id = core.insert('Account', { Name: 'In process' });
    core.update('Account', id, { Industry: 'Energy' });
    const viaHttp = await t.conn.sobject('Account').retrieve(id);
    expect(viaHttp['Industry']).to.equal('Energy');
    const { id: other } = (await t.conn.sobject('Account').create({ Name: 'Over HTTP' })) as { id: string };
    expect(core.query('SELECT Name FROM Account ORDER BY Name').records.map((r) => r['Name'])).to.deep.equal([
      'In process',
      'Over HTTP',
    ]);
    core.delete('Account', other);
    expect(core.record('Account', other)?.['IsDeleted']).to.equal(true);
    expect(core.query('SELECT Id FROM Account', { includeDeleted: true }).totalSize).to.equal(2);
    expect(core.usage.used).to.equal(2);
  });

  it('throws the RecordFailure Salesforce would report, and writes nothing', () => {
    const core = t.org.core;
    let failure: unknown;
    try {
      core.insert('Opportunity', { Name: 'No stage' });
    } catch (e) {
      failure = e;
    }
    expect(failure).to.be.instanceOf(RecordFailure);
    expect((failure as RecordFailure).statusCode).to.equal('REQUIRED_FIELD_MISSING');
    expect(core.query('SELECT Id FROM Opportunity').totalSize).to.equal(0);
  });

  it('may load trusted data with audit fields set, as a data migration can', () => {
    const id = t.org.core.insert('Account', { Name: 'Old', CreatedDate: '2020-01-01T00:00:00Z' }, { trusted: true });
    expect(t.org.core.record('Account', id)?.['CreatedDate']).to.equal('2020-01-01T00:00:00.000+0000');
  });
});
