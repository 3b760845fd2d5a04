import { pushAll, isUnknown, Unknown, type Value } from '@posture/model';
import {
  combine,
  Invalid,
  isWhollyKnown,
  MAX_ELEMENTS,
  ownKeys,
  withElements,
} from '../eval/unknowns.js';
import {
  compareStrings,
  getKey,
  objectOf,
  sortedEntries,
  valueEquals,
  valueKey,
} from '../eval/values.js';
import {
  arity,
  bool,
  fail,
  fn,
  int,
  list,
  map,
  num,
  partial,
  str,
  strings,
  withUnknowns,
  type FunctionTable,
} from './function.js';

/** Terraform's own bound on `range`, so a typo like range(1e9) cannot exhaust memory. */
const MAX_RANGE = 1024;

export const collectionFunctions: FunctionTable = {
  merge: withUnknowns((args) => merge(args.filter((a) => a !== null))),
  concat: partial((args) => args.flatMap(list)),
  lookup: partial((args) => {
    arity(args, 2, 3);
    const found = getKey(map(args[0]), str(args[1]));
    if (found !== undefined) return found;
    return args.length === 3 ? (args[2] ?? null) : fail(`no key "${str(args[1])}"`);
  }),
  keys: partial(([m]) => Object.keys(map(m)).sort(compareStrings)),
  values: partial(([m]) => sortedEntries(map(m)).map(([, v]) => v)),
  element: partial(([l, i]) => {
    const items = list(l);
    const n = int(i);
    if (items.length === 0 || n < 0) return fail('element of an empty list or at a negative index');
    return items[n % items.length] ?? null;
  }),
  length: partial(([v]) => {
    if (typeof v === 'string') return Array.from(v).length;
    return Array.isArray(v) ? v.length : Object.keys(map(v)).length;
  }),
  flatten: partial(([l]) => flatten(list(l))),
  distinct: partial(([l]) => {
    // Values known only in part may turn out the same: how many are distinct is not known.
    const unique = distinct(list(l));
    return unique.every(isWhollyKnown) ? unique : withElements(ownKeys(unique));
  }),
  contains: fn(([l, v]) => list(l).some((item) => valueEquals(item, v ?? null))),
  compact: fn(([l]) =>
    list(l)
      .filter((item) => item !== null && item !== '')
      .map(str),
  ),
  zipmap: partial(([k, v]) => {
    const [names, items] = [strings(k), list(v)];
    if (names.length !== items.length) fail('zipmap needs lists of equal length');
    return objectOf(names.map((name, i) => [name, items[i] ?? null]));
  }),
  range: fn((args) => range(args.map(num))),
  sort: fn(([l]) => strings(l).sort(compareStrings)),
  reverse: partial(([l]) => [...list(l)].reverse()),
  setunion: fn((args) => distinct(args.flatMap(list))),
  setintersection: fn(([first, ...rest]) => {
    const others = rest.map((r) => keysOf(list(r)));
    return distinct(list(first)).filter((x) => others.every((keys) => hasValue(keys, x)));
  }),
  setsubtract: fn(([a, b]) => {
    const removed = keysOf(list(b));
    return distinct(list(a)).filter((x) => !hasValue(removed, x));
  }),
  setproduct: fn((args) => {
    const lists = args.map(list);
    const count = lists.reduce((n, items) => n * items.length, 1);
    if (count > MAX_ELEMENTS) fail(`the product of ${count} elements is too large to evaluate`);
    // Each row is made whole from its number, the last list's item changing fastest: rows copied
    // as they grew, one list at a time, took hours for 200,000 lists of one item.
    return Array.from({ length: count }, (_, n) => {
      const row: Value[] = [];
      for (let i = lists.length - 1, rest = n; i >= 0; i--) {
        const items = lists[i] ?? [];
        row[i] = items[rest % items.length] ?? null;
        rest = Math.floor(rest / items.length);
      }
      return row;
    });
  }),
  slice: partial(([l, s, e]) => {
    const items = list(l);
    const [start, end] = [int(s), int(e)];
    if (start < 0 || end > items.length || start > end) fail('slice bounds out of range');
    return items.slice(start, end);
  }),
  index: fn(([l, v]) => {
    const at = list(l).findIndex((item) => valueEquals(item, v ?? null));
    return at >= 0 ? at : fail('value not in list');
  }),
  one: partial(([l]) => {
    const items = list(l);
    return items.length <= 1 ? (items[0] ?? null) : fail('one needs a list of at most one element');
  }),
  coalesce: partial(
    (args) => args.find((a) => a !== null && a !== '') ?? fail('no non-null, non-empty argument'),
  ),
  coalescelist: partial(
    (args) => args.map(list).find((l) => l.length > 0) ?? fail('no non-empty list'),
  ),
  chunklist: partial(([l, size]) => {
    const [items, n] = [list(l), int(size)];
    if (n < 0) fail('chunk size must not be negative');
    if (n === 0) return [items];
    return Array.from({ length: Math.ceil(items.length / n) }, (_, i) =>
      items.slice(i * n, i * n + n),
    );
  }),
  alltrue: fn(([l]) => list(l).every(bool)),
  anytrue: fn(([l]) => list(l).some(bool)),
  transpose: fn(([m]) => {
    const out = new Map<string, string[]>();
    for (const [key, items] of sortedEntries(map(m))) {
      for (const item of strings(items)) {
        const keys = out.get(item);
        if (keys) keys.push(key);
        else out.set(item, [key]);
      }
    }
    return objectOf(out);
  }),
  matchkeys: fn(([values, keys, search]) => {
    const [vs, ks, wanted] = [list(values), list(keys), list(search)];
    if (vs.length !== ks.length) fail('matchkeys needs lists of equal length');
    const wantedKeys = keysOf(wanted);
    return vs.filter((_, i) => hasValue(wantedKeys, ks[i] ?? null));
  }),
};

