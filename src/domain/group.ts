// Grouping values under a key in place: copying the group on every add (`[...old, value]`) costs the
// square of the group's size, which a full recompute of a large book cannot afford.

/** Adds `value` to the group of `key`, creating the group when it is the first. */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [value]);
  else group.push(value);
}
