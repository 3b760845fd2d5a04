/**
 * Where the values an expression reads are set: the module argument, `.tfvars` item, variable
 * default, local or `for_each` entry that an argument takes its value from. A finding in a shared
 * module is decided by a line elsewhere (`bin = { public_read = true }` in `prod.tfvars`), and a
 * report points there too. The reading is syntactic: every reference counts, whichever branch of
 * a conditional is taken, and a value is followed key by key only through what is written
 * literally (objects and tuples), else as a whole.
 */
import { compareRanges, isObject, type Range } from '@posture/model';
import type { Attribute, Expression, Span, TemplatePart } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { literalText } from '../syntax.js';
import { evaluate } from './expressions.js';
import { itemEnv, type Env } from './scope.js';

/** Keys into a value: attribute names, map keys and list indexes. */
export type ValuePath = readonly (string | number)[];

/** A place a value is written: a module argument, a `.tfvars` item, a default, a local. */
export interface Written {
  /** The whole item, `name = value`. */
  readonly span: Span;
  readonly expr: Expression;
  readonly file: string;
  /** Where the names in `expr` are resolved; none for a constant (a `.tfvars` value, a default). */
  readonly env?: Env;
}

/** An argument, local or `for_each` as written, its names resolved in `env` (`itemEnv`). */
export function writtenIn(env: Env, item: Attribute): Written & { readonly env: Env } {
  const itsEnv = itemEnv(env, item);
  return { span: item, expr: item.expr, file: itsEnv.file, env: itsEnv };
}

/** How many places one value names at most, nearest first; more would bury the finding. */
export const MAX_ORIGINS = 8;

/** How many variables and locals deep a value is followed. */
export const MAX_ORIGIN_DEPTH = 64;

/** The places, nearest first, where what `expr` holds at `path` is set outside it. */
export function originsOf(
  expr: Expression,
  env: Env,
  path: ValuePath = [],
  depth = 0,
): readonly Range[] {
  if (depth > MAX_ORIGIN_DEPTH || !env.scope.origins) return [];
  switch (expr.type) {
    case 'object':
    case 'tuple': {
      if (path.length === 0) return capped(wholly(literalParts(expr), env, depth));
      const [key, ...rest] = path;
      const item = literalItem(expr, key!);
      return item ? originsOf(item.value, env, rest, depth) : [];
    }
    case 'parens':
      return originsOf(expr.expr, env, path, depth);
    case 'template':
      return capped(wholly(expr.parts.flatMap(templateExprs), env, depth));
    case 'variable':
    case 'getattr':
    case 'index':
      return traversal(expr, env, path, depth);
    case 'call':
      return capped(
        KEY_PRESERVING_CALLS.has(expr.name)
          ? expr.args.flatMap((arg) => originsOf(arg, env, path, depth))
          : wholly(expr.args, env, depth),
      );
    case 'conditional':
      return capped([
        ...originsOf(expr.condition, env, [], depth),
        ...originsOf(expr.then, env, path, depth),
        ...originsOf(expr.else, env, path, depth),
      ]);
    case 'binary':
      return capped(wholly([expr.left, expr.right], env, depth));
    case 'unary':
      return originsOf(expr.operand, env, [], depth);
    case 'splat':
      return originsOf(expr.source, env, [], depth);
    case 'for':
      return capped(
        wholly(
          [expr.collection, expr.keyExpr, expr.valueExpr, expr.condition].filter(
            (e) => e !== undefined,
          ),
          env,
          depth,
        ),
      );
    case 'literal':
    case 'anon':
    case 'invalid':
      return [];
  }
}

/** Where what each of `parts` holds, as a whole, is set. */
function wholly(parts: readonly Expression[], env: Env, depth: number): readonly Range[] {
  return parts.flatMap((part) => originsOf(part, env, [], depth));
}

/**
 * Where a written value is set at `path`: the item itself when the path leads to something written
 * there (`public_read = each.value.public_read`, or `Purpose = …` inside `tags = { … }`), then
 * wherever what it reads is set.
 */
export function fromWritten(written: Written, path: ValuePath, depth: number): readonly Range[] {
  let span: Span = written.span;
  let expr = written.expr;
  let rest = path;
  for (let item = rest[0] === undefined ? undefined : literalItem(expr, rest[0]); item;) {
    span = item;
    expr = item.value;
    rest = rest.slice(1);
    item = rest[0] === undefined ? undefined : literalItem(expr, rest[0]);
  }
  const here = rest.length === 0 ? [spanRange(written.file, span)] : [];
  const further = written.env ? originsOf(expr, written.env, rest, depth + 1) : [];
  return capped([...here, ...further]);
}

/** Calls whose result keeps the keys of their arguments: a key is looked for in each. */
export const KEY_PRESERVING_CALLS = new Set(['jsonencode', 'merge', 'tomap', 'sensitive']);

