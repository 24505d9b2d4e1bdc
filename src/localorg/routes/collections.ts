// sObject Collections: create, update, upsert, delete and retrieve up to 200 records in one API call.
// Request-level problems (bad JSON, unknown type or field, too many records) fail the call with 400;
// record-level ones come back per record in a 200, in request order.
import { z } from 'zod';
import type { OrgCore } from '../core.js';
import { deleteRecords, externalIdField, insertRecord, updateRecord, upsertRecord } from '../dml.js';
import { ApiError, RecordFailure } from '../errors.js';
import { json, jsonBody, type Ctx, type Reply, type Route } from '../http.js';
import { normalizeId, prefixOf } from '../ids.js';
import { runBatch, type BatchItem, type SaveResult } from '../record-batch.js';
import { fieldList, renderRecord } from '../records.js';
import type { ObjectDef } from '../schema/types.js';
import { parseRecord } from '../validate.js';
import { objectOr404 } from './sobjects.js';

export const MAX_COLLECTION_RECORDS = 200;

const SaveBody = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

const RetrieveBody = z.object({
  ids: z.array(z.string()),
  fields: z.array(z.string()),
});

function parse<T>(schema: z.ZodType<T>, ctx: Ctx): T {
  const result = schema.safeParse(jsonBody(ctx));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError(400, 'JSON_PARSER_ERROR', `Invalid request body at ${issue?.path.join('.') || 'root'}: ${issue?.message ?? ''}`);
  }
  return result.data;
}

function tooMany(count: number): void {
  if (count > MAX_COLLECTION_RECORDS) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`,
    );
  }
}

function typeOf(org: OrgCore, record: Record<string, unknown>, fallback?: ObjectDef): ObjectDef {
  const attributes = record['attributes'];
  const type =
    typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>)['type'] : undefined;
  if (typeof type !== 'string' || type === '') {
    if (fallback !== undefined) return fallback;
    throw new ApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  }
  const object = org.object(type);
  if (object === undefined) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
  if (fallback !== undefined && object.name !== fallback.name) {
    throw new ApiError(400, 'INVALID_TYPE', `Record type ${object.name} does not match the URL's ${fallback.name}`);
  }
  return object;
}

/** Mixed-type saves run in chunks, one per run of records of the same type; Salesforce allows 10. */
const MAX_TYPE_CHUNKS = 10;

function chunkCount(objects: readonly ObjectDef[]): number {
  return objects.filter((o, i) => i === 0 || objects[i - 1]!.name !== o.name).length;
}

function tooManyChunks(count: number): SaveResult[] {
  const error = {
    statusCode: 'EXCEEDED_MAX_TYPES_LIMIT',
    message: `Cannot have more than ${MAX_TYPE_CHUNKS} chunks in a single operation. Please rearrange the data to reduce chunking.`,
    fields: [],
  };
  return Array.from({ length: count }, () => ({ success: false, errors: [error] }));
}

