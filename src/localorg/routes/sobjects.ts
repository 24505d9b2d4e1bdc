// Single-record REST: describe, create, retrieve, update, delete, upsert by external id, and the
// replication calls getUpdated / getDeleted.
import { formatDateTime, parseDateTime } from '../clock.js';
import type { OrgCore } from '../core.js';
import {
  deleteRecords,
  externalIdField,
  insertRecord,
  matchesFor,
  updateRecord,
  upsertRecord,
} from '../dml.js';
import { ApiError, RecordFailure, notFound } from '../errors.js';
import { json, noContent, requireObjectBody, type Ctx, type Reply, type Route } from '../http.js';
import { normalizeId, prefixOf } from '../ids.js';
import { fieldList, renderRecord } from '../records.js';
import { basicInfo, describeGlobal, describeObject } from '../schema/describe.js';
import { rangeBeatsScan } from '../soql/index-plan.js';
import { NON_NULL } from '../soql/ordered-index.js';
import { formatDatetime } from '../soql/values.js';
import type { ObjectDef } from '../schema/types.js';
import type { Row } from '../store.js';
import { parseRecord } from '../validate.js';

export function objectOr404(org: OrgCore, name: string): ObjectDef {
  const o = org.object(name);
  if (o === undefined) throw notFound();
  return o;
}

/** The row a path Id names, or Salesforce's 404 / 400 for a missing, deleted or foreign Id. */
function rowAt(org: OrgCore, object: ObjectDef, rawId: string): Row {
  const id = normalizeId(rawId);
  if (id === undefined) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${rawId}`,
    );
  }
  if (org.schema.byKeyPrefix(prefixOf(id))?.name !== object.name) {
    throw new ApiError(400, 'MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${rawId}`);
  }
  const row = org.store.get(object.name, id);
  if (row === undefined) throw notFound();
  if (row['IsDeleted'] === true) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return row;
}

function retrieve(ctx: Ctx, object: ObjectDef, row: Row): Reply {
  const fields = fieldList(
    ctx.org,
    object,
    ctx.query
      .get('fields')
      ?.split(',')
      .filter((f) => f !== ''),
  );
  ctx.org.metrics.recordsRead++;
  return json(200, renderRecord(object, row, fields, ctx.version));
}

function create(ctx: Ctx, [type]: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type!);
  const values = parseRecord(org.schema, object, requireObjectBody(ctx));
  const id = insertRecord(org, object, values);
  return json(
    201,
    { id, success: true, errors: [] },
    { Location: `/services/data/v${ctx.version}/sobjects/${object.name}/${id}` },
  );
}

function update(ctx: Ctx, [type, rawId]: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type!);
  const row = rowAt(org, object, rawId!);
  const since = ctx.header('if-unmodified-since');
  if (since !== undefined) {
    const limit = new Date(since).getTime();
    const modified = parseDateTime(row['LastModifiedDate'] as string)?.getTime() ?? 0;
    if (!Number.isNaN(limit) && modified > limit) {
      throw new ApiError(
        412,
        'PRECONDITION_FAILED',
        'The requested resource has been modified since the If-Unmodified-Since date.',
      );
    }
  }
  const values = parseRecord(org.schema, object, requireObjectBody(ctx), ['Id', 'id']);
  updateRecord(org, object, row['Id'], values);
  return noContent();
}

function destroy(ctx: Ctx, [type, rawId]: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type!);
  const row = rowAt(org, object, rawId!);
  const [outcome] = deleteRecords(org, object, [row['Id']]);
  if (outcome instanceof RecordFailure) throw outcome.toApiError();
  return noContent();
}

function byExternalId(ctx: Ctx, [type, fieldName, value]: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type!);
  const f = externalIdField(org, object, fieldName!);
  const matches = matchesFor(org, object, f, value);
  if (ctx.method === 'PATCH' || ctx.method === 'POST') return upsert(ctx, object, f.name, value!);
  if (matches.length === 0) throw notFound();
  if (matches.length > 1) return multipleChoices(ctx, object, matches);
  const row = org.store.get(object.name, matches[0]!)!;
  if (ctx.method === 'DELETE') {
    deleteRecords(org, object, [row['Id']]);
    return noContent();
  }
  return retrieve(ctx, object, row);
}

function multipleChoices(ctx: Ctx, object: ObjectDef, ids: string[]): Reply {
  return json(
    300,
    ids.map((id) => `/services/data/v${ctx.version}/sobjects/${object.name}/${id}`),
  );
}

function upsert(ctx: Ctx, object: ObjectDef, fieldName: string, value: string): Reply {
  const org = ctx.org;
  const f = org.schema.field(object, fieldName)!;
  const body = requireObjectBody(ctx);
  const values = parseRecord(org.schema, object, body, ['Id', 'id']);
  const existing = values.get(f.name);
  if (existing !== undefined && existing !== null && String(existing) !== value) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `The value for ${f.name} in the body does not match the value in the URL`,
    );
  }
  const matches = matchesFor(org, object, f, value);
  if (matches.length > 1) return multipleChoices(ctx, object, matches);
  if (ctx.query.get('updateOnly') === 'true' && matches.length === 0) throw notFound();
  const result = upsertRecord(org, object, f, value, values);
  const body201 = { id: result.id, success: true, errors: [], created: result.created };
  return json(result.created ? 201 : 200, body201);
}

