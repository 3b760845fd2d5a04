/** Small syntactic readers of the tree, for meta-arguments whose meaning comes from how they are written. */
import type { Attribute, Block, Body, Expression } from './ast.js';

export function findAttribute(body: Body, name: string): Attribute | undefined {
  for (const item of body.items) {
    if (item.kind === 'attribute' && item.name === name) return item;
  }
  return undefined;
}

export function findBlocks(body: Body, type: string): Block[] {
  return body.items.filter((item): item is Block => item.kind === 'block' && item.type === type);
}

/**
 * The names of a static traversal such as `aws.west` or `aws` (provider references), or of a
 * quoted string `"aws.west"`; undefined for anything computed.
 */
export function traversalNames(expr: Expression): string[] | undefined {
  if (expr.type === 'variable') return [expr.name];
  if (expr.type === 'getattr') {
    const head = traversalNames(expr.object);
    return head && [...head, expr.name];
  }
  const text = literalText(expr);
  return text === undefined ? undefined : text.split('.');
}

/** The text of a string written without interpolation, or of a bare identifier used as a key. */
export function literalText(expr: Expression): string | undefined {
  if (expr.type === 'variable') return expr.name;
  if (expr.type === 'literal') return expr.value === null ? undefined : String(expr.value);
  if (expr.type !== 'template') return undefined;
  let text = '';
  for (const part of expr.parts) {
    if (part.type !== 'literal') return undefined;
    text += part.value;
  }
  return text;
}
