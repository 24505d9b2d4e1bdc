// Record indices grouped under string keys, packed once built: one Int32Array for every group instead of
// an array per key. A pool over a million claims holds about a million such groups, and an array each
// (with the room it keeps to grow) took several hundred megabytes.

export type PackedIndex = {
  /** The number of distinct keys. */
  readonly size: number;
  /** The indices filed under `key`, ascending; undefined when none. */
  get(key: string): Int32Array | undefined;
  /** Every key, in the order the keys first appeared. */
  keys(): IterableIterator<string>;
};

/** Files each index 0…count−1 under `keyOf(index)` (not at all when null); keyOf is asked twice per index. */
export function packIndex(count: number, keyOf: (index: number) => string | null): PackedIndex {
  const groupOf = new Map<string, number>();
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === null) continue;
    const g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, sizes.length);
      sizes.push(1);
    } else sizes[g]! += 1;
  }
  const offsets = new Int32Array(sizes.length + 1);
  sizes.forEach((n, g) => (offsets[g + 1] = offsets[g]! + n));
  const flat = new Int32Array(offsets[sizes.length]!);
  const next = offsets.slice(0, sizes.length);
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === null) continue;
    const g = groupOf.get(key)!;
    flat[next[g]!] = i;
    next[g]! += 1;
  }
  const members = (g: number) => flat.subarray(offsets[g]!, offsets[g + 1]!);
  return {
    size: groupOf.size,
    get: (key) => {
      const g = groupOf.get(key);
      return g === undefined ? undefined : members(g);
    },
    keys: () => groupOf.keys(),
  };
}
