import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import fg from 'fast-glob';
import type { PackEdge, PackNode } from 'npm-packlist';
import type { Minimatch } from 'minimatch';
import {
  leadsOutOf,
  readDirectory,
  isNotFound,
  readRegularFile,
  relativeInside,
  unreadableReason,
  type ArtifactPacker,
} from '@posture/model';
import { boundedMinimatch, GlobTooCostly } from './bounded-glob.js';
import { isDirectory } from './file-checks.js';
import { LinkNotFollowedError, UnpackableError } from './limits.js';
import { PackTree } from './pack-tree.js';
import { readManifest, record } from './package-json.js';

export type DirectoryPacker = Extract<ArtifactPacker, 'npm' | 'vsce'>;

/**
 * Who packs a package directory: vsce for a VS Code extension, whose package.json has
 * `engines.vscode` and the `publisher` the Marketplace publishes it under; npm otherwise. A library
 * for extensions that names the engine it runs in (vscode-languageclient) has no publisher, and
 * npm publishes it.
 */
export function directoryPacker(dir: string): DirectoryPacker {
  const manifest = readManifest(dir);
  return typeof record(manifest?.engines).vscode === 'string' &&
    typeof manifest?.publisher === 'string'
    ? 'vsce'
    : 'npm';
}

/**
 * The files `vsce package` would put in a VS Code extension, as @vscode/vsce 4.1's collectFiles
 * lists them: every file of the extension directory and of each production dependency installed
 * (what `npm list --production` lists, unless package.json says `"vsce": { "dependencies": false }`),
 * each without its own `node_modules`, less vsce's default ignore list and the lines of
 * `.vscodeignore` — or, without one, less everything that package.json `files` does not list — with
 * package.json and the README always kept. A pattern is matched from the extension's root (a bare
 * `*.map` matches there only), and one whose last segment has no `*` names a folder's contents too.
 * vsce refuses to pack an extension with both a `.vscodeignore` and `files`: an `UnpackableError`.
 * Links are listed as they are, not followed: vsce packs what a link leads to, which the reading
 * reads in its place when it is a file of the extension, and says it did not read otherwise
 * (`readDirectory`). Dependencies installed outside the extension's directory are left out.
 */
export function vscePackFiles(dir: string): string[] {
  const root = realpathSync(dir);
  const manifest = readManifest(root) ?? {};
  const ignoreFile = readIgnoreFile(root);
  const files = Array.isArray(manifest.files) ? manifest.files.map(String) : undefined;
  if (ignoreFile !== undefined && files !== undefined && files.length > 0)
    throw new UnpackableError(
      'it has both a .vscodeignore and a "files" list in package.json, which vsce refuses to pack',
    );
  const options = record(manifest.vsce);
  const readme = typeof options.readmePath === 'string' ? options.readmePath : 'README.md';
  const lines = ignoreFile ?? (files ? [...files.map((f) => `!${f}`), '**'] : []);
  const shipped = vsceFilter(
    [...DEFAULT_IGNORE, ...withFolders(lines), '!package.json', `!${readme}`],
    ignoreFile ? '.vscodeignore' : 'package.json "files"',
  );
  const dirs = options.dependencies === false ? [root] : [root, ...productionDependencies(root)];
  return dirs.flatMap((d) => listFiles(root, d)).filter((f) => !/\r$/m.test(f) && shipped(f));
}

/** vsce's defaultIgnore (4.1.0), ahead of the extension's own lines. */
const DEFAULT_IGNORE = [
  '.vscodeignore',
  'package-lock.json',
  'npm-debug.log',
  'yarn.lock',
  'yarn-error.log',
  'npm-shrinkwrap.json',
  '.editorconfig',
  '.npmrc',
  '.yarnrc',
  '.gitattributes',
  '*.todo',
  'tslint.yaml',
  '.eslintrc*',
  '.babelrc*',
  '.prettierrc*',
  '.cz-config.js',
  '.commitlintrc*',
  'webpack.config.js',
  'ISSUE_TEMPLATE.md',
  'CONTRIBUTING.md',
  'PULL_REQUEST_TEMPLATE.md',
  'CODE_OF_CONDUCT.md',
  '.github',
  '.travis.yml',
  'appveyor.yml',
  '**/.git',
  '**/.git/**',
  '**/*.vsix',
  '**/.DS_Store',
  '**/*.vsixmanifest',
  '**/.vscode-test/**',
  '**/.vscode-test-web/**',
];

