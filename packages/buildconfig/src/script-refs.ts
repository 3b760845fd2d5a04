/**
 * Shell scripts that build configurations run (`bash scripts/release.sh`, `./publish.sh`), so that
 * discovery scans them and a script run by a release step counts as a release step.
 */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';

/** Relative paths (from `dir`, `/`-separated) of the `.sh`/`.bash`/`.ps1` files a command text names. */
export function scriptPaths(text: string, dir: string): string[] {
  const paths = new Set<string>();
  for (const word of text.split(/[\s"'`=;&|()]+/)) {
    if (!/\.(?:sh|bash|ps1)$/.test(word) || !/^[\w./-]+$/.test(word) || word.startsWith('/'))
      continue;
    const path = posix.normalize(posix.join(dir, word));
    if (!leavesRoot(path)) paths.add(path);
  }
  return [...paths];
}
