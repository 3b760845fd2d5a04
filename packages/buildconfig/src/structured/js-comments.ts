/**
 * Whether a place in JavaScript text is inside a comment, read without a parser: the SDK's
 * `{ Bucket: "examplebucket" }` in a JSDoc `@example` or `storage.bucket("…")` after `//` is
 * documentation, not a call the code makes. Only a comment this reading is sure of counts: a line
 * longer than MAX_LINE (a minified bundle's) or a block comment opened further up than MAX_BLOCK
 * is taken for code, which the gate reads rather than pass over.
 */

const MAX_LINE = 2048;
const MAX_BLOCK = 8192;
const QUOTES = '"\'`';

export function inComment(text: string, at: number): boolean {
  const lineStart = lineStartOf(text, at);
  if (lineStart === undefined) return false;
  return commentAt(text, blockOpening(text, lineStart) ?? lineStart, at);
}

function lineStartOf(text: string, at: number): number | undefined {
  const from = Math.max(0, at - MAX_LINE);
  const newline = text.slice(from, at).lastIndexOf('\n');
  if (newline >= 0) return from + newline + 1;
  return from === 0 ? 0 : undefined;
}

/**
 * Where the block comment a line continues opens (` * @example` under `/**`): a line that starts
 * with `*` below a `/*` not closed since.
 */
function blockOpening(text: string, lineStart: number): number | undefined {
  const first = text.slice(lineStart, lineStart + MAX_LINE).trimStart();
  if (!first.startsWith('*') || first.startsWith('*/')) return undefined;
  const from = Math.max(0, lineStart - MAX_BLOCK);
  const above = text.slice(from, lineStart);
  const open = above.lastIndexOf('/*');
  return open >= 0 && open > above.lastIndexOf('*/') ? from + open : undefined;
}

/** Reads `[from, at)` as code: strings are skipped, so `"https://…"` opens no comment. */
function commentAt(text: string, from: number, at: number): boolean {
  let quote: string | undefined;
  let block = false;
  for (let i = from; i < at; i++) {
    const c = text[i]!;
    if (block) {
      if (c === '*' && text[i + 1] === '/') [block, i] = [false, i + 1];
    } else if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '\\') {
      // Outside a string, only a regular expression escapes: `/^\/\//` opens no comment.
      i++;
    } else if (QUOTES.includes(c)) quote = c;
    else if (c === '/' && text[i + 1] === '/') return true;
    else if (c === '/' && text[i + 1] === '*') [block, i] = [true, i + 1];
  }
  return block;
}
