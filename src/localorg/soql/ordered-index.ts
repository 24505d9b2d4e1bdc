// An ordered index on (key, Id): the local org keeps one per object on SystemModstamp, so the sync's
// polls (`WHERE SystemModstamp > t ORDER BY SystemModstamp, Id LIMIT 2000`) read their page from the
// index instead of scanning and sorting the table. Entries live in a list of sorted chunks: appends
// (new stamps are almost always the newest) cost O(1), other inserts and removals O(log n + chunk);
// out-of-order inserts wait in a buffer until the next read, so loading unsorted rows costs one sort.
import type { SoqlIndexCut } from './types.js';

/** Where the null keys end and the others begin: every non-empty key sorts at or after it. */
export const NON_NULL: SoqlIndexCut = { key: '', id: '' };

/** Nulls first, then the keys' string order. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function compareEntries(aKey: string | null, aId: string, bKey: string | null, bId: string): number {
  const c = compareKeys(aKey, bKey);
  if (c !== 0) return c;
  return aId === bId ? 0 : aId < bId ? -1 : 1;
}

/** Negative when the entry comes before the cut, 0 or more when it is at or after it. */
function compareToCut(key: string | null, id: string, cut: SoqlIndexCut): number {
  const c = compareKeys(key, cut.key);
  if (c !== 0) return c;
  if (cut.id === null) return -1;
  return id === cut.id ? 0 : id < cut.id ? -1 : 1;
}

export function compareCuts(a: SoqlIndexCut, b: SoqlIndexCut): number {
  const c = compareKeys(a.key, b.key);
  if (c !== 0 || a.id === b.id) return c;
  if (a.id === null) return 1;
  if (b.id === null) return -1;
  return a.id < b.id ? -1 : 1;
}

/** The later of two lower bounds (undefined: from the start). */
export function laterCut(a: SoqlIndexCut | undefined, b: SoqlIndexCut | undefined): SoqlIndexCut | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCuts(a, b) >= 0 ? a : b;
}

/** The earlier of two upper bounds (undefined: to the end). */
export function earlierCut(
  a: SoqlIndexCut | undefined,
  b: SoqlIndexCut | undefined,
): SoqlIndexCut | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCuts(a, b) <= 0 ? a : b;
}

/** Chunks fill to this size by appends and split in two past twice as much. */
const CHUNK_SIZE = 512;

/** Entries in parallel arrays: the key, the Id, the caller's seq and the value (the row). */
interface Chunk<T> {
  keys: (string | null)[];
  ids: string[];
  seqs: number[];
  values: T[];
}

function newChunk<T>(): Chunk<T> {
  return { keys: [], ids: [], seqs: [], values: [] };
}

export type IndexVisitor<T> = (value: T, key: string | null, seq: number) => boolean;

/**
 * Entries (key, Id) → value, with `seq` a tag the caller gives each entry (the store: the row's place in
 * its table's scan order). Values are held directly: a walk of the index costs no lookups.
 */
export class OrderedIndex<T> {
  private chunks: Chunk<T>[] = [];
  private count = 0;
  /** Out-of-order inserts not yet placed: a bulk load of unsorted rows then costs one sort. */
  private pending = newChunk<T>();

  /**
   * `chunkSize` and `placeRatio` (pending entries are placed one by one while there are at most
   * size / placeRatio of them, else merged in one pass) are for tests, which shrink them.
   */
  constructor(
    private readonly chunkSize = CHUNK_SIZE,
    private readonly placeRatio = 64,
  ) {}

  get size(): number {
    return this.count;
  }

  insert(key: string | null, id: string, seq: number, value: T): void {
    this.count++;
    if (this.append(key, id, seq, value)) return;
    const p = this.pending;
    p.keys.push(key);
    p.ids.push(id);
    p.seqs.push(seq);
    p.values.push(value);
  }

  /** Swaps the value of an entry; false when the entry is not there. */
  replace(key: string | null, id: string, value: T): boolean {
    const at = this.find(key, id);
    if (at === undefined) return false;
    at[0].values[at[1]] = value;
    return true;
  }

