/**
 * The JavaScript and TypeScript files that build steps run with Node, ts-node, tsx, Bun or Deno: a
 * CI step's, a Makefile recipe's or a Dockerfile's `RUN` command (`node scripts/fetch.js`, `npx tsx
 * scripts/upload.ts`), and package.json's lifecycle scripts (`"postinstall": "node
 * scripts/postinstall.js"`) and the scripts they or a build file run by name (see
 * `calledScriptRuns`). npm runs its lifecycle scripts on every machine that installs the package,
 * or on the maintainer's as it publishes it: what they download from ships with the package, as
 * what an install script downloads from does. They are followed and read as text (`node-script`),
 * their string literals as a bundler configuration's are; never imported or run. */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';
import type { ScriptRun } from './script-refs.js';
import { isRecord, valueAt, type StructuredDoc } from './structured/doc.js';
import type { TaskRun } from './task-runs.js';

/** The file type of a JavaScript file, which a scan reads only when Node runs it. */
export const NODE_SCRIPT = 'node-script';

/** The scripts npm runs as it installs, packs and publishes a package. */
const LIFECYCLE: ReadonlySet<string> = new Set([
  'preinstall',
  'install',
  'postinstall',
  'prepare',
  'prepublish',
  'prepublishOnly',
  'prepack',
  'postpack',
  'publish',
  'postpublish',
]);
/** The lifecycle scripts npm runs with their hooks (`preprepare`, `postprepare`) as they install. */
const HOOKED_LIFECYCLE = ['prepare'];

/**
 * What runs a JavaScript or TypeScript file as a command: Node (with `--import tsx` or `--loader
 * ts-node/esm` among its options), ts-node, tsx, Bun (`bun x.ts`, `bun run x.ts`) and Deno (`deno
 * run`), the TypeScript runners also through the package managers that run a package's binary (`npx
 * tsx`, `pnpm exec ts-node`). A remote module (`deno run https://…`) is no file of the repository.
 */
const RUNNER = String.raw`node|ts-node(?:-esm)?|tsx|bun(?:[ \t]+run)?|deno(?:[ \t]+run)?|(?:npx|pnpx|bunx|yarn|pnpm[ \t]+(?:exec|dlx))(?:[ \t]+(?:-y|--yes))?[ \t]+(?:ts-node(?:-esm)?|tsx)`;
/**
 * A variable run as the command (`$(NODE) x.js`, `${NODE} x.js`, and the shell's `$NODE x.js`, or
 * `$$NODE` in a recipe, make's escape for it), which runs a file when its value is a runner.
 */
const VARIABLE = String.raw`\$?\$(?:\((?<paren>[A-Za-z_]\w{0,63})\)|\{(?<brace>[A-Za-z_]\w{0,63})\}|(?<bare>[A-Za-z_]\w{0,63})(?!\w))`;
/** A variable's value that runs a file, as the command's first words: `node`, `/usr/bin/node`. */
const RUNNER_VALUE = new RegExp(String.raw`^(?:[^\s]*/)?(?:${RUNNER})(?!\S)`);
/** A variable named for Node, which runs Node whatever the file says of it. */
const NAMED_NODE = /^node(?:js)?(?:_?(?:bin|exe|cmd))?$/i;
/** A JavaScript or TypeScript file's extension. */
const SOURCE = String.raw`\.(?:[cm]?[jt]s|[jt]sx)`;
/**
 * A runner and its options, then the file it runs: the first argument that is no option nor an
 * option's value (`-r dotenv/config`, `--max-old-space-size 4096`, `--import tsx`). A value that is
 * a source file (`-r ./setup.js`) is read as the file: Node runs it first. The options are bounded
 * in number and length, so that a script of many `node -a` stays linear to read.
 */
const WORD = String.raw`[^\s;&|"']{1,256}`;
const OPTION = String.raw`[ \t]+-${WORD}(?:[ \t]+(?!-)${WORD}(?<!${SOURCE}))?`;
const NODE_RUN = new RegExp(
  String.raw`(?<![^\s;&|(])(?:${RUNNER}|${VARIABLE})(?:${OPTION}){0,16}[ \t]+["']?(?<file>[\w.][\w./-]{0,255}${SOURCE})(?![\w./-])`,
  'dg',
);

/**
 * Whether the variable `name`, used as a command at offset `at` of the text, runs a runner: by the
 * value the file gives it, where it gives one. See `runsAsNamed` for one it does not.
 */
