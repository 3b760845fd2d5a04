import type { BinaryOperator, Expression } from '../ast.js';
import { T } from './lexer.js';
import { MAX_DEPTH } from './limits.js';
import { excerpt } from './excerpt.js';
import { numberLiteral } from './exact-numbers.js';
import { CollectionParser } from './collections.js';

/** Indexed by token kind; 0 means the token is not a binary operator. */
const BINARY_PRECEDENCE: Uint8Array = (() => {
  const table = new Uint8Array(64);
  table[T.OR] = 1;
  table[T.AND] = 2;
  table[T.EQ] = 3;
  table[T.NE] = 3;
  table[T.LT] = 4;
  table[T.GT] = 4;
  table[T.LE] = 4;
  table[T.GE] = 4;
  table[T.PLUS] = 5;
  table[T.MINUS] = 5;
  table[T.STAR] = 6;
  table[T.SLASH] = 6;
  table[T.PERCENT] = 6;
  return table;
})();

const BINARY_OPERATOR: readonly BinaryOperator[] = (() => {
  const table: BinaryOperator[] = [];
  table[T.OR] = '||';
  table[T.AND] = '&&';
  table[T.EQ] = '==';
  table[T.NE] = '!=';
  table[T.LT] = '<';
  table[T.GT] = '>';
  table[T.LE] = '<=';
  table[T.GE] = '>=';
  table[T.PLUS] = '+';
  table[T.MINUS] = '-';
  table[T.STAR] = '*';
  table[T.SLASH] = '/';
  table[T.PERCENT] = '%';
  return table;
})();

