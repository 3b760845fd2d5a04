/**
 * PowerShell scripts: `$Name` and `${Name}` read the script's variables, `$env:NAME`
 * (`${env:NAME}`) the environment, which `$env:NAME = "value"` sets and the CI job that runs the
 * script gives; a subexpression of one variable alone, `"$($Name)"`, is that variable. Names are
 * not case-sensitive (`$Bucket` is `$bucket`, `$env:Path` is `$env:PATH`).
 */
import {
  substitutions,
  use,
  type Given,
  type Lookup,
  type Substitution,
  type Use,
} from './common.js';
import { inOrder, shellAssignments, type Sourcing } from './shell.js';

/** A variable, as PowerShell reads it in a script or a double-quoted string (not after a `). */
const POWERSHELL_USE =
  /(?<!`)\$(?:\{(?<brace>(?:env:)?[A-Za-z_]\w*)\}|\(\$(?<sub>(?:env:)?[A-Za-z_]\w*)\)|(?<bare>(?:env:)?[A-Za-z_]\w*))/gi;

/** The uses of variables in `text`, by the name they are looked up by (`key`). */
export function powershellUses(text: string): Use[] {
  return Array.from(text.matchAll(POWERSHELL_USE), (m) => {
    const u = use(m, m.groups?.brace ?? m.groups?.sub ?? m.groups?.bare);
    return { ...u, name: key(u.name) };
  });
}

/**
 * A PowerShell script runs top to bottom, as a shell script does (`inOrder`), with what the scripts
 * it dot-sources assign; an environment variable it has not set has the value `environment` (the
 * environment it is run with) gives it, whatever the case of its name there.
 */
export function powershellSubstitutions(
  text: string,
  environment: Given = new Map(),
  sourcings: readonly Sourcing[] = [],
): Substitution[] {
  const assignments = shellAssignments(text, undefined, sourcings).map((a) => ({
    ...a,
    name: key(a.name),
  }));
  const given = new Map([...environment].map(([name, value]) => [`env:${key(name)}`, value]));
  const outside: Lookup = (name) => given.get(name);
  return substitutions(powershellUses(text), inOrder(assignments, outside, powershellUses));
}

/** The name a variable is looked up by: in lower case, `env:` before an environment variable's. */
function key(name: string): string {
  return name.toLowerCase();
}
