// The preview's /api and its HTTP guard, against a fake org that records every SOQL string and write:
// bodies are validated before anything reaches the org, values never become SOQL text, and nothing
// answers without the run's token.
import { expect } from 'chai';
import { handleApi } from '../../src/preview/api.js';
import { startPreview, type Preview } from '../../src/preview/index.js';
import type { OrgClient, SfRecord } from '../../src/preview/org.js';

const OPP = '006000000000001AAA';
const PARTNER = '001000000000009AAA';
const CUSTOMER = '001000000000001AAA';

function fakeOrg(rows: (soql: string) => SfRecord[] = () => []) {
  const log = { soql: [] as string[], writes: [] as [string, string, unknown][] };
  const org: OrgClient = {
    async query(soql) {
      log.soql.push(soql);
      return rows(soql);
    },
    async create(object, fields) {
      log.writes.push(['create', object, fields]);
      return 'a01000000000001AAA';
    },
    async update(object, fields) {
      log.writes.push(['update', object, fields]);
    },
    async destroy(object, id) {
      log.writes.push(['delete', object, id]);
    },
  };
  return { org, log };
}

const draft = {
  partnerId: PARTNER,
  opportunityId: OPP,
  customerAccountId: CUSTOMER,
  customerName: "O'Brien & Sons",
  customerDomain: 'obrien.example',
  type: 'Sourced',
  products: ['CRM'],
  estimatedAmountCents: 1234550,
  status: 'Submitted',
};

describe('preview /api', () => {
  it('creates a registration from a valid prm_register detail', async () => {
    const { org, log } = fakeOrg();
    const res = await handleApi(org, { method: 'POST', path: '/api/registrations', body: { registration: draft } }, () => Date.UTC(2025, 5, 1));
    expect(res.status).to.equal(200);
    expect(log.writes).to.deep.equal([
      [
        'create',
        'Deal_Registration__c',
        {
          Partner_Account__c: PARTNER,
          Opportunity__c: OPP,
          Customer_Account__c: CUSTOMER,
          Customer_Name__c: "O'Brien & Sons",
          Customer_Domain__c: 'obrien.example',
          Registration_Type__c: 'Sourced',
          Products__c: 'CRM',
          Estimated_Amount__c: 12345.5,
          Status__c: 'Submitted',
          Submitted_At__c: '2025-06-01T00:00:00.000Z',
        },
      ],
    ]);
  });

  it('refuses a body that is not a registration draft, and writes nothing', async () => {
    const { org, log } = fakeOrg();
    for (const registration of [
      { ...draft, partnerId: "x' OR Name != '" },
      { ...draft, status: 'Approved' },
      { ...draft, estimatedAmountCents: 1.5 },
      { ...draft, extra: 1 },
    ]) {
      const res = await handleApi(org, { method: 'POST', path: '/api/registrations', body: { registration } });
      expect(res.status, JSON.stringify(registration)).to.equal(400);
    }
    expect(log.writes).to.deep.equal([]);
  });

  it('never puts an id that is not a Salesforce Id into SOQL', async () => {
    const { org, log } = fakeOrg();
    const res = await handleApi(org, { method: 'GET', path: "/api/opportunity/006' OR Id != '", body: undefined });
    expect(res.status).to.equal(400);
    expect(log.soql).to.deep.equal([]);
  });

  it('answers 404 for a record the org does not have', async () => {
    const { org } = fakeOrg();
    const res = await handleApi(org, { method: 'GET', path: `/api/opportunity/${OPP}`, body: undefined });
    expect(res.status).to.equal(404);
  });

  it('refuses a decision when the registration changed after the page read it', async () => {
    const { org, log } = fakeOrg(() => [{ Id: 'a01000000000001AAA', LastModifiedDate: '2025-06-01T10:00:05.000+0000' }]);
    const body = {
      registrationId: 'a01000000000001AAA',
      decision: 'Approved',
      reason: 'First to register',
      protectedUntil: '2025-08-30',
      ifUnmodifiedSince: '2025-06-01T10:00:00.000Z',
    };
    const res = await handleApi(org, { method: 'POST', path: '/api/decisions', body });
    expect(res.status).to.equal(409);
    expect(log.writes).to.deep.equal([]);
    const fresh = await handleApi(org, { method: 'POST', path: '/api/decisions', body: { ...body, ifUnmodifiedSince: '2025-06-01T10:00:05.000Z' } });
    expect(fresh.status).to.equal(200);
    expect(log.writes[0]?.[2]).to.include({ Status__c: 'Approved', Decided_By__c: 'Manager', Protected_Until__c: '2025-08-30' });
  });

  it('makes the org splits match a saved set', async () => {
    const saved = [
      { Id: 'a02000000000001AAA', Partner_Account__c: PARTNER, Role__c: 'Sourced', Split_Type__c: 'Revenue', Percent__c: 60 },
      { Id: 'a02000000000002AAA', Partner_Account__c: CUSTOMER, Role__c: 'Influenced', Split_Type__c: 'Revenue', Percent__c: 40 },
    ];
    const { org, log } = fakeOrg(() => saved);
    const splits = [
      { id: 'a02000000000001AAA', partnerId: PARTNER, role: 'Sourced', type: 'Revenue', percent: 50 },
      { partnerId: CUSTOMER, role: 'Fulfillment', type: 'Revenue', percent: 50 },
    ];
    const res = await handleApi(org, { method: 'POST', path: '/api/splits', body: { opportunityId: OPP, splits } });
    expect(res.body).to.deep.equal({ deleted: 1, updated: 1, created: 1 });
    expect(log.writes.map(([op]) => op)).to.deep.equal(['delete', 'update', 'create']);
  });
});

