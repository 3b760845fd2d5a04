import type { Position } from '@posture/model';
import type { Comment, Expression, ParseDiagnostic } from '../ast.js';
import { Lexer, T, tokenName } from './lexer.js';
import { addSyntaxError } from './limits.js';
import type { PositionSource } from './positions.js';
import { excerpt } from './excerpt.js';

/**
 * The parser's state and its single token of lookahead: the base of the parser's layers (see
 * bodies.ts), each a subclass in a file of its own.
 */
export class TokenCursor {
  readonly text: string;
  protected readonly lx: Lexer;
  readonly diagnostics: ParseDiagnostic[] = [];
  readonly comments: Comment[] = [];
  protected readonly positions: PositionSource;
  /** Whether newlines are tokens (bodies, objects) or whitespace (inside brackets and `${}`). */
  protected newlines = true;
  protected depth = 0;
  protected quiet = 0;
  /** Column of the body item being parsed; recovery stops at a later line starting at or left of it. */
  protected itemColumn = 1;
  /** End offset of the last token consumed, i.e. the end of the node just parsed. */
  protected lastEnd = 0;

  constructor(text: string, positions: PositionSource) {
    this.text = text;
    this.positions = positions;
    this.lx = new Lexer(text, positions, this.comments, (e) =>
      this.error(e.start, e.end, e.message),
    );
  }

  pos(offset: number): Position {
    return this.positions.position(offset);
  }

  error(start: number, end: number, message: string): void {
    if (this.quiet > 0) return;
    const diagnostics = this.diagnostics;
    const last = diagnostics[diagnostics.length - 1];
    // Recovery from a deep error can report the same spot at every level; once is enough.
    if (last !== undefined && last.start.offset === start) return;
    addSyntaxError(diagnostics, { message, start: this.pos(start), end: this.pos(end) });
  }

  // ---- tokens -------------------------------------------------------------------------------

  protected next(): void {
    this.lastEnd = this.lx.end;
    this.lx.next();
    if (!this.newlines) while (this.lx.kind === T.NEWLINE) this.lx.next();
  }

  /** Switches newline handling; returns the previous mode, which the caller puts back. */
  protected setNewlines(significant: boolean): boolean {
    const previous = this.newlines;
    this.newlines = significant;
    if (!significant) while (this.lx.kind === T.NEWLINE) this.lx.next();
    return previous;
  }

  protected describe(): string {
    const lx = this.lx;
    if (lx.kind === T.IDENT || lx.kind === T.NUMBER || lx.kind === T.INVALID) {
      const s = excerpt(this.text, lx.start, lx.end);
      return lx.kind === T.INVALID ? `'${s}'` : `${tokenName(lx.kind)} '${s}'`;
    }
    return tokenName(lx.kind);
  }

  protected isWord(word: string): boolean {
    const lx = this.lx;
    return (
      lx.kind === T.IDENT &&
      lx.end - lx.start === word.length &&
      this.text.startsWith(word, lx.start)
    );
  }

  protected identText(): string {
    return this.text.slice(this.lx.start, this.lx.end);
  }

  protected invalid(start: number, end: number): Expression {
    return { type: 'invalid', start: this.pos(start), end: this.pos(end) };
  }
}
