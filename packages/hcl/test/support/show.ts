/**
 * A compact rendering of syntax trees for table-driven tests: operators are fully parenthesised,
 * so the string shows the tree's shape; positions are left out.
 */
import type { Expression, TemplatePart } from '../../src/ast.js';

export function show(e: Expression): string {
  switch (e.type) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template': {
      const parts = e.parts.map(showPart).join(' ');
      const head = e.heredoc
        ? `heredoc(${e.heredoc.marker}${e.heredoc.indented ? ',-' : ''})`
        : 'tpl';
      return `${head}[${parts}]`;
    }
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)}=${show(i.value)}`).join(', ')}}`;
    case 'variable':
      return e.name;
    case 'getattr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${show(e.key)}]`;
    case 'splat':
      return `splat.${e.style}(${show(e.source)}; ${show(e.each)})`;
    case 'anon':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `(${show(e.condition)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'parens':
      return `(paren ${show(e.expr)})`;
    case 'for': {
      const vars = e.keyVar !== undefined ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
      const body = e.keyExpr ? `${show(e.keyExpr)} => ${show(e.valueExpr)}` : show(e.valueExpr);
      const tail = `${e.grouping ? '...' : ''}${e.condition ? ` if ${show(e.condition)}` : ''}`;
      return `for.${e.kind}(${vars} in ${show(e.collection)}: ${body}${tail})`;
    }
    case 'invalid':
      return '<invalid>';
  }
}

export function showPart(p: TemplatePart): string {
  switch (p.type) {
    case 'literal':
      return JSON.stringify(p.value);
    case 'interpolation':
      return `\${${show(p.expr)}}`;
    case 'if':
      return `%if(${show(p.condition)})[${p.then.map(showPart).join(' ')}]${
        p.else ? `else[${p.else.map(showPart).join(' ')}]` : ''
      }`;
    case 'for': {
      const vars = p.keyVar !== undefined ? `${p.keyVar}, ${p.valueVar}` : p.valueVar;
      return `%for(${vars} in ${show(p.collection)})[${p.body.map(showPart).join(' ')}]`;
    }
  }
}

/** `line:column-line:column` of a span, for position assertions. */
export function at(span: {
  start: { line: number; column: number };
  end: { line: number; column: number };
}): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}
