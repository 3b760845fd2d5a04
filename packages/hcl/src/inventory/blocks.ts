/**
 * A block body as inventory data: evaluated values (nested blocks as lists of objects under their
 * type, `dynamic` blocks expanded), the range of everything written, and where the values it reads
 * are set (`originsOf`), keyed by path.
 */
import {
  addedReason,
  isObject,
  isUnknown,
  Unknown,
  type OriginMap,
  type Range,
  type RangeMap,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { Attribute, Block, Body, Expression, Span } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { fromWritten, KEY_PRESERVING_CALLS, originsOf, writtenIn } from '../eval/origins.js';
import { bind, itemEnv, iterating, type Env } from '../eval/scope.js';
import { pairsOf } from '../eval/traversal.js';
import {
  reasonAt,
  reportInvalid,
  reportTooLarge,
  settle,
  tooLarge,
  type TooLarge,
} from '../eval/unknowns.js';
import { objectOf } from '../eval/values.js';
import { findAttribute, findBlocks, literalText } from '../syntax.js';

export interface BlockValues {
  readonly values: ValueObject;
  readonly ranges: RangeMap;
  readonly origins?: OriginMap;
}

/** What `fill` records of a block, by path, and how many blocks its `dynamic` blocks made. */
interface Places {
  /** The block's address as Terraform writes it (`aws_s3_bucket.rel`), for messages. */
  readonly block: string;
  readonly ranges: Map<string, Range>;
  readonly origins: Map<string, readonly Range[]>;
  dynamicBlocks: number;
  /** What stands for the blocks of each `dynamic` block past the bound, reported once. */
  tooMany?: TooLarge;
}

/**
 * The most blocks the `dynamic` blocks of one block may make between them. Nested ones multiply
 * (eight levels over `range(1000)` ask for 10^24); no provider takes nearly as many nested blocks
 * in one resource (S3 takes 1,000 lifecycle rules, 100 CORS rules).
 */
export const MAX_DYNAMIC_BLOCKS = 10_000;

const NOTHING: ReadonlySet<string> = new Set();

/** `skip` names meta-arguments and meta-blocks that are not values (`count`, `lifecycle`, …). */
export function evaluateBlock(block: Block, env: Env, skip = NOTHING): BlockValues {
  const places: Places = {
    block: addressOf(block),
    ranges: new Map([['', spanRange(env.file, block)]]),
    origins: new Map(),
    dynamicBlocks: 0,
  };
  const values = fill(block.body, env, '', places, skip);
  return {
    values,
    ranges: Object.fromEntries(places.ranges),
    ...(places.origins.size > 0 && { origins: Object.fromEntries(places.origins) }),
  };
}

function fill(
  body: Body,
  env: Env,
  path: string,
  places: Places,
  skip: ReadonlySet<string>,
): ValueObject {
  const { ranges } = places;
  const values = new Map<string, Value>();
  const nested = (type: string, span: Span, inner: Body, innerEnv: Env): void => {
    // Blocks of a type some of which are not known leave them all unknown (`expandDynamic`).
    if (isUnknown(values.get(type))) return;
    const list = values.get(type);
    const blocks = Array.isArray(list) ? list : [];
    const at = join(path, `${type}.${blocks.length}`);
    ranges.set(at, spanRange(innerEnv.file, span));
    blocks.push(fill(inner, innerEnv, at, places, NOTHING));
    values.set(type, blocks);
  };
  for (const item of body.items) {
    const written = itemEnv(env, item);
    if (item.kind === 'attribute') {
      if (skip.has(item.name)) continue;
      const at = join(path, item.name);
      const evaluated = evaluate(item.expr, written);
      const range = spanRange(written.file, item);
      reportInvalid(evaluated, `${places.block}: ${at}`, env.scope.diagnostics, range);
      const value = settle(evaluated);
      values.set(item.name, value);
      const record = (where: string, span: Span, expr: Expression) => {
        ranges.set(where, spanRange(written.file, span));
        addOrigins(places, where, originsOf(expr, written));
      };
      record(at, item, item.expr);
      literalItems(item.expr, at, record);
      // What reads nothing set elsewhere has no key that does.
      if (places.origins.has(at)) keyOrigins(item.expr, written, at, value, places);
    } else if (item.type === 'dynamic') {
      expandDynamic(item, written, places, nested, (type, value, forEach) => {
        values.set(type, value);
        // What reads the blocks not made points at the `dynamic` block, not at the resource, and
        // at where what its `for_each` reads is set (the module call's argument, the `.tfvars`).
        const at = join(path, type);
        if (ranges.has(at)) return;
        ranges.set(at, spanRange(written.file, item));
        addOrigins(places, at, originsOf(forEach.expr, written));
      });
    } else if (!skip.has(item.type)) {
      nested(item.type, item, item.body, written);
    }
  }
  return objectOf(values);
}

/** `aws_s3_bucket.rel`, `data.aws_iam_policy_document.p`, `module.m`, `provider.aws`. */
function addressOf(block: Block): string {
  const labels = block.labels.map((label) => label.value);
  return (block.type === 'resource' ? labels : [block.type, ...labels]).join('.');
}

/**
 * `dynamic "x" { for_each = …, iterator = it, content { … } }` adds one `x` block per element.
 * With elements not known before apply, the `x` blocks are unknown, static ones written beside
 * them too, as a plan has them, and an info diagnostic says so. Past `MAX_DYNAMIC_BLOCKS` made in
 * the block, the `x` blocks are a value too large to evaluate (an error where the `for_each` is).
 * Either way, what was not made is not read as no blocks, and its range is the first `dynamic`
 * block that left it unmade.
 */
function expandDynamic(
  block: Block,
  env: Env,
  places: Places,
  nested: (type: string, span: Span, inner: Body, innerEnv: Env) => void,
  refuse: (type: string, value: Unknown, forEach: Attribute) => void,
): void {
  const type = block.labels[0]?.value;
  const forEach = findAttribute(block.body, 'for_each');
  const [content] = findBlocks(block.body, 'content');
  if (type === undefined || !forEach || !content) return;
  const iterator = findAttribute(block.body, 'iterator');
  const name = (iterator && literalText(iterator.expr)) ?? type;
  const pairs = pairsOf(evaluate(forEach.expr, env));
  if (isUnknown(pairs)) {
    const range = spanRange(env.file, forEach);
    const why = addedReason(reasonAt(pairs, range));
    const message = `the ${type} blocks of ${places.block} are not known before apply: the for_each of a dynamic "${type}" block is not known${why === undefined ? '' : ` (${why})`}`;
    env.scope.diagnostics.report('info', 'eval-dynamic-unknown', message, range);
    // An error in it is one as in any attribute the scan reads.
    reportInvalid(
      pairs,
      `${places.block}: dynamic "${type}" for_each`,
      env.scope.diagnostics,
      range,
    );
    // A fresh unknown: what is known of the collection (its entries) is not what the blocks hold.
    refuse(type, new Unknown(pairs.refs, pairs.reason), forEach);
    return;
  }
  // `origin.value.domain` is set where the `for_each` entry is, as `each.value.domain` is.
  const entries = writtenIn(env, forEach);
  const contentEnv = iterating(env, name, (path, depth) => fromWritten(entries, path, depth));
  for (const [key, value] of pairs) {
    if (++places.dynamicBlocks > MAX_DYNAMIC_BLOCKS) {
      places.tooMany ??= tooLarge(`dynamic blocks making more than ${MAX_DYNAMIC_BLOCKS} blocks`);
      reportTooLarge(places.tooMany, env.scope.diagnostics, spanRange(env.file, forEach));
      refuse(type, places.tooMany, forEach);
      return;
    }
    nested(
      type,
      block,
      content.body,
      bind(contentEnv, {
        [name]: objectOf([
          ['key', key],
          ['value', value],
        ]),
      }),
    );
  }
}

/** The keys and elements written literally inside an attribute's expression, by path. */
function literalItems(
  expr: Expression,
  path: string,
  visit: (path: string, span: Span, value: Expression) => void,
): void {
  switch (expr.type) {
    case 'object':
      for (const item of expr.items) {
        const key = literalText(item.key);
        if (key === undefined) continue;
        visit(join(path, key), item, item.value);
        literalItems(item.value, join(path, key), visit);
      }
      return;
    case 'tuple':
      expr.items.forEach((item, i) => {
        visit(join(path, String(i)), item, item);
        literalItems(item, join(path, String(i)), visit);
      });
      return;
    case 'parens':
      return literalItems(expr.expr, path, visit);
    case 'call':
      if (KEY_PRESERVING_CALLS.has(expr.name)) {
        for (const arg of expr.args) literalItems(arg, path, visit);
      }
      return;
    default:
      return;
  }
}

/**
 * The most keys of a map traced one by one: a map of tags or labels holds at most 50 (AWS) or 64
 * (Google); tracing each key of a map of 300,000 would cost more than evaluating it.
 */
const MAX_TRACED_KEYS = 64;

/**
 * Where each key of a map that is not written in the block is set (`tags = var.tags`, with
 * `Purpose` set in the module call): the place a tag is written, for release evidence.
 */
function keyOrigins(expr: Expression, env: Env, path: string, value: Value, places: Places): void {
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length > MAX_TRACED_KEYS) return;
  for (const key of keys) {
    const at = join(path, key);
    if (!places.ranges.has(at)) addOrigins(places, at, originsOf(expr, env, [key]));
  }
}

/** A block's origins, with where the `count` or `for_each` making its instance is decided. */
export function withInstanceOrigins(
  origins: OriginMap | undefined,
  instance: readonly Range[],
): OriginMap | undefined {
  return instance.length > 0 ? { ...origins, '': instance } : origins;
}

function addOrigins(places: Places, path: string, origins: readonly Range[]): void {
  if (origins.length > 0) places.origins.set(path, origins);
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
