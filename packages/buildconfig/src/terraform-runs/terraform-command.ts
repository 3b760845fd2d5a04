/** A command that runs Terraform's `plan`, `apply` or `destroy`, as its words tell. */
import type { Token } from '../command-words.js';
import { variableOptions, type VariableOption } from '../terraform-options.js';

/** The tools whose `plan`, `apply` and `destroy` read `TF_VAR_` variables. */
const TERRAFORM = /^(?:.*\/)?(?:terraform|tofu|terragrunt)$/;
const READS_VARIABLES = new Set(['plan', 'apply', 'destroy']);
/** Terraform's options whose value may be the next word (`-var-file prod.tfvars`), not a plan file. */
const TAKES_VALUE = new Set([
  'var',
  'var-file',
  'target',
  'replace',
  'state',
  'state-out',
  'backup',
  'lock-timeout',
  'parallelism',
  'out',
]);
/** A word from which on the shell redirects (`> log`, `2>&1`), runs in the background, or comments. */
const COMMAND_END = /^(?:\d*[<>]|&|#)/;
/**
 * For a command (its words from the one that names it) that runs Terraform's `plan`, `apply` or
 * `destroy`: the directory its `-chdir=` names ('' without one), whether it runs every unit under
 * it (`terragrunt run-all`, `terragrunt run --all`), whether it deploys (see `TerraformRun`), the
 * command and its `-var` and `-var-file` options; undefined for any other command, and for the
 * `apply` of a saved plan (`terraform apply tfplan`), which reads no variables (Terraform refuses
 * `-var` with a plan file): the plan's run did.
 */
export function terraformDeploy(tokens: readonly Token[]):
  | {
      chdir: string;
      all: boolean;
      deploys: boolean;
      terragrunt: boolean;
      subcommand: string;
      options: VariableOption[];
    }
  | undefined {
  const words = tokens.map((t) => t.text);
  if (!TERRAFORM.test(words[0] ?? '')) return undefined;
  const terragrunt = words[0]!.endsWith('terragrunt');
  let chdir = '';
  let all = false;
  let subcommand: string | undefined;
  let saved = false;
  let end = 1;
  while (end < words.length && !COMMAND_END.test(words[end]!)) end++;
  for (let j = 1; j < end; j++) {
    const word = words[j]!;
    const option = /^--?(?<name>[\w-]+)(?<value>=.*)?$/.exec(word)?.groups;
    if (option) {
      const { name, value } = option as { name: string; value?: string };
      if (name === 'chdir' && value) chdir = value.slice(1);
      if (name === 'all') all = true;
      if (name === 'out') saved = true;
      if (value === undefined && TAKES_VALUE.has(name)) j++;
    } else if (subcommand !== undefined) {
      // A word from a variable (`$TF_ARGS`) may be options, not a plan file: the run is kept.
      if (subcommand === 'apply' && !word.includes('$')) return undefined;
    } else if (terragrunt && (word === 'run-all' || word === 'run')) {
      all ||= word === 'run-all';
    } else {
      // `--` (`terragrunt run --all -- apply`) is read as an option.
      if (!READS_VARIABLES.has(word)) return undefined;
      subcommand = word;
    }
  }
  if (subcommand === undefined) return undefined;
  const deploys = subcommand === 'apply' || (subcommand === 'plan' && saved);
  const options = variableOptions(tokens.slice(1, end));
  return { chdir, all, deploys, terragrunt, subcommand, options };
}
