import { createScanner, type SyntaxKind } from 'jsonc-parser';

/** jsonc-parser's `SyntaxKind` values: a const enum, which an isolated module cannot read. */
const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  string: 10,
  end: 17,
} as const satisfies Record<string, SyntaxKind>;

export interface DuplicateKey {
  readonly key: string;
  /** Where the key is given again. */
  readonly offset: number;
}

/**
 * Each key given again in an object of the JSON `text`, at its second place: `JSON.parse` keeps
 * the last, where its reader takes the first (a second `"expires"` or `"severity"` below the one
 * reviewed). Read token by token, not recursively: the text may be nested too deep to recurse.
 */
export function duplicateJsonKeys(text: string): DuplicateKey[] {
  const scanner = createScanner(text, true);
  // For each open object its keys, and whether a key comes next; null for an open array.
  const open: ({ keys: Set<string>; keyNext: boolean } | null)[] = [];
  const duplicates: DuplicateKey[] = [];
  for (let token: number = scanner.scan(); token !== TOKEN.end; token = scanner.scan()) {
    const top = open.at(-1);
    if (token === TOKEN.openBrace) open.push({ keys: new Set(), keyNext: true });
    else if (token === TOKEN.openBracket) open.push(null);
    else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) open.pop();
    else if (top && token === TOKEN.comma) top.keyNext = true;
    else if (top?.keyNext && token === TOKEN.string) {
      const key = scanner.getTokenValue();
      if (top.keys.has(key)) duplicates.push({ key, offset: scanner.getTokenOffset() });
      top.keys.add(key);
      top.keyNext = false;
    }
  }
  return duplicates;
}
