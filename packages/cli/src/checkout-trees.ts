import { dirname } from 'node:path';

/**
 * The trees a pull request may have written: the working directory and the repository, but for
 * the file system's root, which holds everything the user may name. Files read from them and
 * written into them must not pass through a symbolic link (input-file.ts, output-file.ts).
 */
export function checkoutTrees(cwd: string, repository: string): string[] {
  return [cwd, repository].filter((tree) => dirname(tree) !== tree);
}