  /** Removes an entry; returns its seq, or undefined when it was not there. */
  remove(key: string | null, id: string): number | undefined {
    const at = this.find(key, id);
    if (at === undefined) return undefined;
    const [chunk, i, ci] = at;
    const seq = chunk.seqs[i] as number;
    chunk.keys.splice(i, 1);
    chunk.ids.splice(i, 1);
    chunk.seqs.splice(i, 1);
    chunk.values.splice(i, 1);
    this.count--;
    if (chunk.ids.length === 0) this.chunks.splice(ci, 1);
    else if (chunk.ids.length < this.chunkSize / 4) this.mergeAround(ci);
    return seq;
  }

  /** How many entries lie at or after `from` and before `to` (undefined: no bound). */
  countBetween(from: SoqlIndexCut | undefined, to: SoqlIndexCut | undefined): number {
    this.settle();
    const [ci, i] = from === undefined ? [0, 0] : this.lowerBound(from);
    const [cj, j] = to === undefined ? [this.chunks.length, 0] : this.lowerBound(to);
    if (cj < ci || (cj === ci && j <= i)) return 0;
    let n = j - i;
    for (let c = ci; c < cj; c++) n += (this.chunks[c] as Chunk<T>).ids.length;
    return n;
  }

  /**
   * Calls `visit` for each entry at or after `from` and before `to` (undefined: no bound), ascending or
   * descending, until it returns false.
   */
  visit(
    from: SoqlIndexCut | undefined,
    to: SoqlIndexCut | undefined,
    descending: boolean,
    visit: IndexVisitor<T>,
  ): void {
    this.settle();
    const chunks = this.chunks;
    if (!descending) {
      let [ci, i] = from === undefined ? [0, 0] : this.lowerBound(from);
      for (; ci < chunks.length; ci++, i = 0) {
        const { keys, ids, seqs, values } = chunks[ci] as Chunk<T>;
        for (; i < ids.length; i++) {
          const key = keys[i] as string | null;
          if (to !== undefined && compareToCut(key, ids[i] as string, to) >= 0) return;
          if (!visit(values[i] as T, key, seqs[i] as number)) return;
        }
      }
      return;
    }
    let [ci, i] = to === undefined ? [chunks.length, 0] : this.lowerBound(to);
    // Step back from the first entry at or after `to`.
    i--;
    for (;;) {
      if (i < 0) {
        ci--;
        if (ci < 0) return;
        i = (chunks[ci] as Chunk<T>).ids.length - 1;
      }
      const { keys, ids, seqs, values } = chunks[ci] as Chunk<T>;
      for (; i >= 0; i--) {
        const key = keys[i] as string | null;
        if (from !== undefined && compareToCut(key, ids[i] as string, from) < 0) return;
        if (!visit(values[i] as T, key, seqs[i] as number)) return;
      }
    }
  }

  /** Adds the entry at the end when it sorts after every placed one (the usual case: a new stamp). */
  private append(key: string | null, id: string, seq: number, value: T): boolean {
    const last = this.chunks[this.chunks.length - 1];
    const n = last?.ids.length ?? 0;
    if (last !== undefined && compareEntries(key, id, last.keys[n - 1] ?? null, last.ids[n - 1] ?? '') <= 0) {
      return false;
    }
    let tail = last;
    if (tail === undefined || n >= this.chunkSize) this.chunks.push((tail = newChunk()));
    tail.keys.push(key);
    tail.ids.push(id);
    tail.seqs.push(seq);
    tail.values.push(value);
    return true;
  }

