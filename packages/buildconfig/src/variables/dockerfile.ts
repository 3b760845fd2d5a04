import {
  expand,
  known,
  MAX_RESOLVED_GROWTH,
  RUN_ASSIGNMENT,
  shellUses,
  substitutions,
  type Assignment,
  type Given,
  type Substitution,
} from './common.js';

/** How a file in Dockerfile syntax states variables. */
interface Dialect {
  /** An instruction that starts afresh, sets variables or runs a shell: `op` and `rest` groups. */
  readonly instruction: RegExp;
  /** Whether an instruction starts afresh, with none of the variables before it. */
  readonly resets: (op: string) => boolean;
  /** The instructions that set variables, as `NAME=value` pairs after their options. */
  readonly assigns: ReadonlySet<string>;
  /** Whether an `ARG --global` before the first fresh start holds after each (Earthly's base target). */
  readonly globals?: boolean;
  /**
   * Whether an `ARG NAME` of no value after the first fresh start takes the default of the `ARG`
   * of that name before it (Docker's global arguments, which a stage uses so).
   */
  readonly redeclares?: boolean;
}

/** A Dockerfile instruction that starts a stage, sets variables, or runs a shell. */
const DOCKERFILE: Dialect = {
  instruction: /^[ \t]*(?<op>FROM|ARG|ENV|RUN)[ \t]+(?<rest>.*)$/gim,
  resets: (op) => op === 'FROM',
  assigns: new Set(['ARG', 'ENV']),
  redeclares: true,
};

/**
 * An Earthfile's: a target (`release:` at the start of a line) starts afresh, and a `FROM` inside
 * it does not (its `ARG`s hold on); `LET` and `SET` set variables as `ARG` and `ENV` do. An
 * `ARG --global` of the base target (before the first target) holds in every target.
 */
