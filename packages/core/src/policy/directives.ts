import { pushAll, LineIndex, type OnComments, type Range, type TextSpan } from '@posture/model';

/** An inline exception: `# posture:ignore RULE[,RULE] reason="…" expires=YYYY-MM-DD approvedBy="…"`. */
export interface Directive {
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly expires?: string;
  readonly approvedBy?: string;
  /**
   * The first thing its text gets wrong, when it is not written as an exception must be: a field
   * that is none of the three, a word that is neither the rule list nor a field, a quote left
   * open, a marker in another case or spacing. Such an exception is not honoured.
   */
  readonly mistake?: string;
  /** The comment itself. */
  readonly range: Range;
  /** True when code precedes the comment on its line: it then covers that line only. */
  readonly trailing: boolean;
  /**
   * The lines it covers, as the loader that read the file counts them (YAML ends one at a CR alone
   * too): its own when trailing, else the next line of code and the lines nested under it.
   */
  readonly covers: { readonly first: number; readonly last: number };
}

const MARKER = 'posture:ignore';
/**
 * A comment that means to be an exception: the marker in any case, with blanks around its colon
 * (`# POSTURE:IGNORE`, `# posture: ignore`), so that one not written as `posture:ignore` is
 * reported rather than passed over as an ordinary comment.
 */
const DIRECTIVE = /(?:#|\/\/|\/\*)[ \t]*(posture[ \t]*:[ \t]*ignore)\b([^\n]*)/gi;
/** `key=value` (a value quoted, a quote left open, or up to the next blank), or a bare word. */
const TOKEN = /([^\s=]+)=(?:"([^"]*)"|'([^']*)'|(["'])|(\S*))|(\S+)/g;
const FIELDS = ['reason', 'expires', 'approvedBy'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Gathers inline exceptions from the comments of each file as the loaders read it (their
 * `onComments`), so that no file is read again for them; only texts that mention `posture` in one
 * of its cases are searched (two plain searches cost less than one regular expression that ignores
 * case), and only their comments are looked for.
 */
export class DirectiveCollector {
  readonly directives: Directive[] = [];

  readonly onComments: OnComments = (path, text, comments) => {
    if (mentionsPosture(text)) pushAll(this.directives, parseDirectives(path, text, comments()));
  };
}

export function mentionsPosture(text: string): boolean {
  return text.includes('osture') || text.includes('OSTURE');
}

/**
 * The inline exceptions of a file, in its `comments` alone (as its loader found them): the same
 * characters in a string, a YAML scalar or a heredoc are data, and waive nothing.
 */
export function parseDirectives(
  path: string,
  text: string,
  comments: readonly TextSpan[],
): Directive[] {
  const index = new LineIndex(text);
  const matches = comments.flatMap((comment) => {
    const written = text.slice(comment.start, comment.end);
    if (!mentionsPosture(written)) return [];
    return [...written.matchAll(DIRECTIVE)].map((match) => ({ match, comment }));
  });
  return matches.map(({ match, comment }) => {
    const start = comment.start + match.index;
    const marker = match[1] ?? '';
    const body = readBody((match[2] ?? '').replace(/\*\/\s*$/, ''));
    const position = index.position(start);
    const trailing = codeBefore(index, comment.start, position.line);
    const mistake =
      marker === MARKER ? body.mistake : `the marker is written "${marker}", not ${MARKER}`;
    return {
      rules: body.rules,
      reason: body.fields.reason?.trim() || undefined,
      expires: body.fields.expires,
      approvedBy: body.fields.approvedBy,
      ...(mistake !== undefined && { mistake }),
      range: index.range(path, start, start + match[0].length),
      trailing,
      covers: trailing
        ? { first: position.line, last: position.line }
        : below(index, position.line),
    };
  });
}

/**
 * Whether code precedes on its line the comment that starts at `commentStart`, for a directive on
 * `line`: what opens the comment (`rem`, `<#`) or precedes the directive inside it is no code.
 */
function codeBefore(index: LineIndex, commentStart: number, line: number): boolean {
  const opened = index.position(commentStart);
  return (
    opened.line === line &&
    index
      .lineText(line)
      .slice(0, opened.column - 1)
      .trim() !== ''
  );
}

interface Body {
  readonly rules: string[];
  readonly fields: Partial<Record<Field, string>>;
  readonly mistake?: string;
}

/**
 * What follows the marker: the rule list (the first bare word, rule ids joined by commas) and the
 * `key=value` fields, in any order. Anything else is a mistake, and the first one is kept: the
 * policy file refuses an unknown setting, and a comment is held to the same.
 */
function readBody(body: string): Body {
  let ruleList: string | undefined;
  let mistake: string | undefined;
  const fields: Partial<Record<Field, string>> = {};
  for (const [, key = '', double, single, open, bare, word] of body.matchAll(TOKEN)) {
    const field = FIELDS.find((f) => f === key);
    if (word !== undefined) {
      if (ruleList === undefined) ruleList = word;
      else mistake ??= strayWord(word);
    } else if (open !== undefined) mistake ??= `the ${open} after ${key}= is never closed`;
    else if (field === undefined) mistake ??= unknownField(key);
    else if (fields[field] !== undefined) mistake ??= `${field} is given twice`;
    else fields[field] = double ?? single ?? bare ?? '';
  }
  const rules = (ruleList ?? '').split(',').filter((r) => r !== '');
  return { rules, fields, ...(mistake !== undefined && { mistake }) };
}

function strayWord(word: string): string {
  return `"${word}" is neither the rule list nor a key=value field (several rules are one list, joined by commas: posture:ignore s3-website,s3-public-policy)`;
}

function unknownField(key: string): string {
  const meant = FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
  const hint = meant ? `did you mean ${meant}?` : 'the fields are reason, expires and approvedBy';
  return `unknown field "${key}" (${hint})`;
}

const BLANK_OR_COMMENT = /^\s*(#|\/\/|$)/;

/**
 * What a comment on its own line covers: the next line of code, and the lines after it indented
 * deeper, with the blank lines and comments among them. That is the block that starts there in
 * any of the files a scan reads: a YAML step with its script or a job with its steps, an HCL
 * argument with its multi-line value, a Dockerfile or shell command with its continuation lines.
 */
function below(index: LineIndex, commentLine: number): { first: number; last: number } {
  let first = commentLine + 1;
  while (first <= index.lineCount && BLANK_OR_COMMENT.test(index.lineText(first))) first++;
  if (first > index.lineCount) return { first: commentLine, last: commentLine };
  const depth = indentation(index.lineText(first));
  let last = first;
  for (let line = first + 1; line <= index.lineCount; line++) {
    const text = index.lineText(line);
    if (BLANK_OR_COMMENT.test(text)) continue;
    if (indentation(text) <= depth) break;
    last = line;
  }
  return { first, last };
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}
