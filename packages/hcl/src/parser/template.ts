import type { Position } from '@posture/model';
import type { Expression, TemplatePart } from '../ast.js';
import { flushHeredoc, heredocEnd } from './heredoc.js';
import { excerpt } from './excerpt.js';

/** What the template scanner needs from the expression parser. */
export interface TemplateHost {
  readonly text: string;
  pos(offset: number): Position;
  error(start: number, end: number, message: string): void;
  /** Parses the expression and the `}` or `~}` of a `${` sequence whose content starts at `offset`. */
  interpolation(offset: number): Sequence;
  /** Parses a `%{ ... }` directive whose content starts at `offset`. */
  directive(offset: number): Directive;
}

export interface Sequence {
  readonly expr: Expression;
  /** Offset after the closing brace (or where scanning resumes after an error). */
  readonly end: number;
  readonly stripRight: boolean;
}

export interface Directive {
  /** `undefined` when the directive was invalid; a diagnostic has been reported. */
  readonly word: 'if' | 'else' | 'endif' | 'for' | 'endfor' | undefined;
  readonly end: number;
  readonly stripRight: boolean;
  readonly condition?: Expression;
  readonly keyVar?: string;
  readonly valueVar?: string;
  readonly collection?: Expression;
}

/**
 * Templates are scanned into a flat list first, as HCL does: strip markers apply to neighbouring
 * literal tokens, and `<<-` indentation is measured over that list, before directives nest.
 */
export interface FlatLiteral {
  readonly kind: 'literal';
  start: number;
  readonly end: number;
  value: string;
}

interface FlatSequence {
  readonly kind: 'interpolation' | 'directive';
  readonly start: number;
  readonly end: number;
  readonly expr?: Expression;
  readonly directive?: Directive;
}

export type FlatToken = FlatLiteral | FlatSequence;

export interface ScannedTemplate {
  readonly parts: TemplatePart[];
  /** Offset after the template: after the closing quote, or after the heredoc's closing marker. */
  readonly end: number;
}

const enum Mode {
  Quoted,
  Heredoc,
  Bare,
}

class Scanner {
  readonly flat: FlatToken[] = [];
  private ltrimNext = false;
  private chunks: string[] | null = null;
  private segStart: number;

  constructor(
    private readonly host: TemplateHost,
    private readonly start: number,
  ) {
    this.segStart = start;
  }

  /**
   * Scans from the current offset until the closing quote, the heredoc marker or `limit`.
   * Returns the offset where the template's text ends (before the closing quote or marker line).
   */
  scan(mode: Mode, limit: number, marker: string): { textEnd: number; closeEnd: number } {
    const host = this.host;
    const text = host.text;
    let p = this.start;
    let lineStart = mode === Mode.Heredoc;
    for (;;) {
      if (lineStart) {
        const markerEnd = heredocEnd(text, p, marker);
        if (markerEnd !== -1) {
          this.flushLiteral(p);
          return { textEnd: p, closeEnd: markerEnd };
        }
        lineStart = false;
      }
      if (p >= limit) {
        this.flushLiteral(p);
        return { textEnd: p, closeEnd: -1 };
      }
      const c = text.charCodeAt(p);
      if (mode === Mode.Quoted) {
        if (c === 34) {
          this.flushLiteral(p);
          return { textEnd: p, closeEnd: p + 1 };
        }
        if (c === 10 || c === 13) {
          this.flushLiteral(p);
          return { textEnd: p, closeEnd: -1 };
        }
        if (c === 92) {
          p = this.escape(p);
          continue;
        }
      } else if (mode === Mode.Heredoc) {
        if (c === 10) {
          p++;
          this.flushLiteral(p);
          lineStart = true;
          continue;
        }
        if (c === 13 && text.charCodeAt(p + 1) !== 10) {
          host.error(p, p + 1, 'a carriage return must be followed by a line feed in a heredoc');
        }
      }
      if (c === 36 || c === 37) {
        const n = text.charCodeAt(p + 1);
        if (n === 123) {
          this.flushLiteral(p);
          p = this.sequence(p, c === 36);
          continue;
        }
        if (n === c && text.charCodeAt(p + 2) === 123) {
          // `$${` and `%%{` stand for a literal `${` and `%{`: keep one marker and the brace.
          this.addChunk(p + 1);
          this.segStart = p + 2;
          p += 3;
          continue;
        }
      }
      p++;
    }
  }

