import type { CredentialType, Position, ShippedType } from '@posture/model';
import { findTextLinks, type CustomDomain, type TextLink } from '@posture/buildconfig';
import { redactUrl } from '@posture/model';
import { AssembledLinks } from './assembled.js';
import { containerByDesign, isMap } from '../shipped-type.js';
import { ArchiveMagic } from './archive-magic.js';
import { continuesAHost } from './host-tail.js';
import { CREDENTIAL_PATTERNS, isPlaceholder, NEAR, NPMRC_SETTING } from './credentials.js';
import { InlineMapPayload } from './inline-map.js';
import { MapShape, type MapFound } from './map-shape.js';
import { SecretFiles } from './secret-files.js';
import { SourcesContentDetector } from './sources-content.js';
import { ImportedPaths, ROOT_IMPORT, TYPE_IMPORT, TypesOnly } from './type-imports.js';
import { TextWindows, type Window } from './windows.js';

export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/** What one shipped file's content holds. URLs are redacted; credentials are only typed and placed. */
export interface ContentFindings {
  readonly sourceMapUrls: readonly { span: Span; url: string; link?: TextLink }[];
  readonly inlineMaps: readonly { span: Span; bytes: number; sourcesContent: boolean }[];
  readonly credentials: readonly { span: Span; credential: CredentialType }[];
  readonly links: readonly { span: Span; link: TextLink }[];
  /**
   * A source map whose `sourcesContent` holds sources: a file named as a map, or a JSON, text or
   * unknown file shaped like one, or coverage data whose maps hold them (`coverage`).
   */
  readonly sourcesContent: boolean;
  /** It is istanbul coverage data, which keeps the source map of each file it covers. */
  readonly coverage?: true;
  /**
   * What the content shows the file to be where its name says less: an archive by its magic bytes,
   * a repository packed in one file (a git bundle or packfile, a Mercurial bundle) by its own,
   * a credentials file by a secret in it (a kubeconfig with a token, a service account key), a
   * source map by its shape, a declaration map that embeds its sources (a source map like any).
   */
  readonly shownAs?: { readonly type: ShippedType; readonly format: string };
  /**
   * Its bytes were unpacked (a compressed source map or web asset) before they were read: its
   * places are lines of the unpacked text, which no file on disk has. Set by the reader, not the
   * scanner.
   */
  readonly unpacked?: boolean;
  /**
   * Of a declaration: the TypeScript files it imports by relative path (`./types.ts`), which ship
   * as part of the package's types.
   */
  readonly typeImports?: readonly string[];
  /** Of a TypeScript file: it declares types only, no code (`interface`, `type`, `declare`). */
  readonly typesOnly?: boolean;
  /** Of a TypeScript file: what it imports that can be its package's root (`..`, a bare name). */
  readonly rootImports?: readonly string[];
  /** Hits past `MAX_HITS_PER_KIND` that were counted but not kept: reports say so. */
  readonly omitted: number;
  /**
   * Storage links the file assembles from names it declares may be missed: it declares more names,
   * or assembles more strings from names not declared yet, than are kept. Reports say so.
   */
  readonly assemblyBounded: boolean;
}

/** One file full of URLs or keys is reported by its first findings of each kind, not all of them. */
export const MAX_HITS_PER_KIND = 100;
/** A shipped file as the scanner needs it: its type by name, and its name. */
export interface ScannedEntry {
  readonly packagePath: string;
  readonly type: ShippedType;
}

/**
 * Types a source map is shipped as under another name (`.map.json`, `.js.map.txt`, no extension,
 * or a script's own, `cli.js`): a script's only when it opens as JSON, not as code, can.
 */
const MAP_SHAPED: readonly ShippedType[] = ['json', 'text', 'other', 'javascript'];
/** Types whose text may assemble a storage link from the strings and names it declares. */
const SCRIPTS: readonly ShippedType[] = ['javascript', 'typescript-source', 'html'];
/**
 * Types whose `sourceMappingURL` comments are examples in prose (a source map tool's README), which
 * no debugger reads as the file's map: not inline maps nor map URLs, though their links are links.
 */
const PROSE: readonly ShippedType[] = ['markdown', 'license'];
/** An inline map shorter than this is a bundler's runtime string, not a map. */
const MIN_INLINE_PAYLOAD = 20;

