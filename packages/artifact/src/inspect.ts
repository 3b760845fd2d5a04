import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  fileRange,
  formatBytes,
  printable,
  pushAll,
  type ArtifactEntry,
  type ArtifactFormat,
  type ArtifactObservation,
  type ArtifactOrigin,
  type ArtifactPacker,
  type ArtifactPlace,
  type Diagnostic,
  type ScannedFile,
  type ShippedType,
  type StorageLink,
  type UnsafeEntryProblem,
} from '@posture/model';
import type { CustomDomain, TextLink } from '@posture/buildconfig';
import { notAllowed, type Allowlist } from './allowlist.js';
import {
  ContentScanner,
  MAX_HITS_PER_KIND,
  type ContentFindings,
  type Span,
} from './content/scanner.js';
import { archiveFormat, MAGIC_HEAD } from './content/archive-magic.js';
import { unpacked, unpackingOf } from './content/unpack.js';
import { DirectoryPacking } from './directory-packing.js';
import { nameProblems, packagePathOf } from './entry-path.js';
import {
  ArtifactBoundError,
  ArtifactReadError,
  DEFAULT_LIMITS,
  LinkNotFollowedError,
  UnpackableError,
  type ArtifactLimits,
} from './limits.js';
import { staysInside } from './links.js';
import { Origins } from './origin.js';
import { readManifest } from './package-json.js';
import { refusals } from './refused-folders.js';
import { rootRelative } from './paths.js';
import { isAsarName, readAsar } from './readers/asar.js';
import { peek } from './readers/byte-stream.js';
import { detectContainer, type Container } from './readers/detect.js';
import { readDirectory } from './readers/directory.js';
import type { RawEntry } from './readers/entry.js';
import { FileDigest } from './readers/file-digest.js';
import { readTar } from './readers/tar.js';
import { readZip } from './readers/zip.js';
import { shippedType } from './shipped-type.js';

export interface InspectOptions {
  /** Absolute scan root: every range is relative to it. */
  readonly root: string;
  /** Absolute path of the tarball, zip or package directory. */
  readonly path: string;
  /**
   * The package's source directory, for findings at the configuration that let a file in. For an
   * archive, a list of candidates: the first whose package.json names the same package is used.
   */
  readonly packageDir?: string | readonly string[];
  /**
   * The repository a package directory lives in: how far up from it the workspace root npm would
   * pack it in is looked for. Default: the scan root.
   */
  readonly repository?: string;
  readonly allowlist?: Allowlist;
  readonly limits?: Partial<ArtifactLimits>;
  /** Hosts that serve a bucket (custom domains from Terraform): URLs on them are storage links. */
  readonly customDomains?: readonly CustomDomain[];
}

/** A regular file the artifact ships: what a manifest records. */
export interface ShippedFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface Inspection {
  /** The artifact, relative to the scan root. */
  readonly artifact: string;
  readonly format: ArtifactFormat;
  /** `name` and `version` from the shipped package.json, when it has them. */
  readonly package?: { readonly name?: string; readonly version?: string };
  /** Regular files, sorted by package path. */
  readonly files: readonly ShippedFile[];
  readonly observations: readonly ArtifactObservation[];
  /** What the reports should say beside the findings, e.g. hits left out past the per-file cap. */
  readonly notices: readonly Diagnostic[];
  /** The archive, or each file of a directory, with its hash: the report's evidence. */
  readonly scanned: readonly ScannedFile[];
  /** Where findings go that no file's origin claims: the package.json or the artifact. */
  readonly origin: ArtifactOrigin;
  /** The package directory its files are decided in, relative to the scan root, when known. */
  readonly packageDir?: string;
}

/** A file of the package in its package directory (`ArtifactEntry.packageFile`), when that is known. */
export function packageFileOf(
  packageDir: string | undefined,
  packagePath: string,
): string | undefined {
  return packageDir === undefined ? undefined : posix.join(packageDir, packagePath);
}

