/**
 * Storage links that shipped JavaScript assembles instead of writing whole, which the URL patterns
 * alone miss: a template whose parts are names the file declares
 * (`` `https://${BUCKET}.s3.amazonaws.com/${key}` ``), strings and names joined with `+`
 * (`"https://" + BUCKET + ".s3.amazonaws.com/app.tgz"`), the URL `new URL(path, base)` makes
 * (`new URL("acme-releases/app.tgz", "https://s3.amazonaws.com/")`), and the bucket an SDK call
 * names (the AWS SDK's `{ Bucket: BUCKET }`, Google Cloud Storage's
 * `storage.bucket("acme-downloads")`, each value it falls back to:
 * `{ Bucket: process.env.BUCKET || "acme-releases" }`). The joined
 * string is read for links as `findTextLinks` reads any text, so every form it knows is known here;
 * a part the file does not state (`${key}`) stays a placeholder, which names no bucket where the
 * bucket would be. A bucket name alone, outside such a call, is none: most are not.
 */
import { findTextLinks, type TextLink } from './text-links.js';
import type { CustomDomain } from './find-refs.js';
import { joinAround } from './structured/js-joins/chains.js';
import { skipBlanks } from './structured/js-joins/characters.js';
import { JsConstants } from './structured/js-joins/constants.js';
import { alternativesAt } from './structured/js-joins/expressions.js';
import { MAX_ALTERNATIVES, type Join } from './structured/js-joins/join.js';
import { joinings, resolvesAName } from './structured/js-joins/joinings.js';
import { inComment } from './structured/js-comments.js';
import { URL_PATTERNS, isBucketName, type Service } from './url-patterns.js';

export { JsConstants } from './structured/js-joins/constants.js';

/** A string the text assembles, where a storage link may be once its names are known. */
export interface Assembly extends Join {
  /** The SDK call that names its value a bucket of this service, when it is one's argument. */
  readonly sdk?: Service;
  /**
   * Found at a name whose value holds the host (`"https://" + B + HOST`): a link it makes without
   * a bucket is the declaration's, where the URL patterns find it, not this string's.
   */
  readonly atHostName?: true;
  /**
   * The base of `new URL(path, base)`, each string it may be, when the assembly is its path: the
   * link is the URL the two make (`new URL("acme-releases/app.tgz", "https://s3.amazonaws.com/")`).
   */
  readonly base?: readonly Join[];
}

/** The links an assembled string makes, and whether its names had more values than were read. */
export interface AssembledLinks {
  readonly links: readonly TextLink[];
  readonly bounded: boolean;
}

