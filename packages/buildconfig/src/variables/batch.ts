/**
 * Batch files (`.bat`, `.cmd`): `set NAME=value` (or `set "NAME=value"`) sets a variable, and
 * `%NAME%` reads it, a set one or the environment's, which the CI job that runs the file gives.
 * Names are not case-sensitive (`%Bucket%` is `%BUCKET%`). cmd expands `%NAME%` when it reads a
 * line, and a whole parenthesised block at once, so only a `set` at the start of an unindented line
 * holds from there on; one indented (inside a block, maybe never run) leaves the variable unknown
 * after it, as do `set /a` (arithmetic) and `set /p` (what the user types). `%%i`, `%1`, `%~dp0`
 * and `%NAME:~0,3%` are no variable reads.
 */
import {
  substitutions,
  use,
  type Given,
  type Lookup,
  type Substitution,
  type Use,
} from './common.js';
import { inOrder, type ShellAssignment } from './shell.js';

/** `%NAME%`, not the second `%` of a `%%`. */
const BATCH_USE = /(?<!%)%(?<name>[A-Za-z_]\w*)%/g;
/**
 * `set NAME=value`, `set "NAME=value"` (the value ends at the last quote), `set /a …`, `set /p …`,
 * after `@` at most; the value runs to the end of the line, spaces and all.
 */
const BATCH_ASSIGNMENT =
  /^(?<indent>[ \t]*)@?set[ \t]+(?:(?<flag>\/[ap])[ \t]*)?(?:"(?<quoted>[A-Za-z_]\w*=[^\r\n]*)"|(?<bare>[A-Za-z_]\w*=[^\r\n]*))/gim;

/** The uses of variables in `text`, by the name they are looked up by (`key`). */
export function batchUses(text: string): Use[] {
  return Array.from(text.matchAll(BATCH_USE), (m) => {
    const u = use(m, m.groups?.name);
    return { ...u, name: key(u.name) };
  });
}

/**
 * A batch file runs top to bottom, as a shell script does (`inOrder`); a variable it has not set
 * has the value `environment` (the environment it is run with) gives it, whatever its case there.
 */
export function batchSubstitutions(text: string, environment: Given = new Map()): Substitution[] {
  const given = batchEnvironment(environment);
  const outside: Lookup = (name) => given.get(name);
  return substitutions(batchUses(text), inOrder(batchAssignments(text), outside, batchUses));
}

/** The environment a batch file runs with, by the names it looks them up by (`key`). */
export function batchEnvironment(environment: Given): Given {
  return new Map([...environment].map(([name, value]) => [key(name), value]));
}

/**
 * The file's `set` commands, in order; an indented, arithmetic or prompted one sets no known value.
 * cmd passes every variable it sets to the programs and batch files it runs (`call upload.cmd`).
 */
export function batchAssignments(text: string): ShellAssignment[] {
  return Array.from(text.matchAll(BATCH_ASSIGNMENT), (m) => {
    const { indent = '', flag, quoted, bare = '' } = m.groups ?? {};
    const written = quoted ?? bare;
    const equals = written.indexOf('=');
    const known = indent === '' && flag === undefined;
    return {
      offset: m.index,
      name: key(written.slice(0, equals)),
      value: known ? written.slice(equals + 1) : undefined,
      expands: known,
      exported: true,
    };
  });
}

/** The name a variable is looked up by: in lower case. */
function key(name: string): string {
  return name.toLowerCase();
}
