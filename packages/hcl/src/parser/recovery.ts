import type { Expression, TemplatePart } from '../ast.js';
import { T, type TokenKind } from './lexer.js';
import { MAX_DEPTH } from './limits.js';
import { TokenCursor } from './cursor.js';

const CLOSER_NAME: Record<number, string> = {
  [T.RBRACE]: "'}'",
  [T.RBRACK]: "']'",
  [T.RPAREN]: "')'",
};
const OPENER_NAME: Record<number, string> = {
  [T.RBRACE]: "'{'",
  [T.RBRACK]: "'['",
  [T.RPAREN]: "'('",
};

/** Skipping what does not parse, and closing bracketed groups with or without their closer. */
export abstract class Recovery extends TokenCursor {
  /** Scans the string or heredoc at the current token (template-parser.ts). */
  protected abstract parseTemplateToken(): TemplatePart[];

  /**
   * Skips to the end of the current line, jumping over bracketed groups and strings, and stops
   * before a `}` that closes an enclosing body.
   */
  protected skipLine(): void {
    const lx = this.lx;
    let depth = 0;
    this.quiet++;
    const saved = this.newlines;
    this.newlines = true;
    for (;;) {
      const k = lx.kind;
      if (k === T.EOF) break;
      if (k === T.NEWLINE && depth === 0) break;
      if (k === T.RBRACE && depth === 0) break;
      if (k === T.IDENT && depth > 0 && this.atItemStart()) break;
      if (k === T.LBRACE || k === T.LBRACK || k === T.LPAREN) depth++;
      else if (k === T.RBRACE || k === T.RBRACK || k === T.RPAREN) depth = Math.max(0, depth - 1);
      if (k === T.OQUOTE || k === T.HEREDOC) this.skipTemplate();
      else this.next();
    }
    this.newlines = saved;
    this.quiet--;
  }

  /**
   * Skips to and over the closer matching an opener already consumed; `after` is the newline mode
   * in force once the group is closed.
   */
  protected skipTo(closer: TokenKind, after: boolean): void {
    const lx = this.lx;
    let depth = 0;
    this.quiet++;
    for (;;) {
      const k = lx.kind;
      if (k === T.EOF || (k === T.IDENT && this.atItemStart())) {
        this.newlines = after;
        break;
      }
      if (k === T.LBRACE || k === T.LBRACK || k === T.LPAREN) depth++;
      else if (k === T.RBRACE || k === T.RBRACK || k === T.RPAREN) {
        if (depth === 0) {
          this.newlines = after;
          if (k === closer) this.next();
          break;
        }
        depth--;
      }
      if (k === T.OQUOTE || k === T.HEREDOC) this.skipTemplate();
      else this.next();
    }
    this.quiet--;
  }

  /**
   * Whether the current token looks like the start of the next body item: an identifier first on
   * its line, no further right than the item being parsed, followed by '=', a quoted label or '{'.
   * That never occurs inside brackets in valid code, so an unclosed bracket stops there instead of
   * swallowing the rest of the file.
   */
  protected atItemStart(): boolean {
    const lx = this.lx;
    const text = this.text;
    let p = lx.start - 1;
    while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p >= 0 && text.charCodeAt(p) !== 10) return false;
    if (lx.start - p > this.itemColumn) return false;
    const next = lx.peek();
    return next === T.ASSIGN || next === T.OQUOTE || next === T.LBRACE;
  }

  /** Where a bracketed group must stop: the end of the file, or the next body item. */
  protected stopsHere(): boolean {
    const k = this.lx.kind;
    return k === T.EOF || (k === T.IDENT && this.atItemStart());
  }

  private skipTemplate(): void {
    if (this.depth >= MAX_DEPTH) {
      this.skipRaw();
      return;
    }
    this.depth++;
    this.parseTemplateToken();
    this.depth--;
  }

  /**
   * Beyond the depth limit nothing is parsed: brackets are counted over raw characters, strings
   * taken naively, until the group opened by the current token closes.
   */
  private skipRaw(): void {
    const k = this.lx.kind;
    if (k !== T.LBRACE && k !== T.LBRACK && k !== T.LPAREN && k !== T.OQUOTE) {
      if (k !== T.EOF) this.next();
      return;
    }
    const text = this.text;
    const len = text.length;
    let p = this.lx.start;
    let depth = 0;
    let inString = false;
    while (p < len) {
      const c = text.charCodeAt(p++);
      if (inString) {
        if (c === 92) p++;
        else if (c === 34 || c === 10) {
          inString = false;
          if (depth === 0) break;
        }
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91 || c === 40) depth++;
      else if (c === 125 || c === 93 || c === 41) {
        depth--;
        if (depth <= 0) break;
      }
    }
    this.lastEnd = p;
    this.lx.reset(p);
    if (!this.newlines) while (this.lx.kind === T.NEWLINE) this.lx.next();
  }

  protected tooDeep(): Expression {
    const start = this.lx.start;
    this.error(start, this.lx.end, `nesting is too deep (more than ${MAX_DEPTH} levels)`);
    this.quiet++;
    this.skipRaw();
    this.quiet--;
    return this.invalid(start, this.lastEnd);
  }

  // ---- closers ------------------------------------------------------------------------------

  /**
   * Consumes the closer of a group opened at `open`; on anything else reports and skips to it.
   * Returns the end offset of the group.
   */
  protected expectCloser(closer: TokenKind, open: number, after: boolean): number {
    const lx = this.lx;
    if (lx.kind === closer) {
      const end = lx.end;
      this.newlines = after;
      this.next();
      return end;
    }
    this.reportUnclosed(closer, open);
    if (!this.stopsHere()) this.skipTo(closer, after);
    this.newlines = after;
    return this.lastEnd;
  }

  protected reportUnclosed(closer: TokenKind, open: number): void {
    const lx = this.lx;
    const opener = OPENER_NAME[closer] ?? '';
    if (this.stopsHere()) {
      this.error(open, open + 1, `unclosed ${opener} opened at line ${this.pos(open).line}`);
    } else {
      this.error(
        lx.start,
        lx.end,
        `expected ${CLOSER_NAME[closer]} to close the ${opener} at line ${this.pos(open).line}, found ${this.describe()}`,
      );
    }
  }
}
