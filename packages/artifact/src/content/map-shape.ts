import { isPlainObject } from '@posture/model';
import { SourcesContentDetector } from './sources-content.js';

/** A candidate map is kept whole up to this many characters, to be parsed. */
export const MAX_PARSED_LENGTH = 16 * 1024 * 1024;
const KEYS = ['"version"', '"mappings"', '"sources"'];
/**
 * Where coverage data keeps source maps: istanbul's, each covered file's; Node's V8 coverage
 * (`NODE_V8_COVERAGE`, as c8 reads it), each script's, in its `source-map-cache`.
 */
const COVERAGE_KEYS = ['"inputSourceMap"', '"source-map-cache"'];

/**
 * Whether a file not named as a source map is one by its shape — a JSON object with `version` 3, a
 * `mappings` string and a `sources` array, as maps shipped as `.map.json` or `.js.map.txt` are, or
 * an index map of `sections` that each hold such a map — and whether it embeds its sources. Decided
 * as the file streams: one that does not open with `{` (after the `)]}'` guard a map may open
 * with) is dropped at its first characters, and a script unless it opens as only JSON can; one
 * that does is parsed at its end, once its text holds the three keys (an index map's sections
 * hold them too). A file too large to keep is a map when its text holds them, and embeds its
 * sources as the streaming detector of a `.map` file finds. Istanbul's coverage data (Jest's and nyc's
 * `coverage/coverage-final.json`, nyc's `.nyc_output/*.json`) is no map, but keeps the source map
 * of each file it covers, `sourcesContent` and all, as its `inputSourceMap`, and Node's V8
 * coverage (c8's `coverage/tmp/*.json`) in its `source-map-cache`: it is found as the maps it
 * holds, within the same bound.
 */
export class MapShape {
  private opened: boolean | undefined;
  /** The text before the opening is decided, up to `HEAD` characters after any leading blanks. */
  private head = '';
  private kept: string[] | undefined = [];
  private length = 0;
  private readonly keys = new Occurrences(KEYS);
  private readonly coverage = new Occurrences(COVERAGE_KEYS);
  private readonly sources = new SourcesContentDetector();

  /**
   * `code`: the file is named as a script (`.js`, `.cjs`, `.mjs`), which may open with `{` as a
   * block does: it is read on only when it opens as JSON does and JavaScript never can, with a
   * quoted key and its colon (`{"version":`), so that no script is kept and parsed.
   */
  constructor(private readonly code = false) {}

  push(text: string): void {
    if (this.opened === undefined) {
      this.head += text;
      if (!this.decide(false)) return;
      text = this.head;
      this.head = '';
    }
    if (this.opened) this.read(text);
  }

  /**
   * Whether the first characters show a JSON object, once enough of them are in (or `final`, at
   * the end of the file). Blanks before them are not kept.
   */
  private decide(final: boolean): boolean {
    this.head = this.head.replace(/^\s+/, '');
    if (this.head.length < HEAD && !final) return false;
    this.opened = (this.code ? OPENS_AS_JSON_ONLY : OPENS_AS_JSON).test(this.head);
    return true;
  }

  private read(text: string): void {
    this.length += text.length;
    if (this.kept && this.length <= MAX_PARSED_LENGTH) this.kept.push(text);
    else this.kept = undefined;
    this.keys.push(text);
    this.coverage.push(text);
    if (!this.sources.found) this.sources.push(text);
  }

  /** At the end of the file: the kind of source map it is, if one, and whether it embeds sources. */
  end(): MapFound | undefined {
    if (this.opened === undefined && this.decide(true) && this.opened) this.read(this.head);
    if (!this.opened || !this.keys.all) return undefined;
    if (!this.kept)
      return this.coverage.any
        ? { format: COVERAGE, sourcesContent: this.sources.found, coverage: true }
        : { format: 'JSON source map', sourcesContent: this.sources.found };
    let map: unknown;
    try {
      map = JSON.parse(withoutGuard(this.kept.join('')));
    } catch {
      return undefined;
    }
    if (isSourceMap(map)) return { format: 'JSON source map', sourcesContent: embedsSources(map) };
    if (isIndexMap(map))
      return {
        format: 'index map',
        sourcesContent: map.sections.some((s) => embedsSources(s.map)),
      };
    const covered = coverageMaps(map);
    if (covered.length > 0)
      return { format: COVERAGE, sourcesContent: covered.some(embedsSources), coverage: true };
    return undefined;
  }
}

