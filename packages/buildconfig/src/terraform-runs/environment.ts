/** The `TF_VAR_` variables (and `TF_CLI_ARGS`) an environment gives a Terraform run. */
import type { Range } from '@posture/model';
import type { Token } from '../command-words.js';
import { isRecord, valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import { environmentValue, type EnvironmentValue, type Inputs } from '../tf-var-values.js';
import type { CiVariables } from '../variables/ci.js';
import type { Place } from './ci-files.js';

/** The environment variables read: `TF_VAR_name`, and `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>`. */
const READ = /^(?:TF_VAR_[A-Za-z_][\w-]*|TF_CLI_ARGS(?:_[a-z]+)?)$/;
/** `TF_VAR_name=` written somewhere in a script (`echo "TF_VAR_public=true" >> "$GITHUB_ENV"`). */
const TF_VAR_WRITTEN = /(?<![\w$])TF_VAR_([A-Za-z_][\w-]*)=/g;
/** A `TF_VAR_` name computed as the script runs (`TF_VAR_%s=`, `"TF_VAR_$v=…"`): any variable's. */
const TF_VAR_COMPUTED = /(?<![\w$])TF_VAR_[\w-]*(?:[$%`]|["']\$)[^\s"'=;|&<>]*/g;
/**
 * The key an environment holds a `TF_VAR_` whose name is computed by: no variable's. Which
 * variable it sets, and so what it gives Terraform, is not known: a run with it reads one unread.
 */
export const COMPUTED_NAME = 'TF_VAR_';
/**
 * The `TF_VAR_` variables a step's script (at `at`) may write to `$GITHUB_ENV` for the later steps
 * of its job, added to `later`: in a script that writes to it at all, each `TF_VAR_name=` it holds,
 * however it is written (`echo`, `printf`, a heredoc, `{ …; } >> "$GITHUB_ENV"`). Not known, as
 * which of them and of a step's `env:` wins is not.
 */
export function withJobEnvironment(
  later: Map<string, EnvironmentValue>,
  script: string,
  at: number,
  range: (start: number, end: number) => Range,
): void {
  if (!script.includes('GITHUB_ENV')) return;
  for (const m of script.matchAll(TF_VAR_WRITTEN)) {
    const where = range(at + m.index, at + m.index + m[0].length);
    const why = `TF_VAR_${m[1]} is written to $GITHUB_ENV by an earlier step of the job`;
    later.set(`TF_VAR_${m[1]}`, { text: undefined, why, range: where });
  }
  for (const m of script.matchAll(TF_VAR_COMPUTED)) {
    const where = range(at + m.index, at + m.index + m[0].length);
    const why = `a TF_VAR_ whose name is computed (${m[0]}) is written to $GITHUB_ENV by an earlier step of the job`;
    later.set(COMPUTED_NAME, { text: undefined, why, range: where });
  }
}

/** The `TF_VAR_` variables of an environment read, by the name of the variable each sets. */
export function tfVariablesOf(
  environment: ReadonlyMap<string, EnvironmentValue>,
): Map<string, EnvironmentValue> {
  return new Map(
    [...environment]
      .filter(([key]) => key.startsWith('TF_VAR_') && key !== COMPUTED_NAME)
      .map(([key, value]) => [key.slice('TF_VAR_'.length), value]),
  );
}

/**
 * The `TF_VAR_name=value` (and `TF_CLI_ARGS…=`) words among `tokens` (of a command at `at`), set in
 * `variables`; one whose name is computed (`export TF_VAR_$v=true`) as `COMPUTED_NAME`.
 */
export function assigned(
  tokens: readonly Token[],
  at: number,
  range: (start: number, end: number) => Range,
  variables: Map<string, EnvironmentValue>,
): void {
  for (const token of tokens) {
    const eq = token.text.indexOf('=');
    const key = token.text.slice(0, eq);
    const where = range(at + token.start, at + token.end);
    if (key.startsWith(COMPUTED_NAME) && /[$`]/.test(key)) {
      const why = `a TF_VAR_ whose name is computed (${key}) is exported`;
      variables.set(COMPUTED_NAME, { text: undefined, why, range: where });
    }
    if (eq <= 0 || !READ.test(key)) continue;
    variables.set(key, environmentValue(key, token.text.slice(eq + 1), where));
  }
}

/**
 * The `TF_VAR_` variables a script at `path` sees, innermost scope winning: a literal value as
 * written (the inputs of a called file put in), anything else not known. A value whose name or
 * shape says it is a credential is never read.
 */
export function tfVariables(
  doc: StructuredDoc,
  variables: CiVariables,
  path: Path,
  place: Place,
  inputs: Inputs | undefined,
): Map<string, EnvironmentValue> {
  const found = new Map<string, EnvironmentValue>();
  for (const scope of variables.scopes(path, doc.data)) {
    const listed = valueAt(doc.data, scope);
    const entries =
      variables.entries?.(listed) ?? new Map(isRecord(listed) ? Object.entries(listed) : []);
    for (const [key, value] of entries) {
      if (!READ.test(key) || found.has(key)) continue;
      const at = place([...scope, key], scope);
      found.set(key, environmentValue(key, value, at, inputs));
    }
  }
  return found;
}
