/** Why a block stands for instances not known: the `count` or `for_each` that says how many. */
import type { Range, Unexpanded } from '@posture/model';
import type { Block, Span } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import type { Expansion } from '../eval/for-each.js';
import { variableWithNoValue } from '../eval/unknowns.js';
import type { Declared } from './module.js';

/** Where the meta-argument of an expansion not known is written. */
export function expansionRange(
  decl: Declared<Block>,
  unknown: NonNullable<Expansion['unknown']>,
): Range {
  const { attribute } = unknown;
  return spanRange(attribute.mergedFrom ?? decl.file.path, attribute);
}

/**
 * What leaves the instances of the block at `address` not known, when they are not; `module` is the
 * module instance it is in (`module.site.`), and `textOf` reads what a span is written as.
 */
export function unexpandedBy(
  address: string,
  module: string,
  decl: Declared<Block>,
  expansion: Expansion,
  textOf: (file: string, span: Span) => string | undefined,
): Unexpanded | undefined {
  if (!expansion.unknown) return undefined;
  const { attribute, reason } = expansion.unknown;
  const variable = variableWithNoValue(reason);
  const text = textOf(attribute.mergedFrom ?? decl.file.path, attribute.expr);
  return {
    what: `the ${attribute.name} of ${address}`,
    reason,
    ...(variable !== undefined && { variable }),
    range: expansionRange(decl, expansion.unknown),
    ...(text !== undefined && { written: `${module}${attribute.name} = ${text}` }),
  };
}

/**
 * Of what leaves an entry's instances not known, its own block's and its module's: a variable with
 * no value wherever it is (the scan lacks an input Terraform requires), else the block's own.
 */
export function closer(
  own: Unexpanded | undefined,
  outer: Unexpanded | undefined,
): Unexpanded | undefined {
  return own !== undefined && (own.variable !== undefined || outer?.variable === undefined)
    ? own
    : outer;
}

/** Instances named in a message, at most. */
const NAMED = 5;

/**
 * What stands for the instances of the block at `address` when they are not known: one instance
 * `[*]`, or one for each key known in part (`["acme-releases-*"]`).
 */
export function scannedAs(address: string, expansion: Expansion): string {
  const names = expansion.instances.map((instance) => address + instance.suffix);
  if (names.length === 1) return `one instance ${names[0] ?? address}`;
  const more = names.length > NAMED ? `, and ${names.length - NAMED} more` : '';
  return `${names.length} instances ${names.slice(0, NAMED).join(', ')}${more}`;
}
