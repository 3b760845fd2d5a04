/**
 * The Terraform runs of CI files: a script that runs `terraform`, `tofu` or `terragrunt` `plan` or
 * `apply`, the directory it runs in (the step's `working-directory`, a `cd DIR` before it,
 * `-chdir=DIR`), the `TF_VAR_name` variables its environment gives it (the step's, job's and
 * workflow's `env:`, or where else the CI keeps them) and the `-var` and `-var-file` options it
 * and its `TF_CLI_ARGS` give. Terraform takes such a variable as the value of the root module's
 * variable `name`, over its default (an option, over every `.tfvars` file too). Nothing is run: a
 * value or a directory that is not written literally (`${{ secrets.X }}`, `$DIR`) is not known.
 */
import type { Diagnostic } from '@posture/model';
import { withGitlabConfigurations } from '../extract/gitlab-configurations.js';
import { parseFile, type Parse } from '../extract/parse.js';
import { perFile } from '../extract/per-file.js';
import { runOnlyByCalls, CallReadings } from '../terraform-calls.js';
import { withVarFilesFound } from '../terraform-options.js';
import { mayBeOfType } from '../file-types.js';
import type { ReadResult } from '../read-file.js';
import { CI_VARIABLES } from '../variables/index.js';
import type { TerraformRun } from './run.js';
import { fileReader, withIncluded } from './file-reader.js';
import { type Reading, runsIn } from './ci-files.js';
import { ScriptTexts } from './script-texts.js';

export type { EnvironmentValue } from '../tf-var-values.js';
export type { CommandLineVariable, Unread } from '../terraform-options.js';
export type { TerraformRun } from './run.js';
export type { FileReader } from './file-reader.js';

/**
 * The Terraform runs of the CI files among `files` (relative to `root`), of the CI files they
 * include (GitLab's `include: local`, read as its configuration merges them), of the local
 * composite actions and reusable workflows they call, and of the scripts they run, each read with
 * `read` and parsed with `parse`; files not read give none (the build-file read says why). What
 * stops the reading of one (a bug) is an error on it, in `diagnostics`.
 */
export function terraformRuns(
  root: string,
  files: readonly string[],
  read: (path: string) => ReadResult,
  parse: Parse = parseFile,
): { runs: TerraformRun[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ciTypes = new Set(Object.keys(CI_VARIABLES));
  const reader = fileReader(root, read, parse);
  const listed = files.filter((path) => mayBeOfType(path, ciTypes));
  // What a configuration of several files merges is reported where the build files are read.
  const included = withIncluded(root, listed, reader);
  const ci = withGitlabConfigurations(root, included, []);
  const calls = new CallReadings(diagnostics);
  const writers = new Map(included.flatMap((p) => (p.doc ? [[p.doc, p] as const] : [])));
  const texts = new ScriptTexts(diagnostics);
  const reading: Reading = { script: reader, diagnostics, writers, calls, texts, chain: [] };
  const called = runOnlyByCalls(ci, reader);
  const runs = ci.flatMap((parsed) => {
    const variables = CI_VARIABLES[parsed.file.fileType];
    const doc = parsed.doc;
    if (!variables || !doc?.data || called.has(parsed.file.path)) return [];
    const path = parsed.file.path;
    return perFile(path, diagnostics, () => runsIn(parsed, doc, variables, reading)) ?? [];
  });
  return { runs: runs.map((run) => withVarFilesFound(root, run)), diagnostics };
}
