/** The names an expression refers to, as HCL's `Variables` finds them. */
import type { Expression, Span, TemplatePart } from './ast.js';

/** A name the expression does not bind itself, where it is written (the root of a traversal). */
export interface NameReference {
  readonly name: string;
  readonly span: Span;
}

/**
 * The references in `expr`, in the order they are written. The names a `for` binds are not
 * references inside it; a bare identifier used as an object key is a string, not a reference.
 */
export function referencesOf(expr: Expression): NameReference[] {
  const found: NameReference[] = [];
  visit(expr, new Set(), found);
  return found;
}

function visit(expr: Expression, bound: ReadonlySet<string>, found: NameReference[]): void {
  // A list, not rest arguments: a tuple or call of a million items would overflow the stack.
  const each = (exprs: readonly (Expression | undefined)[]) => {
    for (const e of exprs) if (e) visit(e, bound, found);
  };
  switch (expr.type) {
    case 'variable':
      if (!bound.has(expr.name)) found.push({ name: expr.name, span: expr });
      return;
    case 'template':
      return visitParts(expr.parts, bound, found);
    case 'tuple':
      return each(expr.items);
    case 'object':
      for (const item of expr.items) {
        if (item.key.type !== 'variable') each([item.key]);
        each([item.value]);
      }
      return;
    case 'getattr':
      return each([expr.object]);
    case 'index':
      return each([expr.object, expr.key]);
    case 'splat':
      return each([expr.source, expr.each]);
    case 'call':
      return each(expr.args);
    case 'conditional':
      return each([expr.condition, expr.then, expr.else]);
    case 'binary':
      return each([expr.left, expr.right]);
    case 'unary':
      return each([expr.operand]);
    case 'parens':
      return each([expr.expr]);
    case 'for': {
      each([expr.collection]);
      const inner = withBound(bound, expr.keyVar, expr.valueVar);
      for (const e of [expr.keyExpr, expr.valueExpr, expr.condition]) {
        if (e) visit(e, inner, found);
      }
      return;
    }
    default:
      return;
  }
}

function visitParts(
  parts: readonly TemplatePart[],
  bound: ReadonlySet<string>,
  found: NameReference[],
): void {
  for (const part of parts) {
    switch (part.type) {
      case 'interpolation':
        visit(part.expr, bound, found);
        break;
      case 'if':
        visit(part.condition, bound, found);
        visitParts(part.then, bound, found);
        visitParts(part.else ?? [], bound, found);
        break;
      case 'for':
        visit(part.collection, bound, found);
        visitParts(part.body, withBound(bound, part.keyVar, part.valueVar), found);
        break;
      default:
        break;
    }
  }
}

function withBound(
  bound: ReadonlySet<string>,
  ...names: readonly (string | undefined)[]
): ReadonlySet<string> {
  return new Set([...bound, ...names.filter((name): name is string => name !== undefined)]);
}
