import { SourcesContentDetector } from './sources-content.js';

/** A candidate map is kept whole up to this many characters, to be parsed. */
const MAX_PARSED_LENGTH = 16 * 1024 * 1024;
const KEYS = ['"version"', '"mappings"', '"sources"'];

/**
 * Whether a file not named as a source map is one by its shape — a JSON object with `version` 3, a
 * `mappings` string and a `sources` array, as maps shipped as `.map.json` or `.js.map.txt` are — and
 * whether it embeds its sources. Decided as the file streams: one that does not open with `{` is
 * dropped at its first character; one that does is parsed at its end, once its text holds the three
 * keys. A file too large to keep is a map when its text holds them, and embeds its sources as the
 * streaming detector of a `.map` file finds.
 */
export class MapShape {
  private opened: boolean | undefined;
  private kept: string[] | undefined = [];
  private length = 0;
  private readonly keys = new Occurrences(KEYS);
  private readonly sources = new SourcesContentDetector();

  push(text: string): void {
    if (this.opened === undefined) {
      const first = text.search(/\S/);
      if (first < 0) return;
      this.opened = text.charAt(first) === '{';
    }
    if (!this.opened) return;
    this.length += text.length;
    if (this.kept && this.length <= MAX_PARSED_LENGTH) this.kept.push(text);
    else this.kept = undefined;
    this.keys.push(text);
    if (!this.sources.found) this.sources.push(text);
  }

  /** At the end of the file: whether it is a source map that embeds its sources. */
  embedsSources(): boolean {
    if (!this.opened || !this.keys.all) return false;
    if (!this.kept) return this.sources.found;
    let map: unknown;
    try {
      map = JSON.parse(this.kept.join(''));
    } catch {
      return false;
    }
    if (!isSourceMap(map)) return false;
    const { sourcesContent } = map as { sourcesContent?: unknown };
    return Array.isArray(sourcesContent) && sourcesContent.some((s) => typeof s === 'string');
  }
}

function isSourceMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { version, mappings, sources } = value as Record<string, unknown>;
  return version === 3 && typeof mappings === 'string' && Array.isArray(sources);
}

/** Which of some strings occur in text that arrives in pieces of any size. */
class Occurrences {
  private readonly missing: Set<string>;
  private readonly overlap: number;
  private tail = '';

  constructor(needles: readonly string[]) {
    this.missing = new Set(needles);
    this.overlap = Math.max(...needles.map((n) => n.length)) - 1;
  }

  get all(): boolean {
    return this.missing.size === 0;
  }

  push(text: string): void {
    if (this.all) return;
    const joined = this.tail + text;
    for (const needle of this.missing) if (joined.includes(needle)) this.missing.delete(needle);
    this.tail = joined.slice(-this.overlap);
  }
}
