import { excludedWithin } from '@posture/buildconfig';
import type { LoadedPolicy } from './load.js';
import { pathGlobs, policyGlobs } from './path-globs.js';

/** An exclude glob, and where it is written: a line of the policy file, or the command line. */
export interface ExcludeGlob {
  readonly glob: string;
  /** The policy file (absolute path) that holds it; none for a glob of `ScanOptions.exclude`. */
  readonly file?: string;
  readonly line?: number;
}

export interface Exclusions {
  /** Whether a path (relative to the scan root) is excluded: the walks ask it of every entry. */
  readonly excluded: (path: string) => boolean;
  /** The glob that excludes a path or a directory above it, to name in a message. */
  readonly excludedBy: (path: string) => ExcludeGlob | undefined;
}

/**
 * The policy's `exclude`, relative to the policy file's directory (the root without one), and the
 * command line's (`exclude`), relative to its working directory (`excludeBase`): one test of
 * scan-root-relative paths.
 */
export function exclusions(
  root: string,
  options: { readonly exclude?: readonly string[]; readonly excludeBase?: string },
  policy: { readonly exclude: readonly string[]; readonly file?: LoadedPolicy },
): Exclusions {
  const base = options.excludeBase ?? root;
  const byPolicy = policyGlobs(policy.exclude, policy.file?.path, root);
  const byOptions = pathGlobs(options.exclude ?? [], base, root);
  const excluded = (path: string) => byPolicy(path) || byOptions(path);
  // Each glob is tested alone only once a path is known to be excluded: a message is rare.
  const excludedBy = (path: string): ExcludeGlob | undefined => {
    if (!excludedWithin(path, excluded)) return undefined;
    const fromFile = policy.exclude === policy.file?.policy.exclude ? policy.file : undefined;
    const globs: (ExcludeGlob & { test: (path: string) => boolean })[] = [
      ...(options.exclude ?? []).map((glob) => ({ glob, test: pathGlobs([glob], base, root) })),
      ...policy.exclude.map((glob, i) => ({
        glob,
        file: policy.file?.path,
        line: fromFile?.lineOf(['exclude', i]),
        test: policyGlobs([glob], policy.file?.path, root),
      })),
    ];
    const found = globs.find(({ test }) => excludedWithin(path, test));
    return found && { glob: found.glob, file: found.file, line: found.line };
  };
  return { excluded, excludedBy };
}
