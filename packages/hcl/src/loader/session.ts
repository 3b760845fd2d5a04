/**
 * One load: the scan root, every file read (each once), parsed modules by directory, and the
 * diagnostics. All paths handed around are relative to the root, POSIX.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import {
  fileRange,
  isEntry,
  linkOutOfRoot,
  readDirectory,
  readListedFile,
  readRegularFile,
  relativeInside,
  unreadableReason,
  unlistedDirectory,
  type DiagnosticSeverity,
  type FileKind,
  type ListDirectory,
  type Range,
  type OnComments,
  type ScannedFile,
  type TextSpan,
} from '@posture/model';
import type { ConfigFile, Span } from '../ast.js';
import { DiagnosticLog, READ_ON } from '../diagnostics.js';
import type { FileAccess } from '../eval/scope.js';
import type { GlobPattern } from '../functions/fileset-pattern.js';
import { parseHcl, parseTfJson, type ParseOptions } from '../parser/index.js';
import {
  fileKind,
  isTerraformFile,
  LOCK_FILE,
  readByTool,
  realInside,
  terraformFilesIn,
  type DirectoryWalk,
} from './files.js';
import {
  globFiles,
  MAX_FILESET_ENTRIES,
  type EntryKind,
  type GlobTree,
  type Unwalked,
} from './fileset.js';
import { LoadCache, type FileParse, type FileRead } from './load-cache.js';
import { sourceText } from './source-text.js';
import { reportUnsupported } from './top-level.js';
import { indexModule, type ParsedModule } from './module.js';
import { parseManifest, type InstalledModule } from './module-sources.js';

export type ReadFile = (absolutePath: string) => string | Uint8Array;

export interface SessionOptions {
  /** Reads a file's bytes; default `readRegularFile` (a regular file, up to `MAX_INPUT_BYTES`). */
  readonly readFile?: ReadFile;
  /** Which top-level bodies the parser keeps (see `parseHcl`). */
  readonly keepBody?: ParseOptions['keepBody'];
  /** Told of each HCL file once, with its text and its comments, once it is parsed. */
  readonly onComments?: OnComments;
  /** Remote modules a load can do without (`LoadFocus.unneededSources`). */
  readonly unneededSource?: (source: string) => boolean;
  /** Attributes left unevaluated (`LoadFocus.unreadAttributes`). */
  readonly unreadAttributes?: (type: string) => ReadonlySet<string> | undefined;
  /** Files an earlier load of this root read and parsed, taken from here and added to it. */
  readonly cache?: LoadCache;
  /** Lists directories; default `readdir`. */
  readonly listDirectory?: ListDirectory;
}

const BOM_IN_JSON =
  'the file starts with a byte order mark (U+FEFF), which Terraform refuses in a JSON file ("Invalid start of value"): save it as UTF-8 without one (its blocks were read past the mark)';

export class LoadSession {
  readonly diagnostics = new DiagnosticLog();
  readonly files: ScannedFile[] = [];
  readonly realRoot: string;
  private readonly listings = new Map<string, string[]>();
  private readonly modules = new Map<string, ParsedModule | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, ConfigFile | undefined>();
  private readonly bytes = new Map<string, Buffer | undefined>();
  private readonly manifests = new Map<string, Map<string, InstalledModule>>();
  /** What `fileset` found, by directory and pattern (`glob`). */
  private readonly globs = new Map<string, readonly string[] | Unwalked>();
  /** Directories (relative) by whether their real path is inside the root. */
  private readonly dirsInside = new Map<string, boolean>();
  /** Files a directory walk found to be regular files (relative): no symlinks, pipes or devices. */
  private readonly regularFiles = new Set<string>();
  /** Files the caller named (relative, `../` when outside): read wherever they are. */
  private readonly namedFiles = new Set<string>();
  /** Reads a file's bytes; `listed` when a walk found it to be a regular file. */
  private readonly readBytes: (abs: string, listed: boolean) => Buffer;
  private readonly keepBody: ParseOptions['keepBody'];
  private readonly onComments: SessionOptions['onComments'];
  /** Whether a remote module that is not installed hides nothing the load needs. */
  readonly unneededSource: (source: string) => boolean;
  /** Attributes of a type left unevaluated: a reference to one is not known. */
  readonly unreadAttributes: SessionOptions['unreadAttributes'];
  private readonly cache: LoadCache;
  /** Lists a directory; one that cannot be listed is reported, and kept in `unlisted`. */
  readonly list: ListDirectory;
  /** Directories (relative) that could not be listed, with why. */
  private readonly unlisted = new Map<string, string>();
  /** The lock files walks found (relative). */
  private readonly lockFiles = new Set<string>();
  private isOpenTofu: boolean | undefined;
  /**
   * The directories a Terragrunt stack generates (relative), each with the one it copies: what
   * is found in the first is read from the second (see `stacks.ts`).
   */
  private readonly copies = new Map<string, string>();

