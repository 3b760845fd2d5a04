import { join } from 'node:path';
import {
  fileRange,
  packThenCheck,
  printable,
  runsBeforePacking,
  type ArtifactObservation,
  type Diagnostic,
  type DirectoryPackCommand,
  type PackageId,
  type Range,
} from '@posture/model';
import { declaredTargets } from './declared-targets.js';
import { linkOnTheWay } from './file-checks.js';
import { readManifestTree } from './manifest-tree.js';
import { packScripts, type PackScripts } from './pack-scripts.js';
import { readManifest } from './package-json.js';
import { rootRelative } from './paths.js';
import { publishDirectory, type PublishDirectory } from './publish-directory.js';
import { publisherOf, type Publisher } from './publishing-packer.js';
import { directoryPacker, type DirectoryPacker } from './vsce-files.js';

/**
 * How a package directory is packed: which directory's files ship (pnpm's `publishConfig.directory`,
 * else the directory itself), whose file list decides them, and what runs first that may change
 * them. A directory is what ships only once it is built: what package.json names that is not there
 * is a finding, and a pack-time build a notice. A `publishConfig.directory` that nothing shows pnpm
 * publishes is two readings, each checked: what npm packs, which ignores it, and what pnpm packs.
 */
export class DirectoryPacking {
  /** The directory whose files ship, when there is one to read. */
  readonly dir?: string;
  /** Whose file list is computed: npm-packlist (pnpm packs with it too) or vsce's. */
  readonly packer: DirectoryPacker;
  readonly command: DirectoryPackCommand;
  /** Each reading of what ships to check, this one's first: npm's and pnpm's when either may publish. */
  readonly readings: readonly DirectoryPackCommand[];
  /** The directory pnpm packs, unless the package is shown to be published otherwise. */
  private readonly publish?: PublishDirectory;
  /** Who publishes a package that names a `publishConfig.directory`, when anything says. */
  private readonly publisher?: Publisher;
  /** Where package.json names the directory pnpm packs. */
  private readonly publishField?: Range;
  /** The directory pnpm packs, when this reading is pnpm's. */
  private readonly packed?: PublishDirectory;
  private readonly scripts?: PackScripts;
  /** The package's name and version, when its package.json gives both. */
  readonly id?: PackageId;

  /**
   * `top` is the highest directory that says who publishes the package (the checkout's top);
   * `reading` is which packer's reading to take where there are two (npm's unless said).
   * Throws an `UnpackableError` for a `publishConfig.directory` that is not to be read.
   */
  constructor(
    private readonly root: string,
    readonly path: string,
    private readonly artifact: string,
    private readonly top: string,
    reading?: DirectoryPackCommand,
  ) {
    this.packer = directoryPacker(path);
    const manifest = readManifestTree(root, path);
    // vsce packs an extension's own directory, whatever publishConfig says.
    const named =
      this.packer === 'npm' ? manifest?.find(['publishConfig', 'directory']) : undefined;
    if (manifest && named) {
      this.publishField = manifest.rangeOf(named);
      this.publisher = publisherOf(path, this.top, manifest);
      if (this.publisher?.packer !== 'npm') this.publish = publishDirectory(path, manifest);
    }
    this.readings = !this.publish
      ? [this.packer]
      : this.publisher
        ? ['pnpm']
        : reading === 'pnpm'
          ? ['pnpm', 'npm']
          : ['npm', 'pnpm'];
    this.command = this.readings[0] ?? this.packer;
    this.packed = this.command === 'pnpm' ? this.publish : undefined;
    this.scripts = manifest && packScripts(manifest, this.command);
    this.id = packageId(this.packed?.missing ? path : (this.packed?.dir ?? path));
    if (!this.packed?.missing) this.dir = this.packed?.dir ?? path;
  }

  /** The package's other reading, when either packer may publish it. */
  otherReading(): DirectoryPacking | undefined {
    const other = this.readings[1];
    return other && new DirectoryPacking(this.root, this.path, this.artifact, this.top, other);
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
    const publishing = this.publishNotice();
    if (publishing) notices.push(publishing);
    if (this.scripts)
      notices.push({
        severity: 'info',
        code: 'artifact-built-at-pack-time',
        message: `${runsBeforePacking(this.command, this.scripts.names)}, which may build or change what ships: the files checked are the directory as it is now, which may be missing or stale. To check what ships, ${packThenCheck(this.command, this.id)}`,
        range: this.scripts.origin.range,
      });
    return notices;
  }

  /** Which directory is checked for a `publishConfig.directory`, and why: who publishes it. */
  private publishNotice(): Diagnostic | undefined {
    const { publish, publisher, publishField } = this;
    if (publisher?.packer === 'npm' && publishField)
      return {
        severity: 'info',
        code: 'artifact-publish-directory',
        message: `package.json "publishConfig.directory" names a directory pnpm would pack in place of this one, but ${publisher.evidence}, which ignores the field: the files checked are those npm pack would pack from this directory`,
        range: publishField,
      };
    // Of a directory pnpm publishes that is not there, the finding says it all.
    if (!publish || (publisher && publish.missing)) return undefined;
    const names = `package.json "publishConfig.directory" names ${publish.value}, which pnpm packs and publishes in place of this directory, with its own package.json`;
    const because = publisher
      ? `, and pnpm publishes this package (${publisher.evidence}): the files checked are those pnpm pack would pack from it`
      : `; npm ignores the field and packs this directory. Nothing says which publishes the package (no "packageManager" in package.json naming npm, pnpm or yarn, no pnpm-lock.yaml or pnpm-workspace.yaml in or above it in its checkout), so both are checked: what npm pack would pack from this directory, and what pnpm pack would pack from ${publish.value}. To check pnpm's alone, say "packageManager": "pnpm@<version>" in package.json`;
    return {
      severity: 'info',
      code: 'artifact-publish-directory',
      message: names + because,
      range: publish.field.range,
    };
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
    const publish = this.packed;
    if (publish?.missing) {
      const target =
        publish.missing === 'directory' ? publish.value : `${publish.value}/package.json`;
      const field = '"publishConfig.directory"';
      const observation = { ...base, location: publish.field.range, field, target };
      return { observations: [{ ...observation, missing: 'not-there' }], notices: [] };
    }
    const { dir } = this;
    const manifest = dir === undefined ? undefined : readManifestTree(this.root, dir);
    if (dir === undefined || !manifest) return { observations: [], notices: [] };
    const { missing, unbuilt } = declaredTargets(manifest, shipped);
    const linked = missing.map(({ paths, ...target }) => {
      const link = paths.map((p) => linkOnTheWay(dir, p)).find((l) => l !== undefined);
      return { ...target, ...(link !== undefined && { symlink: printable(link) }) };
    });
    if (unbuilt)
      return {
        observations: linked.map((target) => ({ ...base, ...target, missing: 'not-packed' })),
        notices: [],
      };
    const notices = linked.map(({ field, target, location, symlink }): Diagnostic => ({
      severity: 'info',
      code: 'artifact-target-unmatched',
      message: `package.json ${field} names ${target}, which nothing ${this.command} would pack matches${symlink === undefined ? '' : ` (${symlink} is a symbolic link, and ${this.command} packs no links)`}: it is ignored, and taken for a leftover, as the package's ways in (main, bin, exports ".") are there`,
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