const EARTHFILE: Dialect = {
  instruction:
    /^(?:[ \t]*(?<op>ARG|ENV|LET|SET|RUN)[ \t]+(?<rest>.*)|(?<target>[A-Za-z][\w.-]*):[ \t]*(?:#.*)?)$/gm,
  resets: (op) => op === TARGET,
  assigns: new Set(['ARG', 'ENV', 'LET', 'SET']),
  globals: true,
};
/** `ARG --global`, among the options of an `ARG`. */
const GLOBAL = /^(?:--[\w-]+(?:=\S*)?[ \t]+)*--global[ \t]/;
/** An Earthfile target's header, as the instruction it reads as. */
const TARGET = ':';
/** One `NAME=value` of an `ARG` or `ENV` line, the value bare or quoted. */
const DOCKER_PAIR = /(?<name>[A-Za-z_]\w*)(?:=(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>\S*)))?/g;
/** The options an instruction starts with (Earthly's `ARG --required`, `--global`). */
const OPTIONS = /^(?:--[\w-]+(?:=\S*)?[ \t]+)+/;

/**
 * A Dockerfile's `ARG NAME=default` and `ENV NAME=value` hold from their line to the end of the
 * stage; each `FROM` starts afresh, and an `ARG NAME` in a stage takes the default of an `ARG NAME`
 * before the first `FROM`. An `ARG` default is what the file ships with, even though a
 * build may pass another. A variable a `RUN` assigns is the shell's, so it never resolves.
 * Single quotes keep a value literal here as well. The pairs of one instruction all see the values
 * from before it: `ENV A=x B=$A` gives B the earlier A.
 */
export function dockerSubstitutions(text: string, outgrown?: () => void): Substitution[] {
  return substitutionsIn(text, DOCKERFILE, outgrown);
}

/** An Earthfile's variables, per target (see `EARTHFILE`), as a Dockerfile's are per stage. */
export function earthfileSubstitutions(text: string, outgrown?: () => void): Substitution[] {
  return substitutionsIn(text, EARTHFILE, outgrown);
}

function substitutionsIn(text: string, dialect: Dialect, outgrown?: () => void): Substitution[] {
  const { valuesAt, assigned } = variablesAlong(text, dialect, outgrown);
  return substitutions(shellUses(text), (u) =>
    assigned.has(u.name) ? undefined : valuesAt(u.start).get(u.name),
  );
}

/**
 * The environment of the processes a `RUN` at an offset starts (`RUN ./upload.sh`), asked for in
 * order: the `ARG` and `ENV` variables in force there, whose value is known; none that a `RUN`
 * assigns.
 */
export function dockerEnvironments(text: string): (offset: number) => Given {
  return environmentsIn(text, DOCKERFILE);
}

/** An Earthfile's, per target, as a Dockerfile's are per stage. */
export function earthfileEnvironments(text: string): (offset: number) => Given {
  return environmentsIn(text, EARTHFILE);
}

function environmentsIn(text: string, dialect: Dialect): (offset: number) => Given {
  const { valuesAt, assigned } = variablesAlong(text, dialect);
  return (offset) => {
    const environment = new Map<string, string>();
    for (const [name, value] of valuesAt(offset)) {
      if (value !== undefined && !assigned.has(name)) environment.set(name, value);
    }
    return environment;
  };
}

/**
 * The variables in force at each offset asked for, in order, and the names a `RUN` assigns, which
 * never resolve. The values built from others are made up to `MAX_RESOLVED_GROWTH` characters in
 * all, and past that unknown (`outgrown` is called): each is bounded, but 4 MB of `ENV A=${A}${A}`
 * lines made a new value of up to 2 KB on each, 229 million characters that the file's
 * substitutions held (680 MB). Every reading of the file's variables makes the same values in the
 * same order, so each stops at the same one.
 */
function variablesAlong(
  text: string,
  dialect: Dialect,
  outgrown: () => void = () => {},
): {
  valuesAt(offset: number): ReadonlyMap<string, string | undefined>;
  assigned: ReadonlySet<string>;
} {
  const assignments: (Assignment & { literal?: boolean; redeclared?: boolean })[] = [];
  const assigned = new Set<string>();
  const globals = new Set<string>();
  let base = true;
  for (const m of text.matchAll(dialect.instruction)) {
    const { op = '', rest = '', target } = m.groups ?? {};
    const offset = m.index + m[0].length;
    const instruction = target === undefined ? op.toUpperCase() : TARGET;
    if (dialect.resets(instruction)) {
      assignments.push({ offset, name: '', value: undefined });
      base = false;
    }
    if (dialect.globals && base && instruction === 'ARG' && GLOBAL.test(rest)) {
      for (const { name } of dockerPairs(instruction, rest.replace(OPTIONS, ''))) globals.add(name);
    }
    if (instruction === 'RUN') {
      for (const a of rest.matchAll(RUN_ASSIGNMENT)) assigned.add(a.groups?.name ?? '');
    }
    if (dialect.assigns.has(instruction)) {
      const pairs = dockerPairs(instruction, rest.replace(OPTIONS, ''));
      const redeclares = dialect.redeclares && !base && instruction === 'ARG';
      for (const pair of pairs)
        assignments.push({ offset, ...pair, redeclared: redeclares && pair.value === undefined });
    }
  }
  let values = new Map<string, string | undefined>();
  // The global arguments as the base target leaves them, which each target starts with.
  let global: ReadonlyMap<string, string | undefined> | undefined;
  // The variables before the first fresh start, whose defaults an `ARG` of no value takes after it.
  let before: ReadonlyMap<string, string | undefined> | undefined;
  let next = 0;
  let made = 0;
  const valuesAt = (at: number) => {
    while (next < assignments.length && assignments[next]!.offset <= at) {
      const offset = assignments[next]!.offset;
      const instruction: typeof assignments = [];
      while (assignments[next]?.offset === offset) instruction.push(assignments[next++]!);
      // A value built from variables set before it (`ENV URL=https://${BUCKET}.s3…`) takes theirs.
      const expanded = instruction.map(({ value, literal }) => {
        if (value === undefined || literal) return value;
        const building = value.includes('$');
        if (building && made > MAX_RESOLVED_GROWTH) return undefined;
        const built = expand(value, (n) => values.get(n));
        if (building && built !== undefined) made += built.length;
        if (made > MAX_RESOLVED_GROWTH) outgrown();
        return built;
      });
      instruction.forEach(({ name, redeclared }, i) => {
        if (name !== '')
          values.set(name, redeclared ? before?.get(name) : known(name, expanded[i]));
        else {
          before ??= values;
          global ??= new Map([...values].filter(([variable]) => globals.has(variable)));
          values = new Map(global);
        }
      });
    }
    return values;
  };
  return { valuesAt, assigned };
}

/** `NAME=value …`, or the older `ENV NAME value`; `ARG NAME` alone has no value. */
function dockerPairs(
  instruction: string,
  rest: string,
): { name: string; value: string | undefined; literal?: boolean }[] {
  const legacy = /^(?<name>[A-Za-z_]\w*)[ \t]+(?<value>[^=\s]\S*)[ \t]*$/.exec(rest.trim());
  if (instruction === 'ENV' && legacy?.groups) {
    return [{ name: legacy.groups.name ?? '', value: legacy.groups.value }];
  }
  return [...rest.matchAll(DOCKER_PAIR)].map((m) => ({
    name: m.groups?.name ?? '',
    value: m.groups?.dq ?? m.groups?.sq ?? m.groups?.bare,
    literal: m.groups?.sq !== undefined,
  }));
}