/** package.json is read whole to name the package; anything larger is not a manifest. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Opens an artifact and checks everything it would ship, in one streaming pass: entry names and
 * types, the allowlist, and every file's content. Never extracts, follows a link or runs anything.
 * Never throws on bad input: what cannot be read becomes an `unreadable` observation (the gate
 * fails closed) and what was read before it is still reported.
 */
export async function inspectArtifact(options: InspectOptions): Promise<Inspection> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const artifact = rootRelative(options.root, options.path) || '.';
  const top = options.repository ?? options.root;
  const run = new Inspector(options, limits, artifact);
  let other: DirectoryPacking | undefined;
  // An archive is hashed as it is read, not read again for its hash.
  const digest = new FileDigest(options.path);
  try {
    const container = detectContainer(options.path);
    run.begin(FORMATS[container]);
    const visit = (entry: RawEntry) => run.visit(entry);
    if (container === 'directory') {
      const packing = new DirectoryPacking(options.root, options.path, artifact, top);
      other = packing.otherReading();
      await readPacking(run, packing, top, limits);
    } else if (container === 'zip')
      await readZip(digest, limits, visit, (names) => run.listed(names));
    else if (container === 'asar')
      await readAsar(digest.stream(), limits, visit, {
        dir: `${options.path}.unpacked`,
        root: options.root,
      });
    else await readTar(digest, container === 'gzip', limits, visit);
  } catch (error) {
    run.unreadable(error);
  }
  const inspection = await run.finish(digest);
  if (!other) return inspection;
  const second = new Inspector(options, limits, artifact);
  second.begin('directory');
  try {
    await readPacking(second, other, top, limits);
  } catch (error) {
    second.unreadable(error);
  }
  return bothReadings(inspection, await second.finish());
}

/** Lists a package directory as its packer would pack it, visiting each file. */
async function readPacking(
  run: Inspector,
  packing: DirectoryPacking,
  top: string,
  limits: ArtifactLimits,
): Promise<void> {
  run.packedBy(packing);
  if (packing.dir !== undefined)
    await readDirectory(
      packing.dir,
      top,
      packing.packer,
      limits,
      (entry) => run.visitFile(entry),
      (error, file) => run.refused(error, file),
    );
}

/**
 * A package directory that npm and pnpm pack otherwise, as the gate checks it: what each would
 * ship is judged, and a notice said by both is said once. The files a manifest records are those
 * of the first reading, npm's.
 */
function bothReadings(first: Inspection, second: Inspection): Inspection {
  const notices = new Map([...first.notices, ...second.notices].map((n) => [JSON.stringify(n), n]));
  const scanned = new Map([...first.scanned, ...second.scanned].map((f) => [f.path, f]));
  return {
    ...first,
    observations: [...first.observations, ...second.observations],
    notices: [...notices.values()],
    scanned: [...scanned.values()],
  };
}

const FORMATS: Readonly<Record<Container, ArtifactFormat>> = {
  directory: 'directory',
  gzip: 'tarball',
  tar: 'tarball',
  zip: 'zip',
  asar: 'asar',
};

/** Asars opened inside asars: Electron apps have none, and each level holds another header. */
const MAX_ASAR_NESTING = 2;

/** The entry vsce writes first in every VS Code extension package. */
const VSIX_MANIFEST = 'extension.vsixmanifest';

/** A regular file read to its end: what it ships and what its content holds. */
interface ReadFile {
  readonly shipped: ShippedFile;
  readonly content: ContentFindings;
}

/** An entry as read, before its origin is known (that needs the package's name, read on the way). */
type ReadEntry = Omit<ArtifactEntry, 'origin' | 'packer'>;

interface Pending {
  readonly entry: ReadEntry;
  /** Read from an asar inside the artifact: Electron's packagers decided that it ships. */
  readonly inAsar: boolean;
  readonly problems: readonly UnsafeEntryProblem[];
  readonly target?: string;
  /** Content findings of a regular file that was read to its end. */
  content?: ContentFindings;
}

