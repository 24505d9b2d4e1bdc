// The preview's /api on a real local org with force-app deployed: values with quotes and other SOQL
// metacharacters either are refused as ids (400) or land in the org exactly as typed and read back exactly,
// never widening a query; and arbitrary request bodies get a 400 with a message, never a 5xx, while the
// server keeps serving.
import net from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import type { LocalOrg } from '../../src/localorg/index.js';
import { startPreview, type Preview } from '../../src/preview/index.js';
import type { OpportunityPage } from '../../src/preview/index.js';
import { answer, NASTY_STRINGS, orgWithForceApp, wellFormed, type Answer } from './support.js';

/** Sends the headers of a POST announcing `announced` bytes, then only `sent` of them, and returns the raw answer. */
function rawPost(port: number, cookie: string, path: string, announced: number, sent: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let out = '';
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`no answer to an oversize body; got ${JSON.stringify(out.slice(0, 200))}`));
    });
    socket.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\r\n\r\n') && /Request body too large|\r\n\r\n.+/s.test(out)) {
        socket.destroy();
        resolve(out);
      }
    });
    socket.on('error', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${announced}\r\n\r\n`,
    );
    socket.write(`{"registration":"${'x'.repeat(sent)}`);
  });
}

describe('security: the preview /api against a real local org', function () {
  this.timeout(120_000);
  let org: LocalOrg;
  let preview: Preview;
  let cookie: string;
  const ids = { customer: '', partner: '', opportunity: '', other: '' };

  const api = async (method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> =>
    answer(
      await fetch(`http://127.0.0.1:${preview.port}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': contentType }) },
        body,
      }),
    );

  const draft = () => ({
    partnerId: ids.partner,
    opportunityId: ids.opportunity,
    customerAccountId: ids.customer,
    customerName: 'Acme Corp',
    customerDomain: 'acme.example',
    type: 'Sourced',
    products: ['CRM'],
    estimatedAmountCents: 100_00,
    status: 'Submitted',
  });

  const count = (object: string) => org.core.query(`SELECT COUNT() FROM ${object}`).totalSize;

  before(async () => {
    org = await orgWithForceApp();
    ids.customer = org.core.insert('Account', { Name: 'Acme Corp', Website: 'https://acme.example' });
    ids.partner = org.core.insert('Account', { Name: 'Northwind Partners', Partner_Type__c: 'Reseller', Partner_Status__c: 'Active' });
    ids.opportunity = org.core.insert('Opportunity', { Name: 'Acme - CRM', AccountId: ids.customer, StageName: 'Prospecting', CloseDate: '2030-06-30', Amount: 48000 });
    ids.other = org.core.insert('Opportunity', { Name: 'Someone else', StageName: 'Prospecting', CloseDate: '2030-06-30' });
    preview = await startPreview({ port: 0, org: { instanceUrl: org.instanceUrl, accessToken: org.accessToken } });
    const login = await fetch(preview.url, { redirect: 'manual' });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).to.match(/^prm_preview=/);
  });
  after(async () => {
    await preview?.stop();
    await org?.stop();
  });

  it('ids with quotes and SOQL in them are refused with a 400 and read nothing', async () => {
    for (const payload of [...NASTY_STRINGS, `${'006'}' OR Id != '`, `${ids.opportunity}' OR Name != '`, `${ids.opportunity} OR Id != null`, `${ids.opportunity}%`, `${ids.opportunity.slice(0, 17)}'`]) {
      for (const kind of ['opportunity', 'account']) {
        let encoded: string;
        try {
          encoded = encodeURIComponent(payload);
        } catch {
          continue; // a lone surrogate cannot be put into a URL at all
        }
        const res = await api('GET', `/api/${kind}/${encoded}`);
        if (payload.trim() === '' || payload.includes('/')) {
          expect(res.status, `${kind} ${JSON.stringify(payload)}`).to.be.within(400, 404);
          continue;
        }
        expect(res.status, `${kind} ${JSON.stringify(payload)}: ${res.text}`).to.equal(400);
        expect((res.json as { error: string }).error).to.match(/Salesforce Id/);
        expect(res.text).to.not.contain('Acme - CRM');
      }
    }
    // A well-formed id of no record is a 404, not someone else's record.
    const missing = await api('GET', '/api/opportunity/006000000000000AAA');
    expect(missing.status).to.equal(404);
    const own = await api('GET', `/api/opportunity/${ids.opportunity}`);
    expect(own.status).to.equal(200);
    expect((own.json as OpportunityPage).header.name).to.equal('Acme - CRM');
  });

  it('a registration whose text holds quotes and SOQL is stored exactly and reads back exactly', async () => {
    const payloads = NASTY_STRINGS.filter((s) => wellFormed(s) && s.trim() !== '' && !s.includes('\u0000'));
    for (const s of payloads) {
      const before = count('Deal_Registration__c');
      const body = { registration: { ...draft(), customerName: s, customerDomain: `${s}.example`, products: [s.slice(0, 80)] } };
      const res = await api('POST', '/api/registrations', JSON.stringify(body));
      expect(res.status, `${JSON.stringify(s)}: ${res.text}`).to.equal(200);
      const id = (res.json as { id: string }).id;
      expect(count('Deal_Registration__c'), JSON.stringify(s)).to.equal(before + 1);
      expect(org.core.record('Deal_Registration__c', id)?.Customer_Name__c, JSON.stringify(s)).to.equal(s);
      const page = (await api('GET', `/api/opportunity/${ids.opportunity}`)).json as OpportunityPage;
      const shown = page.registrations.find((r) => r.id === id || r.id.slice(0, 15) === id.slice(0, 15));
      expect(shown?.customerName, JSON.stringify(s)).to.equal(s);
    }
  });

  it('a decision reason with quotes is stored exactly; an injected registration id is refused', async () => {
    const created = await api('POST', '/api/registrations', JSON.stringify({ registration: draft() }));
    const id = (created.json as { id: string }).id;
    for (const reason of ["O'Brien said \\' OR Name != '", 'line\nbreak %_']) {
      const res = await api('POST', '/api/decisions', JSON.stringify({ registrationId: id, decision: 'Rejected', reason, protectedUntil: null, ifUnmodifiedSince: null }));
      expect(res.status, res.text).to.equal(200);
      expect(org.core.record('Deal_Registration__c', id)?.Decision_Reason__c).to.equal(reason.trim());
    }
    const injected = await api('POST', '/api/decisions', JSON.stringify({ registrationId: `${id}' OR Id != '`, decision: 'Approved', reason: 'x', protectedUntil: null, ifUnmodifiedSince: null }));
    expect(injected.status).to.equal(400);
    expect(org.core.record('Deal_Registration__c', id)?.Status__c).to.equal('Rejected');
    const splits = await api('POST', '/api/splits', JSON.stringify({ opportunityId: `${ids.opportunity}' OR Id != '`, splits: [] }));
    expect(splits.status).to.equal(400);
  });

  it('arbitrary JSON bodies: 400 with a message (or a clean org answer), never a 5xx, and the server keeps serving', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.constantFrom(...NASTY_STRINGS.filter((s) => wellFormed(s))));
    const value: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.constantFrom(null, -1, 1e308, 1.5, 0, '', [], {}));
    const mutated = fc
      .tuple(fc.constantFrom<keyof ReturnType<typeof draft>>('partnerId', 'opportunityId', 'customerAccountId', 'customerName', 'customerDomain', 'type', 'products', 'estimatedAmountCents', 'status'), value)
      .map(([key, v]) => ({ registration: { ...draft(), [key]: v } }));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      mutated.map((v) => JSON.stringify(v)),
      fc.record({ registrationId: value, decision: value, reason: value, protectedUntil: value, ifUnmodifiedSince: value }).map((v) => JSON.stringify(v)),
      fc.record({ opportunityId: fc.constant(ids.opportunity), splits: fc.array(fc.record({ partnerId: value, role: value, type: value, percent: value }), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
      fc.constantFrom('', '{', '{"registration":', 'null', '[]', '"a"', '\u0000'),
    );
    const endpoint = fc.constantFrom('/api/registrations', '/api/decisions', '/api/splits', '/api/records', '/api/opportunity', `/api/opportunity/${ids.opportunity}/x`, '/api/nope');
    const before = { splits: count('Co_Sell_Split__c') };
    await fc.assert(
      fc.asyncProperty(endpoint, body, fc.constantFrom('POST', 'PATCH', 'PUT', 'DELETE'), async (path, raw, method) => {
        const res = await api(method, path, raw);
        const what = `${method} ${path} ${raw.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, what).to.be.below(500);
        expect(res.json, what).to.be.an('object');
        if (res.status >= 400) expect((res.json as { error?: unknown }).error, what).to.be.a('string').that.is.not.empty;
      }),
      { numRuns: 250 },
    );
    // Junk splits never land: the fuzz above sent no valid split set.
    expect(count('Co_Sell_Split__c')).to.equal(before.splits);
    const records = await api('GET', '/api/records');
    expect(records.status).to.equal(200);
    expect(JSON.stringify(records.json)).to.contain('Acme - CRM');
  });

  it('other content types, oversize bodies and junk paths are refused cleanly', async () => {
    expect((await api('POST', '/api/registrations', '{}', 'text/plain')).status).to.equal(415);
    expect((await api('POST', '/api/registrations', '{}', 'application/x-www-form-urlencoded')).status).to.equal(415);
    // Oversize: the answer comes after the first 64 KB, without waiting for (or needing) the rest.
    const big = await rawPost(preview.port, cookie, '/api/registrations', 1_000_000, 70_000);
    expect(big).to.match(/^HTTP\/1\.1 400/);
    expect(big).to.contain('Request body too large.');
    for (const path of ['/api/', '/api//', '/api/opportunity/%ZZ', '/api/opportunity/%00', '/api/../api/records', '/api/account/..%2F..%2F', `/api/opportunity/${'0'.repeat(10_000)}`]) {
      const res = await api('GET', path);
      expect(res.status, path).to.be.within(200, 499);
    }
    expect((await api('GET', '/api/records')).status).to.equal(200);
  });
});
