import type { Attribute, Block, Body, ConfigFile, Expression, Label } from '../ast.js';
import { pushAll } from '@posture/model';
import { T } from './lexer.js';
import { MAX_DEPTH } from './limits.js';
import type { PositionSource } from './positions.js';
import { excerpt } from './excerpt.js';
import { DroppedBlock } from './dropped-block.js';
import { ExpressionParser } from './expressions.js';
import type { ParseOptions } from './parser.js';

interface BodyResult {
  readonly items: (Attribute | Block)[];
  /** Offset after the closing brace, or where an unclosed body stopped. */
  readonly end: number;
  /** Items an unclosed body gives back to its parent. */
  readonly spill: (Attribute | Block)[];
}

/**
 * A recursive-descent parser over the lexer's single token of lookahead. It is built in layers, one
 * a file, each a subclass of the one before: the token cursor (cursor.ts), recovery, templates,
 * traversals, collections, expressions, and here the bodies of files and blocks.
 */
export class Parser extends ExpressionParser {
  /** Items an unclosed block gave back (see `parseItems`), for the enclosing body to take. */
  private spill: (Attribute | Block)[] = [];

  constructor(
    text: string,
    positions: PositionSource,
    private readonly keepBody?: ParseOptions['keepBody'],
  ) {
    super(text, positions);
  }

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
}
