/**
 * YAML aliases and merge keys. An alias (`*name`) has the value its anchor (`&name`) writes; a
 * merge key (`<<: *name`, `<<: [*a, *b]`) gives its mapping the keys of the mappings it names that
 * the mapping does not write itself, the first one listed winning. js-yaml resolves both, so the
 * data has at several places a value the file writes once: each such place is found here with
 * where its value is written, to be read there as the place that has it (GitLab, GitHub, CircleCI
 * and Bitbucket all run an aliased step or script as if it were written out).
 */
import type { EventType, State } from 'js-yaml';
import {
  isRecord,
  isUnder,
  valueAt,
  writtenValues,
  type Alias,
  type ParseFailure,
  type Path,
} from './doc.js';
import { pushAll } from '@posture/model';

/** An anchor (`&`) or an alias (`*`) as js-yaml reads it. */
export interface Property {
  readonly kind: '&' | '*';
  readonly name: string;
  /** Offset of its `&` or `*`. */
  readonly offset: number;
  /** Which document of the stream holds it: each has anchors of its own. */
  readonly document: number;
  /** The value an anchor names, which an alias has. */
  readonly value: unknown;
}

/** What js-yaml's parser state holds that its types leave out. */
type ParserState = Omit<State, 'kind'> & {
  readonly kind: string | null;
  readonly anchor: string | null;
  readonly tag: string | null;
};

/**
 * A js-yaml listener that records each anchor and alias it reads in `found`, by offset: the parser
 * backtracks on some nodes and reads them twice.
 */
export function propertyListener(
  text: string,
  found: Map<number, Property>,
): (event: EventType, state: State) => void {
  const opened: number[] = [];
  let document = -1;
  return (event, state) => {
    if (event === 'open') {
      // A document's root is the node opened while none is.
      if (opened.length === 0) document++;
      opened.push(state.position);
      return;
    }
    const opening = opened.pop() ?? 0;
    const { kind, anchor, tag, result, position } = state as ParserState;
    // An alias is of no kind, like an empty node, but has no properties and ends past its start.
    if (kind !== null && anchor === null) return;
    let at = nodeStart(text, opening);
    if (anchor === null && tag === null && text[at] === '*' && position > at) {
      found.set(at, { kind: '*', name: nameAt(text, at + 1), offset: at, document, value: result });
    }
    while (anchor !== null && (text[at] === '&' || text[at] === '!')) {
      const end = at + 1 + nameAt(text, at + 1).length;
      if (text[at] === '&' && text.slice(at + 1, end) === anchor) {
        found.set(at, { kind: '&', name: anchor, offset: at, document, value: result });
      }
      at = nodeStart(text, end);
    }
  };
}

/** Where a node's text starts: past spaces, line breaks and comments. */
function nodeStart(text: string, pos: number): number {
  for (;;) {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
    if (text[pos] !== '#') return pos;
    const newline = text.indexOf('\n', pos);
    pos = newline < 0 ? text.length : newline;
  }
}

/**
 * Cuts each edge of the data that leads back into a value holding it, leaving `null` there. An
 * alias inside the value its anchor names (`x: &a {y: *a}`) makes js-yaml's data circular, which
 * no CI runs and which every walk of the data would follow without end; cut, the alias is not
 * followed (a warning where it is written). A depth-first walk with its own stack, each value
 * entered once: aliases of aliases share values many times over, and nest deeper than a call
 * stack goes.
 */
