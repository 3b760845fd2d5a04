import { readdirSync, type Dirent } from 'node:fs';
import { unreadableReason } from './input-file.js';
import type { Diagnostic } from './inventory.js';

/** A point in a source file. `line` and `column` are 1-based; `offset` is the 0-based UTF-16 index into the text. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A span of a file. `file` is the path relative to the scan root, with `/` separators. `end` is exclusive. */
export interface Range {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/** A half-open span `[start, end)` of offsets into a text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Told of a file a scan read, once, with its text as read and where the file's own syntax writes
 * comments in it, found when asked: what is read from comments alone (inline exceptions) is never
 * read from a string, a scalar or a heredoc that holds the same characters.
 */
export type OnComments = (path: string, text: string, comments: () => readonly TextSpan[]) => void;

/** The `file` of what is read from standard input (`--plan -`): a name, not a path under the root. */
export const STANDARD_INPUT = '-';

/**
 * Directories no scan enters: dependencies, VCS data, Python environments, and Terraform's and
 * Terragrunt's working directories. They hold other projects' files (a virtualenv with Checkov
 * installed holds hundreds of its test `.tf` files) or copies of modules scanned where they are
 * written.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.terraform',
  '.terragrunt-cache',
  '.venv',
  'site-packages',
]);

/**
 * A directory's entries. One that is there but cannot be listed (`EACCES`) has none, and
 * `unreadable` says why: a walk reports it rather than take it for empty.
 */
export type Listing = readonly Dirent[] & { readonly unreadable?: string };

/**
 * Lists a directory (absolute path). A scan hands one that lists each directory once to every
 * reader that walks the tree.
 */
export type ListDirectory = (absoluteDir: string) => Listing;

/**
 * The `ListDirectory` that reads the disk each time it is asked. A name that is not UTF-8 is
 * listed with U+FFFD in place of its bytes, a path no read finds, so the file or directory would
 * vanish without a word (Terraform, which takes names as bytes, reads it): such a directory is
 * one that cannot be listed, an error.
 */
export function readDirectory(absoluteDir: string): Listing {
  try {
    const entries = readdirSync(absoluteDir, { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return entries;
    const mangled = notUtf8Name(absoluteDir);
    if (mangled === undefined) return entries;
    return Object.assign([], { unreadable: `the name ${mangled} in it is not UTF-8` });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing there, or a file: no entries, and none unread.
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    return Object.assign([], { unreadable: unreadableReason(error) });
  }
}

/** The first name in a directory that is not UTF-8, as it is shown (U+FFFD for its bytes). */
function notUtf8Name(absoluteDir: string): string | undefined {
  const names = readdirSync(absoluteDir, { encoding: 'buffer' });
  const bad = names.find((name) => !Buffer.from(name.toString('utf8')).equals(name));
  return bad === undefined ? undefined : JSON.stringify(bad.toString('utf8'));
}

export const DIRECTORY_UNREADABLE = 'directory-unreadable';

/**
 * A directory (relative to the scan root) that a walk could not list: an error, as none of its
 * files were read, at the directory named with a trailing `/`. Every walk says it alike, so that
 * a scan reports it once.
 */
export function unlistedDirectory(dir: string, reason: string): Diagnostic {
  return {
    severity: 'error',
    code: DIRECTORY_UNREADABLE,
    message: `the directory cannot be listed (${reason}), so none of the files in it were scanned`,
    range: directoryRange(dir),
  };
}

/**
 * Maps offsets of one text to line/column positions. Built once per file: every parser, reader and
 * extractor of the project turns offsets into positions through it, so all ranges agree.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** Parsers ask for positions in almost increasing order: the last line found is tried first. */
  private last = 0;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - (this.lineStarts[line] ?? 0) + 1, offset: clamped };
  }

  /** 0-based line of an offset: the cached line or the next (no search), else a binary search. */
  private lineOf(offset: number): number {
    const hint = this.last;
    if (this.holds(hint, offset)) return hint;
    if (this.holds(hint + 1, offset)) return (this.last = hint + 1);
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }

  private holds(line: number, offset: number): boolean {
    const start = this.lineStarts[line];
    return (
      start !== undefined && start <= offset && offset < (this.lineStarts[line + 1] ?? Infinity)
    );
  }

  range(file: string, startOffset: number, endOffset: number): Range {
    return { file, start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1).replace(/\r$/, '');
  }
}

/** A range covering a whole file's first line; for findings about a file as a whole. */
export function fileRange(file: string): Range {
  const start = { line: 1, column: 1, offset: 0 };
  return { file, start, end: start };
}

/**
 * A directory as a whole: its path with a trailing `/` (`./` for the scan root), which says that
 * there are no lines to point at (see `namesDirectory`).
 */
export function directoryRange(dir: string): Range {
  return fileRange(dir.endsWith('/') ? dir : `${dir}/`);
}

/** Whether a range is a directory's (`directoryRange`), which has no lines. */
export function namesDirectory(range: Range): boolean {
  return range.file.endsWith('/');
}

export function compareRanges(a: Range, b: Range): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}

export function formatRange(range: Range): string {
  return `${range.file}:${range.start.line}:${range.start.column}`;
}