/** `.vscodeignore`'s patterns: its lines trimmed, without blank lines and comments. */
function readIgnoreFile(root: string): string[] | undefined {
  const path = join(root, '.vscodeignore');
  // vsce reads it wherever a link leads, and waits on a named pipe forever: neither is read.
  if (leadsOutOf(root, path))
    throw new LinkNotFollowedError(
      '.vscodeignore leads out of the package through a symbolic link, so it was not read',
    );
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new UnpackableError(`.vscodeignore cannot be read (${unreadableReason(error)})`);
  }
  return text
    .split(/[\n\r]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Each pattern, then `pattern/**` for each whose last segment has no `*`: it may be a folder. */
function withFolders(lines: readonly string[]): string[] {
  const folders = lines
    .filter((line) => !/(?:^|\/)[^/]*\*[^/]*$/.test(line))
    .map((line) => (line.endsWith('/') ? `${line}**` : `${line}/**`));
  return [...lines, ...folders];
}

/**
 * vsce's filter: a file ships when no pattern ignores it or a `!` pattern keeps it, whatever their
 * order. vsce matches with minimatch and `dot: true` (a `!` left after the first is a negation),
 * here within bounds: a glob vsce would take too long on, written in `source`, is an
 * `UnpackableError`.
 */
function vsceFilter(patterns: readonly string[], source: string): (path: string) => boolean {
  const compile = (p: string) => {
    try {
      return boundedMinimatch(p, { dot: true });
    } catch (error) {
      if (!(error instanceof GlobTooCostly)) throw error;
      throw new UnpackableError(
        `${source} holds a glob that ${error.message}, which vsce's glob matcher would take too long on: the files it ships were not listed`,
      );
    }
  };
  const ignored = patterns.filter((p) => !p.startsWith('!')).map(compile);
  const kept = patterns.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1)));
  const any = (globs: readonly Minimatch[], path: string) => globs.some((g) => g.match(path));
  return (path) => !any(ignored, path) || any(kept, path);
}

/**
 * The package directories `npm list --production` names: every package installed in the
 * extension's `node_modules` (nested ones too, and packages no manifest depends on), and those
 * its dependencies resolve to elsewhere, as npm's Arborist finds them; but not those reached only
 * through devDependencies, nor what is installed inside them. Those outside the extension are left
 * out.
 */
function productionDependencies(root: string): string[] {
  const project = new PackTree(root).project();
  const production = reached([project], (edge) => !edge.dev);
  const devOnly = reached(
    [...project.edgesOut.values()].flatMap((edge) => (edge.dev && edge.to ? [edge.to] : [])),
    () => true,
  );
  for (const path of production) devOnly.delete(path);
  // npm leaves out what is installed inside a package it leaves out, depended on or not.
  const left = (path: string) =>
    [...devOnly].some((dev) => path === dev || path.startsWith(`${dev}${sep}`));
  const dirs = new Set([...installedPackages(root), ...production]);
  dirs.delete(root);
  return [...dirs].filter((path) => !left(path) && relativeInside(root, path) !== undefined).sort();
}

/** The paths of the nodes `from` and those reached from them through edges that `follow`. */
function reached(from: readonly PackNode[], follow: (edge: PackEdge) => boolean): Set<string> {
  const found = new Set<string>();
  const visit = (node: PackNode): void => {
    if (found.has(node.path)) return;
    found.add(node.path);
    for (const edge of node.target.edgesOut.values()) {
      const to = follow(edge) ? edge.to : null;
      if (to) visit(to);
    }
  };
  from.forEach(visit);
  return found;
}

/**
 * The packages installed below `dir`, as Arborist loads them: each folder (or link to one) in its
 * `node_modules` but dot-named ones (`.bin`, pnpm's `.pnpm`), in a scope's folder too, and those
 * installed in each one's own `node_modules`.
 */
function installedPackages(dir: string, found: string[] = []): string[] {
  const modules = join(dir, 'node_modules');
  for (const entry of readDirectory(modules)) {
    if (entry.name.startsWith('.')) continue;
    const path = join(modules, entry.name);
    const packages =
      entry.name.startsWith('@') && entry.isDirectory() ? readDirectory(path) : [entry];
    for (const pkg of packages) {
      const pkgPath = pkg === entry ? path : join(path, pkg.name);
      if (pkg.isDirectory() || (pkg.isSymbolicLink() && isDirectory(pkgPath))) found.push(pkgPath);
      // A link's target is loaded where it is, and its dependencies resolved from there.
      if (pkg.isDirectory()) installedPackages(pkgPath, found);
    }
  }
  return found;
}

/**
 * A directory's files as vsce globs them (`**`, dot files too, not its `node_modules`), from `root`,
 * and its symbolic links, to files or folders: vsce packs what they lead to, so they are left to
 * the reading to follow or refuse, not left out.
 */
function listFiles(root: string, dir: string): string[] {
  const prefix = relativeInside(root, dir);
  return fg
    .sync('**', {
      cwd: dir,
      onlyFiles: false,
      objectMode: true,
      dot: true,
      followSymbolicLinks: false,
      ignore: ['node_modules/**'],
    })
    .filter(({ dirent }) => dirent.isFile() || dirent.isSymbolicLink())
    .map(({ path }) => (prefix === '.' ? path : `${prefix}/${path}`));
}
