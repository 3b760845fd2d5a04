/**
 * justfiles (`justfile`, `Justfile`, `.justfile`), whose recipes are shell as a Makefile's rules
 * are: a reference in a recipe is in that recipe, which is a release step when its name says
 * release/publish/deploy/upload/dist. Each line of a recipe is a script of its own, from after its
 * indentation and the `@` and `-` that just removes, continuation lines included; a recipe whose
 * body starts with `#!` runs as one script. Outside recipes, a `#` outside quotes starts just's
 * comment.
 */
import { releaseStepOf } from '../names.js';
import type { Span } from '../structured/doc.js';
import { spanHolding, type Analyzer, type RefContext } from './analysis.js';
import { releaseTarget } from './makefile.js';

export interface Recipe {
  readonly name: string;
  /** From the recipe's header line to the end of its body. */
  readonly start: number;
  readonly end: number;
  /** Its parameters by name, each with its default when that is a string literal. */
  readonly parameters: ReadonlyMap<string, string | undefined>;
  /** The parameters written `$name`, which the recipe's shell sees as variables too. */
  readonly exported: ReadonlySet<string>;
  /** The scripts of its body, in order. */
  readonly scripts: readonly Span[];
}

/** `@name param="default" $other +rest: deps` — a recipe's header, at the start of a line. */
const HEADER =
  /^@?(?<name>[A-Za-z_][\w-]*)(?<parameters>(?:[ \t]+[+*]?\$?[A-Za-z_][\w-]*(?:[ \t]*=[ \t]*(?:"[^"\n]*"|'[^'\n]*'|[^\s:'"]+))?)*)[ \t]*:(?!=)/;
const PARAMETER =
  /[+*]?(?<exported>\$?)(?<name>[A-Za-z_][\w-]*)(?:[ \t]*=[ \t]*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|[^\s:'"]+))?/g;
/** What just removes from the start of a recipe line before the shell runs it. */
const LINE_PREFIX = /^[ \t]+[@-]*/;

export const analyzeJustfile: Analyzer = ({ file }) => {
  const recipes = justRecipes(file.text);
  const scripts = recipes.flatMap((recipe) => recipe.scripts);
  return {
    context: (offset): RefContext => {
      const recipe = recipes.find((r) => r.start <= offset && offset < r.end);
      return recipe
        ? { field: recipe.name, releaseStep: releaseStepOf(releaseTarget(recipe.name)) }
        : {};
    },
    scriptAt: (offset) => spanHolding(scripts, offset),
    comments: justComments(file.text, recipes),
  };
};

/** The recipes of a justfile, in order: each header line and the indented lines after it. */
export function justRecipes(text: string): Recipe[] {
  const recipes: Recipe[] = [];
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i]!.text);
    if (!header) continue;
    let last = i;
    for (let j = i + 1; j < lines.length && /^(?:[ \t]|\r?$)/.test(lines[j]!.text); j++)
      if (lines[j]!.text.trim() !== '') last = j;
    const body = lines.slice(i + 1, last + 1);
    recipes.push({
      name: header.groups?.name ?? '',
      start: lines[i]!.start,
      end: lines[last]!.end,
      ...parametersOf(header.groups?.parameters ?? ''),
      scripts: scriptsOf(body),
    });
    i = last;
  }
  return recipes;
}

interface Line {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    lines.push({ text: content, start, end: start + content.length });
    start += line.length + 1;
  }
  return lines;
}

function parametersOf(written: string): Pick<Recipe, 'parameters' | 'exported'> {
  const parameters = new Map<string, string | undefined>();
  const exported = new Set<string>();
  for (const m of written.matchAll(PARAMETER)) {
    const { name = '', dq, sq } = m.groups ?? {};
    parameters.set(name, dq ?? sq);
    if (m.groups?.exported) exported.add(name);
  }
  return { parameters, exported };
}

/** A body's scripts: one, from its `#!` line, or one per line and the lines it continues onto. */
function scriptsOf(body: readonly Line[]): Span[] {
  const code = body.filter((line) => line.text.trim() !== '');
  const first = code[0];
  if (!first) return [];
  if (first.text.trim().startsWith('#!')) {
    const indent = /^[ \t]*/.exec(first.text)![0].length;
    return [{ start: first.start + indent, end: code[code.length - 1]!.end }];
  }
  const scripts: { start: number; end: number }[] = [];
  let continued = false;
  for (const line of code) {
    if (continued) scripts[scripts.length - 1]!.end = line.end;
    else
      scripts.push({ start: line.start + LINE_PREFIX.exec(line.text)![0].length, end: line.end });
    continued = line.text.endsWith('\\');
  }
  return scripts;
}

/** just's comments, outside recipe bodies: from a `#` outside quotes to the end of its line. */
function justComments(text: string, recipes: readonly Recipe[]): Span[] {
  const bodies = recipes.map(({ scripts }) => scripts).flat();
  return linesOf(text).flatMap((line) => {
    if (spanHolding(bodies, line.start) || spanHolding(bodies, line.end - 1)) return [];
    const hash = commentStart(line.text);
    return hash < 0 ? [] : [{ start: line.start + hash, end: line.end }];
  });
}

function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#') return i;
  }
  return -1;
}