const COVERAGE = 'coverage data';

/**
 * The guard a map may open with so that a browser never runs it as a script (XSSI), `)]}'`, with
 * the rest of its line (`)]}',` as some servers write it): ECMA-426 lets a map open so, and its
 * readers drop it.
 */
const GUARD = String.raw`\)\]\}'[^\n{]*\n?`;
const XSSI_GUARD = new RegExp(`^${GUARD}`);
/** Enough of a file's first characters to tell whether it opens as JSON, a quoted key and all. */
const HEAD = 256;
/** An object, behind the guard or not. */
const OPENS_AS_JSON = new RegExp(String.raw`^(?:${GUARD}\s*)?\{`);
/** An object with a quoted key and its colon, which no script opens with: `{"a":` is no block. */
const OPENS_AS_JSON_ONLY = new RegExp(String.raw`^(?:${GUARD}\s*)?\{\s*"[^"\\\n]{1,64}"\s*:`);

/** Whether a file's first bytes open a JSON object, behind the guard or not, after any blanks. */
export function opensAsJson(head: string): boolean {
  return OPENS_AS_JSON.test(head.replace(/^\s+/, ''));
}

/** A map's JSON text, without its guard. */
function withoutGuard(text: string): string {
  return text.replace(/^\s+/, '').replace(XSSI_GUARD, '');
}

/**
 * The source maps of coverage data: istanbul's, an object of file coverages by path, each with its
 * `inputSourceMap`; Node's V8 coverage, whose `source-map-cache` holds each script's as `data`.
 */
function coverageMaps(value: unknown): SourceMap[] {
  if (!isPlainObject(value)) return [];
  const cache = value['source-map-cache'];
  const scripts = isPlainObject(cache) ? Object.values(cache).filter(isPlainObject) : [];
  const files = Object.values(value)
    .filter(isPlainObject)
    .filter((file) => isPlainObject(file.statementMap));
  return [
    ...scripts.map((script) => script.data),
    ...files.map((file) => file.inputSourceMap),
  ].filter(isSourceMap);
}

/** Whether text parses as a source map or an index map. */
export function parsesAsMap(text: string): boolean {
  let map: unknown;
  try {
    map = JSON.parse(withoutGuard(text));
  } catch {
    return false;
  }
  return isSourceMap(map) || isIndexMap(map);
}

export interface MapFound {
  /** `JSON source map`, `index map` for one of sections, or `coverage data`. */
  readonly format: string;
  readonly sourcesContent: boolean;
  /** It is coverage data that holds maps (`inputSourceMap`, `source-map-cache`), not a map itself. */
  readonly coverage?: true;
}

interface SourceMap {
  readonly sourcesContent?: unknown;
}

function isSourceMap(value: unknown): value is SourceMap {
  if (typeof value !== 'object' || value === null) return false;
  const { version, mappings, sources } = value as Record<string, unknown>;
  return version === 3 && typeof mappings === 'string' && Array.isArray(sources);
}

/** An index map (ECMA-426): `sections`, each a map at an offset of the generated file. */
function isIndexMap(value: unknown): value is { sections: { map: SourceMap }[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { version, sections } = value as Record<string, unknown>;
  return (
    version === 3 &&
    Array.isArray(sections) &&
    sections.length > 0 &&
    sections.every((s) => isSourceMap((s as { map?: unknown } | null)?.map))
  );
}

function embedsSources({ sourcesContent }: SourceMap): boolean {
  return Array.isArray(sourcesContent) && sourcesContent.some((s) => typeof s === 'string');
}

/** Which of some strings occur in text that arrives in pieces of any size. */
class Occurrences {
  private readonly missing: Set<string>;
  private readonly overlap: number;
  private tail = '';

  private readonly needles: number;

  constructor(needles: readonly string[]) {
    this.missing = new Set(needles);
    this.needles = this.missing.size;
    this.overlap = Math.max(...needles.map((n) => n.length)) - 1;
  }

  get all(): boolean {
    return this.missing.size === 0;
  }

  get any(): boolean {
    return this.missing.size < this.needles;
  }

  push(text: string): void {
    if (this.all) return;
    const joined = this.tail + text;
    for (const needle of this.missing) if (joined.includes(needle)) this.missing.delete(needle);
    this.tail = joined.slice(-this.overlap);
  }
}
