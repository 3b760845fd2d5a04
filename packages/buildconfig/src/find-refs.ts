/**
 * Finds storage references in text with the §4.2 patterns and the configured custom domains, and
 * grows each match into the whole reference as written (scheme, userinfo, path, query), so that its
 * range covers exactly the URL. Works on the decoded view, so JSON-escaped and URL-encoded URLs are
 * found too.
 */
import { addTo, hasPlaceholder, type LinkForm, type LinkUsage } from '@posture/model';
import { r2Opening, type Opening } from './commands.js';
import type { Path, Span } from './structured/doc.js';
import { hostIsTemplated } from './template.js';
import { asciiLower, decodedView, type TextView } from './text-view.js';
import {
  isDocumentationBucket,
  URL_PATTERNS,
  type PatternKind,
  type Service,
  type UrlPattern,
} from './url-patterns.js';

export interface CustomDomain {
  readonly host: string;
  readonly bucket?: string;
  /** The service behind the domain, when known (an R2 custom domain, a CloudFront origin). */
  readonly service?: Service;
}

/** A storage reference before classification. Offsets are file offsets, `end` exclusive. */
export interface RawRef {
  readonly start: number;
  readonly end: number;
  /** The reference with escapes decoded. Not redacted: it never leaves the package. */
  readonly text: string;
  readonly form: LinkForm;
  readonly service: Service;
  readonly bucket?: string;
  readonly host?: string;
  readonly r2DevId?: string;
  /** Usage fixed by how the reference is written (a wrangler verb, an upload field). */
  readonly usage?: LinkUsage;
  /**
   * The bucket part holds a placeholder (`s3://$BUCKET`, a field's `${{ env.BUCKET }}`): the
   * reference names a bucket only once the file's variables resolve it, and none while one stays.
   */
  readonly placeholder?: true;
  /**
   * Of a placeholder: the code of a configuration computes it (`bucket: process.env.BUCKET`), so no
   * variable of the file resolves it, and its text is the name it is read from, not what is written.
   */
  readonly computed?: true;
  /** The opening fixed by how the reference is written (wrangler-action's `r2 bucket dev-url enable`). */
  readonly opening?: Opening;
  /** For `s3-account`: the account `aws s3control` changes. */
  readonly account?: string;
  /**
   * For a field whose value an alias gives (`bucket: *bucket`), written at the anchor: the place
   * that has it, whose reading alone reads it (see `fieldRef`).
   */
  readonly at?: Path;
}

/**
 * More references than this in one file is not a build configuration: a finder stops there, and
 * tells `Truncated` that the rest of the text was not read.
 */
export const MAX_REFS_PER_FILE = 2000;

/** Told when a finder stops at `MAX_REFS_PER_FILE` with more of the text to read. */
export type Truncated = () => void;
/** How far a match reaches from its anchor, at most (a 222-character GCS bucket and its URL prefix). */
const REACH = 320;
/** Context kept beyond a window's edges for `\b`, lookbehinds and lookaheads. */
const MARGIN = 2;
const MAX_URL = 2048;

interface ScanPattern extends UrlPattern {
  readonly bucket?: string;
}

export function findUrlRefs(
  text: string,
  customDomains: readonly CustomDomain[],
  truncated?: Truncated,
): RawRef[] {
  const view = decodedView(text);
  const lower = asciiLower(view.text);
  const extent = new UrlExtent(view.text);
  const refs: RawRef[] = [];
  for (const pattern of [...URL_PATTERNS, ...customPatternsIn(lower, customDomains)]) {
    for (const match of matchesNear(view.text, lower, pattern)) {
      const ref = toRef(view, extent, pattern, match);
      if (!ref) continue;
      if (refs.length === MAX_REFS_PER_FILE) {
        truncated?.();
        return refs;
      }
      refs.push(ref);
    }
  }
  return refs;
}

/** Matches of `pattern` in windows around its anchors: linear however long the text. */
function* matchesNear(
  text: string,
  lower: string,
  pattern: UrlPattern,
): Generator<RegExpExecArray> {
  for (const [from, to] of windows(lower, pattern.anchors)) {
    const slice = text.slice(from, to);
    for (const m of slice.matchAll(pattern.regex)) {
      const start = from + m.index;
      const end = start + m[0].length;
      // A match touching a cut edge may exist only because of the cut; a real one is further in.
      if ((from > 0 && start < from + MARGIN) || (to < text.length && end > to - MARGIN)) continue;
      yield shift(m, from);
    }
  }
}

