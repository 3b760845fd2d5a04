import type { Expression, ObjectItem } from '../ast.js';
import { T } from './lexer.js';
import { TraversalParser } from './traversal.js';

/** Tuples, objects and the `for` expressions written inside their brackets. */
export abstract class CollectionParser extends TraversalParser {
  protected parseTuple(): Expression {
    const lx = this.lx;
    const open = lx.start;
    const saved = this.setNewlines(false);
    this.next();
    if (this.isWord('for')) return this.parseFor(open, 'tuple', saved);
    const items: Expression[] = [];
    let end: number;
    for (;;) {
      if (lx.kind === T.RBRACK) {
        end = lx.end;
        this.newlines = saved;
        this.next();
        break;
      }
      if (this.stopsHere()) {
        this.reportUnclosed(T.RBRACK, open);
        end = Math.max(this.lastEnd, open + 1);
        break;
      }
      items.push(this.parseExpression());
      if (lx.kind === T.COMMA) {
        this.next();
        continue;
      }
      if (lx.kind !== T.RBRACK && !this.stopsHere()) {
        this.error(
          lx.start,
          lx.end,
          `expected ',' or ']' after a list item, found ${this.describe()}`,
        );
        end = this.expectCloser(T.RBRACK, open, saved);
        break;
      }
    }
    this.newlines = saved;
    return { type: 'tuple', items, start: this.pos(open), end: this.pos(end) };
  }

  protected parseObject(): Expression {
    const lx = this.lx;
    const open = lx.start;
    const saved = this.setNewlines(false);
    this.next();
    if (this.isWord('for')) return this.parseFor(open, 'object', saved);
    this.newlines = true;
    const items: ObjectItem[] = [];
    let end: number;
    for (;;) {
      const k = lx.kind;
      if (k === T.NEWLINE) {
        this.next();
        continue;
      }
      if (k === T.RBRACE) {
        end = lx.end;
        this.newlines = saved;
        this.next();
        break;
      }
      if (k === T.EOF) {
        this.reportUnclosed(T.RBRACE, open);
        end = lx.start;
        break;
      }
      const key = this.parseExpression();
      if (lx.kind !== T.ASSIGN && lx.kind !== T.COLON) {
        this.error(
          lx.start,
          lx.end,
          `expected '=' or ':' after the object key, found ${this.describe()}`,
        );
        end = this.recoverObject(open, saved);
        break;
      }
      this.next();
      const value = this.parseExpression();
      items.push({ key, value, start: key.start, end: value.end });
      const after = lx.kind;
      if (after === T.COMMA) {
        this.next();
        continue;
      }
      if (after === T.NEWLINE || after === T.RBRACE) continue;
      this.error(
        lx.start,
        lx.end,
        `expected ',' or a newline after the object item, found ${this.describe()}`,
      );
      end = this.recoverObject(open, saved);
      break;
    }
    this.newlines = saved;
    return { type: 'object', items, start: this.pos(open), end: this.pos(end) };
  }

  private recoverObject(open: number, after: boolean): number {
    this.skipTo(T.RBRACE, after);
    return Math.max(this.lastEnd, open + 1);
  }

  /** After `[` or `{` and at the `for` keyword; newlines are insignificant until the closer. */
  private parseFor(open: number, kind: 'tuple' | 'object', after: boolean): Expression {
    const lx = this.lx;
    const closer = kind === 'tuple' ? T.RBRACK : T.RBRACE;
    const fail = (message: string): Expression => {
      this.error(lx.start, lx.end, message);
      this.skipTo(closer, after);
      return this.invalid(open, Math.max(this.lastEnd, open + 1));
    };
    this.next();
    if (lx.kind !== T.IDENT)
      return fail(`expected a variable name after 'for', found ${this.describe()}`);
    let keyVar: string | undefined;
    let valueVar = this.identText();
    this.next();
    if (lx.kind === T.COMMA) {
      this.next();
      if (lx.kind !== T.IDENT) {
        return fail(`expected a second variable name after ',', found ${this.describe()}`);
      }
      keyVar = valueVar;
      valueVar = this.identText();
      this.next();
    }
    if (!this.isWord('in'))
      return fail(`expected 'in' after the 'for' variables, found ${this.describe()}`);
    this.next();
    const collection = this.parseExpression();
    if (lx.kind !== T.COLON)
      return fail(`expected ':' after the 'for' collection, found ${this.describe()}`);
    this.next();
    let keyExpr: Expression | undefined;
    if (kind === 'object') {
      keyExpr = this.parseExpression();
      if (lx.kind !== T.ARROW)
        return fail(`expected '=>' after the key of an object 'for', found ${this.describe()}`);
      this.next();
    }
    const valueExpr = this.parseExpression();
    let grouping = false;
    if (kind === 'object' && lx.kind === T.ELLIPSIS) {
      grouping = true;
      this.next();
    }
    let condition: Expression | undefined;
    if (this.isWord('if')) {
      this.next();
      condition = this.parseExpression();
    }
    const end = this.expectCloser(closer, open, after);
    return {
      type: 'for',
      kind,
      ...(keyVar !== undefined ? { keyVar } : {}),
      valueVar,
      collection,
      ...(keyExpr !== undefined ? { keyExpr } : {}),
      valueExpr,
      ...(condition !== undefined ? { condition } : {}),
      grouping,
      start: this.pos(open),
      end: this.pos(end),
    };
  }
}
