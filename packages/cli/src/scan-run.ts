import type { Argv } from 'yargs';
import { loadUserRules, PolicyError, scan, type Rule, type ScanReport } from '@posture/core';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { policyFileFor } from './policy-file.js';
import { ProgressLine, progressEnabled } from './progress.js';
import { resolveTargets } from './targets.js';
import { parseVars, redactArgv } from './vars.js';

/** The options every command that scans shares: what to read and how to interpret it. */
export interface ScanInputArgs {
  paths: string[];
  scope?: 'release' | 'all';
  var: string[];
  'var-file': string[];
  exclude: string[];
  plan: string[];
  config?: string;
  'rules-dir'?: string;
}

export function scanInputOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', {
      type: 'string',
      array: true,
      default: ['.'],
      describe: 'Directories, or plan/state JSON files',
    })
    .option('scope', {
      type: 'string',
      choices: ['release', 'all'] as const,
      describe: 'Bucket rules on release-use buckets only (default), or on all',
    })
    .option('var', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Terraform variable, name=value',
    })
    .option('var-file', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Terraform .tfvars file',
    })
    .option('exclude', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'Glob of paths not to scan (added to the policy\'s exclude), e.g. "examples/**"',
    })
    .option('plan', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: '`terraform show -json` plan or state file',
    })
    .option('config', {
      type: 'string',
      describe: 'Policy file (default: the nearest posture.config.yaml)',
    })
    .option('rules-dir', { type: 'string', describe: 'Directory of your own *.rule.yaml rules' });
}

/** Runs the scan a command asked for. A bad policy file or rules directory is a usage error (exit 2). */
export async function runScan(args: ScanInputArgs, io: Io): Promise<ScanReport> {
  const targets = resolveTargets(args.paths, args.plan, io.cwd);
  const progress = progressEnabled(io.stderrIsTty === true, io.env)
    ? new ProgressLine(io.stderr)
    : undefined;
  try {
    return await scan({
      root: targets.root,
      paths: targets.paths,
      plans: targets.plans,
      terraform: targets.terraform,
      // Only plan files named: there is no repository around them whose build files to read.
      buildConfigs: targets.terraform,
      vars: parseVars(args.var),
      varFiles: args['var-file'],
      exclude: args.exclude,
      policyFile: policyFileFor(targets.root, args.config, io.cwd),
      policy: args.scope ? { scope: args.scope } : {},
      extraRules: args['rules-dir'] ? userRules(args['rules-dir']) : [],
      commandLine: ['posture', ...redactArgv(process.argv.slice(2))],
      onProgress: progress && ((p) => progress.update(p)),
    });
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(`bad policy file: ${error.message}`);
    throw error;
  } finally {
    progress?.finish();
  }
}

function userRules(dir: string): Rule[] {
  const { rules, errors } = loadUserRules(dir);
  const first = errors[0];
  if (first) {
    throw new UsageError(
      `bad rule file ${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}`,
    );
  }
  return rules;
}