  private addChunk(end: number): void {
    const piece = this.host.text.slice(this.segStart, end);
    if (this.chunks === null) this.chunks = [piece];
    else this.chunks.push(piece);
  }

  private flushLiteral(end: number): void {
    const start = this.segStart;
    let value: string;
    if (this.chunks !== null) {
      this.addChunk(end);
      value = this.chunks.join('');
      this.chunks = null;
    } else {
      if (end <= start) return;
      value = this.host.text.slice(start, end);
    }
    this.segStart = end;
    if (this.ltrimNext) {
      this.ltrimNext = false;
      value = value.trimStart();
    }
    this.flat.push({ kind: 'literal', start, end, value });
  }

  private escape(p: number): number {
    const text = this.host.text;
    const n = text.charCodeAt(p + 1);
    let value: string | undefined;
    let next = p + 2;
    switch (n) {
      case 110:
        value = '\n';
        break;
      case 116:
        value = '\t';
        break;
      case 114:
        value = '\r';
        break;
      case 34:
        value = '"';
        break;
      case 92:
        value = '\\';
        break;
      case 117:
      case 85: {
        const digits = n === 117 ? 4 : 8;
        const hex = text.slice(p + 2, p + 2 + digits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1;
        if (code >= 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff || digits === 4)) {
          value = String.fromCodePoint(code);
          next = p + 2 + digits;
        }
        break;
      }
    }
    if (value === undefined) {
      // The range holds the character after the backslash, which is the string's own text: the
      // message does not quote it.
      const length = n === 10 || n === 13 || Number.isNaN(n) ? 1 : 2;
      this.host.error(
        p,
        p + length,
        'invalid escape sequence in string: a \\ may start only \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN',
      );
      return p + 1;
    }
    this.addChunk(p);
    this.chunks?.push(value);
    this.segStart = next;
    return next;
  }

  private sequence(p: number, interpolation: boolean): number {
    const text = this.host.text;
    const stripLeft = text.charCodeAt(p + 2) === 126;
    if (stripLeft) {
      const prev = this.flat[this.flat.length - 1];
      if (prev !== undefined && prev.kind === 'literal' && prev.end === p) {
        prev.value = prev.value.trimEnd();
      }
    }
    this.ltrimNext = false;
    const contentStart = p + (stripLeft ? 3 : 2);
    let end: number;
    if (interpolation) {
      const seq = this.host.interpolation(contentStart);
      end = seq.end;
      this.flat.push({ kind: 'interpolation', start: p, end, expr: seq.expr });
      this.ltrimNext = seq.stripRight;
    } else {
      const directive = this.host.directive(contentStart);
      end = directive.end;
      this.flat.push({ kind: 'directive', start: p, end, directive });
      this.ltrimNext = directive.stripRight;
    }
    // An interpolation that failed to parse may stop before where it started; always move on.
    if (end <= p) end = p + 2;
    this.segStart = end;
    return end;
  }
}

/** A quoted template whose opening quote is at `open`. */
export function scanQuoted(host: TemplateHost, open: number): ScannedTemplate {
  const scanner = new Scanner(host, open + 1);
  const { textEnd, closeEnd } = scanner.scan(Mode.Quoted, host.text.length, '');
  if (closeEnd === -1) {
    host.error(
      open,
      textEnd,
      'unterminated string: a quoted string must end on the line it starts',
    );
  }
  const parts = buildParts(host, scanner.flat, textEnd);
  return { parts, end: closeEnd === -1 ? textEnd : closeEnd };
}

/** A heredoc whose `<<MARKER` token spans `start..contentStart` (including its line break). */
export function scanHeredoc(
  host: TemplateHost,
  start: number,
  contentStart: number,
  marker: string,
  indented: boolean,
): ScannedTemplate {
  const scanner = new Scanner(host, contentStart);
  const { textEnd, closeEnd } = scanner.scan(Mode.Heredoc, host.text.length, marker);
  if (closeEnd === -1) {
    host.error(
      start,
      contentStart,
      `unterminated heredoc: no line with the closing marker '${excerpt(marker)}' was found`,
    );
  }
  if (indented) flushHeredoc(scanner.flat);
  const parts = buildParts(host, scanner.flat, textEnd);
  return { parts, end: closeEnd === -1 ? textEnd : closeEnd };
}

