import {
  expand,
  known,
  RUN_ASSIGNMENT,
  shellUses,
  substitutions,
  type Assignment,
  type Substitution,
} from './common.js';

/** A Dockerfile instruction that starts a stage, sets variables, or runs a shell. */
const DOCKER_INSTRUCTION = /^[ \t]*(?<op>FROM|ARG|ENV|RUN)[ \t]+(?<rest>.*)$/gim;
/** One `NAME=value` of an `ARG` or `ENV` line, the value bare or quoted. */
const DOCKER_PAIR = /(?<name>[A-Za-z_]\w*)(?:=(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>\S*)))?/g;

/**
 * A Dockerfile's `ARG NAME=default` and `ENV NAME=value` hold from their line to the end of the
 * stage; each `FROM` starts afresh. An `ARG` default is what the file ships with, even though a
 * build may pass another. A variable a `RUN` assigns is the shell's, so it never resolves.
 * Single quotes keep a value literal here as well. The pairs of one instruction all see the values
 * from before it: `ENV A=x B=$A` gives B the earlier A.
 */
export function dockerSubstitutions(text: string): Substitution[] {
  const assignments: (Assignment & { literal?: boolean })[] = [];
  const assigned = new Set<string>();
  for (const m of text.matchAll(DOCKER_INSTRUCTION)) {
    const { op = '', rest = '' } = m.groups ?? {};
    const offset = m.index + m[0].length;
    const instruction = op.toUpperCase();
    if (instruction === 'FROM') assignments.push({ offset, name: '', value: undefined });
    if (instruction === 'RUN') {
      for (const a of rest.matchAll(RUN_ASSIGNMENT)) assigned.add(a.groups?.name ?? '');
    }
    if (instruction === 'ARG' || instruction === 'ENV') {
      for (const pair of dockerPairs(instruction, rest)) assignments.push({ offset, ...pair });
    }
  }
  let values = new Map<string, string | undefined>();
  let next = 0;
  return substitutions(shellUses(text), (u) => {
    while (next < assignments.length && assignments[next]!.offset <= u.start) {
      const offset = assignments[next]!.offset;
      const instruction: typeof assignments = [];
      while (assignments[next]?.offset === offset) instruction.push(assignments[next++]!);
      // A value built from variables set before it (`ENV URL=https://${BUCKET}.s3…`) takes theirs.
      const expanded = instruction.map(({ value, literal }) =>
        value === undefined || literal ? value : expand(value, (n) => values.get(n)),
      );
      instruction.forEach(({ name }, i) => {
        if (name === '') values = new Map();
        else values.set(name, known(name, expanded[i]));
      });
    }
    return assigned.has(u.name) ? undefined : values.get(u.name);
  });
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
