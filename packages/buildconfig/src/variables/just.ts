import { justRecipes, type Recipe } from '../files/justfile.js';
import { inOrder, shellAssignments } from './shell.js';
import {
  known,
  MAX_VALUE,
  shellUses,
  shifted,
  substitutions,
  use,
  type Given,
  type Substitution,
  type Use,
} from './common.js';

/** `name := value` or `export name := value`, at the start of a line. */
const ASSIGNMENT =
  /^(?<exported>export[ \t]+)?(?<name>[A-Za-z_][\w-]*)[ \t]*:=[ \t]*(?<value>.*)$/gm;
/** `set export` (or `set export := true`): every variable and parameter is the shell's too. */
const SET_EXPORT = /^set[ \t]+export(?:[ \t]*:=[ \t]*true)?[ \t]*(?:#.*)?$/m;
/** `{{name}}` or `{{ name }}` in a recipe; `{{{{` is just's escape for a literal `{{`. */
const INTERPOLATION = /(?<!\{)\{\{[ \t]*(?<name>[A-Za-z_][\w-]*)[ \t]*\}\}/g;
/** One term of a value: a string literal without escapes, or the name of another variable. */
const TERM = /^(?:"(?<dq>[^"\\]*)"|'(?<sq>[^']*)'|(?<name>[A-Za-z_][\w-]*))$/;
/** Variables referring to variables deeper than this are left unresolved (and so are cycles). */
const MAX_DEPTH = 8;

/**
 * A justfile's variables: `name := "literal"`, or literals and other variables joined by `+`, in
 * any order (just evaluates them so), and each recipe's parameter defaults, which win in its body.
 * `{{name}}` resolves in a recipe; `$name` too where the shell sees the variable (`export`, a
 * `$name` parameter, `set export`), through the assignments of the script before it. A backtick,
 * a function call or an `if` is computed when just runs: unknown.
 */
export function justSubstitutions(text: string): Substitution[] {
  const { recipes, lookup, shellSees } = justVariables(text);
  return recipes.flatMap((recipe) => {
    const body = text.slice(recipe.start, recipe.end);
    const templates = [...body.matchAll(INTERPOLATION)].map((m) =>
      shifted(use(m, m.groups?.name), recipe.start),
    );
    return [
      ...substitutions(templates, (u) => lookup(recipe, u.name)),
      ...recipe.scripts.flatMap((script) => {
        const resolve = inOrder(shellAssignments(text, script), (name) => shellSees(recipe, name));
        const uses: Use[] = shellUses(text.slice(script.start, script.end)).map((u) =>
          shifted(u, script.start),
        );
        return substitutions(uses, resolve);
      }),
    ].sort((a, b) => a.start - b.start);
  });
}

/**
 * The environment of the processes a recipe's line at an offset starts (`./upload.sh`): the
 * variables and parameters the shell sees, whose value is known.
 */
export function justEnvironments(text: string): (offset: number) => Given {
  const { recipes, names, shellSees } = justVariables(text);
  return (offset) => {
    const environment = new Map<string, string>();
    const recipe = recipes.find((r) => r.start <= offset && offset < r.end);
    for (const name of recipe ? names(recipe) : []) {
      const value = shellSees(recipe!, name);
      if (value !== undefined) environment.set(name, value);
    }
    return environment;
  };
}

/**
 * A justfile's recipes, a name's value in a recipe, the names its shell may see, and the value
 * of one there.
 */
function justVariables(text: string) {
  const written = new Map<string, string>();
  const exported = new Set<string>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    const { name = '', value = '' } = m.groups ?? {};
    written.set(name, value.replace(/[ \t]+#.*$/, '').trim());
    if (m.groups?.exported) exported.add(name);
  }
  const variables = new Resolver(written);
  const exportAll = SET_EXPORT.test(text);
  const lookup = (recipe: Recipe, name: string): string | undefined =>
    recipe.parameters.has(name)
      ? known(name, recipe.parameters.get(name))
      : variables.variable(name);
  return {
    recipes: justRecipes(text),
    lookup,
    names: (recipe: Recipe): Set<string> =>
      new Set([...written.keys(), ...exported, ...recipe.parameters.keys()]),
    shellSees: (recipe: Recipe, name: string): string | undefined =>
      exportAll || exported.has(name) || recipe.exported.has(name)
        ? lookup(recipe, name)
        : undefined,
  };
}

/** Evaluates variables as just does, each once (a crafted fan-out stays linear). */
class Resolver {
  private readonly done = new Map<string, string | undefined>();

  constructor(private readonly written: ReadonlyMap<string, string>) {}

  /** A variable's literal value, if it has one and is no credential. */
  variable(name: string, depth = 0): string | undefined {
    if (!this.done.has(name)) {
      // Marked undefined first, so that a cycle ends unresolved.
      this.done.set(name, undefined);
      const value = depth > MAX_DEPTH ? undefined : this.evaluate(this.written.get(name), depth);
      this.done.set(name, known(name, value));
    }
    return this.done.get(name);
  }

  /** `"a" + name + 'b'`: its terms joined, when each is known. */
  private evaluate(expression: string | undefined, depth: number): string | undefined {
    if (expression === undefined) return undefined;
    let result = '';
    for (const term of splitTerms(expression)) {
      const { dq, sq, name } = TERM.exec(term.trim())?.groups ?? {};
      const value = dq ?? sq ?? (name === undefined ? undefined : this.variable(name, depth + 1));
      if (value === undefined) return undefined;
      result += value;
      if (result.length > MAX_VALUE) return undefined;
    }
    return result;
  }
}

/** An expression's `+`-joined terms, split outside quotes. */
function splitTerms(expression: string): string[] {
  const terms: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '+') {
      terms.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  return [...terms, expression.slice(start)];
}
