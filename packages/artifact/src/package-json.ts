import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import {
  isNotFound,
  jsonRefusal,
  leadsOutOf,
  readRegularFile,
  unreadableReason,
} from '@posture/model';

/** A package.json as npm's Arborist hands it to npm-packlist: parsed and normalised. */
export type Manifest = Record<string, unknown>;

/** A package.json that npm cannot read or pack: the problem, worded to follow the file's name. */
export class PackageJsonError extends Error {
  constructor(
    problem: string,
    /** The file, relative to the package being packed, with the line and column of a syntax error. */
    readonly file = 'package.json',
  ) {
    super(problem);
  }
}

/**
 * A package.json that a symbolic link leads out of the package: npm reads the package's name,
 * `files` and scripts from what it leads to (and packs no package.json), which is not read here.
 */
export class PackageJsonLinkError extends PackageJsonError {}

/**
 * The package.json of the package being packed, as npm reads it, or a `PackageJsonError` for what
 * makes npm refuse to pack it (a missing or broken file, no name or version) or fail inside
 * npm-packlist (a `files` entry that is not a path).
 */
export function projectManifest(dir: string): Manifest {
  const manifest = normalised(readPackageJson(dir), dir);
  if (typeof manifest.name !== 'string' && manifest.name)
    throw new PackageJsonError('"name" is not a string');
  if (!manifest.name) throw new PackageJsonError('has no "name"');
  if (!manifest.version) throw new PackageJsonError('has no "version"');
  const problem = packProblem(manifest);
  if (problem) throw new PackageJsonError(problem);
  return manifest;
}

/** package.json as npm reads it, or undefined when npm could not read it. */
export function readManifest(dir: string): Manifest | undefined {
  try {
    return normalised(readPackageJson(dir), dir);
  } catch (error) {
    if (error instanceof PackageJsonError) return undefined;
    throw error;
  }
}

/** What in a readable manifest makes npm-packlist throw: `files` must be paths. */
export function packProblem(manifest: Manifest): string | undefined {
  const { files } = manifest;
  // npm-packlist iterates a truthy `files` and calls string methods on each entry.
  if (!files || typeof files === 'string') return undefined;
  if (!Array.isArray(files)) return `"files" is ${kindOf(files)}, not a list of paths`;
  const bad = files.findIndex((entry) => typeof entry !== 'string');
  return bad < 0 ? undefined : `"files" entry ${bad + 1} is ${kindOf(files[bad])}, not a path`;
}

/**
 * The text of a package's own package.json; `file` names it in the error. One that a link leads
 * out of the package would be a file of the machine, which npm would read as the package's.
 */
export function packageJsonText(dir: string, file = 'package.json'): string {
  const path = join(dir, 'package.json');
  if (leadsOutOf(dir, path))
    throw new PackageJsonLinkError(`leads out of the package through a symbolic link`, file);
  try {
    // A regular file only: npm would wait on a named pipe forever.
    return readRegularFile(path).toString('utf8');
  } catch (error) {
    throw new PackageJsonError(
      isNotFound(error) ? 'is missing' : `cannot be read (${unreadableReason(error)})`,
      file,
    );
  }
}

/** package.json parsed, not normalised; `file` names it in the error. */
export function readPackageJson(dir: string, file = 'package.json'): Manifest {
  const text = packageJsonText(dir, file);
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    const { line, column, message } = jsonRefusal(text, error);
    throw new PackageJsonError(`is not valid JSON (${message})`, `${file}:${line}:${column}`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    throw new PackageJsonError('is not a JSON object', file);
  return manifest as Manifest;
}

/** The normalisation steps of @npmcli/package-json that change what npm-packlist reads. */
function normalised(manifest: Manifest, dir: string): Manifest {
  const m = { ...manifest };
  if (m.bundleDependencies === undefined && m.bundledDependencies !== undefined)
    m.bundleDependencies = m.bundledDependencies;
  delete m.bundledDependencies;
  const bundled = m.bundleDependencies;
  if (bundled === false) m.bundleDependencies = [];
  else if (bundled === true) m.bundleDependencies = Object.keys(record(m.dependencies));
  else if (typeof bundled === 'object' && bundled !== null)
    m.bundleDependencies = Array.isArray(bundled) ? bundled : Object.keys(bundled);
  else delete m.bundleDependencies;
  const binDir = record(m.directories).bin;
  m.bin = binDir && !m.bin ? binDirectory(dir, binDir) : normalBin(m.bin, m.name);
  if (m.bin === undefined) delete m.bin;
  return m;
}

/** As npm-normalize-package-bin: an object of names to paths inside the package. */
function normalBin(bin: unknown, name: unknown): Record<string, string> | undefined {
  const entries =
    typeof bin === 'string'
      ? typeof name === 'string'
        ? [[name, bin]]
        : []
      : Object.entries(record(bin));
  const clean = entries.flatMap(([key, path]) => {
    const target = typeof path === 'string' ? insidePackage(path) : '';
    return target ? [[posix.basename(insidePackage(key)), target]] : [];
  });
  return clean.length > 0 ? Object.fromEntries(clean) : undefined;
}

/**
 * `directories.bin` without `bin`: npm makes every file under that directory a bin, and so packs
 * each whatever `files` says. npm names them by base name, so of two files with one base name only
 * one (whichever its directory walk met last) is a bin; both are kept here, a superset.
 */
function binDirectory(dir: string, binDir: unknown): Record<string, string> {
  if (typeof binDir !== 'string') throw new PackageJsonError('"directories.bin" is not a path');
  const base = insidePackage(binDir);
  const bins: Record<string, string> = {};
  // Nothing under a symlink ships (npm-packlist does not follow them), so none is read through.
  if (!isRealDirectory(dir, base)) return bins;
  // npm globs `**`: no dot-named entry, and no descent into a symlink.
  const walk = (rel: string): void => {
    for (const entry of entries(join(dir, base, rel))) {
      if (entry.name.startsWith('.')) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) bins[path] = `${base}/${path}`;
    }
  };
  walk('');
  return bins;
}

function isRealDirectory(dir: string, path: string): boolean {
  try {
    return realpathSync(join(dir, path)) === resolve(realpathSync(dir), path);
  } catch {
    return false;
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** npm's secureAndUnixifyPath: `/`-separated, relative, never above the package; '' for itself. */
function insidePackage(path: string): string {
  const inside = posix.join('.', posix.join('/', path.replace(/\\/g, '/')));
  return inside.startsWith('./') ? '' : inside;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
