import { ruleSetting, type ExcludeGlob, type Exclusions, type LoadedPolicy } from '@posture/core';
import { UsageError } from './exit-codes.js';

/**
 * What the command line asks for and the policy file, or another option, rules out. Run anyway,
 * the scan would check less than it was asked to and could pass the gate without a word, as
 * `--rule X --skip-rule X` would: each is a usage error (exit 2) naming both sides.
 */

/** A policy file and how stderr names it (`policyFileName`). */
export interface NamedPolicy {
  readonly loaded: LoadedPolicy;
  readonly name: string;
}

/**
 * `--rule X` runs X, and the other rules are turned off over the file's settings; when the file
 * turns X off too, nothing but the rules on unreadable input would run.
 */
export function checkRulesAskedFor(ids: readonly string[], file: NamedPolicy | undefined): void {
  if (file === undefined) return;
  const { policy, lineOf } = file.loaded;
  const off = ids.find((id) => ruleSetting(policy, id)?.enabled === false);
  if (off === undefined) return;
  const line = lineOf(['rules', off, 'enabled']) ?? lineOf(['rules', off]);
  throw new UsageError(
    `--rule ${off} and ${at(file.name, line)} (enabled: false) contradict: turn the rule on there, or leave --rule ${off} out.`,
  );
}

/**
 * A path named that an exclude covers (`posture scan infra --exclude 'infra/**'`) is not read:
 * named alone, the scan would read nothing.
 */
export function checkPathsNamed(
  typed: ReadonlyMap<string, string>,
  exclusions: Exclusions,
  file: NamedPolicy | undefined,
): void {
  for (const [path, as] of typed) {
    const glob = exclusions.excludedBy(path);
    if (glob === undefined) continue;
    throw new UsageError(
      `${as} is excluded by ${excludeNamed(glob, file)}, so nothing in it would be scanned: name it or exclude it, not both.`,
    );
  }
}

/** `--exclude 'infra/**'`, or `'infra/**' (posture.config.yaml:4)`. */
function excludeNamed(glob: ExcludeGlob, file: NamedPolicy | undefined): string {
  if (glob.file === undefined) return `--exclude '${glob.glob}'`;
  return `'${glob.glob}' (${at(file?.name ?? 'the policy file', glob.line)})`;
}

function at(name: string, line: number | undefined): string {
  return line === undefined ? name : `${name}:${line}`;
}
