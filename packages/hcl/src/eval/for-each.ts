/**
 * `count`, `for_each` and OpenTofu's `lifecycle { enabled }`: the instances one block stands for,
 * each with its `count`/`each` bindings.
 */
import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  unknown,
  type CollectionElement,
  type Unknown,
  type Value,
} from '@posture/model';
import type { Attribute, Body } from '../ast.js';
import { distinct } from '../functions/collections.js';
import { findAttribute, findBlocks } from '../syntax.js';
import { evaluate } from './expressions.js';
import { itemEnv, type Env } from './scope.js';
import {
  combine,
  formatKey,
  Invalid,
  ownKeys,
  partlyKnownText,
  Reported,
  unknownsIn,
} from './unknowns.js';
import { asNumber, compareStrings, objectOf, sortedEntries, valueEquals } from './values.js';

/** More instances than this are treated as unknown rather than materialised. */
const MAX_INSTANCES = 1000;

export interface InstanceKey {
  /** `count.index` or `each.key`; absent for a single instance or when the keys are unknown. */
  readonly key?: string | number;
  /** What follows the block's address: `''`, `[0]`, `["k"]`, or `[*]` when the keys are unknown. */
  readonly suffix: string;
  readonly bindings: Readonly<Record<string, Value>>;
}

export interface Expansion {
  /** `count` makes a list of instances, `for_each` a map; `single` is one plain instance. */
  readonly mode: 'single' | 'count' | 'for_each';
  readonly instances: readonly InstanceKey[];
  /** Set when the instances could not be known: the meta-argument, its value, and why. */
  readonly unknown?: {
    readonly attribute: Attribute;
    readonly value: Value;
    readonly reason: string;
  };
}

export const SINGLE: Expansion = { mode: 'single', instances: [{ suffix: '', bindings: {} }] };

/** A block whose `enabled` is false: it is not created, and its name evaluates to null. */
const DISABLED: Expansion = { mode: 'single', instances: [] };

export function expand(body: Body, env: Env): Expansion {
  const count = findAttribute(body, 'count');
  if (count) return expandCount(count, evaluate(count.expr, itemEnv(env, count)));
  const forEach = findAttribute(body, 'for_each');
  if (forEach) return expandForEach(forEach, evaluate(forEach.expr, itemEnv(env, forEach)));
  const enabled = lifecycleEnabled(body);
  if (enabled) return expandEnabled(enabled, evaluate(enabled.expr, itemEnv(env, enabled)));
  return SINGLE;
}

/**
 * OpenTofu 1.11's `enabled` in a resource's or module call's `lifecycle` block (which may not be
 * combined with `count` or `for_each`): https://opentofu.org/docs/language/meta-arguments/enabled
 */
function lifecycleEnabled(body: Body): Attribute | undefined {
  for (const lifecycle of findBlocks(body, 'lifecycle')) {
    const enabled = findAttribute(lifecycle.body, 'enabled');
    if (!enabled) continue;
    // Written where its block is, unless an override file merged it in on its own.
    const from = enabled.mergedFrom ?? lifecycle.mergedFrom;
    return from === undefined ? enabled : { ...enabled, mergedFrom: from };
  }
  return undefined;
}

/** An unknown `enabled` is scanned as an unknown `count` is: one instance that may not exist. */
function expandEnabled(attribute: Attribute, value: Value): Expansion {
  const enabled = isUnknown(value) ? undefined : asBoolean(value);
  if (enabled === undefined) return unknownExpansion('single', attribute, {}, value);
  return enabled ? SINGLE : DISABLED;
}

function expandCount(attribute: Attribute, value: Value): Expansion {
  const n = isUnknown(value) ? undefined : asNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_INSTANCES) {
    const index = notKnown(value, 'count');
    return unknownExpansion('count', attribute, { count: objectOf([['index', index]]) }, value);
  }
  const instances = Array.from({ length: n }, (_, i) => ({
    key: i,
    suffix: formatKey(i),
    bindings: { count: objectOf([['index', i]]) },
  }));
  return { mode: 'count', instances };
}

