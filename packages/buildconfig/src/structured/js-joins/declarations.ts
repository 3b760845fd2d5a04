import { elementEnd } from '../js-element-end.js';
import { isNameChar, isNameStart, isWord, skipBlanks, skipBlanksBack } from './characters.js';

/**
 * A declaration's name and its `=`: `const|let|var NAME =`, its TypeScript type between them
 * (`const B: string =`, a comma only inside its `<…>`: `const m: Record<string, string> =`, as
 * `let a: T, b =` declares two names), or `, NAME =` further in a list (`var a=1,b="acme-releases"`), or a member
 * a class sets (`this.bucket =`, named `this.bucket`); or else the `=` alone of an assignment of a
 * string, an object, an array or a name (`B = "acme-releases"`, `module.exports = {`,
 * `exports.L = [`, `B = RELEASES`, the
 * name followed by its statement's end, `||`, `?` or `+`: `B = A.trim()`, most of a bundle's, is
 * not read), a declaration when it is a statement of its own (see `statementName`). The value
 * after it is read forwards, each stretch at most MAX_CHAIN characters. The assignment is sought
 * from its `=`, in this one pass: a pattern from a statement's start would be tried at each line
 * and `;`, and one from `exports` at each `e`.
 */
export const DECLARATION =
  /(?:(?<![\w$.])(const|let|var)[ \t]+|,[ \t]{0,16}|(?<![\w$.])(this\.))([A-Za-z_$][\w$]{0,63})([ \t]{0,16}:(?:[\w$.[\]|&"' \t]|<[\w$.<>[\]|&"' \t,]{1,64}>){1,64}?)?[ \t]{0,16}=(?![=>])[ \t]{0,16}|(?<![=!<>+\-*/%&|^?])=[ \t]{0,16}(?=["'`{[]|[A-Za-z_$][\w$.]{0,64}[ \t]{0,16}(?:[;,}|?+\r\n]|$))/g;

/**
 * The name assigned by the `=` at `eq` when the assignment starts a statement: the name follows a
 * `;`, a brace, a condition's `)`, an `else`, a `do`, a `return` or a line break (`let B;\nB =
 * "…"`, `if (eu) B = "…"; else B = "…"`, esbuild's `do B="…";while(…)` and `return B="…",f(B)` of
 * `B = "…"; return f(B)`), or the `(` of a parenthesised expression (see `parenthesised`); not an
 * operand (`f(a, b = "…")`,
 * `x ? a : b = …`) nor a member (`o.b = …`) but one a CommonJS module exports (`exports.BUCKET =
 * "…"`, tsc's output of an exported const, `module.exports = {…}`). Not after a label (`l: B = …`),
 * which bundlers drop where nothing breaks to it, and whose colon a conditional's or a
 * destructuring default's (`{ a: b = "…" }`) would be taken for.
 */
export function statementName(text: string, eq: number): string | undefined {
  const end = skipBlanksBack(text, eq) + 1;
  let start = end;
  while (
    start > 0 &&
    end - start <= 128 &&
    (isNameChar(text, start - 1) || text[start - 1] === '.')
  )
    start--;
  const name = text.slice(start, end);
  if (!isNameStart(name, 0) || isNameChar(text, start - 1)) return undefined;
  if (name.includes('.') && !EXPORTED.test(name)) return undefined;
  const before = skipBlanksBack(text, start);
  const starts =
    before < 0 ||
    ';{})'.includes(text[before]!) ||
    /[\r\n]/.test(text.slice(before + 1, start)) ||
    STARTING_KEYWORDS.some((keyword) => isWord(text, before, keyword)) ||
    (text[before] === '(' && parenthesised(text, before));
  return starts ? name : undefined;
}

/**
 * How far the `)` of a parenthesised expression is sought: a walk at each `(` of a bundle's
 * `(e="…",` as far as MAX_CHAIN made reading such a file 20 times slower; esbuild's branches close
 * well within this (98.7% of those of the pnpm store's JavaScript that MAX_CHAIN finds).
 */
const MAX_PARENTHESISED = 256;

/**
 * Whether the `(` at `open` opens a parenthesised expression, whose first name an assignment may
 * be (esbuild's `return t?(e="…",f()):(e="…",g())` of an `if` whose branches assign and return),
 * not parameters, whose first name a default may be: it follows an operator (`?`, `:`, `,`, `=`,
 * `=>`, `(`, `&&`, `||`, `??`, `!`) or a `return`, not a name (a call's, a function's `f(e = "…")`,
 * `if (`) nor a generic's `>` (`function f<T>(e = "…")`), and the `)` that closes it, sought
 * within MAX_PARENTHESISED characters, is not an arrow function's (`(e = "…") =>`), nor a typed
 * one's (`(e = "…"): string =>`) unless a conditional's `?` is before it, whose `:` it then is.
 */
function parenthesised(text: string, open: number): boolean {
  const before = skipBlanksBack(text, open);
  const c = text[before] ?? ';';
  const operator =
    '?:,=(&|!'.includes(c) ||
    (c === '>' && text[before - 1] === '=') ||
    isWord(text, before, 'return');
  if (!operator) return false;
  const stop = open + MAX_PARENTHESISED;
  let end = elementEnd(text, open + 1, stop);
  while (end !== undefined && text[end] === ',') end = elementEnd(text, end + 1, stop);
  if (end === undefined || text[end] !== ')') return false;
  const after = skipBlanks(text, end + 1);
  return !text.startsWith('=>', after) && (text[after] !== ':' || c === '?');
}

/** The keywords an assignment may start the statement after: a body without braces, a return's. */
const STARTING_KEYWORDS = ['else', 'do', 'return'];

/** What a CommonJS module exports: `module.exports`, `exports.NAME`, `module.exports.NAME`. */
const EXPORTED = /^(?:module\.exports|(?:module\.)?exports\.[A-Za-z_$][\w$]*)$/;