export function cutCycles(data: unknown): void {
  if (!isCollection(data)) return;
  const open = new Set<object>([data]);
  const closed = new Set<object>();
  const stack = [{ node: data, keys: Object.keys(data), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const key = top.keys[top.next++];
    if (key === undefined) {
      stack.pop();
      open.delete(top.node);
      closed.add(top.node);
      continue;
    }
    const child = top.node[key];
    if (!isCollection(child) || closed.has(child)) continue;
    if (open.has(child)) top.node[key] = null;
    else {
      open.add(child);
      stack.push({ node: child, keys: Object.keys(child), next: 0 });
    }
  }
}

/** A mapping or a sequence, indexed alike by its keys. */
function isCollection(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An anchor's or alias's name: up to a space, a line break or a flow indicator. */
const NAME = /[^\s,[\]{}]*/y;

function nameAt(text: string, pos: number): string {
  NAME.lastIndex = pos;
  return NAME.exec(text)?.[0] ?? '';
}

/**
 * At most this many places of a file read aliased values: an alias inside what another names is
 * read at each of its places, and ten aliases of ten aliases, ten levels deep, are ten billion.
 */
const MAX_ALIAS_READINGS = 10_000;

/**
 * Each place of a document's data whose value an alias or a merge key gives (see `Alias`), and
 * each alias inside such a value at its place there, in the order written; and the aliases that
 * could not be followed to the value they name, where they are written. `pathAt` is the path of
 * what the document writes at an offset, `isWritten` whether it writes a value at a path.
 */
export function followAliases(
  properties: readonly Property[],
  data: unknown,
  pathAt: (offset: number) => Path | undefined,
  isWritten: (path: Path) => boolean,
): { aliases: Alias[]; unfollowed: ParseFailure[] } {
  const anchors = placedAnchors(properties, data, pathAt);
  const unfollowed = new Map<number, ParseFailure>();
  const notFollowed = ({ offset, name }: Property) =>
    unfollowed.set(offset, {
      offset,
      message: `YAML alias *${name.slice(0, 64)} could not be followed to the value it names; that value is not read where the alias uses it`,
    });
  const uses: Use[] = [];
  const merges = new Map<string, { mapping: Path; sources: MergeSource[] }>();
  for (const alias of properties) {
    if (alias.kind !== '*') continue;
    const anchor = anchors.findLast(
      (a) => a.name === alias.name && a.offset < alias.offset && Object.is(a.value, alias.value),
    );
    const at = pathAt(alias.offset);
    const merge = at && mergePlace(at);
    // Inside the value it names, an alias would hold that value inside itself without end.
    if (anchor && at && isUnder(at, anchor.path)) notFollowed(alias);
    else if (anchor && at && Object.is(valueAt(data, at), alias.value)) {
      uses.push({ alias, from: anchor.path, to: at });
    } else if (anchor && merge && isRecord(alias.value)) {
      const key = JSON.stringify(merge.mapping);
      const sources = merges.get(key)?.sources ?? [];
      merges.set(key, { mapping: merge.mapping, sources });
      sources[merge.index] = { alias, path: anchor.path, value: alias.value };
    } else notFollowed(alias);
  }
  for (const { mapping, sources } of merges.values())
    pushAll(uses, mergedKeys(data, mapping, sources));
  uses.sort((a, b) => a.alias.offset - b.alias.offset);
  const aliases: Alias[] = [];
  for (const { alias, from, to } of uses) {
    // What an alias names was written, and its own aliases found, before it.
    const values = writtenValues(aliases, from, to);
    if (aliases.length + values.length > MAX_ALIAS_READINGS) {
      const message = `More than ${MAX_ALIAS_READINGS} places have aliased values; from this YAML alias on, they are not read where they are used`;
      unfollowed.set(alias.offset, { offset: alias.offset, message });
      break;
    }
    // A value written where the outline has no path (inside a flow mapping) has no text to read.
    if (!isWritten(values[0]!.from)) notFollowed(alias);
    pushAll(aliases, values);
  }
  return { aliases, unfollowed: [...unfollowed.values()].sort((a, b) => a.offset - b.offset) };
}

/** An alias's or merged key's place (`to`) and where its value is written (`from`). */
interface Use extends Alias {
  readonly alias: Property;
}

/** A mapping a merge key's alias names, where its anchor writes it. */
interface MergeSource {
  readonly alias: Property;
  readonly path: Path;
  readonly value: Record<string, unknown>;
}

/** An anchor with the path of the value it names, as the document writes it. */
type PlacedAnchor = Property & { readonly path: Path };

/** The anchors whose value is at the path written at their offset (not the key an anchor may precede). */
function placedAnchors(
  properties: readonly Property[],
  data: unknown,
  pathAt: (offset: number) => Path | undefined,
): PlacedAnchor[] {
  return properties.flatMap((property) => {
    const path = property.kind === '&' ? pathAt(property.offset) : undefined;
    return path && Object.is(valueAt(data, path), property.value) ? [{ ...property, path }] : [];
  });
}

/** The mapping a merge key's alias at `path` merges into, and the alias's place in its list. */
function mergePlace(path: Path): { mapping: Path; index: number } | undefined {
  const last = path[path.length - 1];
  if (last === '<<') return { mapping: path.slice(0, -1), index: 0 };
  if (typeof last === 'number' && path[path.length - 2] === '<<')
    return { mapping: path.slice(0, -2), index: last };
  return undefined;
}

/**
 * The keys that merge keys give `mapping`, each from the first mapping listed that has it, but
 * those the mapping writes itself.
 */
function mergedKeys(data: unknown, mapping: Path, sources: readonly MergeSource[]): Use[] {
  const taken = new Set<string>();
  const uses: Use[] = [];
  for (const { alias, path, value } of sources.filter(Boolean)) {
    for (const [key, merged] of Object.entries(value)) {
      if (taken.has(key)) continue;
      taken.add(key);
      if (Object.is(valueAt(data, [...mapping, key]), merged))
        uses.push({ alias, from: [...path, key], to: [...mapping, key] });
    }
  }
  return uses;
}