function expandForEach(attribute: Attribute, value: Value): Expansion {
  const entries = forEachEntries(value);
  if (entries && entries.length <= MAX_INSTANCES) {
    return { mode: 'for_each', instances: entries.map(([key, item]) => instance(key, item)) };
  }
  const elements = entries ? undefined : partlyKnownElements(value);
  const shaped = elements && elements.length <= MAX_INSTANCES && shapedInstances(elements);
  if (shaped) return { mode: 'for_each', instances: shaped, unknown: unknownOf(attribute, value) };
  const key = elementsShape(elements?.map((e) => e.key) ?? value, notKnown(value, 'for_each'));
  // The value keeps its references, so `each.value.id` still names what it reads.
  const item = isUnknown(value) && !(value instanceof Invalid) ? value : key;
  return unknownExpansion('for_each', attribute, eachOf(key, item), value);
}

function instance(key: string, item: Value): InstanceKey {
  return { key, suffix: formatKey(key), bindings: eachOf(key, item) };
}

function eachOf(key: Value, value: Value): Record<string, Value> {
  const each = objectOf([
    ['key', key],
    ['value', value],
  ]);
  return { each };
}

/**
 * The instance keys a state recorded for a block (see `RecordedInstances`), over those its
 * `count` or `for_each` evaluates to: a state records no variables, so the defaults may make other
 * instances than were applied, or none. An `each.value` is the evaluated one of the same key, else
 * unknown: the state records only the key. More keys than are materialised leave the block as
 * evaluated.
 */
export function recordedExpansion(
  evaluated: Expansion,
  keys: readonly (string | number | undefined)[],
): Expansion {
  if (keys.length > MAX_INSTANCES) return evaluated;
  if (keys.every((key) => key === undefined)) return SINGLE;
  const indexes = keys.filter((key) => typeof key === 'number');
  if (indexes.length === keys.length) {
    const instances = indexes
      .sort((a, b) => a - b)
      .map((key) => ({
        key,
        suffix: formatKey(key),
        bindings: { count: objectOf([['index', key]]) },
      }));
    return { mode: 'count', instances };
  }
  const values = new Map(evaluated.instances.map((i) => [i.key, i.bindings.each]));
  const names = [...new Set(keys.map(String))].sort(compareStrings);
  const instances = names.map((key) => ({
    key,
    suffix: formatKey(key),
    bindings: {
      each:
        values.get(key) ??
        objectOf([
          ['key', key],
          ['value', unknown([], 'the state records the instance key only')],
        ]),
    },
  }));
  return { mode: 'for_each', instances };
}

/** A map's entries, or a set of strings as key = value; undefined when not knowable. */
function forEachEntries(value: Value): [string, Value][] | undefined {
  if (isObject(value)) return sortedEntries(value);
  if (!Array.isArray(value) || value.some(isUnknown)) return undefined;
  const keys = value.map(asString);
  if (keys.some((k) => k === undefined)) return undefined;
  return [...new Set(keys as string[])].map((k) => [k, k]);
}

/**
 * What a set or map not known as a whole is made of (`KnownParts.elements`), or a set written as
 * a list with values known only in part among its elements.
 */
function partlyKnownElements(value: Value): readonly CollectionElement[] | undefined {
  if (isUnknown(value)) return value instanceof Invalid ? undefined : value.elements;
  return Array.isArray(value) ? ownKeys(distinct(value)) : undefined;
}

/**
 * The instances of a set or map whose keys are known only in part: Terraform refuses keys it does
 * not know at plan, so each is known by then, and is one of these. Some may turn out the same key,
 * so there may be fewer; but each is scanned, none is left out: `["acme-releases-*"]` stands for
 * the instance of `"acme-releases-${local.n}"`, its `each.key` that text around what is not known.
 * Keys of the same shape are one instance, whose key is their shared text. Undefined when a key is
 * not a string, or an error.
 */
function shapedInstances(elements: readonly CollectionElement[]): InstanceKey[] | undefined {
  const groups = new Map<string, CollectionElement[]>();
  for (const element of elements) {
    const suffix = shapeSuffix(element.key);
    if (suffix === undefined) return undefined;
    const group = groups.get(suffix);
    if (group) group.push(element);
    else groups.set(suffix, [element]);
  }
  return [...groups]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([suffix, group]) => shapedInstance(suffix, group));
}

