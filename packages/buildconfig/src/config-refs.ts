/**
 * Tool configurations that a build names (`goreleaser release --config .goreleaser.beta.yml`,
 * `electron-builder -c config/builder.config.js`, electron-builder's `extends`, `webpack --config
 * webpack.prod.js`), so that one under a name discovery does not know is read as that tool's file:
 * its uploads are the release's, its links the build's.
 */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';
import { isRecord, recordsIn, valueAt } from './structured/doc.js';

/** A file a build names, with the file type it is read as. */
export interface ToolConfig {
  readonly path: string;
  readonly type: string;
  /** The directory the tool runs in, which the path is named from. */
  readonly dir: string;
}

interface Tool {
  readonly type: string;
  /** The options that name the configuration file. */
  readonly flags: readonly string[];
  /** The files it reads its configuration from. */
  readonly file: RegExp;
}

const GORELEASER: Tool = { type: 'goreleaser', flags: ['--config', '-f'], file: /\.ya?ml$/ };
const ELECTRON_BUILDER: Tool = {
  type: 'electron-builder',
  flags: ['--config', '-c'],
  file: /\.(?:ya?ml|json5?|toml|[cm]?[jt]s)$/,
};
/** A bundler's configuration under another name (`webpack --config webpack.prod.js`, `rollup -c`). */
const bundler = (name: string): Tool => ({
  type: `${name}-config`,
  flags: ['--config', '-c'],
  file: /\.[cm]?[jt]s$/,
});
const VITE = bundler('vite');
const TOOLS: ReadonlyMap<string, Tool> = new Map([
  ['goreleaser', GORELEASER],
  ['electron-builder', ELECTRON_BUILDER],
  ['webpack', bundler('webpack')],
  ['webpack-cli', bundler('webpack')],
  ['webpack-dev-server', bundler('webpack')],
  ['vite', VITE],
  ['rollup', bundler('rollup')],
]);

/**
 * A tool's name as a command word (webpack's CLI and dev server are webpack's), and the rest of its
 * command (continued lines included). The loop is unrolled: a group repeated per character
 * overflows the stack on a line of megabytes.
 */
const TOOL_COMMAND =
  /(?<![\w.-])(goreleaser|electron-builder|webpack(?:-cli|-dev-server)?|vite|rollup)(?![\w-])([^\n;&|\\]*(?:\\.[^\n;&|\\]*)*)/gs;

/**
 * The names Vite looks for its configuration under, in its root
 * (vite.dev/config/#configuring-vite), in its order.
 */
const VITE_CONFIG_FILES = ['js', 'mjs', 'ts', 'cjs', 'mts', 'cts'].map((e) => `vite.config.${e}`);
/**
 * `vite build`'s options that take no value: after any other, the next word is its value (cac,
 * Vite's argument parser, gives an option of an optional value, `--sourcemap [output]`, the next
 * word when it is no option).
 */
const VITE_FLAGS = new Set(['-w', '--watch', '--emptyOutDir', '--app', '--force', '--clearScreen']);

/** The configurations that the commands of a text name, relative to `dir`, `/`-separated. */
export function configPaths(text: string, dir: string): ToolConfig[] {
  return [...text.matchAll(TOOL_COMMAND)].flatMap((m) => {
    const tool = TOOLS.get(m[1]!)!;
    const named = argumentConfigs(tool, m[2]!, dir);
    return named.length === 0 && m[1] === 'vite' ? viteRootConfigs(m[2]!, dir) : named;
  });
}

/**
 * The configuration `vite build <root>` reads when no `--config` names one: a `vite.config.*` in
 * that root, which is where Vite looks (a `--config` is named from where it runs). It is built
 * where the command runs, which SvelteKit loads `svelte.config.js` from.
 */
function viteRootConfigs(args: string, dir: string): ToolConfig[] {
  const words = args.split(/[\s"'`=()\\]+/).filter((word) => word !== '');
  if (words[0] !== 'build') return [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-'))
      return VITE_CONFIG_FILES.flatMap((name) => configFile(VITE, `${word}/${name}`, dir) ?? []);
    if (!VITE_FLAGS.has(word)) i++;
  }
  return [];
}

/**
 * The configurations a build file's settings name, relative to `dirs`: electron-builder's
 * `extends` (in package.json `build` or a configuration of its own) and goreleaser-action's `args`
 * (GoReleaser's arguments without the word `goreleaser`, run in its `workdir`).
 */
export function settingsConfigs(
  type: string,
  data: unknown,
  dirs: readonly string[],
): ToolConfig[] {
  if (type === 'package.json' || type === 'electron-builder') {
    const config = type === 'package.json' ? valueAt(data, ['build']) : data;
    // A preset (`react-cra`) names no file.
    const named = isRecord(config) ? [config.extends].flat() : [];
    return named.flatMap((file) =>
      dirs.flatMap((dir) => configFile(ELECTRON_BUILDER, file, dir) ?? []),
    );
  }
  if (type !== 'github-workflow' && type !== 'github-action') return [];
  return recordsIn(data).flatMap(([, step]) => {
    const inputs = step.with;
    if (typeof step.uses !== 'string' || !/^goreleaser\/goreleaser-action@/i.test(step.uses))
      return [];
    if (!isRecord(inputs) || typeof inputs.args !== 'string') return [];
    const workdir = typeof inputs.workdir === 'string' ? inputs.workdir : '.';
    return argumentConfigs(GORELEASER, inputs.args, workdir);
  });
}

/** The configurations that a tool's arguments (`release -f .goreleaser.beta.yml`) name. */
function argumentConfigs(tool: Tool, args: string, dir: string): ToolConfig[] {
  // `--config=x` is `--config x`; `-c.extraMetadata.main=x` sets a field and names no file.
  const words = args.split(/[\s"'`=()\\]+/);
  return words.flatMap((word, i) =>
    tool.flags.includes(word) ? (configFile(tool, words[i + 1], dir) ?? []) : [],
  );
}

/** The tool's configuration a value names, as written (no variable), inside the root. */
function configFile(tool: Tool, file: unknown, dir: string): ToolConfig | undefined {
  if (typeof file !== 'string' || !tool.file.test(file) || !/^[\w.@+-][\w./@+-]*$/.test(file))
    return undefined;
  const path = posix.normalize(posix.join(dir, file));
  return leavesRoot(path) ? undefined : { path, type: tool.type, dir };
}
