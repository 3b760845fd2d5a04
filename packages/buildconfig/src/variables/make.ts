import { known, MAX_VALUE, substitutions, use, type Given, type Substitution } from './common.js';
import type { ShellAssignment, Sourcing } from './shell.js';

/** `$(NAME)` and `${NAME}` in a Makefile; `$$(…)` is the shell's, escaped from make. */
const MAKE_USE = /(?<!\$)\$(?:\((?<paren>[A-Za-z_][\w.-]*)\)|\{(?<brace>[A-Za-z_][\w.-]*)\})/g;
/** `NAME := value`, `NAME = value`, `NAME ?= value` (and the forms that are never literal). */
const MAKE_ASSIGNMENT =
  /^(?<modifiers>(?:(?:export|override)[ \t]+)*)(?<name>[A-Za-z_][\w.-]*)[ \t]*(?<op>:::=|::=|:=|\?=|\+=|!=|=)(?<value>.*)$/gm;
/**
 * `export NAME …` and `unexport NAME …` of variables assigned elsewhere; `export` and `unexport`
 * alone, and the special target `.EXPORT_ALL_VARIABLES:`, which exports every variable.
 */
const MAKE_EXPORT =
  /^(?:(?<un>un)?export(?<names>(?:[ \t]+[A-Za-z_][\w.-]*)*)|(?<all>\.EXPORT_ALL_VARIABLES)[ \t]*:)[ \t]*(?:#.*)?$/gm;
/**
 * A value that is one quoted word (`"acme-releases"`, `'acme-releases'`). Make keeps the quotes,
 * and the shell that runs the recipe removes them: the value stands for what they hold.
 */
const QUOTED_WORD = /^(?:"(?<dq>[^"`\\]*)"|'(?<sq>[^']*)')$/;
/** Variables referring to variables deeper than this are left unresolved (and so are cycles). */
const MAX_DEPTH = 8;
/** What a make value may keep as written (see `known`): `$(NAME)` and `${NAME}`. */
const MAKE_PLACEHOLDERS = /\$\([A-Za-z_][\w.-]*\)|\$\{[A-Za-z_][\w.-]*\}/g;

/**
 * A variable as the file assigns it last: `expanded` once (`:=`) where it is assigned, or not;
 * `conditional` when only `?=` assigned it, which an including makefile's value keeps.
 */
interface Written {
  readonly value: string | undefined;
  readonly expanded: boolean;
  readonly conditional: boolean;
}

/**
 * Make reads every assignment before it runs a recipe, so the last one decides. A value built
 * from other variables (`BUCKET ?= $(PROJECT)-releases`) takes theirs: `:=` those set before it,
 * `=` and `?=` the last ones, when a recipe runs. One the file gives no value (`$(VERSION)`, set
 * on the command line) stays as written. What the makefiles it includes assign (`inclusions`, see
 * `makeInclusions`) is assigned where it includes them.
 */
export function makeSubstitutions(
  text: string,
  inclusions: readonly Sourcing[] = [],
): Substitution[] {
  const { variables } = makeVariables(text, inclusions);
  return substitutions(
    [...text.matchAll(MAKE_USE)].map((m) => use(m, m.groups?.paren ?? m.groups?.brace)),
    (u) => variables.variable(u.name),
  );
}

/**
 * The environment of the processes recipes start (`./upload.sh`): the variables make exports (see
 * `exportsOf`), with their values when recipes run, where those are known.
 */
export function makeEnvironment(text: string): Given {
  const { variables, written } = makeVariables(text);
  const exports = exportsOf(text);
  const environment = new Map<string, string>();
  for (const name of [...written.keys()].filter(exports)) {
    const value = variables.variable(name);
    if (value !== undefined) environment.set(name, value);
  }
  return environment;
}

/**
 * What a makefile that a Makefile includes assigns, read there as it leaves each variable (with what
 * it includes in turn): the value, which make expands where it is used (`expands`) unless `:=`
 * expanded it where it was assigned, and which only `?=` may have assigned (`conditional`).
 */
export function makeInclusions(
  text: string,
  inclusions: readonly Sourcing[],
): readonly ShellAssignment[] {
  return [...makeVariables(text, inclusions).written].map(
    ([name, { value, expanded, conditional }]) => ({
      offset: 0,
      name,
      value,
      expands: !expanded,
      exported: false,
      conditional,
    }),
  );
}

/** A Makefile's variables as written, with those of the makefiles it includes, and how they resolve. */
function makeVariables(
  text: string,
  inclusions: readonly Sourcing[] = [],
): {
  variables: Resolver;
  written: ReadonlyMap<string, Written>;
} {
  const written = new Map<string, Written>();
  let next = 0;
  const include = (before: number) => {
    for (; next < inclusions.length && inclusions[next]!.at < before; next++) {
      for (const { name, value, expands, conditional = false } of inclusions[next]!.assignments) {
        // An included `?=` leaves a variable set before the include as it is.
        if (!(conditional && written.has(name)))
          written.set(name, { value, expanded: !expands, conditional });
      }
    }
  };
  for (const m of text.matchAll(MAKE_ASSIGNMENT)) {
    include(m.index);
    const { name = '', op = '', value = '' } = m.groups ?? {};
    // `?=` only sets a variable not set before; `+=` and `!=` (a shell command) are never literal.
    if (op === '?=' && written.has(name)) continue;
    const raw = op === '+=' || op === '!=' ? undefined : unquoted(value.replace(/#.*/, '').trim());
    const expanded = op.endsWith(':=') || op === ':::=';
    written.set(name, {
      value: expanded && raw !== undefined ? new Resolver(written).text(raw) : raw,
      expanded,
      conditional: op === '?=',
    });
  }
  include(Infinity);
  return { variables: new Resolver(written), written };
}

/**
 * Whether make exports a variable, as GNU make decides once it has read the whole file: the last
 * `export` or `unexport` that names it (`export NAME = value` too) decides; for a variable none
 * names, the last `export` or `unexport` written alone, or a `.EXPORT_ALL_VARIABLES:` target, which
 * exports them all.
 */
function exportsOf(text: string): (name: string) => boolean {
  const directives = [
    ...[...text.matchAll(MAKE_ASSIGNMENT)]
      .filter((m) => /\bexport\b/.test(m.groups?.modifiers ?? ''))
      .map((m) => ({ at: m.index, exports: true, names: [m.groups?.name ?? ''], all: false })),
    ...[...text.matchAll(MAKE_EXPORT)].map((m) => ({
      at: m.index,
      exports: !m.groups?.un,
      names: (m.groups?.names ?? '')
        .trim()
        .split(/[ \t]+/)
        .filter(Boolean),
      all: m.groups?.all !== undefined,
    })),
  ].sort((a, b) => a.at - b.at);
  const named = new Map<string, boolean>();
  let byDefault = false;
  let allTarget = false;
  for (const { exports, names, all } of directives) {
    if (all) allTarget = true;
    else if (names.length === 0) byDefault = exports;
    for (const name of names) named.set(name, exports);
  }
  return (name) => named.get(name) ?? (allTarget || byDefault);
}

function unquoted(value: string): string {
  const word = QUOTED_WORD.exec(value)?.groups;
  return word?.dq ?? word?.sq ?? value;
}

/** Expands variables as they are written now, each once (a crafted fan-out stays linear). */
class Resolver {
  private readonly done = new Map<string, string | undefined>();

  constructor(private readonly written: ReadonlyMap<string, Written>) {}

  /** A variable's literal value, if it has one and is no credential. */
  variable(name: string, depth = 0): string | undefined {
    if (!this.done.has(name)) {
      const { value: raw, expanded } = this.written.get(name) ?? { value: undefined };
      // Marked undefined first, so that a cycle ends unresolved.
      this.done.set(name, undefined);
      // What `:=` left as written it found unset then: a later assignment does not fill it in.
      let value = raw;
      if (raw !== undefined && !expanded)
        value = depth > MAX_DEPTH ? undefined : this.text(raw, depth + 1);
      this.done.set(name, known(name, value, MAKE_PLACEHOLDERS));
    }
    return this.done.get(name);
  }

  /** `raw` with the variables it uses replaced; one with no known value stays as written. */
  text(raw: string, depth = 0): string | undefined {
    const result = raw.replace(
      MAKE_USE,
      (use, paren?: string, brace?: string) => this.variable(paren ?? brace ?? '', depth) ?? use,
    );
    return result.length > MAX_VALUE ? undefined : result;
  }
}