/** Nested lists are spliced in; an unknown element could be a list, which makes the result unknown. */
function flatten(items: readonly Value[]): Value {
  const out: Value[] = [];
  for (const item of items) {
    if (isUnknown(item)) return combine([item]);
    if (!Array.isArray(item)) {
      out.push(item);
      continue;
    }
    const inner = flatten(item);
    if (!Array.isArray(inner)) return inner;
    pushAll(out, inner);
  }
  return out;
}

/** First occurrences, in order: each item is hashed once (`valueKey`), never compared pairwise. */
export function distinct(items: readonly Value[]): Value[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = valueKey(item);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The keys of the items that equal something, to find values among them by hashing. */
function keysOf(items: readonly Value[]): Set<string> {
  const keys = new Set<string>();
  for (const item of items) {
    const key = valueKey(item);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

function hasValue(keys: ReadonlySet<string>, value: Value): boolean {
  const key = valueKey(value);
  return key !== undefined && keys.has(key);
}

function range(args: number[]): number[] {
  arity(args, 1, 3);
  const [start, limit] = args.length === 1 ? [0, args[0] ?? 0] : [args[0] ?? 0, args[1] ?? 0];
  const step = args[2] ?? (start <= limit ? 1 : -1);
  if (step === 0) fail('range step must not be zero');
  const count = Math.max(0, Math.ceil((limit - start) / step));
  if (count > MAX_RANGE) fail(`more than ${MAX_RANGE} values would be generated (${count})`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/**
 * Later maps win. With a map not known before apply, the entries of the maps after it are still
 * certain (`merge(var.tags, { release = "true" })` has `release`): the unknown result keeps them.
 */
function merge(maps: readonly Value[]): Value {
  const last = maps.findLastIndex(isUnknown);
  if (last < 0) return objectOf(maps.flatMap((m) => Object.entries(map(m))));
  const unknown = combine(maps);
  const certain = maps.slice(last + 1).flatMap((m) => Object.entries(map(m)));
  return certain.length === 0 || unknown instanceof Invalid
    ? unknown
    : new Unknown(unknown.refs, unknown.reason, { entries: objectOf(certain) });
}