function create(ctx: Ctx): Reply {
  const org = ctx.org;
  const body = parse(SaveBody, ctx);
  tooMany(body.records.length);
  const types = body.records.map((record) => typeOf(org, record));
  if (chunkCount(types) > MAX_TYPE_CHUNKS) return json(200, tooManyChunks(types.length));
  // Parse everything first: a malformed record fails the call before anything is written.
  const items: BatchItem[] = body.records.map((record, i) => {
    const object = types[i]!;
    const values = parseRecord(org.schema, object, record);
    return {
      save: () => {
        if (values.has('Id')) {
          throw new RecordFailure('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
        }
        return { id: insertRecord(org, object, values) };
      },
    };
  });
  return json(200, runBatch(org, items, body.allOrNone === true, ctx.fault));
}

function update(ctx: Ctx): Reply {
  const org = ctx.org;
  const body = parse(SaveBody, ctx);
  tooMany(body.records.length);
  const items: BatchItem[] = body.records.map((record) => {
    const object = typeOf(org, record);
    const rawId = record['id'] ?? record['Id'];
    const values = parseRecord(org.schema, object, record, ['id', 'Id']);
    return {
      save: () => {
        if (rawId === undefined || rawId === null || rawId === '') {
          throw new RecordFailure('MISSING_ARGUMENT', 'Id not specified in an update call', []);
        }
        return { id: updateRecord(org, object, rawId, values) };
      },
    };
  });
  return json(200, runBatch(org, items, body.allOrNone === true, ctx.fault));
}

function upsert(ctx: Ctx, [type, fieldName]: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type!);
  const ext = externalIdField(org, object, fieldName!);
  const body = parse(SaveBody, ctx);
  tooMany(body.records.length);
  const items: BatchItem[] = body.records.map((record) => {
    typeOf(org, record, object);
    const values = parseRecord(org.schema, object, record, ext.name === 'Id' ? ['id'] : []);
    const key = ext.name === 'Id' ? (record['Id'] ?? record['id']) : values.get(ext.name);
    values.delete('Id');
    return {
      save: () => {
        if (key === undefined || key === null || key === '') {
          if (ext.name === 'Id') return { id: insertRecord(org, object, values), created: true };
          throw new RecordFailure('MISSING_ARGUMENT', `${ext.name} not specified`, [ext.name]);
        }
        return upsertRecord(org, object, ext, key, values);
      },
    };
  });
  return json(200, runBatch(org, items, body.allOrNone === true, ctx.fault));
}

function destroy(ctx: Ctx): Reply {
  const org = ctx.org;
  const ids = (ctx.query.get('ids') ?? '').split(',').filter((s) => s !== '');
  if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  tooMany(ids.length);
  const allOrNone = ctx.query.get('allOrNone') === 'true';
  const items: BatchItem[] = ids.map((raw) => ({
    id: raw,
    save: () => {
      const id = normalizeId(raw);
      const object = id === undefined ? undefined : org.schema.byKeyPrefix(prefixOf(id));
      if (object === undefined) throw new RecordFailure('MALFORMED_ID', `malformed id ${raw}`, []);
      const [outcome] = deleteRecords(org, object, [id]);
      if (outcome instanceof RecordFailure) throw outcome;
      return { id: outcome! };
    },
  }));
  return json(200, runBatch(org, items, allOrNone, ctx.fault));
}

function retrieveWith(ctx: Ctx, type: string, ids: string[], fields: string[]): Reply {
  const org = ctx.org;
  const object = objectOr404(org, type);
  tooMany(ids.length);
  if (fields.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields parameter is required');
  const names = fieldList(org, object, fields);
  const out = ids.map((raw) => {
    const id = normalizeId(raw);
    const row = id === undefined ? undefined : org.store.get(object.name, id);
    if (row === undefined || row['IsDeleted'] === true) return null;
    org.metrics.recordsRead++;
    return renderRecord(object, row, names, ctx.version);
  });
  return json(200, out);
}

function retrievePost(ctx: Ctx, [type]: string[]): Reply {
  const body = parse(RetrieveBody, ctx);
  return retrieveWith(ctx, type!, body.ids, body.fields);
}

function retrieveGet(ctx: Ctx, [type]: string[]): Reply {
  const list = (name: string): string[] => (ctx.query.get(name) ?? '').split(',').filter((s) => s !== '');
  return retrieveWith(ctx, type!, list('ids'), list('fields'));
}

const r = (method: string, pattern: RegExp, handler: Route['handler']): Route => ({
  method,
  pattern,
  data: true,
  counted: true,
  cls: 'collections',
  handler,
});

export const collectionRoutes: Route[] = [
  r('POST', /^\/composite\/sobjects$/, create),
  r('PATCH', /^\/composite\/sobjects$/, update),
  r('DELETE', /^\/composite\/sobjects$/, destroy),
  r('PATCH', /^\/composite\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9_]+)$/, upsert),
  r('POST', /^\/composite\/sobjects\/([A-Za-z0-9_]+)$/, retrievePost),
  r('GET', /^\/composite\/sobjects\/([A-Za-z0-9_]+)$/, retrieveGet),
];
