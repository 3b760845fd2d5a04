/**
 * The offset where the nesting of JSON `text` first exceeds `maxDepth`, or -1. Checked before a
 * parser that recurses once per level (jsonc-parser, and the tree walks after it) reads a file
 * that could be crafted to be nested a hundred thousand levels deep.
 */
export function jsonTooDeepAt(text: string, maxDepth: number): number {
  // A closer with nothing open is a mistake the parser reports, not a level it leaves: counted,
  // 150,000 stray `}` let 10,000 `[` after them pass unseen, and the parser overflow the stack.
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return -1;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The offset of the quote that closes the JSON string opened at `at`, or -1 if none does. Found
 * with `indexOf`, not character by character: most of a plan's or manifest's text is strings.
 */
export function closingQuote(text: string, at: number): number {
  let quote = at;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote < 0) return -1;
    let escapes = 0;
    while (text.charCodeAt(quote - 1 - escapes) === BACKSLASH) escapes++;
    if (escapes % 2 === 0) return quote;
  }
}
