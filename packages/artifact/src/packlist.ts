import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import packlist, { type PackWalker } from 'npm-packlist';
import { relativeInside } from '@posture/model';
import type { Minimatch } from 'minimatch';
import { boundedMinimatch, GlobTooCostly } from './bounded-glob.js';
import { UnpackableError } from './limits.js';
import { PackTree, packTreeOf } from './pack-tree.js';
import { rootRelative } from './paths.js';
import { workspaceRootOf } from './workspaces.js';

/**
 * The files `npm pack` would put in the tarball of a package directory, computed by npm-packlist —
 * the module npm itself packs with — so `files`, `.npmignore`, `.gitignore` and npm's always- and
 * never-included files follow npm exactly. npm hands it an Arborist tree; it reads only each node's
 * path, normalised manifest and bundled dependencies, so this builds those from package.json files
 * instead of loading Arborist and the whole dependency tree. A workspace member is packed as npm
 * packs it in its workspace, with the ignore files of the workspace root (looked for no higher than
 * `repository`) and of the directories between. A package npm would refuse to pack, or holds a glob
 * npm would take too long to match, is an `UnpackableError` saying why.
 */
export async function packFiles(dir: string, repository = dir): Promise<string[]> {
  const path = realpathSync(dir);
  const bound = realpathSync(repository);
  const tree = new PackTree(path, bound);
  const project = tree.project();
  const prefix = workspaceRootOf(path, bound);
  // npm-packlist reads the ignore files of the workspace root and the folders down to the member
  // itself with readFileSync; the member's own, its walker reads (through `addIgnoreFile`).
  for (let at = dirname(path); prefix && relativeInside(prefix, at) !== undefined; at = dirname(at))
    for (const name of ['.npmignore', '.gitignore']) tree.refusesIgnoreFile(join(at, name));
  // npm-packlist would read those at once, however they are refused.
  failOnProblems(tree);
  const files = await packlist(project, { path, ...(prefix && { prefix, workspaces: [path] }) });
  failOnProblems(tree);
  return files;
}

function failOnProblems(tree: PackTree): void {
  const [problem] = tree.problems;
  if (problem) throw problem;
}

/**
 * An ignore file a symbolic link leads out of the repository, or that is no regular file, is not
 * read (a problem of the pack): ignore-walk's own `addIgnoreFile` reads it wherever it leads, and
 * waits on a named pipe forever.
 */
const addIgnoreFile = packlist.Walker.prototype.addIgnoreFile;
packlist.Walker.prototype.addIgnoreFile = function (
  this: PackWalker,
  file: string,
  then: () => void,
): void {
  if (packTreeOf(this.tree)?.refusesIgnoreFile(resolve(this.path, file))) then();
  else addIgnoreFile.call(this, file, then);
};

/** ignore-walk's options for the rules of an ignore file (8.0). */
const RULE_OPTIONS = { matchBase: true, dot: true, flipNegate: true, nocase: true };

/**
 * Each ignore file, and each set of rules npm-packlist makes of package.json, is read as
 * ignore-walk's `onReadIgnoreFile` reads it, each line compiled within bounds (`boundedMinimatch`):
 * ignore-walk's own would compile `.npmignore` lines to RegExps that take minutes. A rule that
 * would take too long is left out, and is a problem of the pack, which then fails closed. This is
 * the one place where the walker, which npm-packlist makes anew for each directory, can be reached.
 */
packlist.Walker.prototype.onReadIgnoreFile = function (
  this: PackWalker,
  file: string | symbol,
  data: string,
  then: () => void,
): void {
  // A line written again is the same matcher, compiled once: npm-packlist writes one rule per
  // `bin`, and 200,000 bins naming one file were 200,000 matchers (730 MB).
  const compiled = new Map<string, Minimatch[]>();
  this.ignoreRules[file] = data
    .split(/\r?\n/)
    .filter((line) => !/^#|^$/.test(line.trim()))
    .flatMap((line) => {
      const glob = line.trim();
      let matchers = compiled.get(glob);
      if (!matchers) compiled.set(glob, (matchers = rule(this, file, glob)));
      return matchers;
    });
  then();
};

/** The matcher of one line of rules, or none when it would take too long, a problem of the pack. */
function rule(walker: PackWalker, file: string | symbol, glob: string): Minimatch[] {
  try {
    return [boundedMinimatch(glob, RULE_OPTIONS)];
  } catch (error) {
    if (!(error instanceof GlobTooCostly)) throw error;
    const tree = packTreeOf(walker.tree);
    tree?.problems.push(
      new UnpackableError(
        `${ruleSource(walker.path, file, tree.root)} holds a glob that ${error.message}, which npm's glob matcher would take too long on: the files it ships were not listed`,
      ),
    );
    return [];
  }
}

/** Where the rules read as `file` in the directory `dir` are written, from the package's root. */
function ruleSource(dir: string, file: string | symbol, root: string): string {
  const manifest = rootRelative(root, join(dir, 'package.json'));
  if (file === 'package.json') return `${manifest} "files"`;
  if (typeof file === 'string') return rootRelative(root, join(dir, file));
  // npm-packlist's own rule sets: npm's defaults with the ignore files above a workspace member,
  // and the files package.json names.
  return file.description?.endsWith('default')
    ? `an .npmignore or .gitignore above ${rootRelative(root, dir) || 'the package'}`
    : `${manifest} "files", "main", "bin" or "browser"`;
}
