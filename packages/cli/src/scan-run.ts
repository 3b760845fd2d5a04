import type { Argv } from 'yargs';
import {
  builtinRules,
  exclusions,
  scan,
  STANDARD_INPUT,
  type PlanText,
  type Rule,
  type RuleSetting,
  type ScanReport,
} from '@posture/core';
import { lowerCase } from './caseless.js';
import { checkPathsNamed, checkRulesAskedFor, type NamedPolicy } from './contradictions.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { checkoutTrees } from './checkout-trees.js';
import { loadScanPolicy, policyFileName } from './policy-file.js';
import { REPEATED } from './repeated.js';
import { ProgressLine, progressEnabled } from './progress.js';
import { resolveTargets } from './targets.js';
import { RULES_DIR, userRules } from './user-rules.js';
import { parseVars, redactArgv, varFiles } from './vars.js';

/** The options every command that scans shares: what to read and how to interpret it. */
export interface ScanInputArgs {
  paths: string[];
  scope?: 'release' | 'all';
  var: string[];
  'var-file': string[];
  workspace?: string;
  exclude: string[];
  plan: string[];
  config?: string;
  'rules-dir'?: string;
  rule: string[];
  'skip-rule': string[];
}

export function scanInputOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', {
      type: 'string',
      array: true,
      default: ['.'],
      describe: 'Directories; Terraform or build configuration files; plan/state JSON files',
    })
    .option('scope', {
      type: 'string',
      choices: ['release', 'all'] as const,
      coerce: lowerCase,
      describe: 'Bucket rules on release-use buckets only (default), or on all',
    })
    .option('var', {
      ...REPEATED,
      default: [] as string[],
      describe:
        'Terraform variable, name=value; a list or map as Terraform takes it: tags={ env = "prod" }',
    })
    .option('var-file', {
      ...REPEATED,
      default: [] as string[],
      describe:
        'Terraform .tfvars file: for the root module whose directory holds it, or every root if none does',
    })
    .option('workspace', {
      type: 'string',
      describe:
        'Terraform workspace the roots are planned in, for terraform.workspace (default: not known)',
    })
    .option('exclude', {
      ...REPEATED,
      default: [] as string[],
      describe:
        "Glob of paths not to scan, relative to the working directory (adds to the policy's)",
    })
    .option('plan', {
      ...REPEATED,
      default: [] as string[],
      describe: '`terraform show -json` plan or state file; - reads standard input',
    })
    .option('config', {
      type: 'string',
      describe: 'Policy file (default: the nearest posture.config.yaml)',
    })
    .option('rules-dir', RULES_DIR)
    .option('rule', {
      ...REPEATED,
      default: [] as string[],
      describe: 'Run only this rule (repeat for several; see "posture rules")',
    })
    .option('skip-rule', {
      ...REPEATED,
      default: [] as string[],
      describe: 'Do not run this rule (repeat for several)',
    });
}

/**
 * Runs the scan a command asked for. A bad policy file or rules directory, or a command line the
 * policy contradicts, is a usage error (exit 2), said before the scan.
 */
export async function runScan(args: ScanInputArgs, io: Io): Promise<ScanReport> {
  const targets = resolveTargets(args.paths, args.plan, io.cwd);
  const trees = checkoutTrees(io.cwd, targets.root);
  const extraRules = userRules(args['rules-dir'], io.cwd, trees);
  const rules = [...builtinRules, ...extraRules];
  const known = new Set(rules.map((rule) => rule.meta.id));
  const loaded = loadScanPolicy(targets.start, args.config, io.cwd, targets.root, known);
  const file = loaded && { loaded, name: policyFileName(loaded.path, args.config, targets.root) };
  const excludeBy = { exclude: args.exclude, excludeBase: io.cwd };
  checkPathsNamed(
    targets.typed,
    exclusions(targets.root, excludeBy, { exclude: loaded?.policy.exclude ?? [], file: loaded }),
    file,
  );
  const selection = ruleSelection(args, rules, file);
  const progress = progressEnabled(io.stderrIsTty === true, io.env)
    ? new ProgressLine(io.stderr)
    : undefined;
  let scanned: ScanReport;
  try {
    scanned = await scan({
      root: targets.root,
      paths: targets.paths,
      plans: await planInputs(targets.plans, io),
      terraform: targets.terraform,
      // Only plan files named: there is no repository around them whose build files to read.
      buildConfigs: targets.terraform,
      vars: parseVars(args.var),
      varFiles: varFiles(args['var-file'], io.cwd, trees),
      workspace: args.workspace,
      ...excludeBy,
      policyFile: loaded,
      policy: { ...(args.scope && { scope: args.scope }), rules: selection },
      extraRules,
      commandLine: ['posture', ...redactArgv(process.argv.slice(2))],
      onProgress: progress && ((p) => progress.update(p)),
    });
  } finally {
    progress?.finish();
  }
  if (nothingScanned(scanned)) throw new UsageError(nothingToScan(args, file));
  return scanned;
}

