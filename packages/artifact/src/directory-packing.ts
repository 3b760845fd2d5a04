import { join } from 'node:path';
import {
  fileRange,
  packThenCheck,
  runsBeforePacking,
  type ArtifactObservation,
  type Diagnostic,
  type DirectoryPackCommand,
  type PackageId,
} from '@posture/model';
import { declaredTargets } from './declared-targets.js';
import { readManifestTree } from './manifest-tree.js';
import { packScripts, type PackScripts } from './pack-scripts.js';
import { readManifest } from './package-json.js';
import { rootRelative } from './paths.js';
import { publishDirectory, type PublishDirectory } from './publish-directory.js';
import { directoryPacker, type DirectoryPacker } from './vsce-files.js';

/**
 * How a package directory is packed: which directory's files ship (pnpm's `publishConfig.directory`,
 * else the directory itself), whose file list decides them, and what runs first that may change
 * them. A directory is what ships only once it is built: what package.json names that is not there
 * is a finding, and a pack-time build a notice.
 */
export class DirectoryPacking {
  /** The directory whose files ship, when there is one to read. */
  readonly dir?: string;
  /** Whose file list is computed: npm-packlist (pnpm packs with it too) or vsce's. */
  readonly packer: DirectoryPacker;
  readonly command: DirectoryPackCommand;
  private readonly publish?: PublishDirectory;
  private readonly scripts?: PackScripts;
  private readonly id?: PackageId;

  /** Throws an `UnpackableError` for a `publishConfig.directory` that is not to be read. */
  constructor(
    private readonly root: string,
    readonly path: string,
    private readonly artifact: string,
  ) {
    this.packer = directoryPacker(path);
    const manifest = readManifestTree(root, path);
    // vsce packs an extension's own directory, whatever publishConfig says.
    this.publish = this.packer === 'npm' && manifest ? publishDirectory(path, manifest) : undefined;
    this.command = this.publish ? 'pnpm' : this.packer;
    this.scripts = manifest && packScripts(manifest, this.command);
    this.id = packageId(this.publish?.missing ? path : (this.publish?.dir ?? path));
    if (!this.publish?.missing) this.dir = this.publish?.dir ?? path;
  }

  /** What the reports say beside the findings: who packs the directory, and what runs first. */
  notices(): Diagnostic[] {
    const notices: Diagnostic[] = [];
    const manifest = fileRange(rootRelative(this.root, join(this.path, 'package.json')));
    if (this.packer === 'vsce')
      notices.push({
        severity: 'info',
        code: 'artifact-packed-by-vsce',
        message:
          'package.json is a VS Code extension\'s (engines.vscode and a publisher), so the files checked are those vsce package would pack: all but what vsce ignores by default and what .vscodeignore names (or, without one, what package.json "files" does not list), package.json and the README always, and the production dependencies; not what npm pack would',
        range: manifest,
      });
    if (this.publish && !this.publish.missing)
      notices.push({
        severity: 'info',
        code: 'artifact-publish-directory',
        message: `package.json "publishConfig.directory" names ${this.publish.value}, which pnpm packs and publishes in place of this directory, with its own package.json: the files checked are those pnpm pack would pack from it (npm pack ignores the field, and would pack this directory)`,
        range: this.publish.field.range,
      });
    if (this.scripts)
      notices.push({
        severity: 'info',
        code: 'artifact-built-at-pack-time',
        message: `${runsBeforePacking(this.command, this.scripts.names)}, which may build or change what ships: the files checked are the directory as it is now, which may be missing or stale. To check what ships, ${packThenCheck(this.command, this.id)}`,
        range: this.scripts.origin.range,
      });
    return notices;
  }

  /**
   * Where package.json says the package is that nothing there is: the directory pnpm would pack,
   * or a field (`files`, `main`, `bin`, `exports`) naming what no file packed from it matches. A
   * finding when what is missing shows the package unbuilt; else, whatever its pack-time scripts
   * (`"prepare": "husky"` builds nothing, and is said in its own notice), a `files` entry left
   * over (npm ignores it), a dead `exports` pattern, or a target Node reads only after another
   * that ships, is a notice.
   */
  judge(shipped: ReadonlySet<string>): {
    observations: ArtifactObservation[];
    notices: Diagnostic[];
  } {
    const base = {
      kind: 'missing-target',
      artifact: this.artifact,
      packer: this.command,
      ...(this.id && { package: this.id }),
      buildScripts: this.scripts?.names ?? [],
    } as const;
    const publish = this.publish;
    if (publish?.missing) {
      const target =
        publish.missing === 'directory' ? publish.value : `${publish.value}/package.json`;
      const field = '"publishConfig.directory"';
      const observation = { ...base, location: publish.field.range, field, target };
      return { observations: [{ ...observation, missing: 'not-there' }], notices: [] };
    }
    const manifest = this.dir === undefined ? undefined : readManifestTree(this.root, this.dir);
    if (!manifest) return { observations: [], notices: [] };
    const { missing, unbuilt } = declaredTargets(manifest, shipped);
    if (unbuilt)
      return {
        observations: missing.map((target) => ({ ...base, ...target, missing: 'not-packed' })),
        notices: [],
      };
    const notices = missing.map(({ field, target, location }): Diagnostic => ({
      severity: 'info',
      code: 'artifact-target-unmatched',
      message: `package.json ${field} names ${target}, which nothing ${this.command} would pack matches: it is ignored, and taken for a leftover, as the package's ways in (main, bin, exports ".") are there`,
      range: location,
    }));
    return { observations: [], notices };
  }
}

function packageId(dir: string): PackageId | undefined {
  const manifest = readManifest(dir);
  const { name, version } = manifest ?? {};
  return typeof name === 'string' && typeof version === 'string' ? { name, version } : undefined;
}
