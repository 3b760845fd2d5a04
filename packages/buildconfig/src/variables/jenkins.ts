/**
 * A Jenkinsfile's `environment { NAME = 'value' }` holds in the stage it is written in, or in the
 * whole pipeline; `withEnv(['NAME=value']) { … }` holds in its block. The innermost scope that
 * names a variable decides. A scripted pipeline's `env.NAME = 'value'`, when it is the file's only
 * assignment of NAME, holds from there to the end. `$NAME`, `${NAME}` (shell or Groovy string) and
 * `${env.NAME}` resolve. A variable assigned any other way (`env.NAME = readFile(…)`, twice, or
 * `NAME=…` in a script) never resolves.
 */
import { closers, innermostAt, stagesOf, type Region } from '../files/groovy.js';
import {
  known,
  RUN_ASSIGNMENT,
  SHELL_USE,
  substitutions,
  use,
  type Given,
  type Substitution,
} from './common.js';

interface Scope extends Region {
  readonly values: ReadonlyMap<string, string | undefined>;
}

const ENVIRONMENT = /\benvironment\s*\{/g;
/** `NAME = …` on its own line inside `environment { … }`. */
const ENVIRONMENT_ENTRY = /^[ \t]*(?<name>[A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*(?<value>.*?)[ \t]*$/gm;
/** A Groovy literal: single-quoted, double-quoted without interpolation, or a number. */
const GROOVY_LITERAL = /^(?:'(?<sq>[^'\\]*)'|"(?<dq>[^"$\\]*)"|(?<number>\d[\w.]*))$/;
const WITH_ENV = /\bwithEnv\s*\(\s*\[(?<list>[^\]]*)\]\s*\)\s*\{/g;
const WITH_ENV_ITEM = /(['"])(?<name>[A-Za-z_]\w*)=(?<value>[^'"]*)\1/g;
const GROOVY_ENV_USE = /\$\{env\.(?<name>[A-Za-z_]\w*)\}/g;
const GROOVY_ENV_ASSIGNMENT =
  /\benv\.(?<name>[A-Za-z_]\w*)\s*=(?!=)[ \t]*(?<value>[^\n;]*?)[ \t]*(?:;|$)/gm;

export function jenkinsSubstitutions(text: string): Substitution[] {
  const { valueOf } = jenkinsVariables(text);
  const uses = [
    ...[...text.matchAll(SHELL_USE)].map((m) => use(m, m.groups?.brace ?? m.groups?.bare)),
    ...[...text.matchAll(GROOVY_ENV_USE)].map((m) => use(m, m.groups?.name)),
  ].sort((a, b) => a.start - b.start);
  return substitutions(uses, (u) => valueOf(u.start, u.name));
}

/**
 * The environment of a process that a step at an offset starts (`sh './upload.sh'`), asked for in
 * order: the variables `wanted` of the scopes around it, each as the innermost scope naming it
 * decides, whose value is known.
 */
export function jenkinsEnvironments(
  text: string,
  wanted: (name: string) => boolean,
): (offset: number) => Given {
  const { names, valueOf } = jenkinsVariables(text);
  const passed = names.filter(wanted);
  return (offset) => {
    const environment = new Map<string, string>();
    for (const name of passed) {
      const value = valueOf(offset, name);
      if (value !== undefined) environment.set(name, value);
    }
    return environment;
  };
}

/**
 * The names a Jenkinsfile's scopes declare, and a variable's value at an offset. Each scope is
 * found once: a scope's stage, whether an assignment is a declaration, a name's innermost scope,
 * by sweeps along the file (`innermostAt`).
 */
function jenkinsVariables(text: string): {
  names: readonly string[];
  valueOf(offset: number, name: string): string | undefined;
} {
  const braces = closers(text, '{', '}');
  const stageAt = innermostAt(stagesOf(text, braces));
  const whole: Region = { start: 0, end: text.length };
  const scopes: Scope[] = [];
  // Where variables are declared: assignments there are declarations, not run-time changes.
  const declarations: Region[] = [];

  for (const m of text.matchAll(ENVIRONMENT)) {
    const open = m.index + m[0].length - 1;
    const body = { start: open + 1, end: (braces.get(open) ?? text.length) - 1 };
    declarations.push(body);
    const values = new Map<string, string | undefined>();
    for (const entry of text.slice(body.start, body.end).matchAll(ENVIRONMENT_ENTRY)) {
      const { name = '', value = '' } = entry.groups ?? {};
      const literal = GROOVY_LITERAL.exec(value)?.groups;
      values.set(name, known(name, literal?.sq ?? literal?.dq ?? literal?.number));
    }
    scopes.push({ ...(stageAt(m.index) ?? whole), values });
  }
  for (const m of text.matchAll(WITH_ENV)) {
    const open = m.index + m[0].length - 1;
    declarations.push({ start: m.index, end: open });
    const values = new Map<string, string | undefined>();
    for (const item of (m.groups?.list ?? '').matchAll(WITH_ENV_ITEM)) {
      const { name = '', value } = item.groups ?? {};
      values.set(name, known(name, value));
    }
    scopes.push({ start: open, end: braces.get(open) ?? text.length, values });
  }

  const declarationAt = innermostAt(declarations);
  const undeclared = (m: RegExpMatchArray) => declarationAt(m.index ?? 0) === undefined;
  const runAssigned = [...text.matchAll(RUN_ASSIGNMENT)].filter(undeclared);
  const envAssigned = [...text.matchAll(GROOVY_ENV_ASSIGNMENT)].filter(undeclared);
  const assignments = new Map<string, number>();
  for (const m of [...runAssigned, ...envAssigned]) {
    const name = m.groups?.name ?? '';
    assignments.set(name, (assignments.get(name) ?? 0) + 1);
  }
  // A name's only assignment holds from there to the end; it may start inside a block naming it.
  const fromAssignment = new Map<string, Scope>();
  for (const m of envAssigned) {
    const { name = '', value = '' } = m.groups ?? {};
    const literal = GROOVY_LITERAL.exec(value)?.groups;
    if (assignments.get(name) !== 1 || !literal) continue;
    assignments.delete(name);
    const values = new Map([[name, known(name, literal.sq ?? literal.dq ?? literal.number)]]);
    fromAssignment.set(name, { start: m.index + m[0].length, end: text.length, values });
  }
  const byName = new Map<string, Scope[]>();
  for (const scope of scopes) {
    for (const name of scope.values.keys()) {
      const named = byName.get(name);
      if (named) named.push(scope);
      else byName.set(name, [scope]);
    }
  }
  // The scopes of blocks nest or lie apart, each name's found along the file in one sweep.
  const blockAt = new Map([...byName].map(([name, named]) => [name, innermostAt(named)]));
  const valueOf = (offset: number, name: string): string | undefined => {
    if (assignments.has(name)) return undefined;
    const block = blockAt.get(name)?.(offset);
    const assigned = fromAssignment.get(name);
    const after = assigned && assigned.start <= offset ? assigned : undefined;
    // The innermost of the two is the shorter: a block's when the assignment is made inside it.
    const scope = block && after ? shorter(block, after) : (block ?? after);
    return scope?.values.get(name);
  };
  return { names: [...new Set([...byName.keys(), ...fromAssignment.keys()])], valueOf };
}

/** The shorter of two scopes, the first when they are as long. */
function shorter(a: Scope, b: Scope): Scope {
  return b.end - b.start < a.end - a.start ? b : a;
}
