import type { Range, Value } from '@posture/model';
import type { Attribute, Block } from '../ast.js';
import type { DiagnosticLog } from '../diagnostics.js';
import type { GlobPattern } from '../functions/fileset-pattern.js';
import type { FunctionTable } from '../functions/function.js';
import type { ValuePath } from './origins.js';
import { invalid } from './unknowns.js';

/** Addresses of the resources whose known attribute values an evaluation read. */
export type RefSink = Set<string>;

/** Names bound by the surrounding construct: `count`, `each`, `for` variables, a dynamic iterator. */
export type Bindings = ReadonlyMap<string, Value>;

/** Reads files for `file()`, `templatefile()` and friends, never outside the scan root. */
export interface FileAccess {
  /**
   * The file's bytes; else `missing` when nothing is at the path, or `refused` when what is there
   * was not read (outside the root, not a regular file, unreadable: reported at `at`).
   */
  read(path: string, at: Range): Buffer | 'missing' | 'refused';
  /** Whether a file is at the path; undefined when it is outside the root (reported at `at`). */
  exists(path: string, at: Range): boolean | undefined;
  /** Whether the path is inside the root; when it is not, that is reported at `at`. */
  inside(path: string, at: Range): boolean;
  /**
   * The regular files below the pattern's `base` that its parts match (`fileset`), as paths from
   * the base; else why they are not known, which is reported at `at`: the directory, or a link a
   * match leads through, is outside the root, or there are too many entries to look at.
   */
  glob(pattern: GlobPattern, at: Range): readonly string[] | { readonly unread: string };
}

/** What the names an expression cannot resolve locally mean: the module instance around it. */
export interface Scope {
  /** Resolves a root name no binding holds: `var`, `local`, `module`, `data`, `path`, a resource type. */
  lookup(name: string): Value;
  readonly files?: FileAccess;
  readonly diagnostics: DiagnosticLog;
  /** Inside a `templatefile` template, which may not call `templatefile` again. */
  readonly inTemplate?: boolean;
  /** Functions of this scope besides Terraform's (Terragrunt's in a `terragrunt.hcl`). */
  readonly functions?: FunctionTable;
  /**
   * Where `var.<name>` or `local.<name>` is set at `path`, nearest first (`originsOf`); a scope
   * without it (constants) traces nothing.
   */
  origins?(root: 'var' | 'local', name: string, path: ValuePath, depth: number): readonly Range[];
}

export interface Env {
  readonly scope: Scope;
  /** The file the expression is written in, for diagnostics. */
  readonly file: string;
  /**
   * In a `templatefile` template, the template as the call names it (`./name.tftpl`): it is where
   * the expression is written, its lines one fewer than those of the heredoc it is parsed as.
   */
  readonly template?: string;
  readonly bindings: Bindings;
  readonly sink: RefSink;
  /**
   * Where the collection that an iterator walks is set at `path`, by the name the iterator is bound
   * to (`each`, a `dynamic` block's `origin` or `iterator = o`), for `originsOf`.
   */
  readonly iterated?: ReadonlyMap<string, IteratedOrigins>;
}

/** Where a `for_each` value is set at `path`: its entry's key, then keys inside the entry. */
export type IteratedOrigins = (path: ValuePath, depth: number) => readonly Range[];

const NO_BINDINGS: Bindings = new Map();

/** `env` for an item of a block; an item an override file merged in is written in that file. */
export function itemEnv(env: Env, item: Attribute | Block): Env {
  return item.mergedFrom === undefined ? env : { ...env, file: item.mergedFrom };
}

export function bind(env: Env, values: Readonly<Record<string, Value>>): Env {
  const bindings = new Map(env.bindings);
  for (const [name, value] of Object.entries(values)) bindings.set(name, value);
  return { ...env, bindings };
}

/** `env` where `name` iterates a collection whose entries are set where `origins` says. */
export function iterating(env: Env, name: string, origins: IteratedOrigins): Env {
  return { ...env, iterated: new Map(env.iterated).set(name, origins) };
}

/** Binds the variables of a `for` (expression or template directive) to one key/value pair. */
export function bindLoop(
  env: Env,
  keyVar: string | undefined,
  valueVar: string,
  key: Value,
  value: Value,
): Env {
  return bind(
    env,
    keyVar === undefined ? { [valueVar]: value } : { [keyVar]: key, [valueVar]: value },
  );
}

/** A scope with no names at all: variable defaults and `.tfvars` values are constants. */
export function constantScope(diagnostics: DiagnosticLog): Scope {
  return { lookup: (name) => invalid(`${name} is not available in a constant`), diagnostics };
}

export function constantEnv(diagnostics: DiagnosticLog, file: string): Env {
  return { scope: constantScope(diagnostics), file, bindings: NO_BINDINGS, sink: new Set() };
}
