/** How much source text a parser message quotes at most. */
const MAX_EXCERPT = 40;

/**
 * Source text as a parser message quotes it, from `start` to `end`: a name (an attribute's, a
 * block's type, a function's), or the token the parser stopped at, cut at 40 characters. Never a
 * string's contents, nor a word the parser could not read as a name: a secret pasted there has no
 * shape `redactText` knows, and would be shown in every report.
 */
export function excerpt(text: string, start = 0, end = text.length): string {
  return text.slice(start, Math.min(end, start + MAX_EXCERPT));
}
