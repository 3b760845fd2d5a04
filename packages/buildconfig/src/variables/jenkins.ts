/**
 * A Jenkinsfile's `environment { NAME = 'value' }` holds in the stage it is written in, or in the
 * whole pipeline; `withEnv(['NAME=value']) { … }` holds in its block. The innermost scope that
 * names a variable decides. A scripted pipeline's `env.NAME = 'value'`, when it is the file's only
 * assignment of NAME, holds from there to the end. `$NAME`, `${NAME}` (shell or Groovy string) and
 * `${env.NAME}` resolve. A variable assigned any other way (`env.NAME = readFile(…)`, twice, or
 * `NAME=…` in a script) never resolves.
 */
import { closers, stagesOf, type Region } from '../files/groovy.js';
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
 * The environment of a process that a step at an offset starts (`sh './upload.sh'`): the variables
 * of the scopes around it, each as the innermost scope naming it decides, whose value is known.
 */
export function jenkinsEnvironments(text: string): (offset: number) => Given {
  const { scopes, valueOf } = jenkinsVariables(text);
  return (offset) => {
    const environment = new Map<string, string>();
    for (const scope of scopes.filter((s) => s.start <= offset && offset < s.end)) {
      for (const name of scope.values.keys()) {
        const value = valueOf(offset, name);
        if (value !== undefined) environment.set(name, value);
      }
    }
    return environment;
  };
}

/** The scopes of a Jenkinsfile's variables, and a variable's value at an offset. */
function jenkinsVariables(text: string): {
  scopes: readonly Scope[];
  valueOf(offset: number, name: string): string | undefined;
} {
  const braces = closers(text, '{', '}');
  const stages = stagesOf(text, braces);
  const whole: Region = { start: 0, end: text.length };
  const scopes: Scope[] = [];
  // Where variables are declared: assignments there are declarations, not run-time changes.
  const declarations: Region[] = [];

  for (const m of text.matchAll(ENVIRONMENT)) {
    const open = m.index + m[0].length - 1;
    const body = { start: open + 1, end: (braces.get(open) ?? text.length) - 1 };
    declarations.push(body);
    const stage = stages.filter((s) => s.start <= m.index && m.index < s.end).pop();
    const values = new Map<string, string | undefined>();
    for (const entry of text.slice(body.start, body.end).matchAll(ENVIRONMENT_ENTRY)) {
      const { name = '', value = '' } = entry.groups ?? {};
      const literal = GROOVY_LITERAL.exec(value)?.groups;
      values.set(name, known(name, literal?.sq ?? literal?.dq ?? literal?.number));
    }
    scopes.push({ ...(stage ?? whole), values });
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

  const declared = (offset: number) =>
    declarations.some((r) => r.start <= offset && offset < r.end);
  const runAssigned = [...text.matchAll(RUN_ASSIGNMENT)].filter((m) => !declared(m.index));
  const envAssigned = [...text.matchAll(GROOVY_ENV_ASSIGNMENT)].filter((m) => !declared(m.index));
  const assigned = new Set([...runAssigned, ...envAssigned].map((m) => m.groups?.name));
  for (const m of envAssigned) {
    const { name = '', value = '' } = m.groups ?? {};
    const literal = GROOVY_LITERAL.exec(value)?.groups;
    const only = [...runAssigned, ...envAssigned].filter((a) => a.groups?.name === name).length;
    if (only !== 1 || !literal) continue;
    assigned.delete(name);
    const values = new Map([[name, known(name, literal.sq ?? literal.dq ?? literal.number)]]);
    scopes.push({ start: m.index + m[0].length, end: text.length, values });
  }
  const valueOf = (offset: number, name: string): string | undefined => {
    if (assigned.has(name)) return undefined;
    const scope = scopes
      .filter((s) => s.start <= offset && offset < s.end && s.values.has(name))
      .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    return scope?.values.get(name);
  };
  return { scopes, valueOf };
}
