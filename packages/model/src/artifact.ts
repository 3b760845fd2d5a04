import type { Bucket } from './bucket.js';
import type { StorageLink } from './link.js';
import type { Range } from './source.js';
import { conjoined } from './words.js';

/**
 * What the shipped-artifact gate observes in a package about to be published (or already
 * published): one observation per fact a rule may report. Readers and scanners produce them; rules
 * only word them. Entry paths are printable (control characters escaped) and credentials are never
 * held, only their type and place.
 */

/** How an artifact was read. */
export type ArtifactFormat = 'tarball' | 'zip' | 'asar' | 'directory';

/**
 * What decides which files an entry's package holds, and so where one is kept out: npm (`files`,
 * `.npmignore`), vsce for a VS Code extension (`.vscodeignore`, or `files`), Electron's packagers
 * for the files of an asar (electron-builder's `files`, Electron Forge's `ignore`).
 */
export type ArtifactPacker = 'npm' | 'vsce' | 'electron';

/**
 * What a shipped file is, by its name or, when that does not say, by its content (an archive by its
 * magic bytes, a source map by its shape); the allowlist admits files by path glob or by these types.
 */
export const SHIPPED_TYPES = [
  'javascript',
  'declaration',
  'typescript-source',
  'source-map',
  /** A TypeScript declaration map (`index.d.ts.map`) without `sourcesContent`: source paths only. */
  'declaration-map',
  'json',
  'markdown',
  'text',
  'license',
  'css',
  'html',
  'wasm',
  'native-addon',
  'image',
  'font',
  'env',
  'npmrc',
  /** A file that exists to hold credentials: `.netrc`, `.pgpass`, `.git-credentials`, `.aws/credentials`. */
  'credentials',
  'private-key',
  'certificate',
  'archive',
  /**
   * A file of a version control folder (`.git/`, `.hg/`, `.svn/`, `.bzr/`, `CVS/`): the repository,
   * its history and (Subversion's pristine copies) its sources.
   */
  'version-control',
  'other',
] as const;

export type ShippedType = (typeof SHIPPED_TYPES)[number];

/** The folders version control keeps a repository in, in any case (a case-insensitive disk). */
const VERSION_CONTROL_NAMES = new Set(['.git', '.hg', '.svn', '.bzr']);

/**
 * The version control folder a file is in, as far as that folder (`node_modules/dep/.hg` for
 * `node_modules/dep/.hg/store/data/a.i`): the outermost, when one holds another. CVS keeps one
 * `CVS` folder in every folder of a checkout, its `Root` naming the server (a pserver login with
 * its password); it is named so exactly, as npm leaves it out, so a `cvs` module is not one.
 */
