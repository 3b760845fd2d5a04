import yargs, { type CommandModule } from 'yargs';
import { conjoined, EngineUnavailable, redactText, VERSION } from '@posture/core';
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
  // The message asking for a command names those registered: `named` keeps each one's name.
  const names: string[] = [];
  const named = <U>(command: CommandModule<object, U>) => {
    names.push(nameOf(command));
    return command;
  };
  const nameACommand = () => `Name a command: ${conjoined(names, 'or')}.`;
  try {
    await withoutHelpCache(yargs(withDashValues(argv)))
      .scriptName('posture')
      // `--plan plan.json .` must leave `.` to the paths: a repeatable option takes one value.
      // Options are read by the names they are typed with: a camelCase twin of each would be
      // named beside it when refused (`Unknown arguments: soft-fail, softFail`).
      .parserConfiguration({ 'greedy-arrays': false, 'camel-case-expansion': false })
      .updateStrings({
        // A value outside an option's choices, said as it was typed.
        'Argument: %s, Given: %s, Choices: %s': '--%s %s: expected one of %s.',
        // A command mistyped (`posture scna .`), which yargs would only ask about.
        'Did you mean %s?': 'Unknown command; did you mean %s?',
      })
      .usage('$0 <command> [options]\n\nStops release buckets and the links to them from leaking.')
      .command(named(scanCommand(io, setExit)))
      .command(named(artifactCommand(io, setExit)))
      .command(named(baselineCommand(io)))
      .command(named(initCommand(io)))
      .command(named(rulesCommand(io)))
      .command(named(explainCommand(io, setExit)))
      .demandCommand(1, nameACommand())
      .check(refuseEmptyValues(argv))
      .check(refuseMisusedOptions(argv))
      .recommendCommands()
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
          throw new UsageError(usageMessage(argv, message, nameACommand()));
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

/** A command's name: the first word of what it is registered as (`scan [paths..]`). */
function nameOf<U>(command: CommandModule<object, U>): string {
  return String([command.command].flat()[0]).split(' ')[0] ?? '';
}

/** What a command given nothing to act on needs, with an example. */
const NEEDS = new Map([
  [
    'artifact',
    'Name the package to check: an npm .tgz, a .zip, an Electron .asar, or a package directory (posture artifact acme-1.0.0.tgz).',
  ],
  [
    'explain',
    'Name the rule to explain by its id (posture explain s3-public-access-block); posture rules lists them.',
  ],
]);

/** What yargs' complaint about the arguments says, worded for what was typed. */
function usageMessage(argv: readonly string[], message: string, nameACommand: string): string {
  // yargs checks an option's choices before `refuseMisusedOptions` sees `--no-scope`, and says
  // `--scope false: expected one of ...`, a value no one typed.
  const choice = /--(\S+) false: expected one of/.exec(message)?.[1];
  const negated = choice && typedAs(argv, `no-${choice}`);
  if (choice && negated) return negatedMessage(negated, choice);
  return `${nothingNamed(argv, message, nameACommand) ?? oneLine(message)}\nRun "posture --help" for usage.`;
}

/**
 * What to say, where yargs says too little: `Not enough non-option arguments: got 0, need at
 * least 1`, which names neither the command nor what it needs; `Name a command` for an option
 * typed with none. Undefined for what yargs says well.
 */
function nothingNamed(
  argv: readonly string[],
  message: string,
  nameACommand: string,
): string | undefined {
  // `posture --bogus`: yargs asks for a command before it refuses the option, which only a command
  // takes (`--help` and `--version` aside, which do not get here).
  const option = argv.find((arg) => arg.startsWith('-'));
  if (message === nameACommand && option !== undefined)
    return `Unknown argument: ${option.replace(/^-+/, '')} (options follow a command). ${nameACommand}`;
  if (!message.startsWith('Not enough non-option arguments')) return undefined;
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command === undefined ? undefined : NEEDS.get(command);
}

/**
 * What stopped a run, for stderr. A usage error, or the system refusing a file (no permission, no
 * space), is said as it is; anything else is a bug in Posture, and is said to be one.
 */
function failure(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  // A policy or build-file glob that needs re2js: the scan cannot be judged without it.
  if (error instanceof EngineUnavailable)
    return `${error.message}; nothing was judged: reinstall Posture, whose re2js package sits beside it`;
  if (error instanceof Error && 'syscall' in error) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message}\nThis is a bug in Posture, not a problem with your input or arguments; please report it.`;
}

/** A message of yargs on one line, as Posture's are: it lists invalid values one a line. */
function oneLine(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
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
 * An option of one value given twice (`--config a --config b`), which yargs makes a list, and one
 * that takes a value negated (`--no-config`), which yargs makes `false`: no command reads either,
 * and each was taken for a path. Both are refused, named as typed; a yes/no option is negated, and
 * some options give the negation a meaning.
 */
function refuseMisusedOptions(argv: readonly string[]) {
  // yargs gives a check its options too (`getOptions()`), though its types say its aliases.
  return (args: Record<string, unknown>, options: unknown): true => {
    const lists = namesOf(options, 'array');
    const yesNo = new Set([...namesOf(options, 'boolean'), ...NEGATABLE]);
    for (const [key, value] of Object.entries(args)) {
      const repeated = !lists.has(key) && Array.isArray(value) && typedAs(argv, key);
      if (repeated)
        throw new UsageError(`${repeated} is given more than once: it takes one value.`);
      const negated =
        !yesNo.has(key) && [value].flat().includes(false) && typedAs(argv, `no-${key}`);
      if (negated) throw new UsageError(negatedMessage(negated, key));
    }
    return true;
  };
}

function negatedMessage(typed: string, key: string): string {
  return `${typed} is not an option: --${key} takes a value.`;
}

function namesOf(options: unknown, kind: 'array' | 'boolean'): Set<string> {
  const names = (options as Record<string, unknown> | undefined)?.[kind];
  return new Set(
    Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
  );
}

/** `--name` (`-n`), when the command line has it, with a value or not; else undefined. */
function typedAs(argv: readonly string[], name: string): string | undefined {
  const flag = name.length === 1 ? `-${name}` : `--${name}`;
  return argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)) ? flag : undefined;
}

/**
 * An empty value (`--config ""`, often an unset CI variable) is refused: taken as absent, it would
 * run another scan than the one asked for. The message names the option as it was typed.
 */
function refuseEmptyValues(argv: readonly string[]) {
  return (args: Record<string, unknown>): true => {
    const empty = Object.keys(args).filter((key) => [args[key]].flat().includes(''));
    if (empty.length === 0) return true;
    const typed = empty.map((key) => typedAs(argv, key)).find((flag) => flag !== undefined);
    throw new UsageError(typed ? `${typed} needs a value.` : 'an argument is empty ("").');
  };
}
