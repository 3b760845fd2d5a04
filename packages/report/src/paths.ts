import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { STANDARD_INPUT } from '@posture/model';

/**
 * Turns scan-root-relative paths (`Range.file`, `ScannedFile.path`) into POSIX paths relative to the
 * report base directory (the git top level), which is what GitHub and a reviewer expect to see.
 * One instance per report: results are memoised, so each directory costs one listing and one
 * `realpath`, and only a symlinked file a `realpath` of its own.
 */
export class RepoPaths {
  private readonly cache = new Map<string, string>();
  /** Real paths of directories: a file that is no symlink needs no `realpath` of its own. */
  private readonly realDirs = new Map<string, string>();
  /** Symlink names by directory: one listing per directory, not an `lstat` per file. */
  private readonly links = new Map<string, ReadonlySet<string>>();
  private readonly realBase: string;

  constructor(
    private readonly root: string,
    private readonly baseDir: string,
  ) {
    this.realBase = realOrSelf(baseDir);
  }

  of(file: string): string {
    let mapped = this.cache.get(file);
    if (mapped === undefined) {
      mapped = this.map(file);
      this.cache.set(file, mapped);
    }
    return mapped;
  }

  /** Absolute path of a scan-root-relative file, for reading it. */
  absolute(file: string): string {
    return path.resolve(this.root, file);
  }

  private map(file: string): string {
    if (file === STANDARD_INPUT) return file;
    const absolute = this.absolute(file);
    // GitHub does not display symlinked paths, so prefer the resolved file; a link that points
    // outside the repository keeps its own in-repository path instead.
    const relative =
      inside(this.realBase, this.real(absolute)) ?? inside(this.baseDir, absolute) ?? file;
    return toPosix(relative);
  }

  private real(file: string): string {
    const dir = path.dirname(file);
    const name = path.basename(file);
    if (this.linksIn(dir).has(name)) return realOrSelf(file);
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = realOrSelf(dir);
      this.realDirs.set(dir, real);
    }
    return path.join(real, name);
  }

  /** The names of a directory's symlinks; none when it cannot be listed. */
  private linksIn(dir: string): ReadonlySet<string> {
    let links = this.links.get(dir);
    if (links === undefined) {
      try {
        const entries = readdirSync(dir, { withFileTypes: true });
        links = new Set(entries.filter((e) => e.isSymbolicLink()).map((e) => e.name));
      } catch {
        links = new Set();
      }
      this.links.set(dir, links);
    }
    return links;
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

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
