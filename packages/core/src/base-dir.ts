import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * The directory report paths are relative to: the git top level (found by walking up to `.git`,
 * never by running git), else the scan root. GitHub resolves SARIF paths from the repository root.
 */
export function findBaseDir(root: string): string {
  return gitTopLevel(root) ?? root;
}

/** The directory holding `.git` at or above `dir`, if any. */
export function gitTopLevel(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** The deepest directory holding every one of `dirs`: one root, so every path is relative to it. */
export function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => d.split(sep));
  const first = split[0] ?? [];
  let shared = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < shared && parts[i] === first[i]) i++;
    shared = i;
  }
  return first.slice(0, shared).join(sep) || sep;
}
