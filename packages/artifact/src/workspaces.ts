import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import fg from 'fast-glob';
import type { Minimatch } from 'minimatch';
import { relativeInside } from '@posture/model';
import { boundedMinimatch, GlobTooCostly } from './bounded-glob.js';
import { PackageJsonError, readPackageJson, record, type Manifest } from './package-json.js';

/**
 * A package's workspaces as @npmcli/map-workspaces maps them for npm: each directory its
 * `workspaces` globs match that holds a package.json, by package name. Globs are never followed out
 * of the package (a `..` segment) or through a symlink. What makes npm fail (`workspaces` not a
 * list, a member's package.json that is not JSON, two members of one name) is a `PackageJsonError`.
 */
export function workspaceDirs(dir: string, manifest: Manifest): Map<string, string> {
  const { patterns, negated } = workspacePatterns(manifest.workspaces);
  const found = new Map<string, string>();
  if (patterns.length === 0) return found;
  const matches = fg
    .sync(patterns, {
      cwd: dir,
      onlyDirectories: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: ['**/node_modules/**', ...negated],
    })
    .sort((a, b) => a.localeCompare(b, 'en'));
  for (const match of matches) {
    const path = join(dir, match);
    if (!isFile(join(path, 'package.json'))) continue;
    const { name } = readPackageJson(path, `${match}/package.json`);
    const key = typeof name === 'string' && name !== '' ? name : folderName(path);
    if (found.has(key)) throw new PackageJsonError(`"workspaces" match two packages named ${key}`);
    found.set(key, path);
  }
  return found;
}

/**
 * The workspace root npm packs `dir` in: the nearest directory above it, no higher than `boundary`,
 * whose workspaces include it. npm finds it so when run in the member (and packs it so with `-w`);
 * it then applies the `.npmignore` (or else `.gitignore`) of the root and of each directory between.
 * A directory whose package.json or workspaces npm cannot read is passed by.
 */
export function workspaceRootOf(dir: string, boundary: string): string | undefined {
  for (
    let parent = dirname(dir);
    relativeInside(boundary, parent) !== undefined;
    parent = dirname(parent)
  ) {
    try {
      const manifest = readPackageJson(parent);
      if (manifest.workspaces !== undefined && memberOf(parent, manifest, dir)) return parent;
    } catch (error) {
      if (!(error instanceof PackageJsonError)) throw error;
    }
    if (dirname(parent) === parent) return undefined;
  }
  return undefined;
}

function memberOf(root: string, manifest: Manifest, dir: string): boolean {
  return [...workspaceDirs(root, manifest).values()].includes(dir);
}

/** `workspaces` (a list, or yarn's `{ packages }`) as globs to match and globs to leave out. */
function workspacePatterns(workspaces: unknown = []): { patterns: string[]; negated: string[] } {
  const { packages } = record(workspaces);
  const list: unknown = Array.isArray(packages) ? packages : workspaces;
  if (!Array.isArray(list))
    throw new PackageJsonError('"workspaces" is neither a list of globs nor { "packages": [...] }');
  const patterns: Minimatch[] = [];
  let negated: Minimatch[] = [];
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'string')
      throw new PackageJsonError(`"workspaces" entry ${i + 1} is not a glob`);
    const bangs = /^!*/.exec(entry)?.[0].length ?? 0;
    const pattern = entry
      .slice(bangs)
      .replace(/^\.?\/+/, '')
      .replace(/\/+$/, '');
    if (pattern.split('/').includes('..')) continue;
    const glob = workspaceGlob(pattern, i);
    if (bangs % 2 === 1) negated.push(glob);
    else {
      // A glob listed after a negation that matches it overrides the negation.
      negated = negated.filter((n) => !n.match(pattern));
      patterns.push(glob);
    }
  }
  return {
    patterns: patterns
      .filter((p) => !negated.some((n) => n.match(p.pattern)))
      .map((p) => p.pattern),
    negated: negated.map((n) => n.pattern),
  };
}

/**
 * A `workspaces` glob, refused where a matcher would take too long on it: fast-glob, which lists
 * the directories here, cannot be given minimatch's bounded tests, so none is needed (`strict`).
 */
function workspaceGlob(pattern: string, i: number): Minimatch {
  try {
    return boundedMinimatch(pattern, {}, true);
  } catch (error) {
    if (!(error instanceof GlobTooCostly)) throw error;
    throw new PackageJsonError(
      `"workspaces" entry ${i + 1} is a glob that ${error.message}, which npm's glob matcher would take too long on`,
    );
  }
}

/** @npmcli/name-from-folder: a scoped folder keeps its scope. */
function folderName(path: string): string {
  const parent = basename(dirname(path));
  return parent.startsWith('@') ? `${parent}/${basename(path)}` : basename(path);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
