import type { Position } from '@posture/model';
import type {
  Attribute,
  Block,
  Body,
  BinaryOperator,
  Comment,
  ConfigFile,
  Expression,
  Label,
  ObjectItem,
  ParseDiagnostic,
  Span,
  TemplateExpr,
  TemplatePart,
} from '../ast.js';
import { isDigit, Lexer, T, tokenName, type TokenKind } from './lexer.js';
import { pushAll, LineIndex } from '@posture/model';
import type { PositionSource } from './positions.js';
import { excerpt } from './excerpt.js';
import { numberLiteral } from './exact-numbers.js';
import {
  scanBare,
  scanHeredoc,
  scanQuoted,
  type Directive,
  type Sequence,
  type TemplateHost,
} from './template.js';

/** Deeper nesting is reported and skipped, so hostile input cannot exhaust the call stack. */
export const MAX_DEPTH = 200;
/** A file this broken is not worth more; the cap bounds the memory hostile input can take. */
const MAX_DIAGNOSTICS = 1000;

/**
 * Adds a syntax error to a file's, up to `MAX_DIAGNOSTICS`; the one at the cap says the rest of the
 * file is not checked. Each error is a finding: a file of a hundred thousand stray tokens would
 * otherwise take the scan and its reports tens of seconds, and more than a call's arguments.
 */
export function addSyntaxError(diagnostics: ParseDiagnostic[], error: ParseDiagnostic): void {
  if (diagnostics.length > MAX_DIAGNOSTICS) return;
  const message = `too many errors; the rest of the file is not checked`;
  diagnostics.push(diagnostics.length === MAX_DIAGNOSTICS ? { ...error, message } : error);
}

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

interface BodyResult {
  readonly items: (Attribute | Block)[];
  /** Offset after the closing brace, or where an unclosed body stopped. */
  readonly end: number;
  /** Items an unclosed body gives back to its parent. */
  readonly spill: (Attribute | Block)[];
}

/** A recursive-descent parser over the lexer's single token of lookahead. */
export class Parser implements TemplateHost {
  readonly text: string;
  private readonly lx: Lexer;
  readonly diagnostics: ParseDiagnostic[] = [];
  readonly comments: Comment[] = [];
  private readonly positions: PositionSource;
  /** Whether newlines are tokens (bodies, objects) or whitespace (inside brackets and `${}`). */
  private newlines = true;
  private depth = 0;
  private quiet = 0;
  /** Column of the body item being parsed; recovery stops at a later line starting at or left of it. */
  private itemColumn = 1;
  /** Items an unclosed block gave back (see `parseItems`), for the enclosing body to take. */
  private spill: (Attribute | Block)[] = [];
  /** End offset of the last token consumed, i.e. the end of the node just parsed. */
  private lastEnd = 0;

