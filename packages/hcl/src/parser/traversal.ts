import type { Expression } from '../ast.js';
import { isDigit, T } from './lexer.js';
import { MAX_DEPTH } from './limits.js';
import { TemplateParser } from './template-parser.js';

/** The steps after a term: attribute access, indexes and splats. */
export abstract class TraversalParser extends TemplateParser {
  /**
   * Attribute access, indexes and splats after `expr`. In the traversal of a splat (`within`), an
   * attribute-only splat takes `.name` steps only, and a splat nests.
   */
  protected parsePostfix(expr: Expression, within?: 'attr' | 'full'): Expression {
    const lx = this.lx;
    for (;;) {
      if (lx.kind === T.DOT) {
        const dot = lx.start;
        this.next();
        if (lx.kind === T.STAR) {
          const starEnd = lx.end;
          this.next();
          expr = this.parseSplat(expr, 'attr', dot, starEnd, within !== undefined);
          continue;
        }
        const step = this.parseDotStep(expr);
        if (step === undefined) return expr;
        expr = step;
        continue;
      }
      if (lx.kind === T.LBRACK && within !== 'attr') {
        const open = lx.start;
        const saved = this.setNewlines(false);
        this.next();
        if (lx.kind === T.STAR) {
          this.next();
          const end = this.expectCloser(T.RBRACK, open, saved);
          expr = this.parseSplat(expr, 'full', open, end, within !== undefined);
          continue;
        }
        expr = this.finishIndex(expr, open, saved);
        continue;
      }
      return expr;
    }
  }

  /** After a `.`: a name or a legacy numeric index; reports and returns undefined otherwise. */
  private parseDotStep(object: Expression): Expression | undefined {
    const lx = this.lx;
    if (lx.kind === T.IDENT) {
      const end = lx.end;
      const name = this.identText();
      this.next();
      return { type: 'getattr', object, name, start: object.start, end: this.pos(end) };
    }
    if (lx.kind === T.NUMBER) {
      const keyStart = lx.start;
      const end = lx.end;
      const value = Number(this.text.slice(keyStart, end));
      if (this.text.charCodeAt(end) === 46 && isDigit(this.text.charCodeAt(end + 1))) {
        this.error(keyStart, end, "legacy indexes cannot be chained ('a.0.1'); write a[0][1]");
      }
      this.next();
      const key: Expression = {
        type: 'literal',
        value,
        start: this.pos(keyStart),
        end: this.pos(end),
      };
      return { type: 'index', object, key, start: object.start, end: this.pos(end) };
    }
    this.error(lx.start, lx.end, `expected an attribute name after '.', found ${this.describe()}`);
    return undefined;
  }

  /** After `[` (not `[*]`): the key and `]`. Restores the newline mode the caller saved. */
  private finishIndex(object: Expression, open: number, saved: boolean): Expression {
    const key = this.parseExpression();
    const end = this.expectCloser(T.RBRACK, open, saved);
    return { type: 'index', object, key, start: object.start, end: this.pos(end) };
  }

  /**
   * The splat whose operator, `.*` or `[*]`, spans `opStart`..`opEnd`. A splat in the traversal of
   * another (`nested`) is one level deeper; beyond the depth limit it is reported and left flat.
   */
  private parseSplat(
    source: Expression,
    style: 'attr' | 'full',
    opStart: number,
    opEnd: number,
    nested: boolean,
  ): Expression {
    if (!nested) return this.splatOver(source, style, opStart, opEnd);
    if (this.depth >= MAX_DEPTH) {
      this.error(opStart, opEnd, `nesting is too deep (more than ${MAX_DEPTH} levels)`);
      return source;
    }
    this.depth++;
    const splat = this.splatOver(source, style, opStart, opEnd);
    this.depth--;
    return splat;
  }

  /**
   * The traversal after `.*` or `[*]` applies to each element. An attribute-only splat takes
   * `.name` steps; a full splat also takes indexes.
   */
  private splatOver(
    source: Expression,
    style: 'attr' | 'full',
    opStart: number,
    opEnd: number,
  ): Expression {
    const anon: Expression = { type: 'anon', start: this.pos(opStart), end: this.pos(opEnd) };
    const each = this.parsePostfix(anon, style);
    return { type: 'splat', source, each, style, start: source.start, end: each.end };
  }
}
