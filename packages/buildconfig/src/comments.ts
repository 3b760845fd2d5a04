/**
 * Comments of the shell family, as the shell (or PowerShell, or Ruby, whose `#` comments follow the
 * same rules) reads them: a `#` that starts a word, outside quotes, comments out the rest of its
 * line, so `echo a#b` and `echo "#"` hold none. A heredoc's body is read on its own, as the script
 * it most often writes (`cat > run.sh <<EOF`): its quotes do not reach past it.
 *
 * A comment neither runs nor is read by the build, so a command written in one is no command, and
 * a link in one is no link (`extractLinks` drops the references comments hold): a commented-out
 * `gsutil iam ch allUsers:objectViewer gs://…` opens nothing, and a commented-out download URL is
 * not what the script, or its users, fetch. Only the files whose comments are found (shell,
 * PowerShell and batch scripts, Makefiles, Dockerfiles, YAML, Groovy, Ruby and the scripts written
 * in them) lose them: a JavaScript or TypeScript config keeps its comments, which a bundler can
 * ship (`//# sourceMappingURL=…`, a banner).
 */
import { pushAll } from '@posture/model';
import type { Span } from './structured/doc.js';

interface Dialect {
  /** What escapes the next character, outside single quotes. */
  readonly escape: string;
  /** Characters that end a word, after which `#` starts a comment (besides white space). */
  readonly operators: string;
  /** A block comment's opening and closing (PowerShell's `<# … #>`). */
  readonly block?: readonly [string, string];
  /** Reads a heredoc's start at `i`: its terminator and where its start ends. */
  readonly heredoc?: (text: string, i: number) => { terminator: string; end: number } | undefined;
}

/** `<<EOF`, `<<-'EOF'`, `<< "EOF"`, `<<\EOF`, and Ruby's `<<~EOS`; not `<<<` nor `1 << 2`. */
const HEREDOC =
  /<<[-~]?[ \t]*(?:(['"])(?<quoted>[A-Za-z_][\w.-]*)\1|\\?(?<bare>[A-Za-z_][\w.-]*))/y;

const SHELL: Dialect = {
  escape: '\\',
  operators: ';&|()<>',
  heredoc: (text, i) => {
    if (text[i + 2] === '<') return undefined;
    HEREDOC.lastIndex = i;
    const m = HEREDOC.exec(text);
    const terminator = m?.groups?.quoted ?? m?.groups?.bare;
    return m && terminator !== undefined ? { terminator, end: i + m[0].length } : undefined;
  },
};

/**
 * Heredoc bodies inside heredoc bodies are read as scripts this deep; deeper ones are read as part
 * of the body around them (its comments are still found). A script of thousands of heredocs that
 * never end, each inside the one before, would otherwise nest as deep, and be read as many times.
 */
const MAX_HEREDOC_DEPTH = 16;

const POWERSHELL: Dialect = { escape: '`', operators: ';&|(){}', block: ['<#', '#>'] };

/**
 * The comments of a shell script at `span` of `text` (default: all of it). In `folded` text (a
 * YAML `>` block, a quoted scalar over several lines) a line break is a space, so a comment runs
 * on to a blank line.
 */
export function shellComments(
  text: string,
  span: Span = { start: 0, end: text.length },
  folded = false,
): Span[] {
  return commentsIn(text, span, SHELL, folded);
}

/** The comments of a PowerShell script: `#` to the line's end, and `<# … #>` blocks. */
export function powershellComments(text: string): Span[] {
  return commentsIn(text, { start: 0, end: text.length }, POWERSHELL, false);
}

/**
 * A batch file's comment: a `rem` command (`@rem` too, or after `&`) to the line's end, and a line
 * that starts with `::`, a label cmd never jumps to.
 */
const BATCH_COMMENT = /^[ \t]*(?:@?rem(?=[\s.:]|$)|::)[^\n]*|&[ \t]*@?rem(?=[\s.:]|$)[^\n]*/gim;

/** The comments of a batch (`.bat`, `.cmd`) file. */
export function batchComments(text: string): Span[] {
  return [...text.matchAll(BATCH_COMMENT)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function commentsIn(
  text: string,
  span: Span,
  dialect: Dialect,
  folded: boolean,
  depth = 0,
): Span[] {
  const comments: Span[] = [];
  // Terminators of the heredocs begun on the current line, whose bodies start on the next.
  const heredocs: string[] = [];
  let quote: string | undefined;
  for (let i = span.start; i < span.end; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === dialect.escape && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === dialect.escape) i++;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '\n' && heredocs.length > 0) {
      const bodies = { start: i + 1, end: span.end };
      i = readBodies(text, bodies, heredocs, dialect, comments, depth + 1) - 1;
    } else if (c === '<' && text[i + 1] === '<' && dialect.heredoc && depth < MAX_HEREDOC_DEPTH) {
      const heredoc = dialect.heredoc(text, i);
      if (heredoc) heredocs.push(heredoc.terminator);
      i = (heredoc?.end ?? i + 2) - 1;
    } else if (dialect.block && text.startsWith(dialect.block[0], i)) {
      const close = text.indexOf(dialect.block[1], i + 2);
      const end = close < 0 || close >= span.end ? span.end : close + dialect.block[1].length;
      comments.push({ start: i, end });
      i = end - 1;
    } else if (c === '#' && startsWord(text, i, span.start, dialect)) {
      const end = commentEnd(text, i, span.end, folded);
      comments.push({ start: i, end });
      // The line break is read again: heredocs begun before the comment start after it.
      i = end - 1;
    }
  }
  return comments;
}

function startsWord(text: string, i: number, start: number, dialect: Dialect): boolean {
  const before = text[i - 1] ?? '';
  return i === start || /\s/.test(before) || dialect.operators.includes(before);
}

function commentEnd(text: string, from: number, end: number, folded: boolean): number {
  for (let i = text.indexOf('\n', from); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    if (!folded || /^[ \t\r]*(?:\n|$)/.test(text.slice(i + 1, i + 1 + 256))) return i;
  }
  return end;
}

/**
 * Reads the bodies of `heredocs`, which follow one another from `span.start`, each as a script of
 * its own; returns where the last one's terminator line ends.
 */
function readBodies(
  text: string,
  span: Span,
  heredocs: string[],
  dialect: Dialect,
  comments: Span[],
  depth: number,
): number {
  let body = span.start;
  let line = span.start;
  // The next body's terminator: shifting each off a line of thousands of heredocs was quadratic.
  let next = 0;
  while (next < heredocs.length && line < span.end) {
    const newline = text.indexOf('\n', line);
    const lineEnd = newline < 0 || newline > span.end ? span.end : newline;
    // Indented in a YAML block, and by `<<-` and `<<~`: the terminator is the line's only word.
    if (text.slice(line, lineEnd).trim() === heredocs[next]) {
      pushAll(comments, commentsIn(text, { start: body, end: line }, dialect, false, depth));
      next++;
      body = lineEnd + 1;
    }
    line = lineEnd + 1;
  }
  // A body that does not end runs to the end of the script.
  if (next < heredocs.length)
    pushAll(comments, commentsIn(text, { start: body, end: span.end }, dialect, false, depth));
  heredocs.length = 0;
  return Math.min(line, span.end);
}