export type VariableRuns = (name: string, at: number) => boolean;

/** A variable whose value is not known runs Node when named for it (`$(NODE)`, `$NODEJS`). */
export const runsAsNamed: VariableRuns = (name) => NAMED_NODE.test(name);

/** Whether a variable's value runs a file as a runner does (`node`, `/usr/bin/node`, `npx tsx`). */
export function isRunnerValue(value: string): boolean {
  return RUNNER_VALUE.test(value.trim());
}

/**
 * Where in `text` a runner names a source file it runs (see `NODE_RUN`), as written; a variable
 * run as the command (`$(NODE) x.js`) is a runner where `variableRuns` says so.
 */
export function* nodeRunsIn(
  text: string,
  variableRuns: VariableRuns = runsAsNamed,
): Generator<{ file: string; at: number }> {
  for (const m of text.matchAll(NODE_RUN)) {
    const { file, paren, brace, bare } = m.groups ?? {};
    const at = m.indices?.groups?.file?.[0];
    const variable = paren ?? brace ?? bare;
    if (variable !== undefined && !variableRuns(variable, m.index)) continue;
    if (file !== undefined && at !== undefined) yield { file, at };
  }
}

/** The path of a source file a runner runs (see `NODE_RUN`). */
export const NODE_SOURCE_PATH = new RegExp(`${SOURCE}$`);

/** A build file as `calledScriptRuns` reads it: its document, and the tasks it runs by name. */
interface Caller {
  readonly file: { readonly path: string; readonly text: string; readonly fileType: string };
  readonly doc?: StructuredDoc;
  readonly tasks: readonly TaskRun[];
}

/**
 * The source files that each package.json's scripts run (by its path) when npm runs them: its
 * lifecycle scripts, those another build file runs by name (`npm run release` in a workflow, a
 * Makefile, a script), and those that these run by name in turn (`"prepare": "npm run fetch"`).
 * A script nothing runs (`build`, `test`) runs none here. Those that a package manager runs around
 * them, where `hooksRun` says it does (see `script-hooks.ts`), are named by the callers' tasks; the
 * hooks of a lifecycle script, here.
 */
export function calledScriptRuns(
  files: readonly Caller[],
  hooksRun: (packageJson: string) => boolean,
): Map<string, ScriptRun[]> {
  const packages = new Map(
    files.filter((f) => f.file.fileType === 'package.json' && f.doc).map((f) => [f.file.path, f]),
  );
  const reached = new Map<string, Set<string>>();
  const queue: [Caller, string][] = [];
  const reach = (path: string, name: string) => {
    const called = packages.get(path);
    const names = reached.get(path) ?? new Set<string>();
    if (!called || names.has(name) || !called.doc?.scalarSpan(['scripts', name])) return;
    reached.set(path, names.add(name));
    queue.push([called, name]);
  };
  for (const path of packages.keys()) {
    for (const name of LIFECYCLE) reach(path, name);
    if (hooksRun(path))
      for (const name of HOOKED_LIFECYCLE)
        for (const hook of ['pre', 'post']) reach(path, hook + name);
  }
  for (const { file, tasks } of files)
    if (!packages.has(file.path)) for (const { path, task } of tasks) reach(path, task);
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [{ doc, tasks }, name] = next;
    const span = doc?.scalarSpan(['scripts', name]);
    for (const { path, task, at } of tasks)
      if (span && at >= span.start && at < span.end) reach(path, task);
  }
  return new Map(
    [...reached].map(([path, names]) => {
      const { file, doc } = packages.get(path)!;
      return [path, nodeScriptRuns(path, file.text, doc!, (name) => names.has(name))];
    }),
  );
}

/** The source files that the scripts of a package.json that `runs` tells run, from its directory. */
function nodeScriptRuns(
  path: string,
  text: string,
  doc: StructuredDoc,
  runs: (name: string) => boolean,
): ScriptRun[] {
  const scripts = valueAt(doc.data, ['scripts']);
  if (!isRecord(scripts)) return [];
  const dir = posix.dirname(path);
  return Object.keys(scripts)
    .filter(runs)
    .flatMap((name) => {
      const span = doc.scalarSpan(['scripts', name]);
      if (!span) return [];
      return [...nodeRunsIn(text.slice(span.start, span.end))].flatMap(({ file, at }) => {
        const run = posix.normalize(posix.join(dir, file));
        return leavesRoot(run) ? [] : [{ path: run, at: span.start + at }];
      });
    });
}
