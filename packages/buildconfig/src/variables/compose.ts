/**
 * Compose files: Compose fills `${NAME}`, `$NAME` and `${NAME:-default}` anywhere in the file (`$$`
 * writes a `$`) from the shell's environment, else from the `.env` file of the project directory,
 * which is the directory of the compose file unless `--project-directory` says otherwise. The
 * shell's environment is unknown here; the `.env` beside the file is what the repository states.
 */
import { posix } from 'node:path';
import { shellUses, substitutions, type Substitution } from './common.js';
import { inOrder, shellAssignments, type Sourcing } from './shell.js';

/** The `.env` file Compose reads for a compose file at `path`. */
export function composeEnvFile(path: string): string {
  return posix.join(posix.dirname(path), '.env');
}

/**
 * What the `.env` file (`envText`) assigns, as one sourcing made before the compose file's first
 * line: a value built from others (`URL=https://${BUCKET}.s3.amazonaws.com`) takes theirs.
 */
export function composeSourcings(envText: string | undefined): Sourcing[] {
  if (envText === undefined) return [];
  return [{ at: -1, assignments: shellAssignments(envText).map((a) => ({ ...a, offset: -1 })) }];
}

/** The placeholders of a compose file that its `.env` (`sourcings`) resolves. */
export function composeSubstitutions(
  text: string,
  sourcings: readonly Sourcing[] = [],
): Substitution[] {
  const valueOf = inOrder(sourcings.flatMap((s) => s.assignments));
  return substitutions(shellUses(text), valueOf);
}
