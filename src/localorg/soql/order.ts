import type { SoqlRow } from './types.js';
import type { Normalized } from './values.js';

export interface SortKey {
  key: (row: SoqlRow) => Normalized | null;
  descending: boolean;
  nullsFirst: boolean;
}

/** A row with its sort keys computed once and its scan position as the final tie-breaker. */
export interface Keyed<T> {
  item: T;
  keys: (Normalized | null)[];
  seq: number;
}

export function compareKeyed<T>(sortKeys: readonly SortKey[]): (a: Keyed<T>, b: Keyed<T>) => number {
  return (a, b) => {
    for (let i = 0; i < sortKeys.length; i++) {
      const spec = sortKeys[i] as SortKey;
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === y) continue;
      if (x === null) return spec.nullsFirst ? -1 : 1;
      if (y === null) return spec.nullsFirst ? 1 : -1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return spec.descending ? -c : c;
    }
    return a.seq - b.seq;
  };
}

export function keyOf<T>(sortKeys: readonly SortKey[], row: SoqlRow, item: T, seq: number): Keyed<T> {
  const keys = new Array<Normalized | null>(sortKeys.length);
  for (let i = 0; i < sortKeys.length; i++) keys[i] = (sortKeys[i] as SortKey).key(row);
  return { item, keys, seq };
}

/**
 * Keeps the k smallest items under `cmp` with a max-heap, so `ORDER BY … LIMIT 2000` over a million
 * rows costs n·log k comparisons and k rows of memory instead of a full sort.
 */
export class TopK<T> {
  private readonly heap: T[] = [];
  constructor(
    private readonly k: number,
    private readonly cmp: (a: T, b: T) => number,
  ) {}

  /** The entry a newcomer must beat once the heap is full. */
  worst(): T | undefined {
    return this.heap.length < this.k ? undefined : this.heap[0];
  }

  push(item: T): void {
    const heap = this.heap;
    if (this.k <= 0) return;
    if (heap.length < this.k) {
      heap.push(item);
      this.up(heap.length - 1);
    } else if (this.cmp(item, heap[0] as T) < 0) {
      heap[0] = item;
      this.down(0);
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.cmp);
  }

  private up(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cmp(heap[i] as T, heap[parent] as T) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent] as T, heap[i] as T];
      i = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    let i = index;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < n && this.cmp(heap[l] as T, heap[largest] as T) > 0) largest = l;
      if (r < n && this.cmp(heap[r] as T, heap[largest] as T) > 0) largest = r;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest] as T, heap[i] as T];
      i = largest;
    }
  }
}

/**
 * Whether a row that comes after `worst` in scan order sorts strictly before it. Keys are computed one
 * at a time, so most rows of a scan are rejected on their first key alone.
 */
export function beats(sortKeys: readonly SortKey[], row: SoqlRow, worst: Keyed<unknown>): boolean {
  for (let i = 0; i < sortKeys.length; i++) {
    const spec = sortKeys[i] as SortKey;
    const x = spec.key(row);
    const y = worst.keys[i] ?? null;
    if (x === y) continue;
    if (x === null) return spec.nullsFirst;
    if (y === null) return !spec.nullsFirst;
    return spec.descending ? x > y : x < y;
  }
  return false;
}
