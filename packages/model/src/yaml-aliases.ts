/**
 * How many nodes a loaded YAML value has with its aliases written out, counted until the count
 * passes `limit`. js-yaml shares the node an alias names, so 600 bytes of anchors, each aliased
 * nine times by the next, load in no time as a value that is billions of nodes to whatever walks
 * it. An alias inside the anchor it names (which js-yaml lets through) is a value without end:
 * Infinity.
 */
export function expandedSize(node: unknown, limit: number): number {
  return size(node, limit, new Map());
}

function size(node: unknown, limit: number, sizes: Map<object, number | 'open'>): number {
  if (node === null || typeof node !== 'object') return 1;
  const known = sizes.get(node);
  if (known === 'open') return Infinity;
  if (known !== undefined) return known;
  sizes.set(node, 'open');
  let total = 1;
  for (const child of Object.values(node)) {
    total += size(child, limit, sizes);
    if (total > limit) break;
  }
  sizes.set(node, total);
  return total;
}
