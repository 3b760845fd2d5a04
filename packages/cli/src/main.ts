import yargs from 'yargs';
import { redactText, VERSION } from '@posture/core';
import { artifactCommand } from './commands/artifact.js';
import { baselineCommand } from './commands/baseline.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { EXIT, UsageError } from './exit-codes.js';
import { withoutHelpCache } from './help-cache.js';
import type { Io } from './io.js';
import { processIo } from './io.js';

/**
 * Runs the CLI and returns its exit code; never calls process.exit, so tests run it in-process.
 * Any failure to run (as opposed to findings) is exit 2 with a message on stderr.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = EXIT.clean;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    await withoutHelpCache(yargs(withDashValues(argv)))
      .scriptName('posture')
      // `--plan plan.json .` must leave `.` to the paths: a repeatable option takes one value.
      .parserConfiguration({ 'greedy-arrays': false })
      .usage('$0 <command> [options]\n\nStops release buckets and the links to them from leaking.')
      .command(scanCommand(io, setExit))
      .command(artifactCommand(io, setExit))
      .command(baselineCommand(io))
      .command(initCommand(io))
      .command(rulesCommand(io))
      .command(explainCommand(io, setExit))
      .demandCommand(1, 'Name a command: scan, artifact, baseline, init, rules or explain.')
      .check(refuseEmptyValues(argv))
      .check(refuseNegatedValues(argv))
      .strictCommands()
      .strict()
      .help()
      // Given, not looked up: yargs would read the package.json of the working directory.
      .version('version', 'Show the version', VERSION)
      .alias('version', 'v')
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .fail((message, error) => {
        // yargs' own complaints (an unknown option, a missing value) are about the arguments.
        if (!error || error.name === 'YError')
          throw new UsageError(`${message}\nRun "posture --help" for usage.`);
        throw error;
      })
      .exitProcess(false)
      .parseAsync();
  } catch (error) {
    // A bad policy or rule file is quoted in the message, and could quote a credential.
    io.stderr(`posture: ${redactText(failure(error))}\n`);
    return EXIT.error;
  }
  return exitCode;
}

/**
 * What stopped a run, for stderr. A usage error, or the system refusing a file (no permission, no
 * space), is said as it is; anything else is a bug in Posture, and is said to be one.
 */
function failure(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof Error && 'syscall' in error) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message}\nThis is a bug in Posture, not a problem with your input or arguments; please report it.`;
}

/** The options that take `-` for a standard stream: `--plan -` reads stdin, `-o -` writes stdout. */
const DASH_OPTIONS: ReadonlySet<string> = new Set(['--plan', '--output', '-o']);

/**
 * yargs takes a lone `-` for a positional, never for an option's value, so it is joined to its
 * option (`--plan=-`) before parsing.
 */
function withDashValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return [...joined, ...argv.slice(i)];
    if (DASH_OPTIONS.has(arg) && argv[i + 1] === '-') joined.push(`${arg}=${argv[++i]}`);
    else joined.push(arg);
  }
  return joined;
}

/** The options that take a value and may also be negated: `--no-repo` reads no Terraform. */
const NEGATABLE: ReadonlySet<string> = new Set(['repo']);

/**
 * `--no-config`: yargs negates any option so, and gives an option that takes a value `false`,
 * which no command reads. It is refused, named as it was typed, but for a yes/no option and those
 * that give the negation a meaning.
 */
function refuseNegatedValues(argv: readonly string[]) {
  // yargs gives a check its options too (`getOptions()`), though its types say its aliases.
  return (args: Record<string, unknown>, options: unknown): true => {
    const yesNo = new Set([...booleanOptions(options), ...NEGATABLE]);
    const typed = Object.keys(args)
      .filter((key) => !yesNo.has(key) && [args[key]].flat().includes(false))
      .map((key) => `--no-${key}`)
      .find((flag) => argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)));
    if (typed === undefined) return true;
    throw new UsageError(`${typed} is not an option: --${typed.slice(5)} takes a value.`);
  };
}

function booleanOptions(options: unknown): string[] {
  const names = (options as { boolean?: unknown } | undefined)?.boolean;
  return Array.isArray(names)
    ? names.filter((name): name is string => typeof name === 'string')
    : [];
}

/**
 * An empty value (`--config ""`, often an unset CI variable) is refused: taken as absent, it would
 * run another scan than the one asked for. The message names the option as it was typed.
 */
function refuseEmptyValues(argv: readonly string[]) {
  return (args: Record<string, unknown>): true => {
    const empty = Object.keys(args).filter((key) => [args[key]].flat().includes(''));
    if (empty.length === 0) return true;
    const typed = empty
      .map((key) => (key.length === 1 ? `-${key}` : `--${key}`))
      .find((flag) => argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)));
    throw new UsageError(typed ? `${typed} needs a value.` : 'an argument is empty ("").');
  };
}