class Inspector {
  private readonly observations: ArtifactObservation[] = [];
  private readonly notices: Diagnostic[] = [];
  private readonly pending: Pending[] = [];
  /** Files read to their end, and hard links to them, by package path (of a duplicate, the last). */
  private readonly files = new Map<string, ReadFile>();
  /** Symbolic links' targets as written, by package path: resolved once all are known. */
  private readonly symlinks = new Map<string, string>();
  private readonly scanned: ScannedFile[] = [];
  private fallback: ArtifactOrigin;
  private format: ArtifactFormat = 'tarball';
  private packer: ArtifactPacker = 'npm';
  private packageJson?: { name?: string; version?: string };
  /** How a package directory is packed. */
  private packing?: DirectoryPacking;
  /** npm installs a tarball without its first directory (`package/`); zips and directories are as is. */
  private stripFirst = false;
  private count = 0;
  private total = 0;
  /** The entry being read, for the message when reading fails inside it. */
  private current?: string;
  /** How many asars the entry being read is inside. */
  private nesting = 0;

  constructor(
    private readonly options: InspectOptions,
    private readonly limits: ArtifactLimits,
    private readonly artifact: string,
  ) {
    this.fallback = { range: fileRange(artifact), label: 'the tarball' };
  }

  begin(format: ArtifactFormat): void {
    const { root, path } = this.options;
    this.format = format;
    this.stripFirst = format === 'tarball';
    if (format === 'asar') this.packer = 'electron';
    if (format === 'directory') {
      const manifest = rootRelative(root, join(path, 'package.json'));
      this.fallback = { range: fileRange(manifest), label: 'package.json' };
    } else {
      this.fallback = { range: fileRange(this.artifact), label: `the ${format}` };
    }
  }

  /**
   * A zip whose entries show it to be a VS Code extension package: vsce decided what it holds, and
   * VS Code installs its `extension/` folder, so that is where package paths start, as `package/`
   * is a tarball's.
   */
  listed(names: readonly string[]): void {
    if (!names.includes(VSIX_MANIFEST)) return;
    this.packer = 'vsce';
    this.stripFirst = true;
  }

  /**
   * A package directory is listed as its packer would pack it, from the directory that ships
   * (pnpm's `publishConfig.directory`), whose package.json is then where findings sit. Reports
   * say how, since the same directory packs otherwise with `npm pack`.
   */
  packedBy(packing: DirectoryPacking): void {
    this.packing = packing;
    this.packer = packing.packer;
    pushAll(this.notices, packing.notices());
    if (packing.dir !== undefined && packing.dir !== packing.path) {
      const manifest = rootRelative(this.options.root, join(packing.dir, 'package.json'));
      this.fallback = { range: fileRange(manifest), label: 'package.json' };
    }
  }

  /** The directory a file's inclusion is decided in: the directory read, or the matching candidate. */
  private packageDir(): string | undefined {
    if (this.format === 'directory') return this.packing?.dir;
    // What an app's asar holds is decided by Electron's packagers, not by a package's files.
    if (this.packer === 'electron') return undefined;
    const given = this.options.packageDir;
    if (given === undefined || typeof given === 'string') return given;
    const name = this.packageJson?.name;
    return name === undefined ? undefined : given.find((dir) => readManifest(dir)?.name === name);
  }

