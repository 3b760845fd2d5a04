/**
 * A block body as inventory data: evaluated values (nested blocks as lists of objects under their
 * type, `dynamic` blocks expanded) and the range of everything written, keyed by path.
 */
import { isUnknown, type Range, type RangeMap, type Value, type ValueObject } from '@posture/model';
import type { Block, Body, Expression, Span } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { bind, itemEnv, type Env } from '../eval/scope.js';
import { pairsOf } from '../eval/traversal.js';
import { settle } from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';
import { findAttribute, findBlocks, literalText } from '../syntax.js';

export interface BlockValues {
  readonly values: ValueObject;
  readonly ranges: RangeMap;
}

/** Calls whose result keeps the keys of their literal arguments, so `tags.release` has a range. */
const KEY_PRESERVING_CALLS = new Set(['jsonencode', 'merge', 'tomap', 'sensitive']);

const NOTHING: ReadonlySet<string> = new Set();

/** `skip` names meta-arguments and meta-blocks that are not values (`count`, `lifecycle`, …). */
export function evaluateBlock(block: Block, env: Env, skip = NOTHING): BlockValues {
  const ranges = new Map<string, Range>([['', spanRange(env.file, block)]]);
  const values = fill(block.body, env, '', ranges, skip);
  return { values, ranges: Object.fromEntries(ranges) };
}

function fill(
  body: Body,
  env: Env,
  path: string,
  ranges: Map<string, Range>,
  skip: ReadonlySet<string>,
): ValueObject {
  const values = new Map<string, Value>();
  const nested = (type: string, span: Span, inner: Body, innerEnv: Env): void => {
    const list = values.get(type);
    const blocks = Array.isArray(list) ? list : [];
    const at = join(path, `${type}.${blocks.length}`);
    ranges.set(at, spanRange(innerEnv.file, span));
    blocks.push(fill(inner, innerEnv, at, ranges, NOTHING));
    values.set(type, blocks);
  };
  for (const item of body.items) {
    const written = itemEnv(env, item);
    if (item.kind === 'attribute') {
      if (skip.has(item.name)) continue;
      const at = join(path, item.name);
      values.set(item.name, settle(evaluate(item.expr, written)));
      ranges.set(at, spanRange(written.file, item));
      literalRanges(item.expr, at, written.file, ranges);
    } else if (item.type === 'dynamic') {
      expandDynamic(item, written, nested);
    } else if (!skip.has(item.type)) {
      nested(item.type, item, item.body, written);
    }
  }
  return objectOf(values);
}

/**
 * `dynamic "x" { for_each = …, iterator = it, content { … } }` adds one `x` block per element.
 * With unknown elements nothing is added, and an info diagnostic says so.
 */
function expandDynamic(
  block: Block,
  env: Env,
  nested: (type: string, span: Span, inner: Body, innerEnv: Env) => void,
): void {
  const type = block.labels[0]?.value;
  const forEach = findAttribute(block.body, 'for_each');
  const [content] = findBlocks(block.body, 'content');
  if (type === undefined || !forEach || !content) return;
  const iterator = findAttribute(block.body, 'iterator');
  const name = (iterator && literalText(iterator.expr)) ?? type;
  const pairs = pairsOf(evaluate(forEach.expr, env));
  if (isUnknown(pairs)) {
    const message = `dynamic "${type}" blocks are skipped: for_each is not known (${pairs.reason ?? 'known after apply'})`;
    env.scope.diagnostics.report(
      'info',
      'eval-dynamic-unknown',
      message,
      spanRange(env.file, forEach),
    );
    return;
  }
  for (const [key, value] of pairs) {
    nested(
      type,
      block,
      content.body,
      bind(env, {
        [name]: objectOf([
          ['key', key],
          ['value', value],
        ]),
      }),
    );
  }
}

/** Ranges of the keys and elements written literally inside an attribute's expression. */
function literalRanges(
  expr: Expression,
  path: string,
  file: string,
  ranges: Map<string, Range>,
): void {
  switch (expr.type) {
    case 'object':
      for (const item of expr.items) {
        const key = literalText(item.key);
        if (key === undefined) continue;
        ranges.set(join(path, key), spanRange(file, item));
        literalRanges(item.value, join(path, key), file, ranges);
      }
      return;
    case 'tuple':
      expr.items.forEach((item, i) => {
        ranges.set(join(path, String(i)), spanRange(file, item));
        literalRanges(item, join(path, String(i)), file, ranges);
      });
      return;
    case 'parens':
      return literalRanges(expr.expr, path, file, ranges);
    case 'call':
      if (KEY_PRESERVING_CALLS.has(expr.name)) {
        for (const arg of expr.args) literalRanges(arg, path, file, ranges);
      }
      return;
    default:
      return;
  }
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