  constructor(
    readonly root: string,
    {
      readFile,
      keepBody,
      onComments,
      unneededSource,
      unreadAttributes,
      cache,
      listDirectory,
    }: SessionOptions = {},
  ) {
    const list = listDirectory ?? readDirectory;
    this.list = (abs) => {
      const listing = list(abs);
      if (listing.unreadable !== undefined) this.reportUnlisted(abs, listing.unreadable);
      return listing;
    };
    this.realRoot = realpathSync.native(root);
    this.keepBody = keepBody;
    this.onComments = onComments;
    this.unneededSource = unneededSource ?? (() => false);
    this.unreadAttributes = unreadAttributes;
    this.cache = cache ?? new LoadCache(root);
    this.readBytes = readFile
      ? (abs) => {
          const data = readFile(abs);
          return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
        }
      : (abs, listed) => (listed ? readListedFile(abs) : readRegularFile(abs));
  }

  absolute(rel: string): string {
    return path.join(this.root, rel);
  }

  /** `target` (relative to directory `base`, or absolute) as a root-relative path, if inside. */
  resolve(base: string, target: string): string | undefined {
    const abs = path.isAbsolute(target) ? target : path.join(this.root, base, target);
    const rel = this.copied(relativeInside(this.root, abs));
    if (rel === undefined) return undefined;
    // A directory a walk found is known; a module source names one for every call and instance.
    const real = this.absolute(rel);
    const inside =
      this.dirsInside.get(rel) ?? (!existsSync(real) || realInside(this.realRoot, real));
    return inside ? rel : undefined;
  }

  /**
   * Says that `generated` (relative) is made as a copy of `source`, as `terragrunt stack generate`
   * copies a unit's directory: a path into it is resolved to the file it copies.
   */
  addCopy(generated: string, source: string): void {
    this.copies.set(generated, source);
  }

  /** Says that the directories were not generated after all. */
  dropCopies(generated: Iterable<string>): void {
    for (const dir of generated) this.copies.delete(dir);
  }

  /** `rel` in the directory a generated one copies, through the deepest that holds it. */
  private copied(rel: string | undefined): string | undefined {
    // A source may itself be in a generated directory (a stack a stack generates); the stack
    // reader adds no copy whose source is in what it generates, so each copy is passed once.
    for (let hops = 0; rel !== undefined && hops < this.copies.size; hops++) {
      const dir = this.copyHolding(rel);
      if (dir === undefined) return rel;
      rel = path.posix.join(this.copies.get(dir) ?? dir, path.posix.relative(dir, rel));
    }
    return rel;
  }

  private copyHolding(rel: string): string | undefined {
    for (let dir = rel; dir !== '.'; dir = path.posix.dirname(dir))
      if (this.copies.has(dir)) return dir;
    return undefined;
  }

  /**
   * A path a scanned file names, as a report shows it. One that a function made absolute from the
   * scan root (Terragrunt's `get_terragrunt_dir()`) holds a directory of the machine that scans,
   * which reports uploaded elsewhere must not carry: it is shown by its path from the root
   * (`../modules/x`). Any other is shown as written.
   */
  shownPath(target: string): string {
    const prefix = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
    if (target !== this.root && !target.startsWith(prefix)) return target;
    return path.relative(this.root, target).split(path.sep).join('/') || '.';
  }