/**
 * A scan that read no file and has nothing to say: the paths named hold no Terraform, plan or
 * build configuration, or all of it is excluded. That is a mistake (a mistyped or moved path, a
 * checkout that did not happen), as a path that does not exist is, and exit 2 writes no report:
 * an empty one would pass the gate, and uploaded, close every open code scanning alert.
 */
function nothingScanned({ result }: ScanReport): boolean {
  return result.files.length === 0 && result.diagnostics.length === 0;
}

/** Says what the excludes in force are, when there are some: they may have left nothing. */
function nothingToScan(
  args: Pick<ScanInputArgs, 'paths' | 'exclude'>,
  file: NamedPolicy | undefined,
): string {
  const excludes = [
    ...args.exclude.map((glob) => `--exclude '${glob}'`),
    ...((file?.loaded.policy.exclude.length ?? 0) > 0 ? [`the exclude of ${file?.name}`] : []),
  ];
  const found =
    excludes.length === 0
      ? 'was found (is the path right?)'
      : `was found outside what is excluded (${excludes.join(', ')})`;
  return `nothing to scan in ${args.paths.join(', ')}: no Terraform, plan or build configuration ${found}. An empty report would pass the gate, and close every open alert where it is uploaded.`;
}

/**
 * Each plan file's path, or the plan read from standard input (`--plan -`). Standard input is read
 * once however often `-` is named, as a plan file named twice is: a second read would find it
 * drained, and the scan reads each plan once anyway.
 */
async function planInputs(plans: readonly string[], io: Io): Promise<(string | PlanText)[]> {
  const stdin = plans.includes(STANDARD_INPUT)
    ? { name: STANDARD_INPUT, bytes: await io.readStdin() }
    : undefined;
  return plans.map((plan) => (plan === STANDARD_INPUT && stdin ? stdin : plan));
}

/**
 * `--rule` runs only the rules named, `--skip-rule` leaves some out: as policy settings that turn
 * rules off, over the policy file's. The rules that report input the scan could not read run
 * unless skipped by name, so that `--rule` never turns a broken file into a clean gate. A name that
 * is no rule, a rule both run and skipped, or one run that the policy file turns off, is a usage
 * error, not a rule silently never run.
 */
function ruleSelection(
  args: Pick<ScanInputArgs, 'rule' | 'skip-rule'>,
  rules: readonly Rule[],
  file: NamedPolicy | undefined,
): Record<string, RuleSetting> {
  const known = rules.map((rule) => rule.meta.id);
  const unknown = [...args.rule, ...args['skip-rule']].find((id) => !known.includes(id));
  if (unknown !== undefined)
    throw new UsageError(`unknown rule "${unknown}" (run "posture rules" for the catalogue)`);
  // Two flag lists merged by a CI template would otherwise turn the gate off without a word.
  const both = args.rule.find((id) => args['skip-rule'].includes(id));
  if (both !== undefined)
    throw new UsageError(`--rule ${both} and --skip-rule ${both} contradict: name it in one.`);
  checkRulesAskedFor(args.rule, file);
  const unselected = (rule: Rule) =>
    args.rule.length > 0 && !args.rule.includes(rule.meta.id) && rule.kind !== 'diagnostic';
  const off = rules
    .filter((rule) => args['skip-rule'].includes(rule.meta.id) || unselected(rule))
    .map((rule) => rule.meta.id);
  return Object.fromEntries(off.map((id) => [id, { enabled: false }]));
}
