// The only place that talks to the org. Reads: REST query pages (queryMore followed by hand: jsforce's
// autoFetch silently stops at 10,000), several queries in ONE Composite call (an idle poll costs one API
// call), Bulk 2.0 above a threshold. Writes: sObject Collections of 200, several collections in one
// Composite call, Bulk 2.0 ingest above a threshold; per-record failures come back as results, never throws.
import type { Connection } from '@jsforce/jsforce-node';
import { bulkIngest, bulkQuery } from './bulk.js';
import { CrmError } from './errors.js';
import { OrgTransport } from './transport.js';
import type { TransportOptions } from './transport.js';
import { CompositeResponse, ErrorList, QueryResult, parseWire } from './wire.js';
import type { SfRecord } from './wire.js';
import { writeCollections } from './writes.js';
import type { WriteBatch, WriteOutcome } from './writes.js';

export type { WriteBatch, WriteOutcome } from './writes.js';

export type GatewayOptions = TransportOptions & {
  /** Writes of more records than this in one batch go through Bulk 2.0 ingest. */
  readonly bulkWriteThreshold?: number;
  /** Collections per Composite call (Salesforce allows 5 collection or query subrequests in one). */
  readonly collectionsPerComposite?: number;
  /** Bulk 2.0 job poll interval. */
  readonly bulkPollMs?: number;
  /** Rows per REST query page (Sforce-Query-Options batchSize, 200–2000; a hint Salesforce may ignore). */
  readonly queryBatchSize?: number;
};

export type QueryPage = {
  readonly records: SfRecord[];
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl?: string;
};

export type PollQuery = { readonly ref: string; readonly soql: string; readonly includeDeleted?: boolean };

/** Composite allows 25 subrequests; of those, 5 may be queries or collections (documented limit). */
export const COMPOSITE_MAX_HEAVY = 5;
export const COMPOSITE_MAX_SUBREQUESTS = 25;

export class Gateway {
  readonly transport: OrgTransport;
  readonly bulkWriteThreshold: number;
  readonly collectionsPerComposite: number;
  readonly bulkPollMs: number;
  readonly #queryHeaders: Record<string, string>;

  constructor(conn: Connection, options: GatewayOptions = {}) {
    this.transport = new OrgTransport(conn, options);
    this.bulkWriteThreshold = options.bulkWriteThreshold ?? 10_000;
    this.collectionsPerComposite = Math.max(1, Math.min(5, options.collectionsPerComposite ?? 5));
    this.bulkPollMs = options.bulkPollMs ?? 1000;
    this.#queryHeaders = options.queryBatchSize
      ? {
          'Sforce-Query-Options': `batchSize=${Math.max(200, Math.min(2000, Math.floor(options.queryBatchSize)))}`,
        }
      : {};
  }

  get budget() {
    return this.transport.budget;
  }

  get version(): string {
    return this.transport.conn.version;
  }

  serverNow(): number | undefined {
    return this.transport.serverNow();
  }

  /** One page of a query (queryAll when includeDeleted: deleted rows come back with IsDeleted = true). */
  async queryPage(soql: string, options: { includeDeleted?: boolean } = {}): Promise<QueryPage> {
    const resource = options.includeDeleted ? 'queryAll' : 'query';
    const { body } = await this.transport.call<unknown>({
      method: 'GET',
      url: `/${resource}?q=${encodeURIComponent(soql)}`,
      headers: this.#queryHeaders,
    });
    return toPage(parseWire(QueryResult, body, 'query result'));
  }

  /** The next page behind nextRecordsUrl (jsforce and Salesforce accept it for queryAll cursors too). */
  async queryMore(nextRecordsUrl: string): Promise<QueryPage> {
    const locator = nextRecordsUrl.split('/').pop() ?? '';
    const { body } = await this.transport.call<unknown>({
      method: 'GET',
      url: `/query/${encodeURIComponent(locator)}`,
      headers: this.#queryHeaders,
    });
    return toPage(parseWire(QueryResult, body, 'query result'));
  }

  /** Every page of a query, one call per 2,000 rows. */
  async *queryAll(soql: string, options: { includeDeleted?: boolean } = {}): AsyncGenerator<QueryPage> {
    let page = await this.queryPage(soql, options);
    yield page;
    while (!page.done && page.nextRecordsUrl) {
      page = await this.queryMore(page.nextRecordsUrl);
      yield page;
    }
  }