  async visit(raw: RawEntry): Promise<void> {
    if (++this.count > this.limits.maxEntries)
      throw new ArtifactBoundError(
        `it holds more than ${this.limits.maxEntries} entries (the bound); the rest were not read`,
      );
    const path = printable(raw.name);
    this.current = path;
    const packagePath = packagePathOf(raw.name, this.stripFirst);
    const entry: ReadEntry = {
      artifact: this.artifact,
      path,
      packagePath,
      kind: raw.kind,
      type: shippedType(packagePath),
      size: raw.size,
      ...(raw.file && { source: rootRelative(this.options.root, raw.file) }),
    };
    const problems = nameProblems(raw.name);
    const original = raw.kind === 'hardlink' ? this.hardLinked(raw.linkTarget) : undefined;
    if (original) problems.push('hardlink-inside');
    else if (raw.kind === 'hardlink' || raw.kind === 'device') problems.push(raw.kind);
    if (raw.kind === 'symlink' && raw.linkTarget !== undefined)
      this.symlinks.set(packagePath, raw.linkTarget);
    const duplicate =
      (raw.kind === 'file' || original !== undefined) && this.files.has(packagePath);
    if (duplicate) problems.push('duplicate');
    const pending: Pending = {
      entry,
      inAsar: this.nesting > 0,
      problems,
      ...(raw.linkTarget !== undefined && { target: printable(raw.linkTarget) }),
    };
    this.pending.push(pending);
    if (raw.kind === 'file' && raw.content) await this.read(pending, raw.name, raw.content);
    if (original) {
      this.files.set(packagePath, {
        ...original,
        shipped: { ...original.shipped, path: packagePath },
      });
      pending.content = original.content;
    }
    this.current = undefined;
  }

  /**
   * The file a hard link names, when the archive holds it before the link: npm pack writes a file
   * that shares its inode with one already packed as such a link (node-tar's link cache), and an
   * extractor makes it from that file. A link's name is from the archive's root, stripped like
   * the entry names.
   */
  private hardLinked(target: string | undefined): ReadFile | undefined {
    if (target === undefined || nameProblems(target).length > 0) return undefined;
    return this.files.get(packagePathOf(target, this.stripFirst));
  }

  private async read(
    pending: Pending,
    name: string,
    content: AsyncIterable<Buffer>,
  ): Promise<void> {
    const { entry } = pending;
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    if (entry.size > maxEntryBytes) throw tooLarge(entry.size, maxEntryBytes);
    const hash = createHash('sha256');
    // An asar's files are checked, and counted towards the total, each as an entry of its own: an
    // asar named so, or renamed (`app.bin`), known by its first bytes.
    const { head, whole } = await peek(content, MAGIC_HEAD);
    const named = isAsarName(entry.packagePath);
    const archive = named || archiveFormat(head) === 'asar';
    let size = 0;
    const measured = async function* (this: Inspector) {
      for await (const chunk of whole) {
        size += chunk.length;
        if (!archive) this.total += chunk.length;
        if (size > maxEntryBytes) throw tooLarge(size, maxEntryBytes);
        if (this.total > maxTotalBytes)
          throw new ArtifactBoundError(
            `it unpacks to more than ${formatBytes(maxTotalBytes)} (the total bound)`,
          );
        hash.update(chunk);
        yield chunk;
      }
    }.call(this);
    const keep = entry.packagePath === 'package.json' ? ([] as Buffer[]) : undefined;
    const { unpacking, content: bytes } = archive
      ? { content: measured }
      : await unpackingOf(entry, measured);
    // A map its gzip header names is read as one, whatever the file is called.
    const inside = unpacking?.named;
    const readAs = inside?.type ?? unpacking?.readAs;
    const scanner = new ContentScanner(
      readAs ? { ...entry, type: readAs } : entry,
      this.options.customDomains ?? [],
    );
    if (archive) {
      // Renamed, it is an archive by its content still, as any file with an archive's first bytes.
      if (!named) scanner.pushHead(head);
      await this.openAsar(name, entry.path, bytes);
      // What follows its last file, for the hash.
      for await (const chunk of bytes) void chunk;
    } else if (unpacking) {
      for await (const chunk of unpacked(bytes, unpacking, this.limits)) scanner.push(chunk);
    } else {
      for await (const chunk of bytes) {
        scanner.push(chunk);
        if (keep && size <= MAX_MANIFEST_BYTES) keep.push(chunk);
      }
    }
    const sha256 = hash.digest('hex');
    const found = scanner.end();
    pending.content = {
      ...found,
      ...(unpacking && { unpacked: true }),
      ...(inside &&
        !found.shownAs && {
          shownAs: { type: inside.type, format: `gzip-compressed ${printable(inside.name)}` },
        }),
    };
    this.files.set(entry.packagePath, {
      shipped: { path: entry.packagePath, size, sha256 },
      content: pending.content,
    });
    if (entry.source)
      this.scanned.push({ path: entry.source, kind: 'artifact', bytes: size, sha256 });
    if (keep && size <= MAX_MANIFEST_BYTES) this.packageJson = packageId(Buffer.concat(keep));
  }