export function versionControlFolder(path: string): string | undefined {
  const segments = path.split('/');
  const at = segments
    .slice(0, -1)
    .findIndex((segment) => segment === 'CVS' || VERSION_CONTROL_NAMES.has(segment.toLowerCase()));
  return at < 0 ? undefined : segments.slice(0, at + 1).join('/');
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'other';

export interface ArtifactEntry {
  /** The artifact as named on the command line, relative to the scan root. */
  readonly artifact: string;
  /** The path as the artifact holds it (`package/dist/cli.js`), control characters escaped. */
  readonly path: string;
  /** The path inside the package (`dist/cli.js`): what `files`, allowlists and manifests use. */
  readonly packagePath: string;
  readonly kind: EntryKind;
  readonly type: ShippedType;
  /**
   * The format its content showed, when that and not its name gave `type`: `gzip`, `zip`, `tar`,
   * `index map`, `declaration map with sourcesContent`.
   */
  readonly byContent?: string;
  readonly size: number;
  readonly packer: ArtifactPacker;
  /**
   * Where a developer decides that this file ships: the `files` entry, `.npmignore` or
   * `package.json` field that lets it in, else the artifact itself.
   */
  readonly origin: ArtifactOrigin;
  /** The file on disk, relative to the scan root, when a package directory is scanned. */
  readonly source?: string;
  /**
   * The package's name as the artifact's package.json gives it (made printable): what tells one
   * package's archive from another's besides the archive's name (`identifyingName`).
   */
  readonly package?: string;
  /**
   * The file in its package directory, relative to the scan root: `source`, or for an archive whose
   * package directory is known, its package path there (built or not). Unknown for an archive read
   * alone. What a policy exception's `file:` names it by, so that one package's file is not
   * another's.
   */
  readonly packageFile?: string;
}

export interface ArtifactOrigin {
  readonly range: Range;
  /** What the range is: `"files" entry "dist"`, `.npmignore`, `package.json "main"`, `the tarball`. */
  readonly label: string;
}

/** A place inside a shipped file; `range` when the file is on disk (a package directory). */
export interface ArtifactPlace {
  readonly line: number;
  readonly column: number;
  readonly range?: Range;
}

export type CredentialType =
  | 'aws-access-key-id'
  | 'private-key'
  | 'npm-token'
  | 'npmrc-auth'
  | 'github-token'
  /** An R2 S3 access key id or secret access key, known by its name or an R2 endpoint beside it. */
  | 'cloudflare-r2-key'
  /** A Cloudflare API token, Global API Key or Origin CA key. */
  | 'cloudflare-api-token';

export type UnsafeEntryProblem =
  | 'parent-path'
  | 'absolute-path'
  | 'control-characters'
  /** A symbolic link that leads out of the package (or through too many links to tell). */
  | 'symlink'
  /** A symbolic link that stays inside the archive, resolved through its other links. */
  | 'symlink-inside'
  /** A hard link to anything but a file the archive holds before it. */
  | 'hardlink'
  /** A hard link to a file the archive holds before it, as `npm pack` writes one: read as that file. */
  | 'hardlink-inside'
  | 'device'
  | 'duplicate';

/** Why a file is outside the allowlist. */
export type NotAllowedReason =
  /** A type that ships only when the policy admits the type itself (`allowTypes`). */
  | 'denied-type'
  /** TypeScript sources next to the built JavaScript that is the package. */
  | 'source-beside-build'
  /**
   * A declaration map without an allowlist: it gives away the source tree's paths, not its code,
   * so any `allow` glob or `allowTypes: [declaration-map]` admits it.
   */
  | 'source-paths'
  /**
   * A source map compressed in a format that is not unpacked (zstd, xz, bzip2): whether it embeds
   * its sources or secrets is unknown, so no `allowTypes` or glob admits it.
   */
  | 'unopened-map'
  /** Matched by no `allow` glob and no `allowTypes` type of the policy. */
  | 'outside-allowlist';

export type ManifestChange = 'added' | 'removed' | 'size' | 'content';

/**
 * Who packs a package directory, for the command that writes what ships: pnpm when package.json
 * names a `publishConfig.directory`, vsce for a VS Code extension, npm otherwise.
 */
export type DirectoryPackCommand = 'npm' | 'pnpm' | 'vsce';

/** A package's name and version as its package.json gives them. */
export interface PackageId {
  readonly name: string;
  readonly version: string;
}

/** `package.json runs "prepack" and "prepare" before npm packs it`. */
export function runsBeforePacking(
  packer: DirectoryPackCommand,
  scripts: readonly string[],
): string {
  const names = conjoined(scripts.map((name) => JSON.stringify(name)));
  return `package.json runs ${names} before ${packer} packs it`;
}

/**
 * How to check what a package directory really ships: pack it, then check the archive, named as the
 * packer names it (`npm pack`, then `posture artifact acme-cli-1.0.0.tgz`).
 */
export function packThenCheck(packer: DirectoryPackCommand, pkg: PackageId | undefined): string {
  const archive = pkg
    ? packer === 'vsce'
      ? `${pkg.name}-${pkg.version}.vsix`
      : `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`
    : `the ${packer === 'vsce' ? '.vsix' : '.tgz'} it writes`;
  return `${packer === 'vsce' ? 'vsce package' : `${packer} pack`}, then posture artifact ${archive}`;
}

/**
 * The artifact gate's note of a file of the repository read for buckets that could not be read:
 * a bucket it may declare is not known, so a link to no bucket the rest declares is not judged.
 */
export const REPOSITORY_UNREAD = 'repository-unread';

/**
 * The artifact gate's note of a module call of that repository whose module was not read (not
 * installed, a git source, outside the root): as for an unread file, a bucket it may make is not
 * known. The note sits at the call.
 */
export const REPOSITORY_MODULE_UNREAD = 'repository-module-unread';

export type ArtifactObservation =
  | {
      readonly kind: 'not-allowed';
      /** The file, or a folder refused whole (`kind: 'directory'`, its size that of its files). */
      readonly entry: ArtifactEntry;
      readonly reason: NotAllowedReason;
      /**
       * Of a folder refused whole, a version control folder, whose files (thousands in a checkout's
       * `.git`) are not reported one by one: how many it holds and the first few, from the folder.
       */
      readonly folder?: { readonly files: number; readonly names: readonly string[] };
    }
  | {
      /** `sourceMappingURL` pointing outside the package or at a map that ships with it. */
      readonly kind: 'source-map-url';
      readonly entry: ArtifactEntry;
      readonly at: ArtifactPlace;
      /** The URL as written, credentials redacted. */
      readonly url: string;
      /** The shipped map it names, when it names one. */
      readonly map?: string;
      /** The URL as a storage link, when it is one. */
      readonly link?: StorageLink;
      readonly bucket?: Bucket;
    }
  | {
      readonly kind: 'inline-source-map';
      readonly entry: ArtifactEntry;
      readonly at: ArtifactPlace;
      /** Length of the base64 payload. */
      readonly bytes: number;
      readonly sourcesContent: boolean;
    }
  | {
      /** A shipped source map whose `sourcesContent` holds the original sources. */
      readonly kind: 'sources-content';
      readonly entry: ArtifactEntry;
      /**
       * The maps are those of istanbul coverage data (`coverage/coverage-final.json`,
       * `.nyc_output/*.json`), kept as each covered file's `inputSourceMap`.
       */
      readonly coverage?: true;
    }
  | {
      readonly kind: 'credential';
      readonly entry: ArtifactEntry;
      readonly at: ArtifactPlace;
      readonly credential: CredentialType;
    }
  | {
      readonly kind: 'storage-link';
      readonly entry: ArtifactEntry;
      readonly at: ArtifactPlace;
      readonly link: StorageLink;
      /** The Terraform bucket it resolves to, when the repository was scanned too. */
      readonly bucket?: Bucket;
    }
  | {
      readonly kind: 'unsafe-entry';
      readonly entry: ArtifactEntry;
      readonly problem: UnsafeEntryProblem;
      /** A link's target, made printable. */
      readonly target?: string;
    }
  | {
      /** The artifact (or one entry) could not be read to the end: the gate fails closed. */
      readonly kind: 'unreadable';
      readonly artifact: string;
      readonly location: Range;
      readonly problem: string;
      /**
       * What stopped the reading, which decides what to do: a bound of `artifact.limits`, a package
       * its packer would refuse (its package.json), a link in a package directory that its packer
       * would follow and Posture does not, or an archive that is broken.
       */
      readonly cause: 'bound' | 'unpackable' | 'link' | 'broken';
      /** The entry being read when it failed, if any, made printable. */
      readonly stoppedAt?: string;
      /**
       * A file of a package directory that alone could not be read, made printable: the others
       * were, as each file of a directory is one of its own (no `stoppedAt` then).
       */
      readonly file?: string;
      /**
       * Who packs the package directory a link stopped the reading of, and the package it packs:
       * the archive it writes is the one to check.
       */
      readonly packer?: DirectoryPackCommand;
      readonly package?: PackageId;
    }
  | {
      /**
       * What a package directory's package.json says the package holds (a `files` entry, `main`,
       * `bin`, `browser`, an `exports` target, the `publishConfig.directory` pnpm packs) that is
       * not there to pack: the directory checked is not what ships, which is built at pack time,
       * or broken. What ships was not seen: the gate fails closed.
       */
      readonly kind: 'missing-target';
      readonly artifact: string;
      /** The field in package.json. */
      readonly location: Range;
      /** The field as package.json writes it: `"main"`, `"files" entry "dist"`, `"exports"["."]`. */
      readonly field: string;
      /** What it names, as written (made printable). */
      readonly target: string;
      /** Nothing the packer would pack matches it, or (a directory, its package.json) it is not there. */
      readonly missing: 'not-packed' | 'not-there';
      /**
       * The symbolic link it names, or a folder above it that is one, made printable: npm and pnpm
       * pack no links, so it is missing whatever is built.
       */
      readonly symlink?: string;
      readonly packer: DirectoryPackCommand;
      readonly package?: PackageId;
      /** The scripts the packer runs before it packs (`prepack`), which may build what is missing. */
      readonly buildScripts: readonly string[];
    }
  | {
      readonly kind: 'manifest-mismatch';
      readonly artifact: string;
      readonly packagePath: string;
      /** The file in its package directory (`ArtifactEntry.packageFile`), when that is known. */
      readonly packageFile?: string;
      readonly change: ManifestChange;
      /** The manifest line of the approved file, or the origin of a file the manifest lacks. */
      readonly location: Range;
      readonly expected?: { readonly size: number; readonly sha256: string };
      readonly actual?: { readonly size: number; readonly sha256: string };
    };

/** The shipped entry an observation is about; unreadable artifacts and manifest changes have none. */
export function observedEntry(observation: ArtifactObservation): ArtifactEntry | undefined {
  return 'entry' in observation ? observation.entry : undefined;
}