  /**
   * Several GET subrequests in one Composite call (one API call): each answer's status and body, so an
   * error in one does not hide the others. Salesforce allows 25 subrequests, at most 5 of them queries.
   */
  async compositeGet(
    requests: readonly { ref: string; url: string; headers?: Record<string, string> }[],
  ): Promise<Map<string, { status: number; body: unknown }>> {
    if (requests.length === 0) return new Map();
    if (requests.length > COMPOSITE_MAX_SUBREQUESTS)
      throw new RangeError('too many subrequests for one Composite call');
    const base = `/services/data/v${this.version}`;
    const { body } = await this.transport.call<unknown>({
      method: 'POST',
      url: '/composite',
      body: {
        allOrNone: false,
        compositeRequest: requests.map((r) => ({
          method: 'GET',
          url: `${base}${r.url}`,
          referenceId: r.ref,
          ...(r.headers ? { httpHeaders: r.headers } : {}),
        })),
      },
    });
    const parsed = parseWire(CompositeResponse, body, 'composite response');
    return new Map(
      parsed.compositeResponse.map((sub) => [
        sub.referenceId,
        { status: sub.httpStatusCode, body: sub.body },
      ]),
    );
  }

  /** Several queries in one Composite call: the first page of each, or the error that query met. */
  async compositeQueries(queries: readonly PollQuery[]): Promise<Map<string, QueryPage | CrmError>> {
    const answers = await this.compositeGet(
      queries.map((q) => ({
        ref: q.ref,
        url: `/${q.includeDeleted ? 'queryAll' : 'query'}?q=${encodeURIComponent(q.soql)}`,
        headers: this.#queryHeaders,
      })),
    );
    const out = new Map<string, QueryPage | CrmError>();
    for (const q of queries) {
      const sub = answers.get(q.ref);
      if (!sub) out.set(q.ref, new CrmError('MISSING_SUBRESPONSE', `no answer for ${q.ref}`));
      else if (sub.status >= 400) out.set(q.ref, subrequestError(sub.body, sub.status));
      else out.set(q.ref, toPage(parseWire(QueryResult, sub.body, `query result for ${q.ref}`)));
    }
    return out;
  }

  /** Bulk 2.0 query, paged by hand with Sforce-Locator (jsforce's own multi-page reader crashes). */
  bulkQuery(
    soql: string,
    options: { includeDeleted?: boolean; pageSize?: number } = {},
  ): AsyncGenerator<Record<string, string>[]> {
    return bulkQuery(this.transport, soql, { ...options, pollMs: this.bulkPollMs });
  }

  /**
   * Writes batches: per batch, Bulk 2.0 above the threshold, otherwise collections of 200 packed
   * several to a Composite call. Returns one outcome per record, in input order per batch.
   */
  async write(batches: readonly WriteBatch[]): Promise<WriteOutcome[][]> {
    const out: WriteOutcome[][] = batches.map(() => []);
    const small: { index: number; batch: WriteBatch }[] = [];
    for (const [index, batch] of batches.entries()) {
      if (batch.records.length > this.bulkWriteThreshold) {
        out[index] = await bulkIngest(this.transport, batch, { pollMs: this.bulkPollMs });
      } else {
        small.push({ index, batch });
      }
    }
    const results = await writeCollections(
      this.transport,
      small.map((s) => s.batch),
      this.collectionsPerComposite,
    );
    small.forEach((s, i) => {
      out[s.index] = results[i] ?? [];
    });
    return out;
  }
}

function toPage(result: QueryResult): QueryPage {
  return {
    records: result.records,
    totalSize: result.totalSize,
    done: result.done,
    ...(result.nextRecordsUrl ? { nextRecordsUrl: result.nextRecordsUrl } : {}),
  };
}

export function subrequestError(body: unknown, status: number): CrmError {
  const list = ErrorList.safeParse(body);
  const first = list.success ? list.data[0] : undefined;
  const code = first?.errorCode ?? first?.statusCode ?? `ERROR_HTTP_${status}`;
  return new CrmError(code, first?.message ?? `HTTP ${status}`);
}
