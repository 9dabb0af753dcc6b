/**
 * A cache of values worked out once per index version (passage terms, heading tokens...). It is
 * keyed by the version's own object, so a reindex drops it with the old version and never serves
 * stale entries. `maxEntries` bounds caches whose keys come from queries rather than the corpus.
 */
export function versionCache<O extends object, K, V>(maxEntries = Infinity): (owner: O, key: K, compute: () => V) => V {
  const byOwner = new WeakMap<O, Map<K, V>>();
  return (owner, key, compute) => {
    let cache = byOwner.get(owner);
    if (!cache) byOwner.set(owner, (cache = new Map()));
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute();
    if (cache.size > maxEntries) cache.clear();
    cache.set(key, value);
    return value;
  };
}