/** `var.a.b["c"]`, `local.x`, `each.value.y`: what is set where the traversal starts. */
function traversal(expr: Expression, env: Env, path: ValuePath, depth: number): readonly Range[] {
  const steps: (string | number | undefined)[] = [];
  const keys: Expression[] = [];
  let at = expr;
  for (; at.type === 'getattr' || at.type === 'index'; at = at.object) {
    const step = at.type === 'getattr' ? at.name : knownKey(at.key, env);
    if (step === undefined && at.type === 'index') keys.push(at.key);
    steps.unshift(step);
  }
  // A key not known stops the path there; what decides the key decides the value too.
  const unknownAt = steps.indexOf(undefined);
  const full = unknownAt === -1 ? [...steps, ...path] : steps.slice(0, unknownAt);
  const fromKeys = keys.flatMap((key) => originsOf(key, env, [], depth));
  const head =
    at.type === 'variable'
      ? rootOrigins(at.name, full as ValuePath, env, depth)
      : originsOf(at, env, [], depth);
  return capped([...head, ...fromKeys]);
}

function rootOrigins(root: string, path: ValuePath, env: Env, depth: number): readonly Range[] {
  if (env.bindings.has(root)) return iteratorOrigins(root, path, env, depth);
  if (root !== 'var' && root !== 'local') return [];
  const [name, ...rest] = path;
  if (typeof name !== 'string') return [];
  return env.scope.origins?.(root, name, rest, depth + 1) ?? [];
}

/**
 * `each.value.x` is the `for_each` value at `[each.key, "x"]`, and `each.key` names its entry; so
 * for a `dynamic` block's iterator (`origin.value.x`). A bound name that iterates nothing (`count`)
 * has no origins.
 */
function iteratorOrigins(name: string, path: ValuePath, env: Env, depth: number): readonly Range[] {
  const origins = env.iterated?.get(name);
  const bound = env.bindings.get(name);
  const key = isObject(bound) ? bound.key : undefined;
  const [field, ...rest] = path;
  if (!origins || (typeof key !== 'string' && typeof key !== 'number')) return [];
  if (field === 'value') return origins([key, ...rest], depth);
  return field === 'key' ? origins([key], depth) : [];
}

/** An index written literally, or read from the names bound around it (`each.key`). */
function knownKey(expr: Expression, env: Env): string | number | undefined {
  if (expr.type === 'literal' && typeof expr.value === 'number') return expr.value;
  const text = literalText(expr);
  if (text !== undefined && expr.type !== 'variable') return text;
  let root = expr;
  while (root.type === 'getattr' || root.type === 'index') root = root.object;
  if (root.type !== 'variable' || !env.bindings.has(root.name)) return undefined;
  const value = evaluate(expr, env);
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** The item of an object or tuple written literally that holds `key`, the last when repeated. */
function literalItem(
  expr: Expression,
  key: string | number,
): (Span & { readonly value: Expression }) | undefined {
  if (expr.type === 'parens') return literalItem(expr.expr, key);
  if (expr.type === 'tuple') {
    const item = typeof key === 'number' ? expr.items[key] : undefined;
    return item && { start: item.start, end: item.end, value: item };
  }
  if (expr.type !== 'object') return undefined;
  return expr.items.findLast((item) => literalText(item.key) === String(key));
}

function literalParts(expr: Expression): Expression[] {
  if (expr.type === 'tuple') return [...expr.items];
  if (expr.type !== 'object') return [];
  // A bare identifier key is the string it spells, not a reference.
  return expr.items.flatMap((item) =>
    item.key.type === 'variable' ? [item.value] : [item.key, item.value],
  );
}

function templateExprs(part: TemplatePart): Expression[] {
  switch (part.type) {
    case 'literal':
      return [];
    case 'interpolation':
      return [part.expr];
    case 'if':
      return [part.condition, ...[...part.then, ...(part.else ?? [])].flatMap(templateExprs)];
    case 'for':
      return [part.collection, ...part.body.flatMap(templateExprs)];
  }
}

/** Origins computed once per key; asked for again while being computed (a cycle), none. */
export class OriginMemo {
  private readonly done = new Map<string, readonly Range[]>();

  get(key: string, compute: () => readonly Range[]): readonly Range[] {
    const found = this.done.get(key);
    if (found) return found;
    this.done.set(key, []);
    const computed = compute();
    this.done.set(key, computed);
    return computed;
  }
}

/** Each place once, in the order first met, and no more than `MAX_ORIGINS`. */
export function capped(ranges: readonly Range[]): readonly Range[] {
  const kept: Range[] = [];
  for (const range of ranges) {
    if (kept.length === MAX_ORIGINS) break;
    if (!kept.some((other) => compareRanges(other, range) === 0)) kept.push(range);
  }
  return kept;
}