  /**
   * A file the caller named, such as a `-var-file`, by its path from the root (`../envs/prod.tfvars`
   * when it is outside), to be read wherever it is: the root bounds what the scanned files point
   * at, not what the user asks for.
   */
  named(file: string): string {
    const rel = path.relative(this.root, path.resolve(this.root, file)).split(path.sep).join('/');
    this.namedFiles.add(rel);
    return rel;
  }

  /**
   * Seeds what a walk found: directory listings, so no directory is listed twice; the regular
   * files, so they need no `lstat` nor `stat` before they are read; and whether its directories
   * are inside the root, so they need no `realpath` either.
   */
  addWalk({ terraformDirs, regularFiles, inside, lockFiles }: DirectoryWalk): void {
    for (const [dir, names] of terraformDirs) {
      this.listings.set(dir, names);
      this.dirsInside.set(dir, inside);
    }
    for (const file of regularFiles) this.regularFiles.add(file);
    for (const file of lockFiles) this.lockFiles.add(file);
  }

  /**
   * Whether the repository is OpenTofu's: a lock file a walk found names a provider of OpenTofu's
   * registry, as `tofu init` writes it. Settled when the first module is read. One that is a
   * symlink out of the root is an error, as a `.tf` file that is one: which files were read for
   * which tool was not settled by it.
   */
  private get openTofu(): boolean {
    this.isOpenTofu ??= [...this.lockFiles].some((file) =>
      this.readInside(file, fileRange(file), 'error')
        ?.toString('utf8')
        .includes('registry.opentofu.org/'),
    );
    return this.isOpenTofu;
  }

  private reportUnlisted(abs: string, reason: string): void {
    const dir = relativeInside(this.root, abs) ?? abs;
    this.unlisted.set(dir, reason);
    const { severity, code, message, range } = unlistedDirectory(dir, reason);
    this.diagnostics.report(severity, code, message, range);
  }

  /** Why `dir` gives no module, as a call to it says: it holds no Terraform files, or cannot be listed. */
  noModuleIn(dir: string): string {
    const reason = this.unlisted.get(dir);
    return reason === undefined
      ? 'which holds no Terraform files'
      : `which cannot be listed (${reason})`;
  }

  /** The module in `dir`, parsed once; undefined when the directory holds no Terraform files. */
  module(dir: string): ParsedModule | undefined {
    if (!this.modules.has(dir)) this.modules.set(dir, this.parseModule(dir));
    return this.modules.get(dir);
  }

  private parseModule(dir: string): ParsedModule | undefined {
    const listed = this.listings.get(dir) ?? terraformFilesIn(this.absolute(dir), this.list);
    const { read: names, ignored } = readByTool(listed, this.openTofu);
    if (!this.openTofu) {
      for (const name of ignored) this.reportIgnored(dir === '.' ? name : `${dir}/${name}`);
    }
    const files = names.flatMap((name) => {
      const parsed = this.parse(dir === '.' ? name : `${dir}/${name}`);
      return parsed ? [parsed] : [];
    });
    return files.length > 0 ? indexModule(dir, files, this.diagnostics) : undefined;
  }

  /**
   * A `.tofu` file that Terraform's reading leaves out (`readByTool`). A lock file of Terraform's
   * says Terraform applies the configuration: the reader may still miss the file, a warning. With
   * no lock file, nothing says which tool applies it, and OpenTofu would apply this file in place
   * of the `.tf` one: what it declares was not checked, an error, which fails the gate closed.
   */
  private reportIgnored(rel: string): void {
    const undecided = this.lockFiles.size === 0;
    const why = undecided
      ? `no ${LOCK_FILE} says which of the two applies this configuration`
      : `no ${LOCK_FILE} names an OpenTofu provider (registry.opentofu.org/), as tofu init writes it`;
    const message =
      `${rel} is not read: it replaces the .tf file of the same name for OpenTofu, but Terraform ` +
      `never reads .tofu files, and ${why}`;
    const severity = undecided ? 'error' : 'warning';
    this.diagnostics.report(severity, 'tofu-file-ignored', message, fileRange(rel));
  }

  /**
   * Reads and parses a Terraform or `.tfvars` file, once; syntax errors become diagnostics and the
   * recovered blocks stay.
   */
  parse(rel: string): ConfigFile | undefined {
    if (!this.parsed.has(rel)) this.parsed.set(rel, this.parseOnce(rel));
    return this.parsed.get(rel);
  }

