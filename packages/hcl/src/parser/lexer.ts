import type { Comment } from '../ast.js';
import type { PositionSource } from './positions.js';

/**
 * Token kinds: plain numbers, so comparisons stay integer compares. They are typed `number` rather
 * than literals because TypeScript would otherwise narrow `lexer.kind` across `next()` calls.
 */
export const T: Readonly<Record<TokenName, number>> = Object.freeze({
  EOF: 0,
  NEWLINE: 1,
  IDENT: 2,
  NUMBER: 3,
  OQUOTE: 4,
  HEREDOC: 5,
  LBRACE: 6,
  RBRACE: 7,
  LBRACK: 8,
  RBRACK: 9,
  LPAREN: 10,
  RPAREN: 11,
  COMMA: 12,
  DOT: 13,
  ELLIPSIS: 14,
  ASSIGN: 15,
  COLON: 16,
  DCOLON: 17,
  QUESTION: 18,
  BANG: 19,
  PLUS: 20,
  MINUS: 21,
  STAR: 22,
  SLASH: 23,
  PERCENT: 24,
  EQ: 25,
  NE: 26,
  LT: 27,
  GT: 28,
  LE: 29,
  GE: 30,
  AND: 31,
  OR: 32,
  ARROW: 33,
  TILDE: 34,
  INVALID: 35,
});
type TokenName =
  | 'EOF'
  | 'NEWLINE'
  | 'IDENT'
  | 'NUMBER'
  | 'OQUOTE'
  | 'HEREDOC'
  | 'LBRACE'
  | 'RBRACE'
  | 'LBRACK'
  | 'RBRACK'
  | 'LPAREN'
  | 'RPAREN'
  | 'COMMA'
  | 'DOT'
  | 'ELLIPSIS'
  | 'ASSIGN'
  | 'COLON'
  | 'DCOLON'
  | 'QUESTION'
  | 'BANG'
  | 'PLUS'
  | 'MINUS'
  | 'STAR'
  | 'SLASH'
  | 'PERCENT'
  | 'EQ'
  | 'NE'
  | 'LT'
  | 'GT'
  | 'LE'
  | 'GE'
  | 'AND'
  | 'OR'
  | 'ARROW'
  | 'TILDE'
  | 'INVALID';
export type TokenKind = number;

const TOKEN_NAMES: readonly string[] = [
  'end of file',
  'newline',
  'identifier',
  'number',
  'string',
  'heredoc',
  "'{'",
  "'}'",
  "'['",
  "']'",
  "'('",
  "')'",
  "','",
  "'.'",
  "'...'",
  "'='",
  "':'",
  "'::'",
  "'?'",
  "'!'",
  "'+'",
  "'-'",
  "'*'",
  "'/'",
  "'%'",
  "'=='",
  "'!='",
  "'<'",
  "'>'",
  "'<='",
  "'>='",
  "'&&'",
  "'||'",
  "'=>'",
  "'~'",
  'invalid character',
];

export function tokenName(kind: TokenKind): string {
  return TOKEN_NAMES[kind] ?? 'token';
}