function parseWindow(ctx: Ctx): { start: Date; end: Date } {
  const parse = (name: string): Date => {
    const raw = ctx.query.get(name);
    const d = raw === null ? undefined : parseDateTime(raw);
    if (d === undefined) {
      throw new ApiError(400, 'INVALID_REPLICATION_DATE', `${name} must be a valid dateTime`);
    }
    d.setUTCSeconds(0, 0);
    return d;
  };
  const start = parse('start');
  const end = parse('end');
  if (start.getTime() >= end.getTime()) {
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate');
  }
  const oldest = ctx.org.clock.now().getTime() - 30 * 24 * 3600_000;
  if (start.getTime() < oldest) {
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago');
  }
  return { start, end };
}

function inWindow(row: Row, start: Date, end: Date): boolean {
  const stamp = row['SystemModstamp'];
  const t = (typeof stamp === 'string' ? parseDateTime(stamp)?.getTime() : undefined) ?? 0;
  return t >= start.getTime() && t < end.getTime();
}

/**
 * Rows whose SystemModstamp falls in [start, end) (whole seconds), in the table's order: read from the
 * store's SystemModstamp index unless the window holds much of the table.
 */
export function rowsInWindow(org: OrgCore, objectName: string, start: Date, end: Date): Row[] {
  const index = org.store.modstampIndex(objectName);
  const from = { key: formatDatetime(start.getTime()), id: '' };
  const to = { key: formatDatetime(end.getTime()), id: '' };
  if (!rangeBeatsScan(index, from, to)) {
    return [...org.store.rows(objectName)].filter((row) => inWindow(row, start, end));
  }
  const hits: { row: Row; seq: number }[] = [];
  const keep = (row: Row, _key: string | null, seq: number): boolean => {
    if (inWindow(row, start, end)) hits.push({ row, seq });
    return true;
  };
  // Stamps the index cannot read as datetimes are judged one by one.
  index.visit(undefined, NON_NULL, false, keep);
  index.visit(from, to, false, keep);
  return hits.sort((a, b) => a.seq - b.seq).map((h) => h.row);
}

function updated(ctx: Ctx, [type]: string[]): Reply {
  const object = objectOr404(ctx.org, type!);
  const { start, end } = parseWindow(ctx);
  const ids: string[] = [];
  for (const row of rowsInWindow(ctx.org, object.name, start, end)) {
    if (row['IsDeleted'] !== true) ids.push(row['Id'] as string);
  }
  if (ids.length > 600_000) throw new ApiError(400, 'EXCEEDED_ID_LIMIT', 'too many ids: narrow the window');
  return json(200, { ids, latestDateCovered: formatDateTime(end) });
}

function deleted(ctx: Ctx, [type]: string[]): Reply {
  const object = objectOr404(ctx.org, type!);
  const { start, end } = parseWindow(ctx);
  const deletedRecords: { id: string; deletedDate: string }[] = [];
  for (const row of rowsInWindow(ctx.org, object.name, start, end)) {
    if (row['IsDeleted'] === true) {
      deletedRecords.push({ id: row['Id'] as string, deletedDate: row['SystemModstamp'] as string });
    }
  }
  const earliest = new Date(ctx.org.clock.now().getTime() - 30 * 24 * 3600_000);
  earliest.setUTCSeconds(0, 0);
  return json(200, {
    deletedRecords,
    earliestDateAvailable: formatDateTime(earliest),
    latestDateCovered: formatDateTime(end),
  });
}

const T = '([A-Za-z0-9_]+)';
const SEG = '([^/]+)';
const r = (method: string, pattern: string, cls: Route['cls'], handler: Route['handler']): Route => ({
  method,
  pattern: new RegExp(`^${pattern}$`),
  data: true,
  counted: true,
  cls,
  handler,
});

export const sobjectRoutes: Route[] = [
  r('GET', '/sobjects', 'describe', (ctx) => json(200, describeGlobal(ctx.org.schema, ctx.version))),
  r('GET', `/sobjects/${T}/describe`, 'describe', (ctx, [t]) =>
    json(200, describeObject(ctx.org.schema, objectOr404(ctx.org, t!), ctx.version)),
  ),
  r('GET', `/sobjects/${T}/updated`, 'replication', updated),
  r('GET', `/sobjects/${T}/deleted`, 'replication', deleted),
  r('GET', `/sobjects/${T}`, 'describe', (ctx, [t]) =>
    json(200, basicInfo(objectOr404(ctx.org, t!), ctx.version)),
  ),
  r('POST', `/sobjects/${T}`, 'sobject', create),
  r('GET', `/sobjects/${T}/${SEG}`, 'sobject', (ctx, [t, id]) => {
    const object = objectOr404(ctx.org, t!);
    return retrieve(ctx, object, rowAt(ctx.org, object, id!));
  }),
  r('PATCH', `/sobjects/${T}/${SEG}`, 'sobject', update),
  r('DELETE', `/sobjects/${T}/${SEG}`, 'sobject', destroy),
  r('GET', `/sobjects/${T}/${SEG}/${SEG}`, 'sobject', byExternalId),
  r('PATCH', `/sobjects/${T}/${SEG}/${SEG}`, 'sobject', byExternalId),
  r('POST', `/sobjects/${T}/${SEG}/${SEG}`, 'sobject', byExternalId),
  r('DELETE', `/sobjects/${T}/${SEG}/${SEG}`, 'sobject', byExternalId),
];
