import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface JsonError {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

const JSON_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'comments are not allowed in JSON; use a "//" property',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'invalid character in string',
};

/**
 * Where strict JSON text goes wrong, each mistake said in words that quote none of the text (a
 * message from `JSON.parse` quotes the text around it, which may hold a secret), with the tree
 * read despite them.
 */
export function readJson(text: string): {
  root: ReturnType<typeof parseTree>;
  errors: JsonError[];
} {
  const found: ParseError[] = [];
  const root = parseTree(text, found, { disallowComments: true, allowTrailingComma: false });
  const errors: JsonError[] = [];
  for (const e of found) {
    // jsonc-parser often reports one mistake twice at the same spot.
    if (e.offset === errors.at(-1)?.offset) continue;
    const name = printParseErrorCode(e.error);
    errors.push({ offset: e.offset, length: e.length, message: JSON_ERRORS[name] ?? name });
  }
  return { root, errors };
}