  constructor(
    text: string,
    positions: PositionSource,
    private readonly keepBody?: ParseOptions['keepBody'],
  ) {
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

  private next(): void {
    this.lastEnd = this.lx.end;
    this.lx.next();
    if (!this.newlines) while (this.lx.kind === T.NEWLINE) this.lx.next();
  }

  /** Switches newline handling; returns the previous mode, which the caller puts back. */
  private setNewlines(significant: boolean): boolean {
    const previous = this.newlines;
    this.newlines = significant;
    if (!significant) while (this.lx.kind === T.NEWLINE) this.lx.next();
    return previous;
  }

  private describe(): string {
    const lx = this.lx;
    if (lx.kind === T.IDENT || lx.kind === T.NUMBER || lx.kind === T.INVALID) {
      const s = excerpt(this.text, lx.start, lx.end);
      return lx.kind === T.INVALID ? `'${s}'` : `${tokenName(lx.kind)} '${s}'`;
    }
    return tokenName(lx.kind);
  }

  private isWord(word: string): boolean {
    const lx = this.lx;
    return (
      lx.kind === T.IDENT &&
      lx.end - lx.start === word.length &&
      this.text.startsWith(word, lx.start)
    );
  }

  private identText(): string {
    return this.text.slice(this.lx.start, this.lx.end);
  }

  private invalid(start: number, end: number): Expression {
    return { type: 'invalid', start: this.pos(start), end: this.pos(end) };
  }

  // ---- recovery -----------------------------------------------------------------------------

  /**
   * Skips to the end of the current line, jumping over bracketed groups and strings, and stops
   * before a `}` that closes an enclosing body.
   */
  private skipLine(): void {
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
  private skipTo(closer: TokenKind, after: boolean): void {
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
  private atItemStart(): boolean {
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
  private stopsHere(): boolean {
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

  private tooDeep(): Expression {
    const start = this.lx.start;
    this.error(start, this.lx.end, `nesting is too deep (more than ${MAX_DEPTH} levels)`);
    this.quiet++;
    this.skipRaw();
    this.quiet--;
    return this.invalid(start, this.lastEnd);
  }

  // ---- bodies -------------------------------------------------------------------------------

  parseFile(path: string): ConfigFile {
    this.lx.next();
    const result = this.parseItems(-1, -1);
    const items = result.items.concat(result.spill);
    const body: Body = { items, start: this.pos(0), end: this.pos(this.text.length) };
    return { path, body, comments: this.comments, diagnostics: this.diagnostics };
  }

  /**
   * Items up to the `}` closing a body opened at `open` (-1 for the file). An unclosed body whose
   * block started at column `column` gives back the items that start at or left of that column:
   * they are almost always the following top-level blocks, written after a forgotten `}`.
   */
  private parseItems(open: number, column: number): BodyResult {
    const lx = this.lx;
    const items: (Attribute | Block)[] = [];
    let names: Map<string, Attribute> | undefined;
    for (;;) {
      const k = lx.kind;
      if (k === T.NEWLINE) {
        this.next();
        continue;
      }
      if (k === T.EOF) {
        if (open === -1) return { items, end: lx.start, spill: [] };
        const line = this.pos(open).line;
        this.error(open, open + 1, `unclosed '{' opened at line ${line}`);
        let keep = items.length;
        for (let i = 0; i < items.length; i++) {
          if ((items[i] as Attribute | Block).start.column <= column) {
            keep = i;
            break;
          }
        }
        const kept = items.slice(0, keep);
        const last = kept[kept.length - 1];
        const end = last !== undefined ? last.end.offset : open + 1;
        return { items: kept, end, spill: items.slice(keep) };
      }
      if (k === T.RBRACE) {
        if (open !== -1) {
          const end = lx.end;
          this.next();
          return { items, end, spill: [] };
        }
        this.error(lx.start, lx.end, "unexpected '}' with no '{' to close");
        this.next();
        continue;
      }
      const before = lx.start;
      if (k === T.IDENT) {
        this.itemColumn = this.pos(lx.start).column;
        const item = this.parseItem();
        if (item !== undefined) {
          items.push(item);
          if (item.kind === 'attribute') {
            names ??= new Map();
            const first = names.get(item.name);
            if (first === undefined) names.set(item.name, item);
            else {
              this.error(
                item.nameSpan.start.offset,
                item.nameSpan.end.offset,
                `attribute '${excerpt(item.name)}' is set twice; it was first set at line ${first.start.line}`,
              );
            }
          }
        }
        if (this.spill.length > 0) {
          pushAll(items, this.spill);
          this.spill = [];
        }
      } else {
        this.error(
          lx.start,
          lx.end,
          `expected an attribute or block name, found ${this.describe()}`,
        );
        this.skipLine();
      }
      if (lx.start === before && lx.kind !== T.EOF && lx.kind !== T.RBRACE) this.next();
    }
  }

  private parseItem(): Attribute | Block | undefined {
    const lx = this.lx;
    const nameStart = lx.start;
    const nameEnd = lx.end;
    const name = this.identText();
    this.next();
    if (lx.kind === T.ASSIGN) {
      this.next();
      const expr = this.parseExpression();
      const attr = this.attribute(name, nameStart, nameEnd, expr);
      this.expectLineEnd(`the value of '${excerpt(name)}'`);
      return attr;
    }
    const labels: Label[] = [];
    while (lx.kind === T.OQUOTE || lx.kind === T.IDENT) {
      if (lx.kind === T.IDENT) {
        labels.push({ value: this.identText(), start: this.pos(lx.start), end: this.pos(lx.end) });
        this.next();
        continue;
      }
      const labelStart = lx.start;
      const parts = this.parseTemplateToken();
      let value = '';
      for (const part of parts) {
        if (part.type === 'literal') value += part.value;
        else {
          this.error(
            part.start.offset,
            part.end.offset,
            `block labels must be plain strings; '${excerpt(name)}' has a template sequence in a label`,
          );
        }
      }
      labels.push({ value, start: this.pos(labelStart), end: this.pos(this.lastEnd) });
    }
    if (lx.kind !== T.LBRACE) {
      const message =
        labels.length > 0
          ? `expected '{' after the labels of block type '${excerpt(name)}', found ${this.describe()}`
          : `expected '=' or '{' after a name, found ${this.describe()}`;
      this.error(lx.start, lx.end, message);
      this.skipLine();
      return undefined;
    }
    return this.parseBlockBody(name, nameStart, nameEnd, labels);
  }

  private parseBlockBody(
    type: string,
    typeStart: number,
    typeEnd: number,
    labels: Label[],
  ): Block | undefined {
    const lx = this.lx;
    const open = lx.start;
    if (this.depth >= MAX_DEPTH) {
      this.tooDeep();
      return undefined;
    }
    this.depth++;
    const column = this.itemColumn;
    this.next();
    let result: BodyResult;
    if (lx.kind === T.NEWLINE || lx.kind === T.EOF) {
      result = this.parseItems(open, this.pos(typeStart).column);
    } else {
      result = this.parseOneLineBody(type, open);
    }
    this.itemColumn = column;
    this.depth--;
    // Positions at the same offset are one object: the trees of a large repository are mostly them.
    const start = this.pos(typeStart);
    const end = this.pos(result.end);
    const block: Block = {
      kind: 'block',
      type,
      typeSpan: { start, end: this.pos(typeEnd) },
      labels,
      body: { items: result.items, start: this.pos(open), end },
      start,
      end,
    };
    if (result.spill.length > 0) this.spill = result.spill;
    else if (this.lastEnd === result.end) this.expectLineEnd(`the block '${excerpt(type)}'`);
    // Only in a file without errors so far: parsing the body again then cannot differ.
    if (
      this.depth === 0 &&
      this.diagnostics.length === 0 &&
      this.keepBody?.(type, labels, this.text.slice(open, result.end)) === false
    ) {
      return this.dropBody(block, open, typeStart, typeEnd);
    }
    return block;
  }

  /** The block without its parsed body, which is parsed again from the text when first read. */
  private dropBody(block: Block, open: number, typeStart: number, typeEnd: number): Block {
    const { text, positions } = this;
    const { type, labels } = block;
    return new DroppedBlock(block, () =>
      new Parser(text, positions).blockAt(open, type, typeStart, typeEnd, labels),
    );
  }

  /** The body of the top-level block whose `{` is at `open`. */
  private blockAt(
    open: number,
    type: string,
    typeStart: number,
    typeEnd: number,
    labels: readonly Label[],
  ): Body {
    this.lx.reset(open);
    const block = this.parseBlockBody(type, typeStart, typeEnd, [...labels]);
    if (block === undefined)
      throw new Error(`${type} block at offset ${open} cannot be parsed again`);
    return block.body;
  }

  private attribute(name: string, nameStart: number, nameEnd: number, expr: Expression): Attribute {
    const start = this.pos(nameStart);
    const nameSpan = { start, end: this.pos(nameEnd) };
    return { kind: 'attribute', name, nameSpan, expr, start, end: expr.end };
  }

  /** `type { name = value }` on one line: HCL allows at most one attribute and no nested block. */
  private parseOneLineBody(type: string, open: number): BodyResult {
    const lx = this.lx;
    const items: (Attribute | Block)[] = [];
    if (lx.kind === T.IDENT) {
      const nameStart = lx.start;
      const nameEnd = lx.end;
      const name = this.identText();
      this.next();
      if (lx.kind === T.ASSIGN) {
        this.next();
        const expr = this.parseExpression();
        items.push(this.attribute(name, nameStart, nameEnd, expr));
      } else {
        this.error(
          nameStart,
          lx.end,
          `a block on one line ('${excerpt(type)} { ... }') may hold a single attribute only`,
        );
      }
    }
    if (lx.kind === T.RBRACE) {
      const end = lx.end;
      this.next();
      return { items, end, spill: [] };
    }
    if (items.length > 0) {
      this.error(
        lx.start,
        lx.end,
        `expected '}' to close the one-line block '${excerpt(type)}', found ${this.describe()}`,
      );
    } else if (lx.kind !== T.IDENT) {
      this.error(lx.start, lx.end, `expected a newline after '{', found ${this.describe()}`);
    }
    this.skipTo(T.RBRACE, this.newlines);
    return { items, end: Math.max(this.lastEnd, open + 1), spill: [] };
  }

  private expectLineEnd(what: string): void {
    const k = this.lx.kind;
    if (k === T.NEWLINE || k === T.EOF) return;
    // Recovery inside the value may already have stopped at the next item.
    if (k === T.IDENT && this.diagnostics.length > 0 && this.atItemStart()) return;
    // A value already reported broken on this line needs no second diagnostic.
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last === undefined || last.start.line !== this.pos(this.lx.start).line) {
      this.error(
        this.lx.start,
        this.lx.end,
        `expected a newline after ${what}, found ${this.describe()}`,
      );
    }
    this.skipLine();
  }

  // ---- expressions --------------------------------------------------------------------------

  parseExpression(): Expression {
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

  /**
   * Consumes the closer of a group opened at `open`; on anything else reports and skips to it.
   * Returns the end offset of the group.
   */
  private expectCloser(closer: TokenKind, open: number, after: boolean): number {
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

  private reportUnclosed(closer: TokenKind, open: number): void {
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

  private parseTuple(): Expression {
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

  private parseObject(): Expression {
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

  /** Attribute access, indexes and splats after a term. */
  private parsePostfix(term: Expression): Expression {
    const lx = this.lx;
    let expr = term;
    for (;;) {
      if (lx.kind === T.DOT) {
        const dot = lx.start;
        this.next();
        if (lx.kind === T.STAR) {
          const starEnd = lx.end;
          this.next();
          expr = this.parseSplat(expr, 'attr', dot, starEnd);
          continue;
        }
        const step = this.parseDotStep(expr);
        if (step === undefined) return expr;
        expr = step;
        continue;
      }
      if (lx.kind === T.LBRACK) {
        const open = lx.start;
        const saved = this.setNewlines(false);
        this.next();
        if (lx.kind === T.STAR) {
          this.next();
          const end = this.expectCloser(T.RBRACK, open, saved);
          expr = this.parseSplat(expr, 'full', open, end);
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
   * The traversal after `.*` or `[*]` applies to each element. An attribute-only splat takes
   * `.name` steps; a full splat also takes indexes. A splat inside the traversal nests.
   */
  private parseSplat(
    source: Expression,
    style: 'attr' | 'full',
    opStart: number,
    opEnd: number,
  ): Expression {
    const lx = this.lx;
    let each: Expression = { type: 'anon', start: this.pos(opStart), end: this.pos(opEnd) };
    let end = opEnd;
    for (;;) {
      if (lx.kind === T.DOT) {
        const dot = lx.start;
        this.next();
        if (lx.kind === T.STAR) {
          const starEnd = lx.end;
          this.next();
          each = this.nestedSplat(each, 'attr', dot, starEnd);
          end = each.end.offset;
          continue;
        }
        const step = this.parseDotStep(each);
        if (step === undefined) break;
        each = step;
        end = step.end.offset;
        continue;
      }
      if (style === 'full' && lx.kind === T.LBRACK) {
        const open = lx.start;
        const saved = this.setNewlines(false);
        this.next();
        if (lx.kind === T.STAR) {
          this.next();
          const closeEnd = this.expectCloser(T.RBRACK, open, saved);
          each = this.nestedSplat(each, 'full', open, closeEnd);
        } else {
          each = this.finishIndex(each, open, saved);
        }
        end = each.end.offset;
        continue;
      }
      break;
    }
    return { type: 'splat', source, each, style, start: source.start, end: this.pos(end) };
  }

  /** A splat inside a splat's traversal; beyond the depth limit it is reported and left flat. */
  private nestedSplat(
    each: Expression,
    style: 'attr' | 'full',
    opStart: number,
    opEnd: number,
  ): Expression {
    if (this.depth >= MAX_DEPTH) {
      this.error(opStart, opEnd, `nesting is too deep (more than ${MAX_DEPTH} levels)`);
      return each;
    }
    this.depth++;
    const splat = this.parseSplat(each, style, opStart, opEnd);
    this.depth--;
    return splat;
  }

  // ---- templates ----------------------------------------------------------------------------

  private parseTemplateExpr(): TemplateExpr {
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
  private parseTemplateToken(): TemplatePart[] {
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

export interface ParseOptions {
  /**
   * Which top-level blocks keep their body once parsed (default: all). Every body is parsed, so
   * every syntax error is reported, but while the file has no error so far, a body this refuses
   * is dropped and parsed again from the text when first read. A scan reads few of a repository's variables,
   * outputs and resources: keeping all their trees cost more in garbage collection than parsing
   * the few it reads twice. `body` is the body's text, braces included.
   */
  readonly keepBody?: (type: string, labels: readonly Label[], body: string) => boolean;
  /**
   * Where the text's offsets are in the file `path` names, when the text is written inside it (a
   * Terragrunt `generate` block's contents); default: the text is the file.
   */
  readonly positions?: PositionSource;
  /** Offsets of the characters that stand for bytes that are not UTF-8 (see `sourceText`). */
  readonly notUtf8?: readonly number[];
}

export function parseHcl(text: string, path: string, options: ParseOptions = {}): ConfigFile {
  const positions = options.positions ?? new LineIndex(text);
  const parser = new Parser(text, positions, options.keepBody);
  const file = parser.parseFile(path);
  // Terraform reads comments as bytes, and refuses bytes that are not UTF-8 anywhere else.
  const invalid = firstOutside(options.notUtf8 ?? [], file.comments);
  if (invalid !== undefined)
    parser.error(invalid, invalid + 1, 'invalid character encoding: Terraform reads only UTF-8');
  return file;
}

/** The first of `offsets` (ascending) that no comment holds. */
function firstOutside(
  offsets: readonly number[],
  comments: readonly Comment[],
): number | undefined {
  let c = 0;
  for (const offset of offsets) {
    while (c < comments.length && comments[c]!.end.offset <= offset) c++;
    const comment = comments[c];
    if (comment === undefined || offset < comment.start.offset) return offset;
  }
  return undefined;
}

/** Whether the block's body was let go once parsed (`keepBody` refused it). */
export function isDropped(block: Block): boolean {
  return block instanceof DroppedBlock;
}

/**
 * A top-level block whose body was let go once parsed. One class, so that every such block shares
 * one shape: redefining `body` on the parsed object as a getter put it in dictionary mode, slow to
 * read everywhere (measured: 48 ms of a 20,000-file scan in one loop over blocks).
 */
class DroppedBlock implements Block {
  readonly kind = 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly Label[];
  readonly start: Position;
  readonly end: Position;
  #body: Body | undefined;
  readonly #reparse: () => Body;

  constructor(block: Block, reparse: () => Body) {
    this.type = block.type;
    this.typeSpan = block.typeSpan;
    this.labels = block.labels;
    this.start = block.start;
    this.end = block.end;
    this.#reparse = reparse;
  }

  get body(): Body {
    return (this.#body ??= this.#reparse());
  }

  /** As the block would have been serialised with its body, in the same key order. */
  toJSON(): Block {
    const { kind, type, typeSpan, labels, body, start, end } = this;
    return { kind, type, typeSpan, labels, body, start, end };
  }
}