  /** Visits the files of an asar the artifact holds, named below it, as its bytes stream past. */
  private async openAsar(
    name: string,
    path: string,
    content: AsyncIterable<Buffer>,
  ): Promise<void> {
    if (this.nesting >= MAX_ASAR_NESTING)
      throw new ArtifactReadError(
        `it holds asar archives nested more than ${MAX_ASAR_NESTING} deep, which are not opened`,
      );
    this.nesting++;
    try {
      await readAsar(content, this.limits, async (inner) => {
        await this.visit({ ...inner, name: `${name}/${inner.name}` });
        this.current = path;
      });
    } finally {
      this.nesting--;
    }
  }

  /**
   * Visits a file of a package directory. One that cannot be read (a `.gz` that is not gzip) is
   * said, and the others are still read: each is a file of its own, where an archive's stream goes
   * no further than its broken entry. A bound still stops the reading: it bounds the whole.
   */
  async visitFile(raw: RawEntry): Promise<void> {
    try {
      await this.visit(raw);
    } catch (error) {
      if (error instanceof ArtifactBoundError) throw error;
      if (raw.file) this.refused(error, raw.file);
      else this.unreadable(error);
    }
  }

  /** A `file` of a package directory that was not read, said at it: the others are read on. */
  refused(error: unknown, file: string): void {
    this.unreadable(error, rootRelative(this.options.root, file));
  }

  /**
   * What stopped the reading; or, given the `source` of a file of a package directory, what kept
   * that file alone from being read, said at it.
   */
  unreadable(error: unknown, source?: string): void {
    const problem =
      error instanceof ArtifactReadError
        ? error.message
        : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    const entry = error instanceof ArtifactReadError ? (error.entry ?? this.current) : this.current;
    // A link is checked in the archive the directory's packer writes: that packer's, named.
    const packing = error instanceof LinkNotFollowedError ? this.packing : undefined;
    this.observations.push({
      kind: 'unreadable',
      artifact: this.artifact,
      location:
        (error instanceof ArtifactReadError && error.at) ||
        (source ? fileRange(source) : this.fallback.range),
      problem,
      cause:
        error instanceof ArtifactBoundError
          ? 'bound'
          : error instanceof UnpackableError
            ? 'unpackable'
            : error instanceof LinkNotFollowedError
              ? 'link'
              : 'broken',
      ...(entry !== undefined &&
        (source ? { file: printable(entry) } : { stoppedAt: printable(entry) })),
      ...(packing && { packer: packing.command, ...(packing.id && { package: packing.id }) }),
    });
  }