/** Merged `[from, to)` windows around every anchor occurrence. */
function windows(lower: string, anchors: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const anchor of anchors) {
    for (let i = lower.indexOf(anchor); i >= 0; i = lower.indexOf(anchor, i + 1)) {
      spans.push([
        Math.max(0, i - REACH - MARGIN),
        Math.min(lower.length, i + anchor.length + REACH + MARGIN),
      ]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** Moves a match found in a slice to text offsets. */
function shift(m: RegExpExecArray | RegExpMatchArray, from: number): RegExpExecArray {
  const shifted = m as RegExpExecArray;
  shifted.index = from + (m.index ?? 0);
  const groups = m.indices?.groups ?? {};
  for (const name of Object.keys(groups)) {
    const span = groups[name];
    if (span) groups[name] = [span[0] + from, span[1] + from];
  }
  return shifted;
}

function toRef(
  view: TextView,
  extent: UrlExtent,
  pattern: ScanPattern,
  m: RegExpExecArray,
): RawRef | undefined {
  const text = view.text;
  const matchStart = m.index;
  const matchEnd = matchStart + m[0].length;
  const groups = m.groups ?? {};
  if (
    pattern.kind === 'host' &&
    (hostIsTemplated(text, matchStart) || hostContinues(text, matchEnd))
  ) {
    return undefined;
  }
  const bucketSpan = m.indices?.groups?.bucket;
  // A command's reference is its bucket argument, or the account it changes (`aws s3control`).
  const accountSpan = m.indices?.groups?.account;
  const start = startOf(pattern.kind, extent, matchStart, (bucketSpan ?? accountSpan)?.[0]);
  const end = accountSpan
    ? accountSpan[1]
    : pattern.kind === 'command'
      ? tokenEnd(text, start)
      : extent.end(start, matchEnd);
  const refText = text.slice(start, end);
  // A bucket named in a host name is case-insensitive; one in a path is kept as written.
  const bucketInHost = bucketSpan?.[0] === matchStart;
  const bucket = groups.bucket === undefined ? pattern.bucket : groups.bucket;
  // AWS's documentation bucket (`examplebucket`) is a placeholder, as `${BUCKET}` is.
  const placeholder = bucket !== undefined && isDocumentationBucket(bucket);
  const withHost = pattern.kind === 'host' || pattern.kind === 'http';
  return {
    start: view.original(start),
    end: view.original(end),
    text: refText,
    form: pattern.form,
    service: pattern.service,
    ...(placeholder && { placeholder: true as const }),
    ...(bucket !== undefined &&
      !placeholder && { bucket: bucketInHost ? bucket.toLowerCase() : bucket }),
    ...(withHost && { host: hostOf(refText) }),
    ...(groups.id !== undefined && { r2DevId: groups.id.toLowerCase() }),
    ...(groups.verb !== undefined && { usage: verbUsage(groups.verb) }),
    ...(groups.account !== undefined && { account: groups.account }),
  };
}

/** `r2 object put bucket/key` writes; `get` and `delete` use the API. */
function verbUsage(verb: string | undefined): LinkUsage {
  return verb === 'put' ? 'upload' : 'api';
}

/**
 * The buckets of `r2 object put|get|delete bucket/key` and `r2 bucket dev-url enable|domain add
 * bucket` commands matched by `regex` (from `r2ObjectCommand` or `r2BucketCommand`) in `span`; a
 * bucket argument that holds a placeholder, where the regex admits one, is marked so, to be resolved
 * through the file's variables or dropped.
 */
export function findCommandRefs(text: string, span: Span, regex: RegExp): RawRef[] {
  const refs: RawRef[] = [];
  for (const m of text.slice(span.start, span.end).matchAll(regex)) {
    const bucket = m.indices?.groups?.bucket;
    const groups = m.groups;
    const written = groups?.bucket;
    if (!bucket || !groups || written === undefined) continue;
    const start = span.start + bucket[0];
    const placeholder = hasPlaceholder(written);
    // A placeholder may hold spaces (`${{ matrix.bucket }}`): the token goes on after it.
    const end = tokenEnd(text, placeholder ? span.start + bucket[1] : start);
    const ref = {
      start,
      end,
      text: text.slice(start, end),
      ...(placeholder ? { placeholder: true as const } : { bucket: written }),
    };
    const opening = groups.opens === undefined ? undefined : r2Opening(groups.opens);
    const usage = opening ? 'opens' : verbUsage(groups.verb);
    refs.push({ ...ref, form: 'wrangler', service: 'r2', usage, ...(opening && { opening }) });
  }
  return refs;
}

/** Where the reference starts: before a host, its scheme; in a command, its argument. */
function startOf(
  kind: PatternKind,
  extent: UrlExtent,
  matchStart: number,
  argument?: number,
): number {
  if (kind === 'host') return extent.start(matchStart);
  if (kind === 'command') return argument ?? matchStart;
  return matchStart;
}

/** A host that goes on after the match is another host: `s3.amazonaws.com.evil.test`. */
function hostContinues(text: string, end: number): boolean {
  const next = text[end] ?? '';
  if (/[a-z0-9-]/i.test(next)) return true;
  return next === '.' && /[a-z0-9]/i.test(text[end + 1] ?? '');
}

/**
 * Characters a URL is written with; quotes, spaces, square brackets and `,;|\^<>` end it. `$`, `{}`
 * and `()` stay, for templated paths such as `/$(VERSION)/` and `/${tag}/`; a command substitution
 * is part of the word the shell makes, blanks and all (`acme_$(uname -s).tgz`, see `substitutionEnd`).
 */
const URL_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&*+=%{}()') {
  URL_CHARS[c.charCodeAt(0)] = 1;
}

function isUrlChar(text: string, i: number): boolean {
  return URL_CHARS[text.charCodeAt(i)] === 1;
}

/** Finds where URLs start and end. Remembers the last run of URL characters, so that many matches
 * in one long run cost one scan of it, not one each. */
class UrlExtent {
  private runStart = -1;
  private runEnd = -1;

  constructor(private readonly text: string) {}

  /** Where the URL around a host starting at `host` starts: its scheme, `//` or userinfo. */
  start(host: number): number {
    const text = this.text;
    let start = host;
    if (text[start - 1] === '@') {
      let user = start - 1;
      while (user > 0 && start - user < 260 && /[^\s/@"'`<>]/.test(text[user - 1] ?? '')) user--;
      if (text.slice(user - 2, user) !== '//') return host;
      start = user;
    }
    if (text.slice(start - 2, start) !== '//') return start;
    start -= 2;
    if (text[start - 1] !== ':') return start;
    let scheme = start - 1;
    while (scheme > 0 && start - scheme < 16 && /[a-z0-9+.-]/i.test(text[scheme - 1] ?? ''))
      scheme--;
    return scheme < start - 1 && /[a-z]/i.test(text[scheme] ?? '') ? scheme : start;
  }

  /** Where the URL that starts at `start` and has been matched up to `matched` ends. */
  end(start: number, matched: number): number {
    if (matched < this.runStart || matched > this.runEnd) {
      let i = matched;
      // Once a `$(` is not closed, none after it is looked into: the run stays linear.
      let closes = true;
      while (i < this.text.length) {
        if (closes && this.text.startsWith('$(', i)) {
          const after = substitutionEnd(this.text, i);
          closes = after !== undefined;
          i = after ?? i + 2;
        } else if (isUrlChar(this.text, i)) i++;
        else break;
      }
      this.runStart = matched;
      this.runEnd = i;
    }
    const end = Math.min(this.runEnd, matched + MAX_URL);
    // `.npmrc` writes settings after a registry URL: `//host/path/:_authToken=…`.
    const setting = this.text.slice(matched, end).indexOf('/:_');
    return trimEnd(this.text, start, matched, setting < 0 ? end : matched + setting + 1);
  }
}

/** After the `$(…)` that starts at `at`, when a `)` closes it on its line within a URL's length. */
function substitutionEnd(text: string, at: number): number | undefined {
  let depth = 0;
  for (let i = at + 1; i < text.length && i - at < MAX_URL; i++) {
    const c = text[i];
    if (c === '\n') break;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return undefined;
}

/**
 * Drops sentence punctuation, an unbalanced `}` or `)` (a template's or a call's end) and a
 * template's start cut by a space (`…/${{ github.sha }}` ends the URL at `…/`). A `)` that closes
 * nothing the URL opens ends it: the URL is in a command substitution, and what follows is the word
 * around it (`…/$(curl -s https://…/stable.txt)/cli` ends the inner URL at `stable.txt`).
 */
function trimEnd(text: string, start: number, matched: number, written: number): number {
  let end = Math.max(matched, closerEnd(text, start, written));
  // How many more closing than opening characters the URL holds, per kind.
  const excess = { '}': 0, ')': 0 };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '}' || c === ')') excess[c]++;
    else if (c === '{') excess['}']--;
    else if (c === '(') excess[')']--;
  }
  while (end > matched) {
    const last = text[end - 1];
    if (last === '}' || last === ')') {
      if (excess[last] <= 0) break;
      excess[last]--;
    } else if (last === '{') excess['}']++;
    else if (!'.:!?$'.includes(last ?? '')) break;
    end--;
  }
  return end;
}

/** Where the first `)` in `[start, end)` that closes nothing opened there is, else `end`. */
function closerEnd(text: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth < 0) return i;
  }
  return end;
}

/** The end of a CLI argument such as `bucket/key`. */
function tokenEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && end - start < MAX_URL && !/[\s"'`;|&)]/.test(text[end] ?? '')) end++;
  return end;
}

function hostOf(url: string): string | undefined {
  let rest = url.replace(/^[a-z][a-z0-9+.-]*:/i, '');
  if (rest.startsWith('//')) rest = rest.slice(2);
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  return host === '' ? undefined : host.toLowerCase();
}

/** A host-like run right after `//` or `@`: where a custom domain can start. */
const HOST_START = /(?:\/\/|@)([a-z0-9.-]+)/g;

/** Custom-domain patterns by host, with their place in the list, compiled once per list. */
const compiled = new WeakMap<readonly CustomDomain[], Map<string, [number, ScanPattern][]>>();

/**
 * The custom-domain patterns that can match in `lower`, in the list's order. A custom domain only
 * matches as the host after `//` (and any userinfo's `@`), followed by neither a host character nor
 * `.` and one: so it is the host-like run there, or the part of it before a dot. Looking those up
 * costs one pass over the text however many domains the scan knows, and one list serves every
 * file of a scan, so its patterns are compiled once.
 */
function customPatternsIn(lower: string, domains: readonly CustomDomain[]): ScanPattern[] {
  if (domains.length === 0) return [];
  let byHost = compiled.get(domains);
  if (!byHost) {
    const index = new Map<string, [number, ScanPattern][]>();
    customPatterns(domains).forEach((pattern, i) => {
      const host = pattern.anchors[0] ?? '';
      addTo(index, host, [i, pattern]);
    });
    compiled.set(domains, index);
    byHost = index;
  }
  const found = new Map<number, ScanPattern>();
  const add = (host: string) => {
    // `downloads.acme.io` is on `*.acme.io` too, whose anchor is `.acme.io`.
    const dot = host.indexOf('.');
    for (const key of dot < 0 ? [host] : [host, host.slice(dot)]) {
      for (const [i, pattern] of byHost.get(key) ?? []) found.set(i, pattern);
    }
  };
  for (const m of lower.matchAll(HOST_START)) {
    const run = m[1] ?? '';
    for (let dot = run.indexOf('.'); dot >= 0; dot = run.indexOf('.', dot + 1))
      add(run.slice(0, dot));
    add(run);
  }
  return [...found].sort((x, y) => x[0] - y[0]).map(([, pattern]) => pattern);
}

/**
 * A pattern for each custom domain. A wildcard one (`*.acme.io`, as a CloudFront alias may be)
 * stands for each host one label longer, as DNS and CloudFront read it: `downloads.acme.io`, not
 * `acme.io` nor `a.b.acme.io`.
 */
function customPatterns(domains: readonly CustomDomain[]): ScanPattern[] {
  return domains.flatMap((domain) => {
    const host = domain.host.toLowerCase().replace(/\.$/, '');
    if (!/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host)) return [];
    const escaped = host.replace(/[.]/g, '\\.').replace(/^\*/, '[a-z0-9-]{1,63}');
    return [
      {
        name: `custom:${host}`,
        service: domain.service ?? 'unknown',
        form: 'custom-domain',
        kind: 'host',
        anchors: [host.replace(/^\*/, '')],
        // Only as the host of a URL (after `//` and any userinfo), never a longer host's tail.
        regex: new RegExp(
          String.raw`(?<=//(?:[^\s/@"'\x60]{1,256}@)?)${escaped}(?![a-z0-9\-]|\.[a-z0-9])`,
          'gid',
        ),
        ...(domain.bucket !== undefined && { bucket: domain.bucket }),
      },
    ];
  });
}
