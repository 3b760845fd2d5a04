import type { CommandModule } from 'yargs';
import { gateExitCode, scan, SEVERITIES, type Severity } from '@posture/core';
import type { Io } from '../io.js';
import { FORMATS, writeReports, type Format } from '../reports.js';
import { resolveTargets } from '../targets.js';
import { parseVars, redactArgv } from '../vars.js';

interface ScanArgs {
  paths: string[];
  format: Format[];
  output: string[];
  scope: 'release' | 'all';
  'fail-on': Severity | 'none';
  var: string[];
  'var-file': string[];
  plan: string[];
  'sarif-category'?: string;
  'include-suppressed': boolean;
  color?: boolean;
}

export function scanCommand(
  io: Io,
  setExit: (code: number) => void,
): CommandModule<object, ScanArgs> {
  return {
    command: 'scan [paths..]',
    describe: 'Scan Terraform, plans and build configurations for leaking release buckets',
    builder: (y) =>
      y
        .positional('paths', {
          type: 'string',
          array: true,
          default: ['.'],
          describe: 'Directories, or plan/state JSON files',
        })
        .option('format', {
          alias: 'f',
          type: 'string',
          array: true,
          choices: FORMATS,
          default: ['text'],
          describe: 'Report format; repeat for several',
        })
        .option('output', {
          alias: 'o',
          type: 'string',
          array: true,
          default: [],
          describe: 'File for the format at the same position; stdout when missing',
        })
        .option('scope', {
          type: 'string',
          choices: ['release', 'all'] as const,
          default: 'release' as const,
          describe: 'Apply bucket rules to release-use buckets only, or to all',
        })
        .option('fail-on', {
          type: 'string',
          choices: [...SEVERITIES, 'none'] as const,
          default: 'high' as const,
          describe: 'Exit 1 when a finding is at or above this severity',
        })
        .option('var', {
          type: 'string',
          array: true,
          default: [],
          describe: 'Terraform variable, name=value',
        })
        .option('var-file', {
          type: 'string',
          array: true,
          default: [],
          describe: 'Terraform .tfvars file',
        })
        .option('plan', {
          type: 'string',
          array: true,
          default: [],
          describe: '`terraform show -json` plan or state file',
        })
        .option('sarif-category', {
          type: 'string',
          describe: 'SARIF automationDetails.id, to upload several analyses',
        })
        .option('include-suppressed', {
          type: 'boolean',
          default: false,
          describe: 'Emit suppressed findings with their justification',
        })
        .option('color', {
          type: 'boolean',
          describe: 'Colour the text report (default: when stdout is a terminal)',
        }) as never,
    handler: async (args) => {
      const targets = resolveTargets(args.paths, args.plan, io.cwd);
      const { result } = await scan({
        root: targets.root,
        plans: targets.plans,
        terraform: targets.terraform,
        vars: parseVars(args.var),
        varFiles: args['var-file'],
        policy: { scope: args.scope },
        commandLine: ['posture', ...redactArgv(process.argv.slice(2))],
      });
      writeReports(result, args.format, args.output, io, {
        category: args['sarif-category'],
        includeSuppressed: args['include-suppressed'],
        color: args.color ?? (io.isTty && io.env.NO_COLOR === undefined),
      });
      setExit(args['fail-on'] === 'none' ? 0 : gateExitCode(result.findings, args['fail-on']));
    },
  };
}