  /** `digest`: the file inspected, as far as it was read. */
  async finish(digest?: FileDigest): Promise<Inspection> {
    const dir = this.packageDir();
    const origins = new Origins(
      this.options.root,
      dir,
      this.fallback,
      this.packer,
      this.pending.map(({ entry }) => entry.packagePath),
    );
    const packageDir = dir === undefined ? undefined : rootRelative(this.options.root, dir);
    const name = this.packageJson?.name;
    const entries = this.pending.map(({ entry, inAsar, problems, target, content }) => {
      const packageFile = entry.source ?? packageFileOf(packageDir, entry.packagePath);
      const full: ArtifactEntry = {
        ...entry,
        ...(packageFile !== undefined && { packageFile }),
        ...(content?.shownAs && { type: content.shownAs.type, byContent: content.shownAs.format }),
        packer: inAsar ? 'electron' : this.packer,
        origin: origins.of(entry.packagePath),
        ...(name !== undefined && { package: printable(name) }),
      };
      for (const problem of entry.kind === 'symlink'
        ? [...problems, this.symlinkProblem(entry.packagePath)]
        : problems)
        this.observations.push({
          kind: 'unsafe-entry',
          entry: full,
          problem,
          ...(target !== undefined && LINKS.includes(problem) && { target }),
        });
      if (content) {
        pushAll(this.observations, this.contentObservations(full, content));
        if (content.omitted > 0) this.notices.push(this.capNotice(full, content.omitted));
        if (content.assemblyBounded) this.notices.push(this.assemblyNotice(full));
      }
      return { full, read: content !== undefined };
    });
    const files = entries.filter((e) => e.read).map((e) => e.full);
    const allowlist = this.options.allowlist ?? {};
    pushAll(this.observations, refusals(notAllowed(files, allowlist, this.typeSources())));
    // What package.json names is judged against a whole list of what ships, not a partial one.
    if (this.packing && !this.observations.some((o) => o.kind === 'unreadable')) {
      const { observations, notices } = this.packing.judge(new Set(this.files.keys()));
      pushAll(this.observations, observations);
      pushAll(this.notices, notices);
    }
    if (digest && this.format !== 'directory') await this.hashArtifact(digest);
    return {
      artifact: this.artifact,
      format: this.format,
      ...(this.packageJson && { package: this.packageJson }),
      files: [...this.files.values()]
        .map((f) => f.shipped)
        .sort((a, b) => compareText(a.path, b.path)),
      observations: this.observations,
      notices: this.notices,
      scanned: this.scanned,
      origin: this.fallback,
      ...(packageDir !== undefined && { packageDir }),
    };
  }

  /**
   * The TypeScript files that are part of the package's types, by package path: those of types only
   * that the shipped declarations import (`./types.ts`; a source a declaration imports is a source
   * still), and those that import the package itself by its root (`from '..'`, or by its name,
   * `from 'my-pkg'`), as a user does: a type test (`types/index.test-d.ts`) or an example
   * (`test/example.ts`), of no build.
   */
  private typeSources(): Set<string> {
    const paths = new Set<string>();
    const name = this.packageJson?.name;
    for (const [path, { content }] of this.files) {
      for (const imported of content.typeImports ?? []) {
        const file = besideFile(path, imported);
        if (this.files.get(file)?.content.typesOnly) paths.add(file);
      }
      // `../` is the folder as `..` is; a bare name is no path of dots.
      const root = (imported: string) =>
        imported.startsWith('.')
          ? besideFile(path, imported.replace(/\/$/, '')) === '.'
          : imported === name;
      if (content.rootImports?.some(root)) paths.add(path);
    }
    return paths;
  }

  private symlinkProblem(packagePath: string): UnsafeEntryProblem {
    return staysInside(packagePath, this.symlinks) ? 'symlink-inside' : 'symlink';
  }

  /** A file full of hits is reported by its first of each kind; the rest are counted, not hidden. */
  private capNotice(entry: ArtifactEntry, omitted: number): Diagnostic {
    return {
      severity: 'info',
      code: 'artifact-hits-capped',
      message: `${entry.packagePath}: ${omitted} more hits of kinds already reported were left out (the first ${MAX_HITS_PER_KIND} of each kind are reported)`,
      range: entry.source ? fileRange(entry.source) : this.fallback.range,
    };
  }

  private assemblyNotice(entry: ArtifactEntry): Diagnostic {
    return {
      severity: 'info',
      code: 'artifact-assembly-bounded',
      message: `${entry.packagePath}: it declares more names or storage hosts, gives its names more values, builds more strings from names declared further down, or holds longer objects or arrays, than are read, or holds an object or array it cannot read through, so a storage link it assembles from one of them may be missed`,
      range: entry.source ? fileRange(entry.source) : this.fallback.range,
    };
  }