function shapedInstance(suffix: string, group: readonly CollectionElement[]): InstanceKey {
  const [only, ...more] = group;
  const known = only && more.length === 0 && !isUnknown(only.key) ? asString(only.key) : undefined;
  if (only && known !== undefined) return instance(known, only.value);
  // The instance stands for each key of this shape, its key the text they share.
  const keys = group.map((e) => e.key);
  const key = elementsShape(keys, notKnown(keys, 'for_each'));
  // A set's element is its own key; of map values that differ, the instance's has what they share.
  const values = group.map((e) => e.value);
  const [first = null] = values;
  const value = values.every((v, i) => v === keys[i])
    ? key
    : values.every((v) => valueEquals(v, first))
      ? first
      : elementsShape(values, combine(values));
  return { suffix, bindings: eachOf(key, value) };
}

/** `["acme-releases-*"]` for a key known in part, `[*]` for one not known at all. */
function shapeSuffix(key: Value): string | undefined {
  if (key instanceof Invalid) return undefined;
  if (isUnknown(key) && !key.pieces) return '[*]';
  const text = isUnknown(key)
    ? layoutOf(key)
        .map((p) => p ?? '*')
        .join('')
    : asString(key);
  return text === undefined ? undefined : formatKey(text);
}

/** The known text of a string and its unknown parts, as `null`, in order. */
function layoutOf(element: string | Unknown): (string | null)[] {
  if (typeof element === 'string') return [element];
  return (element.pieces ?? [element]).map((p) => (typeof p === 'string' ? p : null));
}

/**
 * What an instance that stands for several keys or values has of each (`"acme-releases-${local.n}"`
 * and `"acme-releases-eu"`): the text laid out alike in every one, else the text they all start
 * and end with, and `gap` for the rest; `gap` alone when they are not all strings.
 */
function elementsShape(value: Value, gap: Unknown): Unknown {
  if (!Array.isArray(value) || value.length === 0 || gap instanceof Invalid) return gap;
  const layouts: (string | null)[][] = [];
  for (const element of value) {
    if (typeof element === 'string' || (isUnknown(element) && !(element instanceof Invalid)))
      layouts.push(layoutOf(element));
    else return gap;
  }
  const [first = []] = layouts;
  const alike = layouts.every(
    (l) => l.length === first.length && l.every((p, i) => p === first[i]),
  );
  const shape = partlyKnownText(alike ? first.map((p) => p ?? gap) : sharedEnds(layouts, gap));
  return isUnknown(shape) ? shape : gap;
}

/**
 * The text every layout starts with, `gap`, and the text every one ends with. A wholly known
 * element is both its start and its end, which must not overlap in it.
 */
function sharedEnds(layouts: readonly (readonly (string | null)[])[], gap: Unknown) {
  const start = layouts.map((l) => l[0] ?? '').reduce(commonPrefix);
  const end = layouts.map((l) => l.at(-1) ?? '').reduce(commonSuffix);
  const whole = layouts.flatMap((l) => (l.length === 1 && l[0] ? [l[0].length] : []));
  const room = Math.min(Infinity, ...whole) - start.length;
  return [start, gap, room < end.length ? end.slice(end.length - room) : end];
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function commonSuffix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return a.slice(a.length - i);
}

function unknownExpansion(
  mode: Expansion['mode'],
  attribute: Attribute,
  bindings: Record<string, Value>,
  value: Value,
): Expansion {
  return { mode, instances: [{ suffix: '[*]', bindings }], unknown: unknownOf(attribute, value) };
}

function unknownOf(attribute: Attribute, value: Value): NonNullable<Expansion['unknown']> {
  return { attribute, value, reason: unknownReason(value) };
}

/**
 * `count.index` or `each.key` when the instances are not known. An error in the meta-argument is
 * reported where it is written (`eval-invalid`), not again at each attribute that reads the key.
 */
function notKnown(value: Value, meta: 'count' | 'for_each'): Unknown {
  const key = combine([value], `${meta} is not known`);
  const error = key instanceof Invalid && !(key instanceof Reported);
  return error ? new Reported(key.refs, key.reason) : key;
}

function unknownReason(value: Value): string {
  // A set of one partly known string is known, but not its key: why is that of what it holds.
  const [inside] = unknownsIn(value);
  if (inside) return inside.reason ?? 'its value is known only after apply';
  return 'its value is not a valid instance set';
}
