/**
 * The make targets and package.json scripts that commands run by name (`make push-bin`, `$(MAKE)
 * -C cli dist`, `npm run push:bin`, `pnpm --dir web deploy`), so that what a release step runs this
 * way is a release step too, whatever the target or script is called.
 */
import { posix } from 'node:path';
import { tokenize, type Token } from './command-words.js';
import { leavesRoot } from './paths.js';
import type { Span } from './structured/doc.js';

/**
 * A task a command runs by name: the file that may hold it (a command names one of several, as
 * `ScriptRun`s do), its name, and the offset where the command names it.
 */
export interface TaskRun {
  readonly path: string;
  readonly task: string;
  readonly at: number;
}

/**
 * A command word that runs make or a package manager, and the rest of its command on the line: to
 * a shell operator, a quote closing the value that holds it (a JSON or YAML string) or a comment.
 */
const TASK_COMMAND =
  /(?<![\w./$-])(g?make|\$\(MAKE\)|\$\{MAKE\}|npm|pnpm|yarn|bun)(?=[ \t])([^\n;&|)`"'#]*)/g;
/** The files GNU make reads, in its order, when no `-f` names one. */
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
/** A name written as it is, with no variable, quote or glob: what a target or script is called. */
const NAME = /^[\w.:/@+-]+$/;

/** A command is read this far at most, as `commandAround` reads one. */
const MAX_COMMAND = 4096;

/** The tasks the commands of `span` of `text` run, relative to `dir`, where each names it. */
export function taskRuns(text: string, span: Span, dir: string): TaskRun[] {
  const within = text.slice(span.start, span.end);
  return [...within.matchAll(TASK_COMMAND)].flatMap((m) => {
    const start = m.index + m[1]!.length;
    const args = tokenize(within, start, start + Math.min(m[2]!.length, MAX_COMMAND));
    const tool = m[1]!;
    const runs = /make/i.test(tool) ? makeRun(args, dir) : scriptRun(args, dir, tool === 'npm');
    return runs.map((run) => ({ ...run, at: span.start + run.at }));
  });
}

/** Make's options that take the next word as their value. */
const MAKE_VALUES = new Set(['-C', '-f', '-I', '-o', '-W', '--directory', '--file', '--makefile']);
/** Those that take it when it is a number (`-j 4`), and stand alone otherwise (`-j`). */
const MAKE_NUMBERS = new Set(['-j', '-l']);
const MAKE_DIRECTORY = new Set(['-C', '--directory']);
const MAKE_FILE = new Set(['-f', '--file', '--makefile']);

/** `make [options] [VAR=value] target…`: the targets, in the files `-C` and `-f` name. */
function makeRun(args: readonly Token[], dir: string): TaskRun[] {
  let from = dir;
  const files: string[] = [];
  const targets: Token[] = [];
  for (let i = 0; i < args.length; i++) {
    const [option, attached] = optionOf(args[i]!.text, MAKE_VALUES);
    if (option === undefined) {
      targets.push(args[i]!);
      continue;
    }
    let value = attached;
    if (value === undefined && MAKE_VALUES.has(option)) value = args[++i]?.text;
    else if (
      value === undefined &&
      MAKE_NUMBERS.has(option) &&
      /^\d+$/.test(args[i + 1]?.text ?? '')
    )
      i++;
    if (MAKE_DIRECTORY.has(option)) from = posix.join(from, value ?? '');
    else if (MAKE_FILE.has(option)) files.push(value ?? '');
  }
  const paths = (files.length > 0 ? files : MAKEFILES).map((file) => posix.join(from, file));
  return runsOf(paths, targets);
}

/** Package manager options that take the next word as their value: each names the directory. */
const DIRECTORY = new Set(['--prefix', '-C', '--dir', '--cwd']);
/** What runs the script in other packages of a workspace, which is not followed. */
const ELSEWHERE = /^(?:--filter|-F|--workspaces?|-w|-r|--recursive|workspaces?)(?:=|$)/;
/** npm runs a script by `run` and by these commands alone; pnpm, yarn and bun by its bare name too. */
const RUN = new Set(['run', 'run-script']);
const NPM_RUNS = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);

/**
 * `npm run x`, `npm test`, `pnpm x`, `yarn run x`, `bun run x` and their options: the script, in
 * the package.json of the directory `--prefix`, `-C`, `--dir` or `--cwd` names.
 */
function scriptRun(args: readonly Token[], dir: string, npm: boolean): TaskRun[] {
  let from = dir;
  const words: Token[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const word = args[i]!.text;
    if (ELSEWHERE.test(word)) return [];
    const [option, attached] = optionOf(word, DIRECTORY);
    if (option === undefined) words.push(args[i]!);
    else if (DIRECTORY.has(option)) from = posix.join(from, attached ?? args[++i]?.text ?? '');
  }
  const [command, script] = words;
  const named = command && RUN.has(command.text) ? script : command;
  if (!named || (named === command && npm && !NPM_RUNS.has(command.text))) return [];
  return runsOf([posix.join(from, 'package.json')], [named]);
}

/**
 * An option and its value when the word holds it too (`--file=x`, `-Cdir`, as `values` has `-C`
 * take one); none for a word that is no option.
 */
function optionOf(word: string, values: ReadonlySet<string>): [string | undefined, string?] {
  if (!word.startsWith('-') || word === '-') return [undefined];
  const equals = word.indexOf('=');
  if (word.startsWith('--'))
    return equals < 0 ? [word] : [word.slice(0, equals), word.slice(equals + 1)];
  const short = word.slice(0, 2);
  return values.has(short) && word.length > 2 ? [short, word.slice(2)] : [word];
}

/**
 * A run of each task named as written (no `VAR=value`, no variable) in each file inside the root,
 * those of a task one after another.
 */
function runsOf(paths: readonly string[], tasks: readonly Token[]): TaskRun[] {
  const inside = paths.map((path) => posix.normalize(path)).filter((path) => !leavesRoot(path));
  return tasks
    .filter((task) => NAME.test(task.text))
    .flatMap((task) => inside.map((path) => ({ path, task: task.text, at: task.start })));
}
