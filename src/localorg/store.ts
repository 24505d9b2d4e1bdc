// Records, per object, keyed by 18-character Id in insertion order, with indexes on unique and
// external-id fields and an ordered index on (SystemModstamp, Id) for the sync's polls. Rows are
// replaced, never mutated, so a snapshot for persistence or a query stays consistent while later writes
// land. An undo log gives per-request transactions (allOrNone, composite).
import type { Schema } from './schema/registry.js';
import { OrderedIndex } from './soql/ordered-index.js';
import type { SoqlOrderedIndex } from './soql/types.js';
import { canonicalDatetime } from './soql/values.js';

export type Row = Readonly<Record<string, unknown>>;

type IndexMap = Map<string, string | string[]>;

class Table {
  readonly rows = new Map<string, Row>();
  indexes = new Map<string, IndexMap>();
  indexCaseSensitive = new Map<string, boolean>();
  indexVersion = -1;
  /** (SystemModstamp in its comparable form, Id), tagged with the row's place in `rows`' order. */
  readonly modstamp = new OrderedIndex<Row>();
  /** The next place: a Map keeps a key where it first went in, so only new keys take one. */
  nextSeq = 0;
  constructor(readonly name: string) {}

  /**
   * Sets a row over `before` (the row now under its Id, if any), keeping the modstamp index in step; a
   * new Id goes to the end of the scan order.
   */
  set(id: string, row: Row, before: Row | undefined): void {
    this.rows.set(id, row);
    const key = modstampKey(row);
    const old = before === undefined ? undefined : modstampKey(before);
    if (old === key && this.modstamp.replace(key, id, row)) return;
    const seq = (old === undefined ? undefined : this.modstamp.remove(old, id)) ?? this.nextSeq++;
    this.modstamp.insert(key, id, seq, row);
  }

  delete(id: string): void {
    const before = this.rows.get(id);
    if (before === undefined) return;
    this.rows.delete(id);
    this.modstamp.remove(modstampKey(before), id);
  }
}

/** The key SOQL compares SystemModstamp by (null when missing or not a datetime). */
function modstampKey(row: Row): string | null {
  return canonicalDatetime(row['SystemModstamp']);
}

export function indexKey(value: unknown, caseSensitive: boolean): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const s = String(value);
  return caseSensitive ? s : s.toLowerCase();
}

export class Store {
  private tables = new Map<string, Table>();
  private undo: (() => void)[] = [];
  private depth = 0;
  readonly dirty = new Set<string>();
  onChange: (() => void) | undefined;
  recordsWritten = 0;

  constructor(private readonly schema: Schema) {}

  private table(objectName: string): Table {
    let t = this.tables.get(objectName);
    if (t === undefined) {
      t = new Table(objectName);
      this.tables.set(objectName, t);
    }
    return t;
  }

  objectNames(): string[] {
    return [...this.tables.keys()];
  }

  rows(objectName: string): IterableIterator<Row> {
    return this.table(objectName).rows.values();
  }

  count(objectName: string): number {
    return this.tables.get(objectName)?.rows.size ?? 0;
  }

  get(objectName: string, id18: string): Row | undefined {
    return this.tables.get(objectName)?.rows.get(id18);
  }

  /** Inserts or replaces a row; the previous version comes back on rollback. */
  put(objectName: string, row: Row): void {
    const t = this.table(objectName);
    const id = row['Id'] as string;
    const before = t.rows.get(id);
    this.ensureIndexes(t);
    if (before !== undefined) this.unindex(t, before);
    t.set(id, row, before);
    this.index(t, row);
    this.recordsWritten++;
    this.touched(objectName);
    if (this.depth > 0) {
      this.undo.push(() => {
        this.unindex(t, row);
        if (before === undefined) t.delete(id);
        else {
          t.set(id, before, row);
          this.index(t, before);
        }
        this.touched(objectName);
      });
    }
  }

  /** Removes a row for good (hard delete, custom metadata replaced by a deploy). */
  remove(objectName: string, id18: string): void {
    const t = this.table(objectName);
    const before = t.rows.get(id18);
    if (before === undefined) return;
    this.ensureIndexes(t);
    this.unindex(t, before);
    t.delete(id18);
    this.touched(objectName);
    if (this.depth > 0) {
      this.undo.push(() => {
        t.set(id18, before, undefined);
        this.index(t, before);
        this.touched(objectName);
      });
    }
  }

