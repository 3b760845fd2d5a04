/**
 * The functions a shell script declares and where it calls them: a release script wraps its
 * uploads in one (`upload() { aws s3 cp "$1" "s3://$BUCKET/$2" --acl public-read; }`, then `upload
 * dist/x.tgz v1/`), whose body runs at each call in the script's shell, with the call's words as
 * its positional parameters. Read from the text, never run.
 */
import type { Span } from './structured/doc.js';

export interface ShellFunction {
  readonly name: string;
  /** What runs: from after its `{` to its `}`. */
  readonly body: Span;
}

/** A call of a function: where its name is written, as the command's first word. */
export interface FunctionCall {
  readonly at: number;
  readonly called: ShellFunction;
}

/**
 * `name() {`, `name ()` with its `{` on the next line, `function name {`, `function name() {`. A
 * name may hold what bash allows and scripts use (`release:upload`, `s3.push`, `push-assets`).
 */
const DEFINITION =
  /^(?<indent>[ \t]*)(?:function[ \t]+(?<keyworded>[\w.:-]+)(?:[ \t]*\([ \t]*\))?|(?<name>[\w.:-]+)[ \t]*\([ \t]*\))[ \t]*(?:\n(?<braceIndent>[ \t]*))?\{/gm;
/** The rest of a one-line definition's line: its body, then `}` (a comment after it at most). */
const ONE_LINE_BODY = /^(?<body>[^\n]*?[;&\n][ \t]*)\}[ \t]*(?:#[^\n]*)?$/m;
/** At most this many functions of a script are read, and this many calls of them. */
export const MAX_FUNCTIONS = 256;
export const MAX_CALLS = 1024;

/**
 * The functions the script declares, each whose body ends where it is read: a one-line body at its
 * `}`, else at the first later line starting with `}` indented no more than the definition. `cut`
 * is told when there are more than `MAX_FUNCTIONS`.
 */
export function shellFunctions(text: string, cut?: () => void): ShellFunction[] {
  const functions: ShellFunction[] = [];
  for (const m of text.matchAll(DEFINITION)) {
    if (functions.length === MAX_FUNCTIONS) {
      cut?.();
      break;
    }
    const { indent = '', keyworded, name, braceIndent } = m.groups!;
    const start = m.index + m[0].length;
    const end = bodyEnd(text, start, Math.min(indent.length, braceIndent?.length ?? Infinity));
    if (end !== undefined) functions.push({ name: (keyworded ?? name)!, body: { start, end } });
  }
  return functions;
}

function bodyEnd(text: string, start: number, indent: number): number | undefined {
  const lineEnd = text.indexOf('\n', start);
  const oneLine = ONE_LINE_BODY.exec(text.slice(start, lineEnd < 0 ? text.length : lineEnd));
  if (oneLine) return start + oneLine.groups!.body!.length;
  const closing = /\n([ \t]*)\}/g;
  closing.lastIndex = start;
  for (let m = closing.exec(text); m; m = closing.exec(text)) {
    if (m[1]!.length <= indent) return m.index + 1;
  }
  return undefined;
}

/**
 * Where the script calls `functions`: a command whose first word is a function's name, at the
 * start of a line or after `;`, `&&`, `||`, `|`, `(`, `{`, `then`, `do`, `else`; not inside the
 * function itself, whose recursion runs with words of its own, in order of where they are. Those a
 * script it sources declares (`sourced`) are in another text, which no call is inside. `cut` is
 * told when there are more than `MAX_CALLS`.
 */
export function functionCalls(
  text: string,
  functions: readonly ShellFunction[],
  cut?: () => void,
  sourced = false,
): FunctionCall[] {
  const byName = new Map(functions.map((f) => [f.name, f]));
  if (byName.size === 0) return [];
  const names = [...byName.keys()].map(escape).join('|');
  const call = new RegExp(
    String.raw`(?:^|[;&|({]|\b(?:then|do|else)\b)[ \t]*(?<name>${names})(?=[ \t;&|)]|$)`,
    'gm',
  );
  const calls: FunctionCall[] = [];
  for (const m of text.matchAll(call)) {
    const name = m.groups!.name!;
    const at = m.index + m[0].length - name.length;
    const called = byName.get(name)!;
    if (!sourced && at >= called.body.start && at < called.body.end) continue;
    if (calls.length === MAX_CALLS) {
      cut?.();
      break;
    }
    calls.push({ at, called });
  }
  return calls;
}

function escape(name: string): string {
  return name.replace(/[.\\]/g, '\\$&');
}