const NON_ASCII_ID_START = /[\p{L}\p{Nl}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdContinue(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45
  );
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface LexError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/**
 * The expression-mode scanner. It keeps exactly one token of lookahead in its fields, so `pos` is
 * always the end of the current token; template and heredoc scanning move `pos` themselves and call
 * `next()` again where expression mode resumes.
 */
export class Lexer {
  kind: TokenKind = T.EOF;
  start = 0;
  end = 0;
  pos = 0;
  /** For `HEREDOC` tokens: the marker and whether it was `<<-`. */
  heredocMarker = '';
  heredocIndented = false;
  private commentEnd = 0;
  readonly len: number;

  constructor(
    readonly text: string,
    private readonly lines: PositionSource,
    readonly comments: Comment[],
    private readonly onError: (error: LexError) => void,
  ) {
    this.len = text.length;
  }

  /** Moves to `offset` and scans the token found there. */
  reset(offset: number): void {
    this.pos = offset;
    this.kind = T.EOF;
    this.next();
  }

  next(): void {
    const text = this.text;
    const len = this.len;
    // After a `.`, numbers are traversal steps: `a.0.1` is two steps, not the number `0.1`.
    const afterDot = this.kind === T.DOT;
    let p = this.pos;
    for (;;) {
      if (p >= len) {
        this.set(T.EOF, len, len);
        return;
      }
      const c = text.charCodeAt(p);
      // HCL's whitespace is narrow: a lone CR, a form feed or a BOM after the start are errors.
      if (c === 32 || c === 9 || (c === 13 && text.charCodeAt(p + 1) === 10)) {
        p++;
        continue;
      }
      if (c === 0xfeff && p === 0) {
        p++;
        continue;
      }
      if (c === 35 || (c === 47 && text.charCodeAt(p + 1) === 47)) {
        p = this.lineComment(p, c === 35 ? 1 : 2);
        continue;
      }
      if (c === 47 && text.charCodeAt(p + 1) === 42) {
        p = this.blockComment(p);
        continue;
      }
      if (isIdStart(c)) {
        let q = p + 1;
        while (q < len && isIdContinue(text.charCodeAt(q))) q++;
        if (q < len && text.charCodeAt(q) >= 128) q = this.unicodeIdent(q);
        this.set(T.IDENT, p, q);
        return;
      }
      if (isDigit(c)) {
        this.set(T.NUMBER, p, afterDot ? this.digits(p) : this.number(p));
        return;
      }
      const n = p + 1 < len ? text.charCodeAt(p + 1) : 0;
      switch (c) {
        case 10:
          this.set(T.NEWLINE, p, p + 1);
          return;
        case 34:
          this.set(T.OQUOTE, p, p + 1);
          return;
        case 123:
          this.set(T.LBRACE, p, p + 1);
          return;
        case 125:
          this.set(T.RBRACE, p, p + 1);
          return;
        case 91:
          this.set(T.LBRACK, p, p + 1);
          return;
        case 93:
          this.set(T.RBRACK, p, p + 1);
          return;
        case 40:
          this.set(T.LPAREN, p, p + 1);
          return;
        case 41:
          this.set(T.RPAREN, p, p + 1);
          return;
        case 44:
          this.set(T.COMMA, p, p + 1);
          return;
        case 46:
          if (n === 46 && text.charCodeAt(p + 2) === 46) this.set(T.ELLIPSIS, p, p + 3);
          else this.set(T.DOT, p, p + 1);
          return;
        case 61:
          if (n === 61) this.set(T.EQ, p, p + 2);
          else if (n === 62) this.set(T.ARROW, p, p + 2);
          else this.set(T.ASSIGN, p, p + 1);
          return;
        case 58:
          if (n === 58) this.set(T.DCOLON, p, p + 2);
          else this.set(T.COLON, p, p + 1);
          return;
        case 63:
          this.set(T.QUESTION, p, p + 1);
          return;
        case 33:
          if (n === 61) this.set(T.NE, p, p + 2);
          else this.set(T.BANG, p, p + 1);
          return;
        case 43:
          this.set(T.PLUS, p, p + 1);
          return;
        case 45:
          this.set(T.MINUS, p, p + 1);
          return;
        case 42:
          this.set(T.STAR, p, p + 1);
          return;
        case 47:
          this.set(T.SLASH, p, p + 1);
          return;
        case 37:
          this.set(T.PERCENT, p, p + 1);
          return;
        case 60:
          if (n === 60 && this.heredoc(p)) return;
          if (n === 61) this.set(T.LE, p, p + 2);
          else this.set(T.LT, p, p + 1);
          return;
        case 62:
          if (n === 61) this.set(T.GE, p, p + 2);
          else this.set(T.GT, p, p + 1);
          return;
        case 38:
          if (n === 38) this.set(T.AND, p, p + 2);
          else this.set(T.INVALID, p, p + 1);
          return;
        case 124:
          if (n === 124) this.set(T.OR, p, p + 2);
          else this.set(T.INVALID, p, p + 1);
          return;
        case 126:
          this.set(T.TILDE, p, p + 1);
          return;
        default: {
          if (c >= 128) {
            const q = this.unicodeIdent(p);
            if (q > p) {
              this.set(T.IDENT, p, q);
              return;
            }
          }
          // A character outside the BMP is one invalid token, not two halves.
          const high = c >= 0xd800 && c <= 0xdbff && p + 1 < len;
          this.set(T.INVALID, p, p + (high ? 2 : 1));
          return;
        }
      }
    }
  }

  /** The kind of the token after the current one; the lexer stays where it was. */
  peek(): TokenKind {
    const { kind, start, end, pos, heredocMarker, heredocIndented } = this;
    this.next();
    const next = this.kind;
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.pos = pos;
    this.heredocMarker = heredocMarker;
    this.heredocIndented = heredocIndented;
    return next;
  }

  private set(kind: TokenKind, start: number, end: number): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.pos = end;
  }

  /** Extends an identifier over non-ASCII letters; returns `p` when none is there. */
  private unicodeIdent(p: number): number {
    const text = this.text;
    let q = p;
    while (q < this.len) {
      const c = text.charCodeAt(q);
      if (c < 128) {
        if (q > p || isIdStart(c)) {
          if (!isIdContinue(c)) break;
          q++;
          continue;
        }
        break;
      }
      const cp = text.codePointAt(q) as number;
      const ch = String.fromCodePoint(cp);
      const ok = q === p ? NON_ASCII_ID_START.test(ch) : NON_ASCII_ID_CONTINUE.test(ch);
      if (!ok) break;
      q += ch.length;
    }
    return q;
  }

  private digits(p: number): number {
    const text = this.text;
    while (p < this.len && isDigit(text.charCodeAt(p))) p++;
    return p;
  }

  private number(p: number): number {
    const text = this.text;
    p = this.digits(p);
    if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) p = this.digits(p + 1);
    const e = text.charCodeAt(p);
    if (e === 101 || e === 69) {
      let q = p + 1;
      const s = text.charCodeAt(q);
      if (s === 43 || s === 45) q++;
      if (isDigit(text.charCodeAt(q))) p = this.digits(q);
    }
    return p;
  }

  /** `<<EOT` or `<<-EOT` followed by a line break; the token ends after that line break. */
  private heredoc(p: number): boolean {
    const text = this.text;
    let q = p + 2;
    const indented = text.charCodeAt(q) === 45;
    if (indented) q++;
    const markerStart = q;
    if (!isIdStart(text.charCodeAt(q))) return false;
    while (q < this.len && isIdContinue(text.charCodeAt(q))) q++;
    const markerEnd = q;
    if (text.charCodeAt(q) === 13) q++;
    if (q < this.len && text.charCodeAt(q) !== 10) return false;
    this.heredocMarker = text.slice(markerStart, markerEnd);
    this.heredocIndented = indented;
    this.set(T.HEREDOC, p, q < this.len ? q + 1 : q);
    return true;
  }

  private lineComment(p: number, markerLength: number): number {
    const text = this.text;
    let q = text.indexOf('\n', p);
    if (q === -1) q = this.len;
    let textEnd = q;
    if (textEnd > p && text.charCodeAt(textEnd - 1) === 13) textEnd--;
    this.addComment(p, q, text.slice(p + markerLength, textEnd), markerLength === 1 ? '#' : '//');
    return q;
  }

  private blockComment(p: number): number {
    const text = this.text;
    const close = text.indexOf('*/', p + 2);
    if (close === -1) {
      this.onError({ start: p, end: p + 2, message: "unterminated comment: '/*' has no '*/'" });
      this.addComment(p, this.len, text.slice(p + 2), '/*');
      return this.len;
    }
    this.addComment(p, close + 2, text.slice(p + 2, close), '/*');
    return close + 2;
  }

  private addComment(start: number, end: number, body: string, style: Comment['style']): void {
    // The parser rescans text after recovering; a comment is recorded the first time only.
    if (start < this.commentEnd) return;
    this.commentEnd = end;
    const lines = this.lines;
    this.comments.push({
      text: body,
      style,
      start: lines.position(start),
      end: lines.position(end),
    });
  }
}
