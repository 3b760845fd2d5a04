import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import {
  relativeInside,
  reportedPath,
  STANDARD_INPUT,
  type ListDirectory,
  type ScanResult,
} from '@posture/model';

/**
 * Turns scan-root-relative paths (`Range.file`, `ScannedFile.path`) into POSIX paths relative to the
 * report base directory (the git top level), which is what GitHub and a reviewer expect to see.
 * One instance per report: results are memoised, and the work is done once per directory, not per
 * file: a directory costs one listing (its symlinks; none when given the scan's, which listed it),
 * and only the scan root, a symlinked directory or file, or a directory outside the root a
 * `realpath` and a relative path.
 */
export class RepoPaths {
  private readonly cache = new Map<string, string>();
  /** Where directories' real paths lie below the real base directory (see `realPrefix`). */
  private readonly realPrefixes = new Map<string, string | undefined>();
  /** Entries by name, by directory: one listing per directory, not an `lstat` per path. */
  private readonly listings = new Map<string, ReadonlyMap<string, Dirent>>();
  private readonly realBase: string;
  /** What the path of every directory strictly inside the scan root starts with. */
  private readonly inRoot: string;

  constructor(
    private readonly root: string,
    private readonly baseDir: string,
    private readonly list: ListDirectory = listOrNone,
  ) {
    this.realBase = realOrSelf(baseDir);
    const resolved = path.resolve(root);
    this.inRoot = resolved.endsWith(path.sep) ? resolved : `${resolved}${path.sep}`;
  }

  of(file: string): string {
    let mapped = this.cache.get(file);
    if (mapped === undefined) {
      mapped = this.map(file);
      this.cache.set(file, mapped);
    }
    return mapped;
  }

  /**
   * A file the run read beside the scanned ones (the policy), by its absolute path, named as the
   * report names its ranges: from the repository's top level, `../policies/strict.yaml` outside
   * it (as a `--config` given from there), never as an absolute path.
   */
  ofAbsolute(file: string): string {
    return this.of(path.relative(this.root, file));
  }

  /** Absolute path of a scan-root-relative file, for reading it. */
  absolute(file: string): string {
    return path.resolve(this.root, file);
  }

  private map(file: string): string {
    if (file === STANDARD_INPUT) return file;
    // A directory keeps the trailing `/` that says it is one (`directoryRange`).
    if (file.endsWith('/')) {
      const dir = this.of(file.slice(0, -1) || '.');
      return dir === '' ? './' : `${dir}/`;
    }
    const absolute = this.absolute(file);
    const dir = path.dirname(absolute);
    const name = path.basename(absolute);
    // GitHub does not display symlinked paths, so prefer the resolved file; a link that points
    // outside the repository keeps its own in-repository path instead.
    if (this.entry(dir, name)?.isSymbolicLink()) {
      const relative =
        inside(this.realBase, realOrSelf(absolute)) ?? inside(this.baseDir, absolute) ?? file;
      return toPosix(relative);
    }
    const prefix = this.realPrefix(dir) ?? asPrefix(relativeInside(this.baseDir, dir));
    // Outside the repository, a file is named from its top level as well, climbing out of it:
    // what a URI relative to it resolves to, and never a path of this machine.
    return prefix === undefined ? fromBase(this.baseDir, absolute, file) : `${prefix}${name}`;
  }

  /**
   * Where a directory's real path lies below the real base directory, as a prefix for the names
   * of its files (`a/b/`, `''` for the base itself); undefined outside it. A directory inside the
   * scan root that its parent's listing shows as no symlink is where its parent is, so the scan
   * root's one `realpath` serves the whole tree below it.
   */
  private realPrefix(dir: string): string | undefined {
    if (!this.realPrefixes.has(dir)) {
      const parent = path.dirname(dir);
      const name = path.basename(dir);
      const plain = dir.startsWith(this.inRoot) && this.entry(parent, name)?.isDirectory();
      const above = plain ? this.realPrefix(parent) : undefined;
      this.realPrefixes.set(
        dir,
        above === undefined
          ? asPrefix(relativeInside(this.realBase, realOrSelf(dir)))
          : `${above}${name}/`,
      );
    }
    return this.realPrefixes.get(dir);
  }

  /** A directory's entry of that name, as its listing has it; none when it cannot be listed. */
  private entry(dir: string, name: string): Dirent | undefined {
    let entries = this.listings.get(dir);
    if (entries === undefined) {
      // Unlisted, every path in it is taken as no symlink, and its directories are resolved.
      entries = new Map(this.list(dir).map((e) => [e.name, e]));
      this.listings.set(dir, entries);
    }
    return entries.get(name);
  }
}

/** A relative directory (`relativeInside`) as a prefix for the names in it. */
function asPrefix(relative: string | undefined): string | undefined {
  if (relative === undefined) return undefined;
  return relative === '.' ? '' : `${relative}/`;
}

function listOrNone(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function realOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** `file` relative to `dir`, or undefined when it is not strictly below it. */
function inside(dir: string, file: string): string | undefined {
  const relative = path.relative(dir, file);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (relative === '' || escapes || path.isAbsolute(relative)) return undefined;
  return relative;
}

/** `absolute` from the base directory; `file` as given where no relative path leads there. */
function fromBase(baseDir: string, absolute: string, file: string): string {
  const relative = path.relative(baseDir, absolute);
  return toPosix(path.isAbsolute(relative) ? file : relative);
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * The policy in force, its file named as the report's paths are (`reportedPath`): from `from`
 * (the root in JSON, the repository's top in SARIF), never by a path of this machine.
 */
export function reportedPolicy(
  policy: NonNullable<ScanResult['policy']>,
  from: string,
  repository: string,
): NonNullable<ScanResult['policy']> {
  return policy.path === undefined
    ? policy
    : { ...policy, path: reportedPath(policy.path, from, repository) };
}