describe('preview /api/records', () => {
  const A = '006000000000001AAA';
  const B = '006000000000002AAA';
  const C = '006000000000003AAA';
  it('lists opportunities with a registration and splits first, and partners with a tier and health first', async () => {
    const { org, log } = fakeOrg((soql) => {
      if (soql.startsWith('SELECT Id, Name, StageName FROM Opportunity'))
        return [C, B, A].map((Id) => ({ Id, Name: `Opp ${Id.slice(14, 15)}`, StageName: 'Prospecting' }));
      if (soql.includes('FROM Co_Sell_Split__c')) return [{ Id: 'x1', Opportunity__c: A }, { Id: 'x2', Opportunity__c: A }, { Id: 'x3', Opportunity__c: C }];
      if (soql.includes('FROM Deal_Registration__c')) return [{ Id: 'r1', Opportunity__c: A, Status__c: 'Approved' }];
      if (soql.includes('FROM Account'))
        return [
          { Id: '001000000000001AAA', Name: 'Alpha', Partner_Tier__c: null, Partner_Health_Score__c: null },
          { Id: '001000000000002AAA', Name: 'Beta', Partner_Tier__c: 'Gold', Partner_Health_Band__c: 'Green', Partner_Health_Score__c: 81.4 },
        ];
      return [];
    });
    const res = await handleApi(org, { method: 'GET', path: '/api/records', body: undefined });
    expect(res.body).to.deep.equal({
      opportunities: [
        { id: A, name: 'Opp 1', detail: 'Approved · 2 splits' },
        { id: C, name: 'Opp 3', detail: 'Prospecting · 1 split' },
        { id: B, name: 'Opp 2', detail: 'Prospecting' },
      ],
      accounts: [
        { id: '001000000000002AAA', name: 'Beta', detail: 'Gold · Green 81' },
        { id: '001000000000001AAA', name: 'Alpha' },
      ],
    });
    // The ids in the follow-up queries come from the org and still go through the Id literal helper.
    expect(log.soql.find((q) => q.includes('FROM Co_Sell_Split__c WHERE Opportunity__c IN'))).to.contain(`'${A}'`);
  });
});

describe('preview HTTP guard', () => {
  let preview: Preview;
  const { org } = fakeOrg((soql) => (soql.includes('FROM Opportunity') ? [{ Id: OPP, Name: 'Acme' }] : []));
  before(async () => {
    preview = await startPreview({ port: 0, org: { instanceUrl: 'http://127.0.0.1:1', accessToken: 'unused' }, client: org });
  });
  after(async () => preview.stop());
  const base = () => `http://127.0.0.1:${preview.port}`;

  it('answers nothing without the token', async () => {
    for (const path of ['/', '/api/records', '/assets/host.js', `/opportunity/${OPP}`]) {
      const res = await fetch(base() + path);
      expect(res.status, path).to.equal(401);
    }
    const wrong = await fetch(`${base()}/?token=nope`, { redirect: 'manual' });
    expect(wrong.status).to.equal(401);
  });

  it('trades the printed token for an HttpOnly cookie, then serves the page and the api', async () => {
    const res = await fetch(preview.url, { redirect: 'manual' });
    expect(res.status).to.equal(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/HttpOnly/).and.to.match(/SameSite=Strict/);
    const headers = { cookie: cookie.split(';')[0]! };
    const page = await fetch(`${base()}/opportunity/${OPP}`, { headers });
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-security-policy')).to.contain("script-src 'self'");
    const records = (await (await fetch(`${base()}/api/records`, { headers })).json()) as { opportunities: unknown[] };
    expect(records.opportunities).to.deep.equal([{ id: OPP, name: 'Acme' }]);
    const form = await fetch(`${base()}/api/registrations`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).to.equal(415);
    const bundle = await fetch(`${base()}/assets/prm_components.js`, { headers });
    expect(await bundle.text()).to.contain('prm-deal-registration');
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: preview.port, path: '/', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).to.equal(421);
  });
});