/** `Bucket: …` of the AWS SDK's S3 commands and calls (`new PutObjectCommand({ Bucket, Key })`). */
const AWS_BUCKET_PARAM = /(?<![\w$])["']?Bucket["']?[ \t]{0,16}:[ \t]{0,16}/g;
/**
 * `{ Bucket, Key }`: the shorthand of the AWS SDK's docs, the value a name `Bucket` declared. What
 * precedes it (`{` or `,`) is checked apart: a lookbehind first would be tried at every character.
 */
const AWS_BUCKET_SHORTHAND = /Bucket(?=[ \t\r\n]{0,64}[,}])/g;
const SHORTHAND_BEFORE = /[{,][ \t\r\n]{0,64}$/;
/**
 * The calls whose arguments are read: `….bucket(…)` of the Google Cloud Storage client, and
 * `new URL(…)` of a path and a base, sought from its `URL(` (the `new` before it checked apart: a
 * pattern from `new`, or a lookbehind first, is tried at many more places), in one pass.
 */
const CALLS = /\.bucket\([ \t]{0,16}|URL\([ \t]{0,16}/g;
const NEW_BEFORE = /(?<![\w$.])new[ \t]{1,16}$/;
/**
 * What tells Google Cloud Storage's `bucket()` from another client's (Couchbase's
 * `cluster.bucket()`): a `Storage` client before it, or a method of its Bucket after it.
 */
const GCS_RECEIVER = /(?:storage|gcs|Storage\([^()]{0,64}\))$/i;
const GCS_BUCKET_METHOD =
  /^[ \t]{0,16}\)\s{0,64}\.(?:file|upload|getFiles|getFilesStream|exists|get|getMetadata|setMetadata|makePublic|makePrivate|delete|deleteFiles|combine|create|getSignedUrl|acl|iam|setStorageClass)\b/;

/** The anchors of the URL patterns (not of commands, which scripts do not assemble). */
const URL_ANCHORS = [
  ...new Set(URL_PATTERNS.filter((p) => p.kind !== 'command').flatMap((p) => p.anchors)),
];
/**
 * The few strings the anchors are made of (`://` of every URI scheme), sought in one pass, which
 * costs a fraction of seeking each anchor; an anchor none of them is part of is sought itself.
 */
const KEYS = ['amazonaws.com', 'google', '://', ':s3:::', '.r2.dev', 'r2.cloudflarestorage.com'];
const SOUGHT = [...KEYS, ...URL_ANCHORS.filter((a) => !KEYS.some((k) => a.includes(k)))];
const SOUGHT_PATTERN = literalsPattern(SOUGHT);
/** The anchors each sought string is part of, and where in them. */
const ANCHORS_OF = new Map(
  SOUGHT.map((key) => [
    key,
    URL_ANCHORS.filter((a) => a.includes(key)).map((a) => [a, a.indexOf(key)] as const),
  ]),
);

/**
 * The strings assembled in `text` whose place is in `[from, limit)`: each `+` chain or template
 * around a storage URL's anchor (or a custom domain's host) or a name in `hostNames` (see
 * `namesPattern`), and each SDK call's bucket argument. `bounded` is called when a bound cut the
 * alternatives of an SDK call's or `new URL`'s argument (see `alternativesAt`).
 */
export function findAssemblies(
  text: string,
  from: number,
  limit: number,
  customDomains: readonly CustomDomain[] = [],
  hostNames?: RegExp,
  bounded: () => void = () => undefined,
): Assembly[] {
  const found = new Map<number, Assembly>();
  // The chain last read: an anchor it holds before its `through` was read with it.
  let last: Join | undefined;
  for (const at of anchorsIn(text.slice(0, limit), from, customDomains)) {
    if (last && at >= last.start && at < last.through) continue;
    const join = joinAround(text, at);
    last = join ?? last;
    if (join && !found.has(join.start) && !(assembles(join) && inComment(text, join.start)))
      found.set(join.start, join);
  }
  for (const m of hostNames ? text.slice(0, limit).matchAll(hostNames) : []) {
    const join = m.index >= from ? joinAround(text, m.index) : undefined;
    if (join && !found.has(join.start) && !inComment(text, join.start))
      found.set(join.start, { ...join, atHostName: true });
  }
  for (const m of text.matchAll(AWS_BUCKET_PARAM)) {
    if (m.index < from || m.index >= limit || inComment(text, m.index)) continue;
    for (const join of alternativesAt(text, m.index + m[0].length, bounded))
      found.set(join.start, { ...join, sdk: 's3' });
  }
  for (const m of text.matchAll(AWS_BUCKET_SHORTHAND)) {
    if (m.index < from || m.index >= limit) continue;
    const before = text.slice(Math.max(0, m.index - 65), m.index);
    if (!SHORTHAND_BEFORE.test(before) || inComment(text, m.index)) continue;
    const end = m.index + m[0].length;
    const shorthand = { start: m.index, end, parts: [{ name: m[0] }], operands: 1, through: end };
    found.set(m.index, { ...shorthand, sdk: 's3' });
  }
  for (const m of text.matchAll(CALLS)) {
    const at = m.index + m[0].length;
    if (m.index < from || m.index >= limit) continue;
    const read = m[0].startsWith('URL')
      ? urlPaths(text, m.index, at, bounded)
      : gcsBuckets(text, m.index, at, bounded);
    for (const assembly of read) found.set(assembly.start, assembly);
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** The buckets a GCS `bucket(` at `call` names, its arguments from `at`. */
function gcsBuckets(text: string, call: number, at: number, bounded: () => void): Assembly[] {
  if (inComment(text, call)) return [];
  let cut = false;
  const joins = alternativesAt(text, at, () => (cut = true));
  // Cut whole, it is taken for a GCS call; else its receiver or method tells.
  const gcs = joins.length > 0 && isGcsCall(text, call, joins.at(-1)!.end);
  if (cut && (gcs || joins.length === 0)) bounded();
  if (!gcs) return [];
  return joins.map((join) => ({ ...join, sdk: 'gcs' }));
}

/** The paths of a `new URL(path, base)` whose `URL(` is at `call`, each with the base. */
function urlPaths(text: string, call: number, at: number, bounded: () => void): Assembly[] {
  const newBefore = NEW_BEFORE.test(text.slice(Math.max(0, call - 24), call));
  if (!newBefore || inComment(text, call)) return [];
  const paths = alternativesAt(text, at, bounded);
  const comma = paths.length > 0 ? skipBlanks(text, paths.at(-1)!.end) : undefined;
  if (comma === undefined || text[comma] !== ',') return [];
  const base = alternativesAt(text, skipBlanks(text, comma + 1), bounded);
  const end = base.at(-1)?.end;
  return end === undefined ? [] : paths.map((path) => ({ ...path, end, through: end, base }));
}

/** The names declared a storage host that a whole text's strings are read for, at most. */
const MAX_HOST_NAMES = 256;

/** A link a text assembles, placed on the whole expression that assembles it. */
export interface PlacedLink {
  readonly start: number;
  readonly end: number;
  readonly link: TextLink;
}

/**
 * The links a whole script assembles (a Node script a build runs, a bundler's configuration), read
 * at once as a shipped file is read window by window (see the artifact's `AssembledLinks`): its
 * declarations all learnt first, so that a name declared below its use is known, then each string
 * that assembles a link. A template alone only when each of its parts is one string at most (see
 * `readInScripts`); never is a name's value read through a name that says it holds a credential
 * (see `JsConstants`), as the artifact gate reads none either.
 * `bounded` when a bound (of names, of their values, of host names) left one unread.
 */
export function scriptAssembledLinks(
  text: string,
  customDomains: readonly CustomDomain[] = [],
): { links: PlacedLink[]; bounded: boolean } {
  const constants = new JsConstants();
  const declared = new Set(constants.learn(text).map(([name]) => name));
  const hostNames = [...declared].filter((name) =>
    constants.valuesNow(name).some((value) => holdsHost(value, customDomains)),
  );
  let bounded = hostNames.length > MAX_HOST_NAMES;
  const hosts = hostNames.length > 0 ? namesPattern(hostNames.slice(0, MAX_HOST_NAMES)) : undefined;
  const cut = () => void (bounded = true);
  const links: PlacedLink[] = [];
  for (const assembly of findAssemblies(text, 0, text.length, customDomains, hosts, cut)) {
    if (!readInScripts(assembly, constants.valuesOf)) continue;
    const read = assembledLinks(assembly, constants.valuesOf, customDomains);
    bounded ||= read.bounded;
    for (const link of read.links) links.push({ start: assembly.start, end: assembly.end, link });
  }
  return { links, bounded: bounded || constants.capped || constants.bounded };
}

/**
 * Whether a script's assembly is read here: a join of several operands, an SDK call's argument, a
 * `new URL`, and a template alone each part of which is one string at most. The file's variables
 * resolve a template's name given one string; this also reads the one string a fallback gives it
 * (`${B}` after `const B = process.env.B || "acme-releases"`, `${process.env.B ?? "acme-releases"}`),
 * which they leave. A part of several strings (`prod ? "a" : "b"`, a name assigned two) keeps the
 * template a placeholder, as they keep it.
 */
function readInScripts(assembly: Assembly, values: (name: string) => readonly string[]): boolean {
  if (assembly.operands > 1 || assembly.sdk || assembly.base) return true;
  return assembly.parts.every(
    (part) => typeof part === 'string' || (part.values ?? values(part.name)).length <= 1,
  );
}

/**
 * Whether a join assembles a string: one written whole makes no link here (the URL patterns find
 * it), so whether it is in a comment need not be read.
 */
function assembles(join: Join): boolean {
  return join.operands > 1 || join.parts.some((part) => typeof part !== 'string');
}

/**
 * The links of an assembled string once `values` gives its names' values: those its parts make
 * together, or, for an SDK call's argument, the bucket it names; for each value a name may have,
 * at most 8 strings. Empty when the string is written whole, where the URL patterns find it as it
 * is.
 */
export function assembledLinks(
  assembly: Assembly,
  values: (name: string) => readonly string[],
  customDomains: readonly CustomDomain[] = [],
): AssembledLinks {
  const { texts, bounded } = joinings(assembly, values);
  const { sdk, base } = assembly;
  if (base) return urlLinks(texts, base, values, customDomains, bounded);
  if (sdk) {
    const scheme = sdk === 'gcs' ? 'gs' : 's3';
    const buckets = texts.filter((text) => isBucketName(text, sdk));
    return { links: buckets.flatMap((bucket) => findTextLinks(`${scheme}://${bucket}`)), bounded };
  }
  if (assembly.operands < 2 && !resolvesAName(assembly, values)) return { links: [], bounded };
  const links = texts.flatMap((text) => findTextLinks(text, customDomains));
  return {
    links: assembly.atHostName ? links.filter((link) => link.bucket !== undefined) : links,
    bounded,
  };
}

/**
 * The links `new URL(path, base)` makes with buckets no base names alone: one that does is a link
 * where the base is written, and need not be reported again where it is used.
 */
function urlLinks(
  paths: readonly string[],
  base: readonly Join[],
  values: (name: string) => readonly string[],
  customDomains: readonly CustomDomain[],
  pathsBounded: boolean,
): AssembledLinks {
  const bases = base.map((join) => joinings(join, values));
  const baseTexts = bases.flatMap((b) => b.texts);
  const named = new Set(
    baseTexts.flatMap((text) => findTextLinks(text, customDomains)).map((link) => link.bucket),
  );
  const urls = baseTexts.flatMap((b) => paths.map((path) => resolveUrl(path, b)));
  const links = urls
    .slice(0, MAX_ALTERNATIVES)
    .flatMap((url) => findTextLinks(url, customDomains))
    .filter((link) => link.bucket !== undefined && !named.has(link.bucket));
  const bounded = pathsBounded || bases.some((b) => b.bounded) || urls.length > MAX_ALTERNATIVES;
  return { links, bounded };
}

/**
 * The URL `new URL(path, base)` makes, read as text: a path with a scheme is whole, one from `//`
 * keeps the base's scheme, one from `/` its origin, another all of it up to its last `/`. A base
 * without a scheme makes none (`new URL` throws).
 */
function resolveUrl(path: string, base: string): string {
  if (/^[a-z][\w+.-]*:/i.test(path)) return path;
  const origin = /^[a-z][\w+.-]*:\/\/[^/?#]*/i.exec(base)?.[0];
  if (origin === undefined) return '';
  if (path.startsWith('//')) return `${base.slice(0, base.indexOf(':') + 1)}${path}`;
  if (path.startsWith('/')) return origin + path;
  const rest = base.slice(origin.length).replace(/[?#][^]*$/, '');
  return `${origin}${rest.slice(0, rest.lastIndexOf('/') + 1) || '/'}${path}`;
}

/**
 * Whether a declared value holds a storage host but names no bucket (`".s3.amazonaws.com"`,
 * `"https://storage.googleapis.com/"`): a string joined with its name may make a link. A value
 * that names one is a link where it is declared.
 */
export function holdsHost(value: string, customDomains: readonly CustomDomain[] = []): boolean {
  return (
    !anchorsIn(value, 0, customDomains).next().done &&
    findTextLinks(value, customDomains).every((link) => link.bucket === undefined)
  );
}

/** One pattern of the names (`HOST`, `cfg.host`) as a whole name, not part of a longer one. */
export function namesPattern(names: readonly string[]): RegExp {
  const escaped = names.map((name) => name.replace(/[.$]/g, '\\$&'));
  return new RegExp(`(?<![\\w$.])(?:${escaped.join('|')})(?![\\w$])`, 'g');
}

/** Where the URL patterns' anchors and the custom domains' hosts start in `text`, from `from`. */
function* anchorsIn(
  text: string,
  from: number,
  customDomains: readonly CustomDomain[],
): Generator<number> {
  for (const m of text.matchAll(SOUGHT_PATTERN)) {
    const whole = ANCHORS_OF.get(m[0].toLowerCase())?.find(
      ([a, i]) => text.slice(m.index - i, m.index - i + a.length).toLowerCase() === a,
    );
    if (whole && m.index - whole[1] >= from) yield m.index - whole[1];
  }
  if (customDomains.length === 0) return;
  for (const m of text.matchAll(hostsPattern(customDomains))) if (m.index >= from) yield m.index;
}

/** One case-insensitive pattern of literal strings: a single pass over the text finds them all. */
function literalsPattern(literals: readonly string[]): RegExp {
  return new RegExp(literals.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
}

/**
 * The custom domains' hosts, compiled once per list (one list serves a whole scan); a wildcard
 * one's (`*.acme.io`) from its dot, as a script joins a label to it (`SUB + ".acme.io"`).
 */
function hostsPattern(domains: readonly CustomDomain[]): RegExp {
  let pattern = hostPatterns.get(domains);
  if (!pattern) {
    pattern = literalsPattern(domains.map((d) => d.host.toLowerCase().replace(/^\*(?=\.)/, '')));
    hostPatterns.set(domains, pattern);
  }
  return pattern;
}
const hostPatterns = new WeakMap<readonly CustomDomain[], RegExp>();

function isGcsCall(text: string, call: number, argumentEnd: number): boolean {
  const receiver = text.slice(Math.max(0, call - 80), call);
  return (
    GCS_RECEIVER.test(receiver) ||
    GCS_BUCKET_METHOD.test(text.slice(argumentEnd, argumentEnd + 128))
  );
}