  private parseOnce(rel: string): ConfigFile | undefined {
    const kind = fileKind(rel);
    const text = this.readText(rel, kind);
    if (text === undefined) return undefined;
    let parse = this.cache.parses.get(rel);
    if (!parse) {
      parse = this.parseText(rel, kind, text, this.cache.reads.get(rel)?.notUtf8);
      this.cache.parses.set(rel, parse);
    }
    if ('error' in parse) {
      this.diagnostics.report(
        'error',
        'hcl-syntax',
        `${parse.error}; none of it was read`,
        fileRange(rel),
      );
      return undefined;
    }
    const { comments } = parse.file;
    if (kind !== 'terraform-json') this.onComments?.(rel, text, () => comments.map(spanOf));
    for (const d of parse.file.diagnostics) {
      this.diagnostics.report('error', 'hcl-syntax', `${d.message}${READ_ON}`, {
        file: rel,
        start: d.start,
        end: d.end,
      });
    }
    // Terragrunt's files and `.tfvars` have their own blocks.
    if (isTerraformFile(rel)) reportUnsupported(parse.file, this.diagnostics);
    return parse.file;
  }

  private parseText(
    rel: string,
    kind: FileKind,
    text: string,
    notUtf8?: readonly number[],
  ): FileParse {
    try {
      return {
        file:
          kind === 'terraform-json'
            ? parseTfJson(text, rel)
            : parseHcl(text, rel, { keepBody: this.keepBody, notUtf8 }),
      };
    } catch (error) {
      return { error: `cannot parse: ${String(error)}` };
    }
  }

  /** The text a span of a scanned file was written as. */
  textOf(file: string, span: Span): string | undefined {
    return this.readText(file, fileKind(file))?.slice(span.start.offset, span.end.offset);
  }

  /** Installed modules of the root module in `rootDir`, from its `modules.json`. */
  manifest(rootDir: string): Map<string, InstalledModule> {
    let manifest = this.manifests.get(rootDir);
    if (!manifest) {
      const rel = path.posix.join(rootDir, '.terraform/modules/modules.json');
      const abs = this.absolute(rel);
      manifest = parseManifest(
        existsSync(abs) ? this.readInside(rel, fileRange(rel))?.toString('utf8') : undefined,
      );
      this.manifests.set(rootDir, manifest);
    }
    return manifest;
  }

  /** A scanned file's text (recorded with its hash), or undefined when unreadable or outside. */
  readText(rel: string, kind: FileKind): string | undefined {
    if (!this.texts.has(rel)) this.texts.set(rel, this.readScanned(rel, kind));
    return this.texts.get(rel);
  }

  private readScanned(rel: string, kind: FileKind): string | undefined {
    const read = this.cache.reads.get(rel) ?? this.readFresh(rel, kind);
    if (!read) return undefined;
    this.cache.reads.set(rel, read);
    this.files.push(read.file);
    // Terraform's JSON parser takes the mark for the file's first value: "Invalid start of value".
    if (read.bom && rel.endsWith('.json'))
      this.diagnostics.report('error', 'hcl-syntax', BOM_IN_JSON, fileRange(rel));
    return read.text;
  }

  private readFresh(rel: string, kind: FileKind): FileRead | undefined {
    const data = this.readInside(rel, fileRange(rel), 'error');
    if (!data) return undefined;
    const sha256 = createHash('sha256').update(data).digest('hex');
    const file: ScannedFile = { path: rel, kind, bytes: data.length, sha256 };
    return { file, ...sourceText(data) };
  }

  /**
   * Bytes of a file inside the root, or named by the caller; a symlink out of the root is refused
   * and reported at `at`. What a function reads (`file()`) is a value the load then does not know,
   * a warning; a scanned file (`refused: 'error'`) holds blocks, a public bucket among them maybe:
   * input not read, which fails the gate closed as a syntax error does.
   */
  private readInside(
    rel: string,
    at: Range,
    refused: 'warning' | 'error' = 'warning',
  ): Buffer | undefined {
    const abs = this.absolute(rel);
    const named = this.namedFiles.has(rel);
    if (named || !this.leadsOutside(rel, abs)) {
      return this.tryRead(abs, this.regularFiles.has(rel), at, named);
    }
    if (refused === 'warning') this.reportOutside(rel, at);
    else this.reportLinkOut('file', at);
    return undefined;
  }