  /** Places the pending entries: one by one when they are few, else by sorting and merging. */
  private settle(): void {
    const { keys, ids, seqs, values } = this.pending;
    const m = ids.length;
    if (m === 0) return;
    this.pending = newChunk();
    if (m * this.placeRatio <= this.count) {
      for (let i = 0; i < m; i++) {
        this.place(keys[i] as string | null, ids[i] as string, seqs[i] as number, values[i] as T);
      }
      return;
    }
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) =>
      compareEntries(keys[a] as string | null, ids[a] as string, keys[b] as string | null, ids[b] as string),
    );
    const placed = this.chunks;
    this.chunks = [];
    let p = 0;
    const appendPending = (): void => {
      const j = order[p++] as number;
      this.append(keys[j] as string | null, ids[j] as string, seqs[j] as number, values[j] as T);
    };
    for (const chunk of placed) {
      for (let i = 0; i < chunk.ids.length; i++) {
        const key = chunk.keys[i] as string | null;
        const id = chunk.ids[i] as string;
        while (p < m) {
          const j = order[p] as number;
          if (compareEntries(keys[j] as string | null, ids[j] as string, key, id) >= 0) break;
          appendPending();
        }
        this.append(key, id, chunk.seqs[i] as number, chunk.values[i] as T);
      }
    }
    while (p < m) appendPending();
  }

  /** Inserts one entry where it belongs. */
  private place(key: string | null, id: string, seq: number, value: T): void {
    if (this.append(key, id, seq, value)) return;
    const ci = this.chunkAt(key, id);
    const chunk = this.chunks[ci] as Chunk<T>;
    const i = this.indexIn(chunk, key, id);
    chunk.keys.splice(i, 0, key);
    chunk.ids.splice(i, 0, id);
    chunk.seqs.splice(i, 0, seq);
    chunk.values.splice(i, 0, value);
    if (chunk.ids.length > 2 * this.chunkSize) {
      const half = chunk.ids.length >> 1;
      const right: Chunk<T> = {
        keys: chunk.keys.splice(half),
        ids: chunk.ids.splice(half),
        seqs: chunk.seqs.splice(half),
        values: chunk.values.splice(half),
      };
      this.chunks.splice(ci + 1, 0, right);
    }
  }

  /** The chunk, offset and chunk number of an entry, or undefined. */
  private find(key: string | null, id: string): [Chunk<T>, number, number] | undefined {
    this.settle();
    const ci = this.chunkAt(key, id);
    const chunk = this.chunks[ci];
    if (chunk === undefined) return undefined;
    const i = this.indexIn(chunk, key, id);
    return chunk.ids[i] === id && chunk.keys[i] === key ? [chunk, i, ci] : undefined;
  }

  /** Chunk and offset of the first entry at or after the cut ([chunks.length, 0] when none). */
  private lowerBound(cut: SoqlIndexCut): [number, number] {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const { keys, ids } = chunks[mid] as Chunk<T>;
      const n = ids.length - 1;
      if (compareToCut(keys[n] as string | null, ids[n] as string, cut) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return [lo, 0];
    const { keys, ids } = chunks[lo] as Chunk<T>;
    let a = 0;
    let b = ids.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (compareToCut(keys[mid] as string | null, ids[mid] as string, cut) < 0) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }

  /** The first chunk whose last entry is at or after (key, id), or the last chunk. */
  private chunkAt(key: string | null, id: string): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const { keys, ids } = chunks[mid] as Chunk<T>;
      const n = ids.length - 1;
      if (compareEntries(keys[n] as string | null, ids[n] as string, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexIn(chunk: Chunk<T>, key: string | null, id: string): number {
    const { keys, ids } = chunk;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEntries(keys[mid] as string | null, ids[mid] as string, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Folds a chunk that removals left small into a neighbour, so the chunk list stays short. */
  private mergeAround(ci: number): void {
    const chunks = this.chunks;
    for (const left of [ci - 1, ci]) {
      const a = chunks[left];
      const b = chunks[left + 1];
      if (a === undefined || b === undefined || a.ids.length + b.ids.length > this.chunkSize) continue;
      a.keys.push(...b.keys);
      a.ids.push(...b.ids);
      a.seqs.push(...b.seqs);
      a.values.push(...b.values);
      chunks.splice(left + 1, 1);
      return;
    }
  }
}
