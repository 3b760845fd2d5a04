import { basename, dirname, join, posix } from 'node:path';
import type { Node } from 'jsonc-parser';
import type { MinimatchOptions } from 'minimatch';
import {
  fileRange,
  leadsOutOf,
  LineIndex,
  readRegularFile,
  type ArtifactOrigin,
  type ArtifactPacker,
} from '@posture/model';
import { boundedMinimatch, GlobTooCostly } from './bounded-glob.js';
import { binTargets, readManifestTree, type ManifestTree } from './manifest-tree.js';
import { rootRelative } from './paths.js';

/**
 * The ignore file a packer reads when there is no `files` list: npm reads `.npmignore` in every
 * folder, vsce `.vscodeignore` at the root only.
 */
interface IgnoreFile {
  readonly name: string;
  readonly nested: boolean;
}
const NPMIGNORE: IgnoreFile = { name: '.npmignore', nested: true };
const VSCODEIGNORE: IgnoreFile = { name: '.vscodeignore', nested: false };

/** Names npm always packs, whatever `files` and `.npmignore` say. */
const ALWAYS =
  /^(?:package\.json|npm-shrinkwrap\.json|(?:readme|copying|license|licence)(?:\..*)?)$/i;

/**
 * Where a developer decides that a file ships — the configuration that let it in — so findings sit
 * where the fix goes: the `files` entry that matches it, the `main`/`bin`/`browser` field that names
 * it, the `bundleDependencies` entry of the dependency npm packs it with, the `.npmignore` (a VS
 * Code extension's `.vscodeignore`) that did not exclude it (at a `!` line that re-included it, if
 * any), or package.json itself when neither `files` nor an ignore file exists. Without the package
 * directory (a tarball alone), the artifact itself.
 */
export class Origins {
  private readonly manifest?: ManifestText;
  private readonly ignoreFile: IgnoreFile;

  constructor(
    private readonly root: string,
    private readonly packageDir: string | undefined,
    private readonly fallback: ArtifactOrigin,
    private readonly packer: ArtifactPacker = 'npm',
    /** The package paths it will be asked of, matched against `files` together. */
    paths: readonly string[] = [],
  ) {
    this.ignoreFile = packer === 'vsce' ? VSCODEIGNORE : NPMIGNORE;
    if (packageDir) this.manifest = readManifestText(root, packageDir, paths);
  }

  of(packagePath: string): ArtifactOrigin {
    const manifest = this.manifest;
    if (!this.packageDir || !manifest) return this.fallback;
    const field = manifest.fieldNaming(packagePath);
    if (field) return field;
    if (ALWAYS.test(packagePath)) return manifest.always();
    // npm packs a bundled dependency by its own package.json and .npmignore, whatever this
    // package's "files" says; vsce packs the production dependencies through .vscodeignore.
    const bundled = this.packer === 'npm' ? manifest.bundleEntryFor(packagePath) : undefined;
    if (bundled) return bundled;
    if (manifest.files) return manifest.filesEntryFor(packagePath) ?? manifest.files;
    return this.ignoreFor(packagePath) ?? manifest.noFiles();
  }

  private readonly ignores = new Map<string, IgnoreText | undefined>();

  /**
   * An ignore file of the package directory, not read when a symbolic link leads it out of that
   * directory (as package.json is not): the package's own pack then fails on it, and an archive's
   * findings sit at the archive.
   */
  private readIgnore(path: string): IgnoreText | undefined {
    return leadsOutOf(this.packageDir as string, path) ? undefined : readIgnore(this.root, path);
  }

  /** The nearest ignore file above the file, the one the packer consults last. */
  private ignoreFor(packagePath: string): ArtifactOrigin | undefined {
    const dir = this.packageDir as string;
    const { name, nested } = this.ignoreFile;
    for (let rel = nested ? posix.dirname(packagePath) : '.'; ; rel = posix.dirname(rel)) {
      const path = join(dir, rel, name);
      if (!this.ignores.has(path)) this.ignores.set(path, this.readIgnore(path));
      const ignore = this.ignores.get(path);
      if (ignore) return ignore.originFor(posix.relative(rel === '.' ? '' : rel, packagePath));
      if (rel === '.') return undefined;
    }
  }
}

