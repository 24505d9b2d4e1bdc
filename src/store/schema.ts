// The tables as Kysely sees them. Timestamps the store sets are epoch milliseconds (integer / bigint);
// Salesforce timestamps (SystemModstamp, watermarks) are ISO UTC text with milliseconds so they sort as text.
// JSON columns are text on both engines: one query layer, and every read goes back through zod.
import type { Generated, Insertable, Selectable } from 'kysely';

export const OutboxState = {
  New: 'NEW',
  Pending: 'PENDING',
  Success: 'SUCCESS',
  Failed: 'FAILED',
  Ignored: 'IGNORED',
} as const;
export type OutboxState = (typeof OutboxState)[keyof typeof OutboxState];

export const OutboxOperation = {
  Update: 'update',
  Upsert: 'upsert',
  Insert: 'insert',
  Delete: 'delete',
} as const;
export type OutboxOperation = (typeof OutboxOperation)[keyof typeof OutboxOperation];

export const CycleStatus = {
  Running: 'running',
  Ok: 'ok',
  Partial: 'partial',
  Failed: 'failed',
} as const;
export type CycleStatus = (typeof CycleStatus)[keyof typeof CycleStatus];

export interface MirrorTable {
  object_type: string;
  id: string;
  fields: string;
  fields_hash: string;
  system_modstamp: string;
  is_deleted: number;
  pulled_at: number;
}

export interface BaseTable {
  object_type: string;
  record_id: string;
  field: string;
  value: string;
  updated_at: number;
}

export interface CursorsTable {
  object_type: string;
  watermark_ts: string;
  watermark_id: string | null;
  updated_at: number;
}

export interface OutboxTable {
  seq: Generated<number>;
  object_type: string;
  /** 'id:<record id>' or 'ext:<external id>': what coalescing and per-record ordering key on. */
  record_key: string;
  record_id: string | null;
  external_id: string | null;
  operation: OutboxOperation;
  fields: string;
  base: string;
  state: OutboxState;
  attempts: number;
  not_before: number;
  last_error_code: string | null;
  last_error_message: string | null;
  claimed_by: string | null;
  claimed_until: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface WrittenTable {
  object_type: string;
  record_id: string;
  field: string;
  value_hash: string;
  written_at: number;
}

export interface CyclesTable {
  id: Generated<number>;
  worker_id: string;
  started_at: number;
  finished_at: number | null;
  status: CycleStatus;
  pulled: number;
  computed: number;
  pushed: number;
  failed: number;
  api_calls: number;
  lag_ms: number | null;
  error: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
  updated_at: number;
}

/** A read-only view: the outbox rows that need a person, with Salesforce's reason. */
export interface OutboxFailuresView {
  seq: number;
  object_type: string;
  record_id: string | null;
  external_id: string | null;
  operation: OutboxOperation;
  fields: string;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  updated_at: number;
}

export interface Database {
  mirror: MirrorTable;
  base: BaseTable;
  cursors: CursorsTable;
  outbox: OutboxTable;
  written: WrittenTable;
  cycles: CyclesTable;
  meta: MetaTable;
  outbox_failures: OutboxFailuresView;
}

export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type MirrorRow = Selectable<MirrorTable>;
export type CycleRow = Selectable<CyclesTable>;

export const Engine = { Sqlite: 'sqlite', Postgres: 'postgres' } as const;
export type Engine = (typeof Engine)[keyof typeof Engine];