const SOURCE_MAPPING_URL =
  /(?:\/\/|\/\*)[#@][ \t]*sourceMappingURL[ \t]*=[ \t]*(?<url>[^\s'"`*]{1,2048})/g;

/**
 * Checks one file's content as it streams: source-map comments, inline maps (measured and decoded
 * to the end, however long), credentials, storage links and, in a source map, `sourcesContent`.
 */
export class ContentScanner {
  private readonly windows = new TextWindows((w) => this.scan(w));
  private readonly sources: SourcesContentDetector | undefined;
  private readonly shape: MapShape | undefined;
  private readonly assembled: AssembledLinks | undefined;
  private readonly magic: ArchiveMagic | undefined;
  private readonly secretFile: SecretFiles | undefined;
  private readonly typeImports: ImportedPaths | undefined;
  private readonly typesOnly: TypesOnly | undefined;
  private readonly rootImports: ImportedPaths | undefined;
  private inline: { payload: InlineMapPayload; next: number; span: Span } | undefined;
  private readonly found = {
    sourceMapUrls: [] as { span: Span; url: string; link?: TextLink }[],
    inlineMaps: [] as { span: Span; bytes: number; sourcesContent: boolean }[],
    credentials: [] as { span: Span; credential: CredentialType }[],
    links: [] as { span: Span; link: TextLink }[],
  };
  private omitted = 0;
  /** Whether unscoped `.npmrc` settings are credentials here: in an npmrc, or once a scoped one is seen. */
  private npmrc: boolean;
  /** Unscoped settings seen before that was known, kept until the end decides. */
  private readonly unscoped: { span: Span; credential: CredentialType }[] = [];

  /**
   * By the file's type by name, a source map's `sourcesContent` is checked, an npmrc's settings,
   * and whether a JSON, text or unknown file, or a script that opens as only JSON does, is a
   * source map by its shape; any file but an archive by name or a container by design (a `.docx`)
   * is checked for an archive's magic bytes, and a git or Mercurial bundle's, or a packfile's.
   */
  constructor(
    private readonly file: ScannedEntry,
    private readonly customDomains: readonly CustomDomain[],
  ) {
    const { type, packagePath } = file;
    this.sources = isMap(type) ? new SourcesContentDetector() : undefined;
    this.shape = MAP_SHAPED.includes(type) ? new MapShape(type === 'javascript') : undefined;
    this.magic =
      type === 'archive' || containerByDesign(packagePath) ? undefined : new ArchiveMagic();
    this.secretFile = SecretFiles.for(packagePath, type);
    this.npmrc = type === 'npmrc';
    this.typeImports = type === 'declaration' ? new ImportedPaths(TYPE_IMPORT) : undefined;
    this.typesOnly = type === 'typescript-source' ? new TypesOnly() : undefined;
    this.rootImports = type === 'typescript-source' ? new ImportedPaths(ROOT_IMPORT) : undefined;
    this.assembled = SCRIPTS.includes(type)
      ? new AssembledLinks(customDomains, (hit) => this.keep(this.found.links, hit))
      : undefined;
  }

  push(chunk: Buffer): void {
    this.magic?.push(chunk);
    this.windows.push(chunk);
  }

  /** The first bytes of a file opened rather than read as text (an asar): its type by them. */
  pushHead(head: Buffer): void {
    this.magic?.push(head);
  }

  end(): ContentFindings {
    this.windows.end();
    this.assembled?.end();
    const superseded = this.assembled?.superseded;
    if (superseded?.size) {
      this.found.links = this.found.links.filter((l) => !superseded.has(l.span.start.offset));
    }
    if (this.inline) this.closeInline();
    if (this.npmrc) for (const hit of this.unscoped) this.keep(this.found.credentials, hit);
    const map = this.shape?.end();
    const sourcesContent = this.sources?.found ?? map?.sourcesContent ?? false;
    const shownAs = this.shownAs(map);
    const assemblyBounded = this.assembled?.bounded ?? false;
    const typeImports = this.typeImports && [...this.typeImports.paths];
    const rootImports = this.rootImports && [...this.rootImports.paths];
    return {
      ...this.found,
      sourcesContent,
      ...(map?.coverage && { coverage: true }),
      ...(shownAs && { shownAs }),
      ...(typeImports?.length && { typeImports }),
      ...(this.typesOnly?.found && { typesOnly: true }),
      ...(rootImports?.length && { rootImports }),
      omitted: this.omitted,
      assemblyBounded,
    };
  }

  private shownAs(map: MapFound | undefined): ContentFindings['shownAs'] {
    const archive = this.magic?.format();
    if (archive) return { type: 'archive', format: archive };
    const repository = this.magic?.versionControl();
    if (repository) return { type: 'version-control', format: repository };
    const credentials = this.secretFile?.end();
    if (credentials) return { type: 'credentials', format: credentials };
    // Its sources leak as a JavaScript map's do: admitting declaration maps does not admit that.
    if (this.file.type === 'declaration-map' && this.sources?.found)
      return { type: 'source-map', format: 'declaration map with sourcesContent' };
    // Coverage data holds maps but is none: what leaks is their sources, a finding of its own.
    return map && !map.coverage ? { type: 'source-map', format: map.format } : undefined;
  }

  /** Keeps a hit while its kind is under the cap; past it, only counts it. */
  private keep<T>(list: T[], hit: T): void {
    if (list.length < MAX_HITS_PER_KIND) list.push(hit);
    else this.omitted++;
  }

  private scan(w: Window): void {
    const { text, from, limit } = w;
    const inRange = (start: number) => start >= from && start < limit;
    const span = (start: number, end: number): Span => ({
      start: w.position(start),
      end: w.position(end),
    });
    const fresh = text.slice(from, limit);
    if (this.sources && !this.sources.found) this.sources.push(fresh);
    this.shape?.push(fresh);
    this.secretFile?.push(fresh);
    this.feedInline(w);

    const links = findTextLinks(text, this.customDomains).filter(
      (l) => inRange(l.start) && !continuesAHost(text, l),
    );
    const mapUrlStarts = new Set<number>();
    // A map's comments are those of its sources (a compiled file's, in `sourcesContent`): none is
    // the map's own, read by a debugger.
    const quoted = PROSE.includes(this.file.type) || isMap(this.file.type);
    const mapComments = quoted ? [] : text.matchAll(SOURCE_MAPPING_URL);
    for (const m of mapComments) {
      if (!inRange(m.index)) continue;
      const url = m.groups?.url ?? '';
      const urlStart = m.index + m[0].length - url.length;
      if (/^data:/i.test(url)) this.openInline(w, m.index, urlStart, url);
      else {
        const link = links.find((l) => l.start === urlStart);
        mapUrlStarts.add(urlStart);
        this.keep(this.found.sourceMapUrls, {
          span: span(m.index, urlStart + url.length),
          url: link?.url ?? redactUrl(url),
          ...(link && { link }),
        });
      }
    }
    for (const link of links) {
      if (mapUrlStarts.has(link.start)) continue;
      this.keep(this.found.links, { span: span(link.start, link.end), link });
    }
    this.assembled?.scan(w, links);
    this.typeImports?.scan(text, inRange);
    this.typesOnly?.scan(text);
    this.rootImports?.scan(text, inRange);
    for (const [credential, pattern, near] of CREDENTIAL_PATTERNS) {
      // Without its context anywhere in the window, a contextual pattern cannot count: not run.
      if (near && !near.test(text)) continue;
      for (const m of text.matchAll(pattern)) {
        if (!inRange(m.index) || isPlaceholder(m)) continue;
        const end = m.index + m[0].length;
        if (near && !near.test(text.slice(Math.max(0, m.index - NEAR), end + NEAR))) continue;
        if (credential === 'npmrc-auth') this.npmrc = true;
        this.keep(this.found.credentials, { span: span(m.index, end), credential });
      }
    }
    for (const m of text.matchAll(NPMRC_SETTING)) {
      const end = m.index + m[0].length;
      const start = end - (m.groups?.setting ?? '').length;
      if (!inRange(start) || isPlaceholder(m)) continue;
      const hit = { span: span(start, end), credential: 'npmrc-auth' as const };
      if (this.npmrc) this.keep(this.found.credentials, hit);
      else if (this.unscoped.length < MAX_HITS_PER_KIND) this.unscoped.push(hit);
    }
  }

  private openInline(w: Window, commentStart: number, urlStart: number, url: string): void {
    if (this.inline) this.closeInline();
    const comma = url.indexOf(',');
    if (comma < 0) return;
    const header = url.slice(0, comma);
    const payloadStart = urlStart + comma + 1;
    const start = w.position(commentStart);
    this.inline = {
      payload: new InlineMapPayload(/;base64$/i.test(header)),
      next: w.base + payloadStart,
      span: { start, end: start },
    };
    this.feedInline(w);
  }

  /** Feeds the open inline map the part of this window it has not seen yet. */
  private feedInline(w: Window): void {
    const inline = this.inline;
    if (!inline) return;
    const start = Math.max(w.from, inline.next - w.base);
    if (start >= w.limit) return;
    const used = inline.payload.push(w.text.slice(start, w.limit));
    inline.next = w.base + start + used;
    if (inline.payload.done) {
      this.inline = {
        ...inline,
        span: { start: inline.span.start, end: w.position(start + used) },
      };
      this.closeInline();
    }
  }

  private closeInline(): void {
    const inline = this.inline;
    this.inline = undefined;
    if (!inline) return;
    inline.payload.end();
    if (inline.payload.length < MIN_INLINE_PAYLOAD) return;
    this.keep(this.found.inlineMaps, {
      span: inline.span,
      bytes: inline.payload.length,
      sourcesContent: inline.payload.sources.found,
    });
  }
}
