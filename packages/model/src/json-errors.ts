import {
  parseTree,
  printParseErrorCode,
  visit,
  type ParseError,
  type ParseErrorCode,
} from 'jsonc-parser';
import { jsonTooDeepAt } from './json-depth.js';
import { LineIndex } from './source.js';

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

const STRICT = { disallowComments: true, allowTrailingComma: false } as const;

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
  const root = parseTree(text, found, STRICT);
  const errors: JsonError[] = [];
  for (const e of found) {
    // jsonc-parser often reports one mistake twice at the same spot.
    if (e.offset === errors.at(-1)?.offset) continue;
    errors.push({ offset: e.offset, length: e.length, message: words(e.error) });
  }
  return { root, errors };
}

/** Where `JSON.parse` refused a text, and why, in words that quote none of it. */
export interface JsonRefusal {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The text ends, or a string runs to the end of its line, before the JSON is complete. */
  readonly cutShort: boolean;
}

/** jsonc-parser recurses once per level: it reads no deeper than this. */
const MAX_DEPTH = 512;

type Found = Omit<JsonRefusal, 'line' | 'column'>;

/**
 * Why `JSON.parse` threw `error` on `text`, for a message that names the place (`file:line:column`)
 * and never `error.message`, which quotes the text around the mistake (a credential on that line
 * would reach the report). Said by jsonc-parser, in the words `readJson` uses, without building
 * a tree: the text may be a large plan.
 */
export function jsonRefusal(text: string, error: unknown): JsonRefusal {
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  const found = deep < 0 ? firstError(text) : firstErrorAbove(text, deep);
  const { offset, message, cutShort } = found ?? {
    // Only where the two parsers disagree on strictness: Node's message names the position, the
    // one thing taken from it.
    offset: Number(/position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? 0),
    message: 'not valid JSON',
    cutShort: false,
  };
  const { line, column } = new LineIndex(text).position(offset);
  return { offset, line, column, message, cutShort };
}

/** The first mistake before depth `deep`, else that depth, past which nothing is looked for. */
function firstErrorAbove(text: string, deep: number): Found {
  const above = firstError(text.slice(0, deep));
  if (above && !above.cutShort) return above;
  return {
    offset: deep,
    message: `nested more than ${MAX_DEPTH} levels deep, too deep to say where it breaks`,
    cutShort: false,
  };
}

function firstError(text: string): Found | undefined {
  let first: { code: ParseErrorCode; offset: number } | undefined;
  visit(text, { onError: (code, offset) => (first ??= { code, offset }) }, STRICT);
  if (!first) return undefined;
  const cutShort =
    first.offset >= text.trimEnd().length ||
    printParseErrorCode(first.code) === 'UnexpectedEndOfString';
  return { offset: first.offset, message: words(first.code), cutShort };
}

function words(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  return JSON_ERRORS[name] ?? name;
}