  private contentObservations(entry: ArtifactEntry, found: ContentFindings): ArtifactObservation[] {
    // A compressed map's lines are those of its unpacked text, which no file on disk has.
    const file = found.unpacked ? undefined : entry.source;
    const at = (span: Span): ArtifactPlace => ({
      line: span.start.line,
      column: span.start.column,
      ...(file && { range: { file, start: span.start, end: span.end } }),
    });
    const observations: ArtifactObservation[] = [];
    if (found.sourcesContent)
      observations.push({
        kind: 'sources-content',
        entry,
        ...(found.coverage && { coverage: true }),
      });
    for (const { span, bytes, sourcesContent } of found.inlineMaps)
      observations.push({ kind: 'inline-source-map', entry, at: at(span), bytes, sourcesContent });
    for (const { span, credential } of found.credentials)
      observations.push({ kind: 'credential', entry, at: at(span), credential });
    for (const { span, link } of found.links)
      observations.push({
        kind: 'storage-link',
        entry,
        at: at(span),
        link: storageLink(entry, at(span), link, false),
      });
    for (const { span, url, link } of found.sourceMapUrls) {
      const place = at(span);
      const map = link ? undefined : this.shippedMap(entry, url);
      if (!link && !map && !isExternal(url)) continue;
      // A declaration's pointer at its declaration map (tsc writes one) tells no more than the
      // map, judged on its own: low, or a source map when it embeds its sources.
      if (map !== undefined && this.typeOf(map) === 'declaration-map') continue;
      observations.push({
        kind: 'source-map-url',
        entry,
        at: place,
        url,
        ...(map !== undefined && { map }),
        ...(link && { link: storageLink(entry, place, link, true) }),
      });
    }
    return observations;
  }

  /** What a shipped file is: by its content where that says more than its name. */
  private typeOf(packagePath: string): ShippedType {
    return this.files.get(packagePath)?.content.shownAs?.type ?? shippedType(packagePath);
  }

  /** The shipped map a relative `sourceMappingURL` names, resolved from the file's directory. */
  private shippedMap(entry: ArtifactEntry, url: string): string | undefined {
    if (isExternal(url)) return undefined;
    const relative = url.replace(/[?#].*$/, '');
    let target: string;
    try {
      target = decodeURIComponent(relative);
    } catch {
      target = relative;
    }
    const path = besideFile(entry.packagePath, target);
    return this.files.has(path) ? path : undefined;
  }

  /**
   * The archive's own hash: the evidence of exactly which bytes were checked. A named pipe or a
   * device has none, as reading it may never end.
   */
  private async hashArtifact(digest: FileDigest): Promise<void> {
    try {
      if (!statSync(digest.file).isFile()) return;
      const { bytes, sha256 } = await digest.finish();
      this.scanned.push({ path: this.artifact, kind: 'artifact', bytes, sha256 });
    } catch {
      // A file that can no longer be read has no hash: its reading failed closed already.
    }
  }
}

const LINKS: readonly UnsafeEntryProblem[] = [
  'symlink',
  'symlink-inside',
  'hardlink',
  'hardlink-inside',
];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tooLarge(size: number, bound: number): ArtifactBoundError {
  return new ArtifactBoundError(
    `an entry of ${formatBytes(size)} is larger than the entry bound of ${formatBytes(bound)}`,
  );
}

/** The package path a relative path written in a shipped file names, from the file's folder. */
function besideFile(packagePath: string, relative: string): string {
  return posix.normalize(posix.join(posix.dirname(packagePath), relative));
}

/** A URL with a scheme or a protocol-relative one: fetched from outside the package. */
function isExternal(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
}

function storageLink(
  entry: ArtifactEntry,
  place: ArtifactPlace,
  link: TextLink,
  sourceMap: boolean,
): StorageLink {
  const { start: _start, end: _end, ...rest } = link;
  return {
    ...rest,
    range: place.range ?? entry.origin.range,
    fileType: `shipped ${entry.type}`,
    field: entry.path,
    sourceMap,
    releaseStep: false,
  };
}

function packageId(bytes: Buffer): { name?: string; version?: string } | undefined {
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { name?: unknown; version?: unknown };
    return {
      ...(typeof json.name === 'string' && { name: json.name }),
      ...(typeof json.version === 'string' && { version: json.version }),
    };
  } catch {
    return undefined;
  }
}
