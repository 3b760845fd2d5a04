/**
 * Variables a shell script gives a directory it can place without running anything: its own
 * (`HERE="$(cd "$(dirname "$0")" && pwd)"`, `DIR=$(dirname "${BASH_SOURCE[0]}")`, `HERE=${0%/*}`),
 * or the repository's top (`ROOT=$(git rev-parse --show-toplevel)`), or one under or above either
 * (`ROOT="$(dirname "$0")/.."`): a `cd "$ROOT"` enters it, not a directory the scan cannot tell.
 */
import { SHELL_ASSIGNMENT } from './variables/shell.js';

/** A directory a variable names: from the script's own or the checkout's top, then `path`. */
export interface NamedDirectory {
  readonly from: 'script' | 'checkout';
  /** `''`, or `/` and the path from there (`/..`, `/tools`). */
  readonly path: string;
}

/** The script's own path as sh and bash write it, resolved or not: `$0`, `${BASH_SOURCE[0]}`. */
const SCRIPT = String.raw`"?\$(?:0|\{0\}|\{?BASH_SOURCE(?:\[0\])?\}?)"?`;
const RESOLVED = String.raw`(?:${SCRIPT}|"?\$\([ \t]*(?:realpath|readlink[ \t]*-[fe])[ \t]*(?:--[ \t]*)?${SCRIPT}[ \t]*\)"?)`;
/**
 * The script's own directory as sh and bash write it in a command, quoted or not, and as
 * `normalized` writes it: its `dirname` (`$(dirname -- "$(realpath "$0")")`, with blanks inside its
 * parentheses too: `$( dirname -- "${BASH_SOURCE[0]}" )`), `${0%/*}` or `${BASH_SOURCE[0]%/*}`.
 */
export const SCRIPT_DIRECTORY_WRITTEN = String.raw`\$\([ \t]*dirname[ \t]*(?:--[ \t]*)?${RESOLVED}[ \t]*\)|\$\{(?:0|BASH_SOURCE(?:\[0\])?)%\/\*\}`;
/** A path under or above a directory, as a value writes it after the directory. */
const PATH = String.raw`(?<path>(?:\/[\w.-]+)*)`;
/**
 * A value that is the script's own directory, as `normalized` writes it, the same entered and
 * printed (`$(cd "$(dirname "$0")/.." && pwd)`), then a path.
 */
const SCRIPT_DIRECTORY = new RegExp(
  String.raw`^(?:\$\(cd)?(?:${SCRIPT_DIRECTORY_WRITTEN})${PATH}(?:(?:&&|;)pwd(?:-P)?\))?$`,
);
/** A value that is the repository's top, as `normalized` writes it, then a path. */
const TOP = new RegExp(String.raw`^\$\(gitrev-parse--show-toplevel\)${PATH}$`);

/**
 * A value with its quotes, comment, `--` and output sent to /dev/null taken out, and its spaces:
 * what is left tells what it is.
 */
function normalized(value: string): string {
  return value
    .replace(/[ \t]#.*$/, '')
    .replace(/["']/g, '')
    .replace(/(?<=\s)--(?=\s)|\d?&?>[ \t]*\/dev\/null|2>&1/g, '')
    .replace(/\s+/g, '');
}

/** The directory an assigned value names (see `NamedDirectory`), or undefined. */
function namedBy(value: string): NamedDirectory | undefined {
  const written = normalized(value);
  const own = SCRIPT_DIRECTORY.exec(written)?.groups;
  if (own) return { from: 'script', path: own.path ?? '' };
  const top = TOP.exec(written)?.groups;
  return top ? { from: 'checkout', path: top.path ?? '' } : undefined;
}

/**
 * The directory a variable of `text` names, when each of its assignments gives it the same one
 * (`NamedDirectory`): one assigned anything else once may hold that.
 */
export function directoryVariables(text: string): (name: string) => NamedDirectory | undefined {
  let named: Map<string, NamedDirectory | undefined> | undefined;
  return (name) => {
    if (named === undefined) {
      named = new Map();
      for (const m of text.matchAll(SHELL_ASSIGNMENT)) {
        const { name: assigned = '', value = '' } = m.groups ?? {};
        const directory = namedBy(value);
        const before = named.has(assigned) ? named.get(assigned) : directory;
        const same = before?.from === directory?.from && before?.path === directory?.path;
        named.set(assigned, same ? directory : undefined);
      }
    }
    return named.get(name);
  };
}
