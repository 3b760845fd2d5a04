import { EngineUnavailable, re2js } from './re2js.js';

/**
 * A glob as picomatch reads it (with `dot`), translated to RE2 and matched by re2js in time linear
 * in the text, where picomatch's RegExp backtracks: `*` and `?` within a path segment, `**` as a
 * whole segment for any number of them, `[…]` classes (`[!…]` or `[^…]` negated; the bracketed
 * text itself matches too, so `aws_s3_bucket.b["k"]` names that address), `{a,b}` alternatives, the
 * extglobs `@(a|b)`, `?(…)`, `*(…)` and `+(…)` (32 deep at most), `\` escapes, a leading `./`
 * dropped and a leading `!` negating the glob. Dot files match as any other. `!(…)` has no RE2
 * form: it is text.
 */
export function re2Glob(glob: string, nocase: boolean): (text: string) => boolean {
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  try {
    const source = translate(negated ? glob.slice(1) : glob);
    const re = re2js().compile(`${nocase ? '(?is)' : '(?s)'}^(?:${source})$`);
    return (text) => re.testExact(text) !== negated;
  } catch (error) {
    // Thrown on, never read as no match: the glob it names says what went unmatched.
    if (error instanceof EngineUnavailable)
      throw new EngineUnavailable(
        `${error.message}, so the glob ${JSON.stringify(glob)} cannot be matched`,
      );
    throw error;
  }
}

/** Braces and extglobs nested deeper than this are text: each level is a call deeper. */
const MAX_NESTING = 32;

const EXTGLOB: Readonly<Record<string, string>> = { '@': '', '?': '?', '*': '*', '+': '+' };

/** The RE2 source of one glob. */
function translate(glob: string): string {
  const text = glob.startsWith('./') ? glob.slice(2) : glob;
  let pos = 0;
  let depth = 0;
  const groups = new Map<number, { source: string; end: number } | null>();

  /** Translates up to the end or one of `stops` (the separators of the group around it). */
  function sequence(stops: string): string {
    let out = '';
    while (pos < text.length && !stops.includes(text[pos]!)) {
      const c = text[pos]!;
      const extglob = c in EXTGLOB && text[pos + 1] === '(' ? group(c) : undefined;
      if (extglob !== undefined) out += extglob;
      else if (c === '*') out = stars(out);
      else out += special(c) ?? plain(c);
    }
    return out;
  }

  /** `?`, a class or a brace; undefined (nothing read) where the text is plain. */
  function special(c: string): string | undefined {
    if (c === '?') {
      pos++;
      return '[^/]';
    }
    if (c === '[') return bracket();
    if (c === '{') return brace();
    return undefined;
  }

  function plain(c: string): string {
    const escaped = c === '\\' && pos + 1 < text.length;
    pos += escaped ? 2 : 1;
    return quote(escaped ? text[pos - 1]! : c);
  }

  /** `**` alone in a segment crosses segments (and `a/**` matches `a`); other stars do not. */
  function stars(out: string): string {
    const start = pos;
    while (text[pos] === '*') pos++;
    const whole =
      pos - start > 1 &&
      (start === 0 || text[start - 1] === '/') &&
      (pos === text.length || text[pos] === '/');
    if (!whole) return `${out}[^/]*`;
    if (text[pos] === '/') {
      pos++;
      return `${out}(?:.*/)?`;
    }
    return start > 0 ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`;
  }

  /** `@(a|b)` and its kin; undefined (and nothing read) when the parenthesis is not closed. */
  function group(kind: string): string | undefined {
    return alternatives(pos + 2, '|)', (alts) => `(?:${alts.join('|')})${EXTGLOB[kind]}`);
  }

  /** `{a,b}`; undefined (and nothing read) without a comma or a closing brace: it is text. */
  function brace(): string | undefined {
    return alternatives(pos + 1, ',}', (alts) =>
      alts.length > 1 ? `(?:${alts.join('|')})` : undefined,
    );
  }

  /**
   * The group opened at `pos`, its alternatives read from `from`. What a group at a place reads
   * does not depend on what is around it, so each is read once: `{{{{…` never closed would
   * otherwise be read again for each brace before it, twice as long for each one more.
   */
  function alternatives(
    from: number,
    separators: string,
    make: (alts: string[]) => string | undefined,
  ): string | undefined {
    const start = pos;
    const known = groups.has(start) ? groups.get(start) : readGroup(from, separators, make);
    groups.set(start, known ?? null);
    pos = known ? known.end : start;
    return known?.source;
  }

  function readGroup(
    from: number,
    separators: string,
    make: (alts: string[]) => string | undefined,
  ): { source: string; end: number } | null {
    if (depth >= MAX_NESTING) return null;
    depth++;
    pos = from;
    const alts = [sequence(separators)];
    while (text[pos] === separators[0]) {
      pos++;
      alts.push(sequence(separators));
    }
    depth--;
    const source = text[pos] === separators[1] ? make(alts) : undefined;
    return source === undefined ? null : { source, end: pos + 1 };
  }

  /** A class, or the bracketed text itself; undefined when not closed or not a class RE2 reads. */
  function bracket(): string | undefined {
    const end = classEnd(text, pos);
    if (end === undefined) return undefined;
    const body = text.slice(pos + 1, end);
    const negated = body.startsWith('!') || body.startsWith('^');
    const members = (negated ? body.slice(1) : body).replace(/^\]/, '\\]');
    const set = `[${negated ? '^' : ''}${members}]`;
    if (!isClass(set)) return undefined;
    const literal = [...text.slice(pos, end + 1)].map(quote).join('');
    pos = end + 1;
    return `(?:${literal}|${set})`;
  }

  return sequence('');
}

/** Where the class opened at `open` closes: not at a `]` first in it, nor inside `[:alpha:]`. */
function classEnd(text: string, open: number): number | undefined {
  let i = open + 1;
  if (text[i] === '!' || text[i] === '^') i++;
  if (text[i] === ']') i++;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith('[:', i) && text.includes(':]', i + 2))
      i = text.indexOf(':]', i + 2) + 2;
    else if (text[i] === ']') return i;
    else i++;
  }
  return undefined;
}

/** A class RE2 compiles (`[z-a]` is none). */
function isClass(set: string): boolean {
  try {
    re2js().compile(set);
    return true;
  } catch (error) {
    if (error instanceof EngineUnavailable) throw error;
    return false;
  }
}

function quote(c: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}