interface ManifestText {
  readonly files?: ArtifactOrigin;
  fieldNaming(packagePath: string): ArtifactOrigin | undefined;
  filesEntryFor(packagePath: string): ArtifactOrigin | undefined;
  bundleEntryFor(packagePath: string): ArtifactOrigin | undefined;
  always(): ArtifactOrigin;
  noFiles(): ArtifactOrigin;
}

function readManifestText(
  root: string,
  dir: string,
  paths: readonly string[],
): ManifestText | undefined {
  const manifest = readManifestTree(root, dir);
  if (!manifest) return undefined;
  const { at, whole } = manifest;
  const filesNode = manifest.find(['files']);
  const files = filesNode?.type === 'array' ? filesNode : undefined;
  const filesKey = files?.parent?.children?.[0];
  const filesOrigin = at(filesKey, 'package.json "files"');
  const bundle = bundleField(manifest.find);
  const bin = manifest.find(['bin']);
  // Without a "bin", npm makes every file under directories.bin (but dot-named ones) a bin.
  const binDir = manifest.find(['directories', 'bin']);
  const inBinDir =
    !bin && binDir?.type === 'string' ? filesPattern(String(binDir.value)) : undefined;
  let entryNaming: Map<string, Node> | undefined;

  return {
    ...(filesOrigin && { files: filesOrigin }),
    fieldNaming(packagePath) {
      for (const key of ['main', 'browser']) {
        const node = manifest.find([key]);
        if (node?.type === 'string' && samePath(node.value, packagePath))
          return at(node, `package.json "${key}"`);
      }
      const named = binTargets(bin).find(
        (n) => n?.type === 'string' && samePath(n.value, packagePath),
      );
      if (named) return at(named, 'package.json "bin"');
      if (inBinDir?.(packagePath) && !/(?:^|\/)\./.test(packagePath))
        return at(binDir, 'package.json "directories.bin"');
      return undefined;
    },
    filesEntryFor(packagePath) {
      entryNaming ??= lastEntryNaming(files?.children ?? [], paths);
      const node = entryNaming.get(packagePath);
      return node && at(node, `"files" entry ${JSON.stringify(node.value)}`);
    },
    bundleEntryFor(packagePath) {
      if (!bundle || !/^(?:node_modules|\.\.)\//.test(packagePath)) return undefined;
      const field = JSON.stringify(bundle.key.value);
      const name = bundledName(packagePath);
      const entry = bundle.names.find((n) => n.value === name);
      if (entry) return at(entry, `${field} entry ${JSON.stringify(name)}`);
      // With `true` each dependency is bundled; a dependency of a bundled one ships by the field.
      return bundle.all && name !== undefined
        ? at(bundle.key, `${field}: true, which bundles ${JSON.stringify(name)}`)
        : at(bundle.key, `package.json ${field}`);
    },
    always: () => filesOrigin ?? whole,
    noFiles: () => ({ ...whole, label: 'package.json (no "files" list)' }),
  };
}

/**
 * For each path, the last `files` entry (but negations) that names it. Each entry is compiled once
 * and let go before the next, and asked only of the paths no later entry names: compiled for each
 * path, 500 globs against 500 files took 13 s, and 80,000 held at once were 200 MB.
 */
function lastEntryNaming(entries: readonly Node[], paths: readonly string[]): Map<string, Node> {
  const named = new Map<string, Node>();
  let unnamed = paths;
  for (let i = entries.length - 1; i >= 0 && unnamed.length > 0; i--) {
    const node = entries[i];
    if (node?.type !== 'string' || String(node.value).startsWith('!')) continue;
    const names = filesPattern(String(node.value));
    unnamed = unnamed.filter((path) => !(names(path) && named.set(path, node)));
  }
  return named;
}

/**
 * The field npm bundles dependencies by, as @npmcli/package-json normalises it:
 * `bundleDependencies`, else `bundledDependencies`; a list or object of names, or `true` for all
 * the dependencies. None when it is `false` or anything else.
 */
function bundleField(
  find: ManifestTree['find'],
): { key: Node; names: Node[]; all?: true } | undefined {
  const value = find(['bundleDependencies']) ?? find(['bundledDependencies']);
  const key = value?.parent?.children?.[0];
  if (!value || !key) return undefined;
  const children = value.children ?? [];
  if (value.type === 'array') return { key, names: children.filter((n) => n.type === 'string') };
  if (value.type === 'object')
    return { key, names: children.flatMap((p) => p.children?.[0] ?? []) };
  return value.value === true ? { key, names: [], all: true } : undefined;
}

/**
 * The dependency a file under `node_modules` ships with: `dep` of `node_modules/dep/…` and
 * `@scope/dep` of `node_modules/@scope/dep/…`; in pnpm's store, whose dependencies sit beside
 * it, `dep` of `node_modules/.pnpm/dep@1.0.0/node_modules/sub/…`.
 */
function bundledName(packagePath: string): string | undefined {
  const store = /^node_modules\/\.pnpm\/(@?[^/@]+)@/.exec(packagePath)?.[1];
  if (store !== undefined) return store.replace('+', '/');
  return /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(packagePath)?.[1];
}

interface IgnoreText {
  originFor(relativePath: string): ArtifactOrigin;
}

function readIgnore(root: string, path: string): IgnoreText | undefined {
  let text: string;
  try {
    // What is not there, or is no regular file (a folder, a named pipe), names no origin: the
    // package's own pack fails on it, and an archive's findings sit at the next one up.
    text = readRegularFile(path).toString('utf8');
  } catch {
    return undefined;
  }
  const lines = new LineIndex(text);
  const pattern = filesPatterns();
  const file = rootRelative(root, path);
  const label = rootRelative(root, dirname(path)) === '' ? basename(path) : file;
  return {
    originFor(relativePath) {
      // The last `!pattern` that matches re-included the file: that line is the cause.
      for (let line = lines.lineCount; line >= 1; line--) {
        const rule = lines.lineText(line).trim();
        if (rule.startsWith('!') && pattern(rule.slice(1))(relativePath)) {
          const start = lines.lineStart(line);
          return { range: lines.range(file, start, start + rule.length), label };
        }
      }
      return { range: fileRange(file), label };
    },
  };
}

/**
 * Whether a `files` entry or ignore rule names a path, as npm reads them: a directory names what is
 * under it, and a pattern without a slash matches a name at any depth. Compiled once, to be asked
 * of every path.
 */
export function filesPattern(pattern: string): (path: string) => boolean {
  let p = pattern.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (p.endsWith('/*')) p += '*';
  if (p === '') return () => false;
  const glob = globMatcher(p, { dot: true, nocase: true, matchBase: !p.includes('/') });
  const under = globMatcher(`${p}/**`, { dot: true, nocase: true });
  return (path) => path === p || path.startsWith(`${p}/`) || glob(path) || under(path);
}

/** A glob the pack refused (`GlobTooCostly`) names nothing here: the pack has failed already. */
function globMatcher(glob: string, options: MinimatchOptions): (path: string) => boolean {
  try {
    const matcher = boundedMinimatch(glob, options);
    return (path) => matcher.match(path);
  } catch (error) {
    if (error instanceof GlobTooCostly) return () => false;
    throw error;
  }
}

/** `filesPattern` of each pattern, compiled when first asked for, and once however often written. */
function filesPatterns(): (pattern: string) => (path: string) => boolean {
  const compiled = new Map<string, (path: string) => boolean>();
  return (pattern) => {
    let matches = compiled.get(pattern);
    if (!matches) compiled.set(pattern, (matches = filesPattern(pattern)));
    return matches;
  };
}

function samePath(value: unknown, packagePath: string): boolean {
  return typeof value === 'string' && posix.join('/', value).slice(1) === packagePath;
}
