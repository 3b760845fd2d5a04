/**
 * The offset where the nesting of JSON `text` first exceeds `maxDepth`, or -1. Checked before a
 * parser that recurses once per level (jsonc-parser, and the tree walks after it) reads a file
 * that could be crafted to be nested a hundred thousand levels deep.
 */
export function jsonTooDeepAt(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}
