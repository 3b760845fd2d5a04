/**
 * Finds the build configurations under a root: every file the file-type table knows, the files
 * `include` adds, and the shell scripts that those build files run. Never descends into
 * `node_modules`, `.git` or `.terraform`, never follows a symlink, never returns a file outside the
 * root.
 */
import { readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import fg from 'fast-glob';
import { fileTypeOf, isDiscoveredBuildFile } from './file-types.js';
import { isInsideRoot } from './paths.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-file.js';
import { scriptPaths } from './script-refs.js';

export interface DiscoverOptions {
  /** More globs (relative to the root) to scan; files of no known type are read as text. */
  readonly include?: readonly string[];
  /** Globs (relative to the root) to leave out, in fast-glob syntax. */
  readonly exclude?: readonly string[];
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/.terraform/**'];

/** Build files that can run shell scripts; only their scripts are scanned, not every `*.sh`. */
const SCRIPT_RUNNERS = new Set([
  'package.json',
  'github-workflow',
  'github-action',
  'gitlab-ci',
  'circleci',
  'jenkinsfile',
  'makefile',
  'dockerfile',
  'cloudbuild',
  'buildspec',
]);

/** Relative, `/`-separated, sorted paths of the build files under `root`. */
export function discoverBuildFiles(root: string, options: DiscoverOptions = {}): string[] {
  const glob = (patterns: readonly string[]): string[] =>
    fg.sync([...patterns], {
      cwd: root,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: [...ALWAYS_IGNORED, ...(options.exclude ?? [])],
    });
  const found = new Set(glob(['**/*']).filter(isDiscoveredBuildFile));
  for (const path of glob(options.include ?? [])) found.add(path);
  const scripts = [...found].flatMap((path) => scriptsRunBy(root, path));
  // Globbing the escaped paths checks that each exists, is a file and is not excluded.
  for (const path of glob(scripts.map((script) => fg.escapePath(script)))) found.add(path);
  return [...found].filter((path) => isInsideRoot(root, path)).sort();
}

/** Scripts a build file names, relative to its directory and, for CI files run from the root, to the root. */
function scriptsRunBy(root: string, path: string): string[] {
  if (!SCRIPT_RUNNERS.has(fileTypeOf(path)?.type ?? '')) return [];
  const text = readSmall(resolve(root, path));
  const dir = posix.dirname(path);
  return [...new Set([...scriptPaths(text, dir), ...(dir === '.' ? [] : scriptPaths(text, '.'))])];
}

function readSmall(path: string): string {
  try {
    return statSync(path).size <= DEFAULT_MAX_FILE_BYTES ? readFileSync(path, 'utf8') : '';
  } catch {
    return '';
  }
}
