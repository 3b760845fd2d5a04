import { StringDecoder } from 'node:string_decoder';
import { LineIndex } from '@posture/model';

/**
 * A shipped file's text in overlapping windows, so that files of hundreds of megabytes are checked
 * in bounded memory. Each window reports the matches that start in `[from, limit)`; what lies
 * beyond `limit` is seen again at the start of the next window, so any match shorter than
 * `OVERLAP` is found whole exactly once, with `CONTEXT` characters before it for lookbehinds and
 * the backward reach of URL schemes and userinfo.
 */
const WINDOW = 1 << 20;
const OVERLAP = 8192;
const CONTEXT = 1024;

export interface Window {
  readonly text: string;
  /** Offset of `text[0]` in the whole file (UTF-16 code units, as editors count). */
  readonly base: number;
  readonly from: number;
  readonly limit: number;
  /** The 1-based line and column of a window offset in the whole file. */
  position(offset: number): { line: number; column: number; offset: number };
}

export type WindowHandler = (window: Window) => void;

export class TextWindows {
  private readonly decoder = new StringDecoder('utf8');
  private parts: string[] = [];
  private length = 0;
  private carry = '';
  private from = 0;
  private base = 0;
  private baseLine = 1;
  private baseColumn = 1;

  constructor(private readonly handle: WindowHandler) {}

  push(chunk: Buffer): void {
    this.add(this.decoder.write(chunk));
    if (this.carry.length + this.length >= WINDOW) this.flush(false);
  }

  end(): void {
    this.add(this.decoder.end());
    this.flush(true);
  }

  private add(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.length += text.length;
  }

  private flush(final: boolean): void {
    // A byte-order mark is not part of the text an editor shows.
    const joined = this.carry + this.parts.join('');
    const text = this.base === 0 && this.carry === '' ? joined.replace(/^\uFEFF/, '') : joined;
    this.parts = [];
    this.length = 0;
    const limit = final ? text.length : Math.max(this.from, text.length - OVERLAP);
    this.handle(this.window(text, limit));
    const keep = Math.max(0, limit - CONTEXT);
    this.advance(text, keep);
    this.carry = text.slice(keep);
    this.from = limit - keep;
  }

  private window(text: string, limit: number): Window {
    const { base, baseLine, baseColumn } = this;
    let lines: LineIndex | undefined;
    return {
      text,
      base,
      from: this.from,
      limit,
      position(offset) {
        lines ??= new LineIndex(text);
        const at = lines.position(offset);
        const column = at.line === 1 ? baseColumn + at.column - 1 : at.column;
        return { line: baseLine + at.line - 1, column, offset: base + offset };
      },
    };
  }

  /** Moves the window start to `to`, counting the lines passed. */
  private advance(text: string, to: number): void {
    let lastBreak = -1;
    for (let i = text.indexOf('\n'); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      this.baseLine++;
      lastBreak = i;
    }
    this.baseColumn = lastBreak < 0 ? this.baseColumn + to : to - lastBreak;
    this.base += to;
  }
}