  /** The (SystemModstamp, Id) index of an object's rows, deleted ones included. */
  modstampIndex(objectName: string): SoqlOrderedIndex {
    return (this.tables.get(objectName) ?? new Table(objectName)).modstamp;
  }

  /** Ids of live (not deleted) rows whose indexed field equals value. */
  lookup(objectName: string, fieldName: string, value: unknown): string[] {
    const t = this.table(objectName);
    this.ensureIndexes(t);
    const index = t.indexes.get(fieldName);
    if (index === undefined) return this.scan(t, fieldName, value);
    const key = indexKey(value, t.indexCaseSensitive.get(fieldName) ?? false);
    if (key === undefined) return [];
    const hit = index.get(key);
    if (hit === undefined) return [];
    return typeof hit === 'string' ? [hit] : [...hit];
  }

  clear(): void {
    for (const name of this.tables.keys()) this.touched(name);
    this.tables.clear();
    this.undo = [];
    this.depth = 0;
  }

  /** Starts a (possibly nested) transaction; returns the savepoint to roll back to. */
  begin(): number {
    this.depth++;
    return this.undo.length;
  }

  commit(): void {
    this.depth--;
    if (this.depth === 0) this.undo = [];
  }

  rollback(savepoint: number): void {
    while (this.undo.length > savepoint) this.undo.pop()?.();
    this.depth--;
    if (this.depth === 0) this.undo = [];
  }

  /** Runs fn in a transaction: a throw undoes everything fn wrote. */
  atomically<T>(fn: () => T): T {
    const sp = this.begin();
    try {
      const out = fn();
      this.commit();
      return out;
    } catch (e) {
      this.rollback(sp);
      throw e;
    }
  }

  private touched(objectName: string): void {
    this.dirty.add(objectName);
    this.onChange?.();
  }

  private scan(t: Table, fieldName: string, value: unknown): string[] {
    const key = indexKey(value, false);
    const out: string[] = [];
    if (key === undefined) return out;
    for (const row of t.rows.values()) {
      if (row['IsDeleted'] !== true && indexKey(row[fieldName], false) === key) out.push(row['Id'] as string);
    }
    return out;
  }

  private ensureIndexes(t: Table): void {
    if (t.indexVersion === this.schema.version) return;
    const object = this.schema.object(t.name);
    t.indexes = new Map();
    t.indexCaseSensitive = new Map();
    for (const f of object?.fields ?? []) {
      if (!(f.unique || f.externalId) || f.type === 'id') continue;
      t.indexes.set(f.name, new Map());
      t.indexCaseSensitive.set(f.name, f.caseSensitive);
    }
    t.indexVersion = this.schema.version;
    for (const row of t.rows.values()) this.index(t, row);
  }

  private index(t: Table, row: Row): void {
    if (row['IsDeleted'] === true) return;
    const id = row['Id'] as string;
    for (const [fieldName, index] of t.indexes) {
      const key = indexKey(row[fieldName], t.indexCaseSensitive.get(fieldName) ?? false);
      if (key === undefined) continue;
      const hit = index.get(key);
      if (hit === undefined) index.set(key, id);
      else if (typeof hit === 'string') index.set(key, [hit, id]);
      else hit.push(id);
    }
  }

  private unindex(t: Table, row: Row): void {
    if (row['IsDeleted'] === true) return;
    const id = row['Id'] as string;
    for (const [fieldName, index] of t.indexes) {
      const key = indexKey(row[fieldName], t.indexCaseSensitive.get(fieldName) ?? false);
      if (key === undefined) continue;
      const hit = index.get(key);
      if (hit === id) index.delete(key);
      else if (Array.isArray(hit)) {
        const rest = hit.filter((x) => x !== id);
        if (rest.length === 1) index.set(key, rest[0]!);
        else if (rest.length === 0) index.delete(key);
        else index.set(key, rest);
      }
    }
  }
}
