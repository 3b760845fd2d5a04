/** What a Terraform run of a CI file is: where it runs and what it is given. */
import type { Range } from '@posture/model';
import type { CommandLineVariable, Unread } from '../terraform-options.js';
import type { EnvironmentValue } from '../tf-var-values.js';

export interface TerraformRun {
  /**
   * The directory Terraform runs in, relative to the scan root; undefined when it is not known
   * (`cd $DIR`), so the run may be of any root.
   */
  readonly dir: string | undefined;
  /** Where the command is written. */
  readonly range: Range;
  /** The `TF_VAR_` variables its environment gives it, by variable name (without `TF_VAR_`). */
  readonly variables: ReadonlyMap<string, EnvironmentValue>;
  /** It runs every Terragrunt unit at or under `dir` (`terragrunt run-all apply`). */
  readonly all: boolean;
  /**
   * It deploys the root with its variables: an `apply`, or a `plan` saved for one (`-out`). A plan
   * that saves nothing only shows what would change, and a `destroy` removes what it would deploy.
   */
  readonly deploys: boolean;
  /**
   * The `-var` and `-var-file` options it is given, in the order Terraform reads them (later
   * winning, over every `.tfvars` file and `TF_VAR_`): those of `TF_CLI_ARGS`, then of
   * `TF_CLI_ARGS_<command>` (which Terraform puts right after the command), then its own.
   */
  readonly commandLine: readonly CommandLineVariable[];
  /**
   * What gives it variables that are not read (a `-var-file=$ENV.tfvars`, a `TF_VAR_` whose name is
   * computed), why and where: the scan says so, where it may deploy a release bucket failing closed.
   */
  readonly unread: readonly Unread[];
}
