// Fractional order keys for lists kept in a Y.Map (pages, placements on a page, articles, comments):
// every item is keyed by its id, so concurrent reorders never duplicate or lose one; its place is a
// number, read back sorted by (order, key), so two items given the same place concurrently still
// come out in one order on every replica.

/** Sort keys by their order, ties by key. */
export function byOrder<T extends { key: string; o: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.o - b.o || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Orders for `keys` in that sequence, keeping every existing order it can (the longest run of
 * existing orders already increasing) and placing the others evenly between their kept neighbours,
 * so a move writes the moved item's order only.
 */
export function assignOrders(keys: string[], existing: ReadonlyMap<string, number>): Map<string, number> {
  const olds = keys.map((k) => existing.get(k));
  // Longest strictly increasing subsequence of the existing orders (n is small: pages, stories).
  const len: number[] = [];
  const prev: number[] = [];
  let best = -1;
  for (let i = 0; i < keys.length; i++) {
    len[i] = 0;
    prev[i] = -1;
    const oi = olds[i];
    if (oi === undefined || !Number.isFinite(oi)) continue;
    len[i] = 1;
    for (let j = 0; j < i; j++) {
      const oj = olds[j];
      if (oj !== undefined && len[j] > 0 && oj < oi && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
    if (best < 0 || len[i] > len[best]) best = i;
  }
  const kept = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]) kept.add(i);
  const out = new Map<string, number>();
  let i = 0;
  while (i < keys.length) {
    if (kept.has(i)) {
      out.set(keys[i], olds[i] as number);
      i++;
      continue;
    }
    let j = i;
    while (j < keys.length && !kept.has(j)) j++;
    const n = j - i;
    const hi = j < keys.length ? (olds[j] as number) : undefined;
    const lo = i > 0 ? (out.get(keys[i - 1]) as number) : hi !== undefined ? hi - n - 1 : 0;
    const top = hi ?? lo + n + 1;
    for (let k = 0; k < n; k++) out.set(keys[i + k], lo + ((top - lo) * (k + 1)) / (n + 1));
    i = j;
  }
  return out;
}
