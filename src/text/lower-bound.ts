/** First index in an ascending list whose value is at least x (the list's length if none): a binary search. */
export function lowerBound<T extends number | string>(list: readonly T[], x: T): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
