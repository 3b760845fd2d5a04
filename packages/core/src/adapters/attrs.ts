import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  type Attr,
  type OriginMap,
  type Range,
  type RangeMap,
  type Source,
  type Unknown,
  unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import { asNumber, reasonAt, Sensitive } from '@posture/hcl';

/** Anything with evaluated values and their ranges: a resource, a module call, a provider block. */
export interface Configured {
  readonly address?: string;
  readonly values: ValueObject;
  readonly ranges: RangeMap;
  readonly origins?: OriginMap;
  readonly references?: readonly string[];
  readonly rootModule?: string;
}

/**
 * A string as its known text and unknown gaps (`null`) in order: a known string is one part, an
 * unknown rendered from a template (`Unknown.pieces`) its pieces; anything else undefined.
 */
export function knownParts(value: Value | undefined): (string | null)[] | undefined {
  if (typeof value === 'string') return [value];
  if (!isUnknown(value) || value.pieces === undefined) return undefined;
  return value.pieces.map((piece) => (typeof piece === 'string' ? piece : null));
}

/**
 * Parts written one after the other, as a template renders them: adjacent known text runs
 * together, and adjacent gaps are one gap.
 */
export function joinParts(parts: readonly (string | null)[]): (string | null)[] {
  const joined: (string | null)[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if (part === '' || (part === null && last === null)) continue;
    if (part !== null && typeof last === 'string') joined[joined.length - 1] = last + part;
    else joined.push(part);
  }
  return joined;
}

/**
 * The value at a path such as `rule.0.object_ownership`. Nested blocks are arrays in HCL and plans,
 * but a `.tf.json` file may write a single block as an object, so index 0 of an object is the object.
 */
export function valueAt(values: ValueObject, path: string): Value | undefined {
  let current: Value | undefined = values;
  for (const segment of path.split('.')) {
    if (current === undefined || current === null || isUnknown(current)) return current;
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (Array.isArray(current)) current = index === undefined ? undefined : current[index];
    else if (isObject(current)) current = index === 0 ? current : current[segment];
    else return undefined;
  }
  return current;
}

/**
 * A map, or of one with keys known only at apply (`merge(var.tags, { release = "true" })`), the
 * entries it certainly has.
 */
export function knownEntries(value: Value | undefined): Value | undefined {
  return isUnknown(value) ? value.entries : value;
}

/** The range written for a path, else the nearest written ancestor, else the block. */
export function rangeAt(item: Configured, path: string): Range {
  let key = path;
  for (;;) {
    const range = item.ranges[key];
    if (range) return range;
    if (key === '') throw new Error(`no block range for ${item.address ?? 'item'}`);
    key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
  }
}

/**
 * Where the value at a path is written: in the block, else, when it comes through variables, the
 * nearest place outside that writes it (`tags = var.tags`, with `Purpose = …` in the module call),
 * else the nearest written ancestor.
 */
export function writtenAt(item: Configured, path: string): Range {
  return item.ranges[path] ?? item.origins?.[path]?.[0] ?? rangeAt(item, path);
}

export function blockRange(item: Configured): Range {
  return rangeAt(item, '');
}

export function source(item: Configured & { readonly address: string }): Source {
  return { address: item.address, range: blockRange(item) };
}

/** A block of a resource as a source of its own: `rule.0` of a policy; `''` is the resource. */
export function sourceAt(item: Configured & { readonly address: string }, path: string): Source {
  return { address: item.address, range: rangeAt(item, path) };
}

type Parse<T> = (value: Value) => T | undefined;

/**
 * An argument as a fact: known value, `Unknown`, or `undefined` when not written. A value of the
 * wrong type (e.g. `True`, which Terraform reads as a reference) is unknown, not absent. `words`
 * are the values, in lower case, of a setting judged by which word it is (a canned ACL).
 */
export function attr<T>(
  item: Configured,
  path: string,
  parse: Parse<T>,
  words?: ReadonlySet<string>,
): Attr<T> {
  const raw = valueAt(item.values, path);
  const range = rangeAt(item, path);
  if (raw === undefined || raw === null) return { value: undefined, range };
  if (isUnknown(raw)) return { value: throughMark(raw, parse, words) ?? saidAt(raw, range), range };
  const parsed = parse(raw);
  return { value: parsed === undefined ? unknownOf(raw) : parsed, range };
}

/**
 * The value with the reason a message at `range` gives: an error written in the attribute itself
 * is said without its name and place, as the `eval-invalid` warning there says it.
 */
function saidAt(raw: Unknown, range: Range): Unknown {
  const reason = reasonAt(raw, range);
  return reason === raw.reason ? raw : unknown(raw.refs, reason);
}

/**
 * A sensitive flag, or a sensitive setting that is one of its words, as its value: the mark must
 * not make `acl = sensitive("public-read")` less public than `acl = "public-read"`. A credential
 * is neither, so any other sensitive value stays hidden, and never reaches a message.
 */
function throughMark<T>(raw: Unknown, parse: Parse<T>, words?: ReadonlySet<string>): T | undefined {
  if (!(raw instanceof Sensitive)) return undefined;
  const value = parse(raw.unmarked());
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && words?.has(value.trim().toLowerCase()) ? value : undefined;
}

export const stringAttr = (
  item: Configured,
  path: string,
  words?: ReadonlySet<string>,
): Attr<string> => attr(item, path, asString, words);
export const boolAttr = (item: Configured, path: string): Attr<boolean> =>
  attr(item, path, asBoolean);
/** A number, or a string Terraform converts to one (`priority = "2147483647"`). */
export const numberAttr = (item: Configured, path: string): Attr<number> =>
  attr(item, path, asNumber);

/** A written value of the wrong type: unknown, with the value in the reason for messages. */
function unknownOf(raw: Value): Unknown {
  return unknown([], `unexpected value ${JSON.stringify(raw)}`);
}

/**
 * Whether a value of `near` not known before apply is a reference and nothing else, or one in a
 * template (`folders/${…folder_id}`). In an HCL scan its refs do not tell: those of
 * `coalesce(var.parent, google_folder.f.name)` and `element([google_folder.f.name, "organizations/1"], var.i)`
 * are the folder's alone when the variables have no value, and either may be another folder. A plan's unknown is what Terraform could
 * not evaluate with every variable known: what it refers to is all it can be.
 */
export function isOneReference(value: Unknown, near: { readonly origin: string }): boolean {
  if (near.origin !== 'hcl') return true;
  const unknowns = value.pieces?.filter(isUnknown) ?? [value];
  return unknowns.length === 1 && unknowns[0]?.reference !== undefined;
}
