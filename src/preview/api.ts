// The /api endpoints: the REST half of the preview's host adapter. Every body is parsed with zod before
// it reaches the org, every id is checked before it reaches SOQL, and org refusals come back as the
// org's own message so the page can show it in a toast.
import type { z } from 'zod';
import { loadAccountPage } from './account-page.js';
import { loadOpportunityPage, NotFoundError } from './opportunity-page.js';
import type { OrgClient } from './org.js';
import { OrgWriteError } from './org.js';
import { str } from './records.js';
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

async function listRecords(org: OrgClient): Promise<ApiResponse> {
  const [opps, accounts] = await Promise.all([
    org.query('SELECT Id, Name FROM Opportunity ORDER BY CreatedDate DESC LIMIT 50'),
    org.query('SELECT Id, Name FROM Account WHERE Partner_Type__c != null ORDER BY Name LIMIT 50'),
  ]);
  const row = (r: { Id: string } & Record<string, unknown>) => ({ id: r.Id, name: str(r, 'Name') ?? r.Id });
  return ok({ opportunities: opps.map(row), accounts: accounts.map(row) });
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