  /**
   * `readInside`, once per file: functions such as `file()` read the same file for every module
   * instance. Scanned files are not kept here; their text is (a corpus's bytes would double it).
   */
  private readInsideOnce(rel: string, at: Range): Buffer | undefined {
    if (!this.bytes.has(rel)) this.bytes.set(rel, this.readInside(rel, at));
    return this.bytes.get(rel);
  }

  /**
   * Whether an existing file's real path is outside the root. A file that is no symlink is where
   * its directory is, so one `realpath` per directory serves all its files, not one per file.
   */
  private leadsOutside(rel: string, abs: string): boolean {
    let link = false;
    if (!this.regularFiles.has(rel)) {
      try {
        link = lstatSync(abs).isSymbolicLink();
      } catch {
        return false;
      }
    }
    if (link) return existsSync(abs) && !realInside(this.realRoot, abs);
    const dir = path.posix.dirname(rel);
    let inside = this.dirsInside.get(dir);
    if (inside === undefined) {
      inside = realInside(this.realRoot, this.absolute(dir));
      this.dirsInside.set(dir, inside);
    }
    return !inside;
  }

  /**
   * The bytes; a file that is there but cannot be read is reported at `at`, failing the gate: a
   * symlink to nothing too, which is broken input, where a file that is not there at all is one a
   * function may look for (`fileexists`), or that the build makes before Terraform runs. A file
   * the caller names (`varFiles`) is not one a build may make: its values were asked for.
   */
  private tryRead(abs: string, listed: boolean, at: Range, named = false): Buffer | undefined {
    try {
      return this.readBytes(abs, listed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || named || isSymlink(abs)) {
        const why = unreadableReason(error);
        const shown = this.shownPath(abs);
        // A file a function names is reported where the call is, so the message says which file.
        if (at.file === shown || named) {
          this.diagnostics.report('error', 'file-unreadable', `cannot be read: ${why}`, at);
        } else {
          const message = `${shown}, which a function reads, cannot be read: ${why}`;
          this.diagnostics.report('error', 'function-file-unreadable', message, at);
        }
      }
      return undefined;
    }
  }

  /** Whether `rel` is a file whose real path is inside the root. */
  isFileInside(rel: string): boolean {
    const abs = this.absolute(rel);
    try {
      return statSync(abs).isFile() && realInside(this.realRoot, abs);
    } catch {
      return false;
    }
  }

  /**
   * A symbolic link out of the root where configuration is scanned: a file, or a directory that
   * may hold some. What it holds (a public bucket maybe) was not read, an error that fails the gate
   * closed as a syntax error does.
   */
  reportLinkOut(what: 'file' | 'directory', at: Range): void {
    this.diagnostics.report('error', 'path-outside-root', linkOutOfRoot(what), at);
  }

  /**
   * Says that `target` (from `base`, as `resolve` takes it), which `resolve` finds outside the
   * root, is not read: through a symlink inside the root, an error at the link (see
   * `reportLinkLeadingOut`); outside by its name, a warning (or `byName`) at `at`, where it is
   * named (`shown`, as written), and nothing without one.
   */
  reportNotInside(
    base: string,
    target: string,
    what: 'file' | 'directory',
    at: Range | undefined,
    shown = target,
    byName: DiagnosticSeverity = 'warning',
  ): void {
    if (!this.reportLinkLeadingOut(base, target, what) && at) this.reportOutside(shown, at, byName);
  }

