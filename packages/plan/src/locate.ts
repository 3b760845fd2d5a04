import type { DuplicateKey } from '@posture/model';
import {
  eachMember,
  isArrayAt,
  isObjectAt,
  skipSpace,
  valueEnd,
  type KeyTally,
} from './json-text.js';

/** Where a JSON value lies in the text: `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Located {
  readonly spans: ReadonlyMap<string, Span>;
  /**
   * The first key given twice in an object the loader reads the keys of (the document, its module
   * trees, a resource object, a module call, a provider block): `JSON.parse` keeps the last, so a
   * second `"planned_values"` or `"values"` would silently replace what a reader of the file sees.
   */
  readonly duplicate?: DuplicateKey;
  /**
   * How many keys the text's objects hold, as written: more than `JSON.parse` made means a key is
   * given twice in an object whose keys are not read here, a resource's values among them.
   */
  readonly keys: number;
}

type JsonPath = readonly (string | number)[];

/**
 * The spans of the resource objects (plan, state and prior state), module calls and provider
 * blocks, by JSON pointer, in text `JSON.parse` has accepted. One pass: it descends only into the
 * objects on the way to those and steps over everything else.
 */
export function locate(text: string): Located {
  const spans = new Map<string, Span>();
  const tally: KeyTally = { keys: 0 };
  let duplicate: DuplicateKey | undefined;
  /** Reads an object's members with `member`, noting its first key given twice. */
  const members = (start: number, member: (key: string | number, value: number) => number) => {
    // An array's members are indexes, never given twice.
    const keys = isObjectAt(text, start) ? new Set<string | number>() : undefined;
    return eachMember(text, start, (key, at, value) => {
      if (keys?.has(key)) duplicate ??= { key: String(key), offset: at };
      keys?.add(key);
      if (keys) tally.keys++;
      return member(key, value);
    });
  };
  const walk = (path: JsonPath, start: number): number => {
    const kind = isObjectAt(text, start) ? classify(path) : 'none';
    // Arrays are walked: those on the way (`resources`, `child_modules`) hold what is looked for.
    if (kind === 'prefix' || isArrayAt(text, start)) {
      return members(start, (key, value) => walk([...path, key], value));
    }
    if (kind === 'none') return valueEnd(text, start, tally);
    const end = members(start, (_key, value) => valueEnd(text, value, tally));
    spans.set(pointer(path), { start, end });
    return end;
  };
  walk([], skipSpace(text, 0));
  return duplicate ? { spans, duplicate, keys: tally.keys } : { spans, keys: tally.keys };
}

/** RFC 6901 JSON pointer of a path, the key the loader looks spans up by. */
export function pointer(path: readonly (string | number)[]): string {
  let key = '';
  for (const segment of path) key += `/${escapeSegment(String(segment))}`;
  return key;
}

function escapeSegment(segment: string): string {
  return /[~/]/.test(segment) ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

/**
 * What the object at `path` is: a resource (`(planned_values|values|prior_state.values).root_module
 * (.child_modules[i])*.resources[j]`), a configuration block (`configuration.provider_config[key]`
 * or `configuration.root_module(.module_calls[a].module)*.module_calls[b]`), an object on the way
 * to those (`prefix`), or none of them.
 */
function classify(path: JsonPath): 'resource' | 'block' | 'prefix' | 'none' {
  if (path.length <= 1) return 'prefix';
  if (path[0] === 'planned_values' || path[0] === 'values') return classifyModules(path, 1);
  if (path[0] === 'prior_state') return path[1] === 'values' ? classifyModules(path, 2) : 'none';
  if (path[0] !== 'configuration') return 'none';
  if (path[1] === 'provider_config') {
    if (path.length === 2) return 'prefix';
    return path.length === 3 ? 'block' : 'none';
  }
  return path[1] === 'root_module' ? classifyCalls(path, 2) : 'none';
}

function classifyModules(path: JsonPath, section: number): 'resource' | 'prefix' | 'none' {
  if (path.length === section) return 'prefix';
  if (path[section] !== 'root_module') return 'none';
  for (let i = section + 1; ; i += 2) {
    if (path.length === i) return 'prefix';
    if (path[i] === 'resources') return path.length === i + 2 ? 'resource' : 'none';
    if (path[i] !== 'child_modules') return 'none';
  }
}

function classifyCalls(path: JsonPath, module: number): 'block' | 'prefix' | 'none' {
  for (let i = module; ; i += 3) {
    if (path.length === i) return 'prefix';
    if (path[i] !== 'module_calls') return 'none';
    if (path.length === i + 1) return 'prefix';
    if (path.length === i + 2) return 'block';
    if (path[i + 2] !== 'module') return 'none';
  }
}
