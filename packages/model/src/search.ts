/**
 * How many of the leading `items` `before` holds for, where it holds for a prefix of them (the
 * items are in order): a binary search, for lookups in long ordered lists.
 */
export function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