  /**
   * Reports the symbolic link by which `target` (as `resolve` takes it), inside the root by its
   * name, leads out of it: the first part of its path that is one, `what` when it is the whole of
   * it, else a directory. What it leads to is a file of the machine that scans, and what it holds
   * (a module, a file a unit includes) was not read: an error at the link, which fails the gate
   * closed, as for a scanned file. False when there is none: it is outside by its name, or leads
   * out through no link.
   */
  private reportLinkLeadingOut(base: string, target: string, what: 'file' | 'directory'): boolean {
    const abs = path.isAbsolute(target) ? target : path.join(this.root, base, target);
    const parts = this.copied(relativeInside(this.root, abs))?.split('/') ?? [];
    for (let i = 1; i <= parts.length; i++) {
      const link = parts.slice(0, i).join('/');
      const linked = this.absolute(link);
      if (isSymlink(linked) && !realInside(this.realRoot, linked)) {
        this.reportLinkOut(i === parts.length ? what : 'directory', fileRange(link));
        return true;
      }
    }
    return false;
  }

  reportOutside(what: string, at: Range, severity: DiagnosticSeverity = 'warning'): void {
    const message = `${this.shownPath(what)} is outside the scan root and is not read`;
    this.diagnostics.report(severity, 'path-outside-root', message, at);
  }

  /**
   * `fileset`'s files below `base` (from the root), as paths from it. What stops the walk is said
   * at `at`, and its result is then not known: a symlink leading out of the root (a file of the
   * machine that scans), a warning as for `file()`; too many entries, a warning, as the result is
   * unknown, not cut short.
   */
  private glob(
    base: string,
    { rest, parts }: GlobPattern,
    at: Range,
  ): readonly string[] | { readonly unread: string } {
    // Once per base and pattern: every instance of a module calls it alike.
    const key = `${base}\0${rest}`;
    let walked = this.globs.get(key);
    if (walked === undefined) {
      const found = globFiles(this.globTree(), base, parts);
      walked = Array.isArray(found) ? found.map((file) => path.posix.relative(base, file)) : found;
      this.globs.set(key, walked);
    }
    if (Array.isArray(walked)) return walked;
    if ('outside' in walked) {
      this.reportOutside(walked.outside, at);
      return { unread: `${walked.outside} is outside the scan root` };
    }
    const entries = `more than ${MAX_FILESET_ENTRIES} entries under ${base}`;
    const message = `fileset() would look at ${entries}, too many to list; its result is not known`;
    this.diagnostics.report('warning', 'fileset-too-large', message, at);
    return { unread: `${entries} are too many to list` };
  }

  /** The tree below the root as `fileset` sees it: a symlink taken where it leads, if inside. */
  private globTree(): GlobTree {
    const kind = (rel: string, entry?: Dirent): EntryKind | undefined => {
      const abs = this.absolute(rel);
      let stats: Dirent | Stats | undefined = entry;
      try {
        stats ??= lstatSync(abs);
        if (stats.isSymbolicLink()) {
          if (!existsSync(abs)) return 'other';
          if (!realInside(this.realRoot, abs)) return 'outside';
          stats = statSync(abs);
        }
      } catch {
        return undefined;
      }
      return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
    };
    return {
      kind: (rel) => kind(rel),
      entries: (rel) =>
        this.list(this.absolute(rel)).map((entry) => [
          entry.name,
          kind(path.posix.join(rel, entry.name), entry) ?? 'other',
        ]),
    };
  }

  /** File access for functions, with relative paths taken from `cwd` (the root module's directory). */
  fileAccess(cwd: string): FileAccess {
    const inside = (target: string, at: Range): string | undefined => {
      const rel = this.resolve(cwd, target);
      if (rel === undefined) this.reportOutside(target, at);
      return rel;
    };
    return {
      read: (target, at) => {
        const rel = inside(target, at);
        if (rel === undefined) return 'refused';
        return (
          this.readInsideOnce(rel, at) ?? (isEntry(this.absolute(rel)) ? 'refused' : 'missing')
        );
      },
      inside: (target, at) => inside(target, at) !== undefined,
      glob: (pattern, at) => {
        const rel = inside(pattern.base, at);
        return rel === undefined
          ? { unread: `${pattern.base} is outside the scan root` }
          : this.glob(rel, pattern, at);
      },
      exists: (target, at) => {
        const rel = inside(target, at);
        if (rel === undefined) return undefined;
        try {
          return statSync(this.absolute(rel)).isFile();
        } catch {
          return false;
        }
      },
    };
  }
}

function isSymlink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Where a node is in its file's text. */
function spanOf(node: Span): TextSpan {
  return { start: node.start.offset, end: node.end.offset };
}
