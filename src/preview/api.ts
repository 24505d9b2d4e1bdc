// The /api endpoints: the REST half of the preview's host adapter. Every body is parsed with zod before
// it reaches the org, every id is checked before it reaches SOQL, and org refusals come back as the
// org's own message so the page can show it in a toast.
import type { z } from 'zod';
import { loadAccountPage } from './account-page.js';
import { loadOpportunityPage, NotFoundError } from './opportunity-page.js';
import { idList } from '../crm/soql.js';
import type { OrgClient, SfRecord } from './org.js';
import { OrgWriteError } from './org.js';
import { num, str } from './records.js';
import { DecideBody, RecordId, RegisterBody, SaveSplitsBody } from './schemas.js';
import { createRegistration, ConflictError, decideRegistration, saveSplits } from './writes.js';

export type ApiResponse = { status: number; body: unknown };
export type ApiRequest = { method: string; path: string; body: unknown };

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const fail = (status: number, message: string, errorCode?: string): ApiResponse => ({
  status,
  body: { error: message, ...(errorCode ? { errorCode } : {}) },
});

type Parsed<T> = { ok: true; data: T } | { ok: false; response: ApiResponse };

function parse<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'body';
  return { ok: false, response: fail(400, `Invalid request: ${where} ${issue?.message ?? ''}`.trim()) };
}

/** jsforce throws the org's error with its errorCode: keep the message, it is meant for users. */
function orgError(e: unknown): ApiResponse {
  if (e instanceof ConflictError) return fail(409, e.message, e.errorCode);
  if (e instanceof NotFoundError) return fail(404, e.message);
  if (e instanceof OrgWriteError) return fail(422, e.message, e.errorCode);
  const err = e as { errorCode?: unknown; message?: unknown };
  if (typeof err.errorCode === 'string' && typeof err.message === 'string') return fail(422, err.message, err.errorCode);
  return fail(502, 'The org did not answer as expected.');
}

/** A record in the page's picker: a detail line says what it has to show ("Approved · 3 splits"). */
export type RecordLink = { id: string; name: string; detail?: string };

const link = (r: SfRecord, detail: string | null): RecordLink => {
  const out: RecordLink = { id: r.Id, name: str(r, 'Name') ?? r.Id };
  if (detail) out.detail = detail;
  return out;
};

/**
 * Opportunities with a registration and splits first (they show both cards at work), then the latest
 * ones. Salesforce allows no OR between semi-joins, so each kind is its own query, merged here.
 */
async function opportunityLinks(org: OrgClient): Promise<RecordLink[]> {
  const fields = 'SELECT Id, Name, StageName FROM Opportunity';
  const lists = await Promise.all([
    org.query(`${fields} WHERE Id IN (SELECT Opportunity__c FROM Co_Sell_Split__c) ORDER BY CreatedDate DESC LIMIT 50`),
    org.query(`${fields} WHERE Id IN (SELECT Opportunity__c FROM Deal_Registration__c) ORDER BY CreatedDate DESC LIMIT 50`),
    org.query(`${fields} ORDER BY CreatedDate DESC LIMIT 50`),
  ]);
  const opps = [...new Map(lists.flat().map((r) => [r.Id, r])).values()];
  if (opps.length === 0) return [];
  const ids = idList(opps.map((o) => o.Id));
  const [splits, regs] = await Promise.all([
    org.query(`SELECT Opportunity__c FROM Co_Sell_Split__c WHERE Opportunity__c IN ${ids} LIMIT 2000`),
    org.query(`SELECT Opportunity__c, Status__c FROM Deal_Registration__c WHERE Opportunity__c IN ${ids} ORDER BY CreatedDate LIMIT 2000`),
  ]);
  const splitCount = new Map<string, number>();
  for (const s of splits) {
    const opp = str(s, 'Opportunity__c');
    if (opp !== null) splitCount.set(opp, (splitCount.get(opp) ?? 0) + 1);
  }
  const status = new Map<string, string>();
  for (const r of regs) {
    const opp = str(r, 'Opportunity__c');
    if (opp !== null) status.set(opp, str(r, 'Status__c') ?? 'Draft');
  }
  // Both cards with data first, an approved registration before the others, then either card with data.
  const rank = (id: string) => {
    const reg = status.has(id);
    const split = (splitCount.get(id) ?? 0) >= 2;
    return (reg && split ? 8 : 0) + (status.get(id) === 'Approved' ? 4 : 0) + (reg ? 2 : 0) + (split ? 1 : 0);
  };
  return opps
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(b.o.Id) - rank(a.o.Id) || a.i - b.i)
    .slice(0, 60)
    .map(({ o }) => {
      const n = splitCount.get(o.Id) ?? 0;
      const parts = [status.get(o.Id) ?? str(o, 'StageName'), n > 0 ? `${n} split${n === 1 ? '' : 's'}` : null];
      return link(o, parts.filter((p) => p !== null).join(' · '));
    });
}

/** Partner accounts with a tier and a health score first, by name. */
async function accountLinks(org: OrgClient): Promise<RecordLink[]> {
  const rows = await org.query(
    'SELECT Id, Name, Partner_Tier__c, Partner_Health_Band__c, Partner_Health_Score__c FROM Account WHERE Partner_Type__c != null ORDER BY Name LIMIT 100',
  );
  const rank = (r: SfRecord) => (str(r, 'Partner_Tier__c') !== null ? 2 : 0) + (num(r, 'Partner_Health_Score__c') !== null ? 1 : 0);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(b.r) - rank(a.r) || a.i - b.i)
    .slice(0, 60)
    .map(({ r }) => {
      const score = num(r, 'Partner_Health_Score__c');
      const band = str(r, 'Partner_Health_Band__c');
      const health = score === null ? null : `${band ?? 'Health'} ${Math.round(score)}`;
      return link(r, [str(r, 'Partner_Tier__c'), health].filter((p) => p !== null).join(' · '));
    });
}

async function listRecords(org: OrgClient): Promise<ApiResponse> {
  const [opportunities, accounts] = await Promise.all([opportunityLinks(org), accountLinks(org)]);
  return ok({ opportunities, accounts });
}

/** Routes one /api request; `now` is the clock writes are stamped with. */
export async function handleApi(org: OrgClient, req: ApiRequest, now: () => number = Date.now): Promise<ApiResponse> {
  const parts = req.path.split('/').filter(Boolean).slice(1); // drop "api"
  const route = `${req.method} /${parts.map((p, i) => (i === 1 ? ':id' : p)).join('/')}`;
  try {
    switch (route) {
      case 'GET /records':
        return await listRecords(org);
      case 'GET /opportunity/:id':
      case 'GET /account/:id': {
        const id = parse(RecordId, parts[1]);
        if (!id.ok) return id.response;
        return ok(parts[0] === 'opportunity' ? await loadOpportunityPage(org, id.data) : await loadAccountPage(org, id.data));
      }
      case 'POST /registrations': {
        const body = parse(RegisterBody, req.body);
        if (!body.ok) return body.response;
        return ok({ id: await createRegistration(org, body.data, now()) });
      }
      case 'POST /decisions': {
        const body = parse(DecideBody, req.body);
        if (!body.ok) return body.response;
        await decideRegistration(org, body.data, now());
        return ok({ id: body.data.registrationId });
      }
      case 'POST /splits': {
        const body = parse(SaveSplitsBody, req.body);
        if (!body.ok) return body.response;
        return ok(await saveSplits(org, body.data));
      }
      default:
        return fail(404, `No such endpoint: ${req.method} ${req.path}`);
    }
  } catch (e) {
    return orgError(e);
  }
}