/** Expressions by precedence: conditional, binary operators, unary operators, then terms. */
export abstract class ExpressionParser extends CollectionParser {
  override parseExpression(): Expression {
    if (this.depth >= MAX_DEPTH) return this.tooDeep();
    this.depth++;
    const condition = this.parseBinary(0);
    let result = condition;
    if (this.lx.kind === T.QUESTION) {
      this.next();
      const then = this.parseExpression();
      let otherwise: Expression;
      if (this.lx.kind === T.COLON) {
        this.next();
        otherwise = this.parseExpression();
      } else {
        this.error(
          this.lx.start,
          this.lx.end,
          `expected ':' in the conditional expression, found ${this.describe()}`,
        );
        otherwise = this.invalid(this.lx.start, this.lx.start);
      }
      result = {
        type: 'conditional',
        condition,
        then,
        else: otherwise,
        start: condition.start,
        end: otherwise.end.offset >= then.end.offset ? otherwise.end : then.end,
      };
    }
    this.depth--;
    return result;
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const kind = this.lx.kind;
      const precedence = BINARY_PRECEDENCE[kind] as number;
      if (precedence <= minPrecedence) return left;
      this.next();
      const right = this.parseBinary(precedence);
      left = {
        type: 'binary',
        op: BINARY_OPERATOR[kind] as BinaryOperator,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
  }

  private parseUnary(): Expression {
    const lx = this.lx;
    if (lx.kind !== T.MINUS && lx.kind !== T.BANG) return this.parsePostfix(this.parseTerm());
    // A loop, not recursion: a long run of `!` must not grow the stack.
    const starts: number[] = [];
    const ops: ('-' | '!')[] = [];
    while (lx.kind === T.MINUS || lx.kind === T.BANG) {
      starts.push(lx.start);
      ops.push(lx.kind === T.MINUS ? '-' : '!');
      this.next();
    }
    let operand = this.parsePostfix(this.parseTerm());
    for (let i = ops.length - 1; i >= 0; i--) {
      operand = {
        type: 'unary',
        op: ops[i] as '-' | '!',
        operand,
        start: this.pos(starts[i] as number),
        end: operand.end,
      };
    }
    return operand;
  }

  private parseTerm(): Expression {
    const lx = this.lx;
    const start = lx.start;
    switch (lx.kind) {
      case T.NUMBER: {
        const literal = numberLiteral(this.text.slice(start, lx.end));
        const end = lx.end;
        this.next();
        return { type: 'literal', ...literal, start: this.pos(start), end: this.pos(end) };
      }
      case T.IDENT:
        // Inside brackets, the next body item means the bracket was never closed; the group says so.
        if (!this.newlines && this.atItemStart()) return this.invalid(start, start);
        return this.parseIdentTerm();
      case T.OQUOTE:
      case T.HEREDOC:
        return this.parseTemplateExpr();
      case T.LBRACK:
        return this.parseTuple();
      case T.LBRACE:
        return this.parseObject();
      case T.LPAREN: {
        const saved = this.setNewlines(false);
        this.next();
        const expr = this.parseExpression();
        const end = this.expectCloser(T.RPAREN, start, saved);
        return { type: 'parens', expr, start: this.pos(start), end: this.pos(end) };
      }
      default: {
        this.error(start, lx.end, `expected an expression, found ${this.describe()}`);
        const k = lx.kind;
        const keep =
          k === T.EOF ||
          k === T.NEWLINE ||
          k === T.RBRACE ||
          k === T.RBRACK ||
          k === T.RPAREN ||
          k === T.COMMA;
        if (!keep) this.next();
        return this.invalid(start, keep ? start : this.lastEnd);
      }
    }
  }

  private parseIdentTerm(): Expression {
    const lx = this.lx;
    const start = lx.start;
    const end = lx.end;
    const name = this.identText();
    this.next();
    if (lx.kind === T.LPAREN) return this.parseCall(name, start);
    if (lx.kind === T.DCOLON) {
      let full = name;
      while (lx.kind === T.DCOLON) {
        this.next();
        if (lx.kind !== T.IDENT) {
          this.error(
            lx.start,
            lx.end,
            `expected a function name after '::', found ${this.describe()}`,
          );
          return this.invalid(start, this.lastEnd);
        }
        full += '::' + this.identText();
        this.next();
      }
      if (lx.kind !== T.LPAREN) {
        this.error(lx.start, lx.end, `expected '(' after the function name '${excerpt(full)}'`);
        return this.invalid(start, this.lastEnd);
      }
      return this.parseCall(full, start);
    }
    const span = { start: this.pos(start), end: this.pos(end) };
    switch (name) {
      case 'true':
        return { type: 'literal', value: true, ...span };
      case 'false':
        return { type: 'literal', value: false, ...span };
      case 'null':
        return { type: 'literal', value: null, ...span };
      default:
        return { type: 'variable', name, ...span };
    }
  }

  private parseCall(name: string, start: number): Expression {
    const lx = this.lx;
    const open = lx.start;
    const saved = this.setNewlines(false);
    this.next();
    const args: Expression[] = [];
    let expandFinal = false;
    let end: number;
    for (;;) {
      if (lx.kind === T.RPAREN) {
        end = lx.end;
        break;
      }
      if (this.stopsHere()) {
        this.reportUnclosed(T.RPAREN, open);
        this.newlines = saved;
        return this.callExpr(name, args, expandFinal, start, Math.max(this.lastEnd, open + 1));
      }
      args.push(this.parseExpression());
      if (lx.kind === T.ELLIPSIS) {
        expandFinal = true;
        this.next();
        if (lx.kind !== T.RPAREN) {
          this.error(lx.start, lx.end, "'...' may only follow the last argument of a call");
          this.skipTo(T.RPAREN, saved);
          return this.callExpr(name, args, expandFinal, start, this.lastEnd);
        }
        continue;
      }
      if (lx.kind === T.COMMA) {
        this.next();
        continue;
      }
      if (lx.kind !== T.RPAREN && !this.stopsHere()) {
        this.error(
          lx.start,
          lx.end,
          `expected ',' or ')' in the arguments of '${excerpt(name)}', found ${this.describe()}`,
        );
        this.skipTo(T.RPAREN, saved);
        return this.callExpr(name, args, expandFinal, start, this.lastEnd);
      }
    }
    this.newlines = saved;
    this.next();
    return this.callExpr(name, args, expandFinal, start, end);
  }

  private callExpr(
    name: string,
    args: Expression[],
    expandFinal: boolean,
    start: number,
    end: number,
  ): Expression {
    return { type: 'call', name, args, expandFinal, start: this.pos(start), end: this.pos(end) };
  }

  /** The whole text as one expression (Terraform JSON strings holding references or types). */
  parseExpressionText(): Expression {
    this.newlines = false;
    this.next();
    const expr = this.parseExpression();
    if (this.lx.kind !== T.EOF) {
      this.error(this.lx.start, this.lx.end, `unexpected ${this.describe()} after the expression`);
    }
    return expr;
  }
}