/** A whole text as a template, as Terraform's JSON syntax reads string values. */
export function scanBare(host: TemplateHost): TemplatePart[] {
  const scanner = new Scanner(host, 0);
  const { textEnd } = scanner.scan(Mode.Bare, host.text.length, '');
  return buildParts(host, scanner.flat, textEnd);
}

interface Frame {
  readonly open: FlatSequence | undefined;
  readonly directive: Directive | undefined;
  readonly then: TemplatePart[];
  else: TemplatePart[] | undefined;
}

/** Nests directives with an explicit stack, so deeply nested `%{if}` cannot overflow the call stack. */
function buildParts(
  host: TemplateHost,
  flat: readonly FlatToken[],
  textEnd: number,
): TemplatePart[] {
  const stack: Frame[] = [{ open: undefined, directive: undefined, then: [], else: undefined }];
  let top = stack[0] as Frame;
  const n = flat.length;
  for (let i = 0; i < n; i++) {
    const tok = flat[i] as FlatToken;
    const target = top.else ?? top.then;
    if (tok.kind === 'literal') {
      let j = i + 1;
      let value = tok.value;
      let end = tok.end;
      if (j < n && (flat[j] as FlatToken).kind === 'literal') {
        const values = [value];
        while (j < n && (flat[j] as FlatToken).kind === 'literal') {
          const next = flat[j] as FlatLiteral;
          values.push(next.value);
          end = next.end;
          j++;
        }
        value = values.join('');
      }
      i = j - 1;
      if (value !== '') {
        target.push({ type: 'literal', value, start: host.pos(tok.start), end: host.pos(end) });
      }
      continue;
    }
    if (tok.kind === 'interpolation') {
      target.push({
        type: 'interpolation',
        expr: tok.expr as Expression,
        start: host.pos(tok.start),
        end: host.pos(tok.end),
      });
      continue;
    }
    const directive = tok.directive as Directive;
    switch (directive.word) {
      case 'if':
      case 'for':
        top = { open: tok, directive, then: [], else: undefined };
        stack.push(top);
        break;
      case 'else':
        if (top.directive?.word === 'if' && top.else === undefined) top.else = [];
        else host.error(tok.start, tok.end, "'%{else}' without a matching '%{if}'");
        break;
      case 'endif':
      case 'endfor': {
        const opener = directive.word === 'endif' ? 'if' : 'for';
        if (top.directive?.word !== opener) {
          host.error(
            tok.start,
            tok.end,
            `'%{${directive.word}}' without a matching '%{${opener}}'`,
          );
          break;
        }
        stack.pop();
        const parent = stack[stack.length - 1] as Frame;
        (parent.else ?? parent.then).push(closeFrame(host, top, tok.end));
        top = parent;
        break;
      }
      default:
        break;
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop() as Frame;
    const open = frame.open as FlatSequence;
    const word = frame.directive?.word === 'if' ? 'endif' : 'endfor';
    host.error(open.start, open.end, `'%{${frame.directive?.word}}' has no matching '%{${word}}'`);
    const parent = stack[stack.length - 1] as Frame;
    (parent.else ?? parent.then).push(closeFrame(host, frame, textEnd));
  }
  return top.then;
}

function closeFrame(host: TemplateHost, frame: Frame, end: number): TemplatePart {
  const d = frame.directive as Directive;
  const start = host.pos((frame.open as FlatSequence).start);
  const endPos = host.pos(end);
  const invalid = (): Expression => ({ type: 'invalid', start, end: start });
  if (d.word === 'if') {
    return {
      type: 'if',
      condition: d.condition ?? invalid(),
      then: frame.then,
      ...(frame.else !== undefined ? { else: frame.else } : {}),
      start,
      end: endPos,
    };
  }
  return {
    type: 'for',
    ...(d.keyVar !== undefined ? { keyVar: d.keyVar } : {}),
    valueVar: d.valueVar ?? '',
    collection: d.collection ?? invalid(),
    body: frame.then,
    start,
    end: endPos,
  };
}
