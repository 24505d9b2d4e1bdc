// Writes through sObject Collections (200 records a request), packed several collections to one
// Composite call, so 1,000 changed records cost one API call. allOrNone is off: one bad record must not
// hold back the rest; its failure comes back as its own outcome with Salesforce's code and message.
import { apiName } from './soql.js';
import { CrmError, ErrorClass, classifyError } from './errors.js';
import type { OrgTransport } from './transport.js';
import { CompositeResponse, SaveResult, parseWire } from './wire.js';
import { z } from 'zod';

export type WriteMode = 'update' | 'upsert';

export type WriteBatch = {
  readonly objectType: string;
  readonly mode: WriteMode;
  /** For upsert: the external id field the records carry. */
  readonly externalIdField?: string;
  /** Field values; update records carry Id. */
  readonly records: readonly Readonly<Record<string, unknown>>[];
};

export type WriteOutcome =
  | { readonly ok: true; readonly id: string; readonly created: boolean }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly fields: readonly string[];
      readonly errorClass: ErrorClass;
    };

export const COLLECTION_SIZE = 200;

type Chunk = {
  batch: number;
  offset: number;
  batchDef: WriteBatch;
  records: readonly Readonly<Record<string, unknown>>[];
};

export function failure(error: unknown): WriteOutcome {
  const e = CrmError.from(error);
  return { ok: false, code: e.errorCode, message: e.message, fields: [], errorClass: e.errorClass };
}

function subrequest(chunk: Chunk, version: string, ref: string): Record<string, unknown> {
  const { batchDef } = chunk;
  const type = apiName(batchDef.objectType);
  const records = chunk.records.map((r) => {
    const { Id, ...rest } = r as Record<string, unknown>;
    return batchDef.mode === 'update'
      ? { attributes: { type }, id: Id, ...rest }
      : { attributes: { type }, ...rest };
  });
  const url =
    batchDef.mode === 'update'
      ? `/services/data/v${version}/composite/sobjects`
      : `/services/data/v${version}/composite/sobjects/${type}/${apiName(batchDef.externalIdField ?? 'External_Id__c')}`;
  return { method: 'PATCH', url, referenceId: ref, body: { allOrNone: false, records } };
}

function outcomes(body: unknown, count: number): WriteOutcome[] {
  const results = parseWire(z.array(SaveResult), body, 'collection results');
  const out: WriteOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const r = results[i];
    if (!r) {
      out.push(
        failure(
          new CrmError('MISSING_RESULT', 'the org returned no result for this record', ErrorClass.Transient),
        ),
      );
    } else if (r.success && r.id) {
      out.push({ ok: true, id: r.id, created: r.created ?? false });
    } else {
      const first = r.errors[0];
      const code = first?.statusCode ?? first?.errorCode ?? 'UNKNOWN';
      out.push({
        ok: false,
        code,
        message: first?.message ?? 'failed without a message',
        fields: first?.fields ?? [],
        errorClass: classifyError({ errorCode: code }),
      });
    }
  }
  return out;
}

export async function writeCollections(
  transport: OrgTransport,
  batches: readonly WriteBatch[],
  perComposite: number,
): Promise<WriteOutcome[][]> {
  const out: WriteOutcome[][] = batches.map((b) => new Array<WriteOutcome>(b.records.length));
  const chunks: Chunk[] = [];
  batches.forEach((batchDef, batch) => {
    for (let offset = 0; offset < batchDef.records.length; offset += COLLECTION_SIZE) {
      chunks.push({
        batch,
        offset,
        batchDef,
        records: batchDef.records.slice(offset, offset + COLLECTION_SIZE),
      });
    }
  });
  const place = (chunk: Chunk, results: WriteOutcome[]) => {
    results.forEach((r, i) => {
      out[chunk.batch]![chunk.offset + i] = r;
    });
  };
  for (let start = 0; start < chunks.length; start += perComposite) {
    const group = chunks.slice(start, start + perComposite);
    const version = transport.conn.version;
    try {
      const { body } = await transport.call<unknown>({
        method: 'POST',
        url: '/composite',
        body: {
          allOrNone: false,
          compositeRequest: group.map((c, i) => subrequest(c, version, `w${i}`)),
        },
      });
      const parsed = parseWire(CompositeResponse, body, 'composite response');
      const byRef = new Map(parsed.compositeResponse.map((s) => [s.referenceId, s]));
      group.forEach((chunk, i) => {
        const sub = byRef.get(`w${i}`);
        if (!sub) {
          place(
            chunk,
            chunk.records.map(() =>
              failure(
                new CrmError('MISSING_SUBRESPONSE', 'no answer for this collection', ErrorClass.Transient),
              ),
            ),
          );
        } else if (sub.httpStatusCode >= 400) {
          const list = z
            .array(z.looseObject({ errorCode: z.string().optional(), message: z.string().optional() }))
            .safeParse(sub.body);
          const first = list.success ? list.data[0] : undefined;
          const code = first?.errorCode ?? `ERROR_HTTP_${sub.httpStatusCode}`;
          place(
            chunk,
            chunk.records.map(() =>
              failure(new CrmError(code, first?.message ?? `HTTP ${sub.httpStatusCode}`)),
            ),
          );
        } else {
          place(chunk, outcomes(sub.body, chunk.records.length));
        }
      });
    } catch (error) {
      // A stop (abort) or a lost session ends the push; the rows stay claimed and are replayed.
      if (isAbort(error) || CrmError.from(error).errorClass === ErrorClass.Auth) throw error;
      // The whole call failed after the transport's retries: every record in it shares that failure.
      for (const chunk of group)
        place(
          chunk,
          chunk.records.map(() => failure(error)),
        );
    }
  }
  return out;
}

export function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR')
  );
}
