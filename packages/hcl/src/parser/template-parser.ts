import type { Expression, TemplateExpr, TemplatePart } from '../ast.js';
import { T } from './lexer.js';
import { MAX_DEPTH } from './limits.js';
import { Recovery } from './recovery.js';
import {
  scanBare,
  scanHeredoc,
  scanQuoted,
  type Directive,
  type Sequence,
  type TemplateHost,
} from './template.js';

/**
 * Strings and heredocs in expressions: template.ts scans their text and calls back here for the
 * expressions of `${ … }` and `%{ … }`.
 */
export abstract class TemplateParser extends Recovery implements TemplateHost {
  /** A whole expression (expressions.ts). */
  abstract parseExpression(): Expression;

  protected parseTemplateExpr(): TemplateExpr {
    const lx = this.lx;
    const start = lx.start;
    const heredoc =
      lx.kind === T.HEREDOC
        ? { marker: lx.heredocMarker, indented: lx.heredocIndented }
        : undefined;
    if (this.depth >= MAX_DEPTH) {
      this.tooDeep();
      return { type: 'template', parts: [], start: this.pos(start), end: this.pos(this.lastEnd) };
    }
    this.depth++;
    const parts = this.parseTemplateToken();
    this.depth--;
    return {
      type: 'template',
      parts,
      ...(heredoc !== undefined ? { heredoc } : {}),
      start: this.pos(start),
      end: this.pos(this.lastEnd),
    };
  }

  /** Scans the string or heredoc at the current token and moves the lexer after it. */
  protected override parseTemplateToken(): TemplatePart[] {
    const lx = this.lx;
    const saved = this.newlines;
    const scanned =
      lx.kind === T.OQUOTE
        ? scanQuoted(this, lx.start)
        : scanHeredoc(this, lx.start, lx.end, lx.heredocMarker, lx.heredocIndented);
    this.newlines = saved;
    this.lastEnd = scanned.end;
    lx.reset(scanned.end);
    if (!this.newlines) while (lx.kind === T.NEWLINE) lx.next();
    return scanned.parts;
  }

  interpolation(offset: number): Sequence {
    const lx = this.lx;
    this.newlines = false;
    lx.reset(offset);
    while (lx.kind === T.NEWLINE) lx.next();
    const expr = this.parseExpression();
    return this.closeSequence(expr, 'interpolation');
  }

  private closeSequence(expr: Expression, what: string): Sequence {
    const lx = this.lx;
    if (lx.kind === T.RBRACE) return { expr, end: lx.end, stripRight: false };
    if (lx.kind === T.TILDE && this.text.charCodeAt(lx.end) === 125) {
      return { expr, end: lx.end + 1, stripRight: true };
    }
    this.error(
      lx.start,
      lx.end,
      `expected '}' to close the ${what}, found ${this.describe()}` +
        (what === 'interpolation' ? " (write '$${' for a literal '${')" : ''),
    );
    // Resume the template at the offending token, so a stray character costs one diagnostic.
    return { expr, end: lx.kind === T.EOF ? this.text.length : lx.start, stripRight: false };
  }

  directive(offset: number): Directive {
    const lx = this.lx;
    this.newlines = false;
    lx.reset(offset);
    while (lx.kind === T.NEWLINE) lx.next();
    const none = this.invalid(offset, offset);
    if (lx.kind !== T.IDENT) {
      this.error(lx.start, lx.end, "expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{'");
      const seq = this.closeSequence(none, 'directive');
      return { word: undefined, end: seq.end, stripRight: seq.stripRight };
    }
    const wordStart = lx.start;
    const word = this.identText();
    this.next();
    switch (word) {
      case 'if': {
        const condition = this.parseExpression();
        const seq = this.closeSequence(condition, "'%{if}' directive");
        return { word, condition, end: seq.end, stripRight: seq.stripRight };
      }
      case 'else':
      case 'endif':
      case 'endfor': {
        const seq = this.closeSequence(none, `'%{${word}}' directive`);
        return { word, end: seq.end, stripRight: seq.stripRight };
      }
      case 'for': {
        let keyVar: string | undefined;
        let valueVar = '';
        if (lx.kind === T.IDENT) {
          valueVar = this.identText();
          this.next();
          if (lx.kind === T.COMMA) {
            this.next();
            keyVar = valueVar;
            valueVar = lx.kind === T.IDENT ? this.identText() : '';
            if (lx.kind === T.IDENT) this.next();
          }
        }
        if (valueVar === '' || !this.isWord('in')) {
          this.error(
            lx.start,
            lx.end,
            "expected '%{for NAME in COLLECTION}' or '%{for KEY, VALUE in COLLECTION}'",
          );
          const seq = this.closeSequence(none, "'%{for}' directive");
          return { word, valueVar, end: seq.end, stripRight: seq.stripRight };
        }
        this.next();
        const collection = this.parseExpression();
        const seq = this.closeSequence(collection, "'%{for}' directive");
        return {
          word,
          ...(keyVar !== undefined ? { keyVar } : {}),
          valueVar,
          collection,
          end: seq.end,
          stripRight: seq.stripRight,
        };
      }
      default: {
        this.error(
          wordStart,
          this.lastEnd,
          // The word is the string's own text: the message does not quote it.
          "expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{' (write '%%{' for a literal '%{')",
        );
        const seq = this.closeSequence(none, 'directive');
        return { word: undefined, end: seq.end, stripRight: seq.stripRight };
      }
    }
  }

  /** The whole text as one template (Terraform JSON string values). */
  parseBareTemplate(): TemplatePart[] {
    return scanBare(this);
  }
}
