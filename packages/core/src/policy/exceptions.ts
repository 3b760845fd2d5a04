import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  addTo,
  globTest,
  LineIndex,
  wildcardTest,
  type Diagnostic,
  type Finding,
  type Inventory,
  type Range,
  type Suppression,
} from '@posture/model';
import { isModuleFile } from '@posture/hcl';
import { rootKey } from '../adapters/module-tree.js';
import { failsClosed } from '../gate.js';
import { expiryProblem } from './dates.js';
import type { Directive } from './directives.js';
import { policyGlobs } from './path-globs.js';
import type { PolicyException } from './policy.js';

/** An exception that is valid and in force, with what it covers. */
interface ActiveException {
  readonly rules: ReadonlySet<string>;
  readonly covers: (finding: Finding) => boolean;
  /**
   * Every place (see `placesOf`) of the findings it may cover: an inline exception covers lines of
   * one file and one resource, a policy exception that names an address or a bucket without
   * wildcards that one. None when it may cover any finding.
   */
  readonly places?: readonly string[];
  readonly suppression: Suppression;
  /**
   * The bucket block (`file:line`) of a finding the exception covers, when it names no bucket: an
   * inline exception in Terraform covering a finding only because it sits on its lines (a policy
   * document several buckets attach), a policy file exception naming an address that roots repeat.
   */
  readonly onSharedBlock?: (finding: Finding) => string | undefined;
  /** An inline exception's comment, where it is reported should it cover no finding. */
  readonly comment?: Range;
  /** A policy file exception's rule and target, as a note names it should it cover no finding. */
  readonly entry?: string;
}

export interface ExceptionCheck {
  /** Invalid and expired exceptions: they suppress nothing and become findings of their own. */
  readonly diagnostics: Diagnostic[];
  readonly active: ActiveException[];
}

export interface ExceptionInput {
  readonly root: string;
  readonly inventory: Inventory;
  readonly directives: readonly Directive[];
  readonly policyExceptions: readonly PolicyException[];
  readonly knownRules: ReadonlySet<string>;
  /** YYYY-MM-DD, UTC. */
  readonly today: string;
}

export function checkExceptions(input: ExceptionInput): ExceptionCheck {
  // Only inline exceptions read the blocks: a plan of 120,000 resources and none indexed them all.
  const blocks =
    input.directives.length > 0 ? blockIndex(input.inventory) : new Map<string, Block>();
  const sources = sourceCache();
  const diagnostics: Diagnostic[] = [];
  const active: ActiveException[] = [];
  for (const d of input.directives) {
    const problem = directiveProblem(d, input.knownRules);
    if (problem)
      diagnostics.push(
        diagnostic('exception-invalid', `Inline exception not honoured: ${problem}.`, d.range),
      );
    else if (isExpired(d.expires, input.today))
      diagnostics.push(expired(d.rules.join(','), d.expires, d.range));
    else
      active.push({
        rules: new Set(d.rules),
        ...inlineCoverage(d, blocks),
        suppression: suppression('inline', d),
        comment: d.range,
      });
  }
  for (const e of input.policyExceptions) {
    const range = policyRange(input.root, e, e.file ? sources(e.file) : new LineIndex(''));
    if (isExpired(e.expires, input.today)) diagnostics.push(expired(e.rule, e.expires, range));
    else
      active.push({
        rules: new Set([e.rule]),
        ...targetCoverage(e.target, e.file, input.root),
        suppression: suppression('policy', e, range),
        entry: policyEntry(e),
      });
  }
  return { diagnostics, active };
}

export interface ExceptionUse {
  /** For each exception, the rules of the findings it covers. */
  readonly covered: ReadonlyMap<ActiveException, readonly string[]>;
  /** For an inline exception on a block several buckets share, by rule, the buckets it names. */
  readonly shared: ReadonlyMap<ActiveException, ReadonlyMap<string, readonly string[]>>;
}

/**
 * Marks each finding that an active exception covers; the first that applies is recorded. Returns
 * what each covers, every one that applies counted. A comment on a block that the findings of
 * one rule about several buckets sit in (a policy document they all attach) waives none of them:
 * it was written for one bucket, and would waive unseen each bucket that came to attach it.
 */
export function applyExceptions(
  findings: readonly Finding[],
  active: readonly ActiveException[],
): ExceptionUse {
  const candidates = candidatesOf(active);
  const hitsOf = findings.map((finding) => {
    const hits = candidates(finding).filter(
      (e) => e.rules.has(finding.ruleId) && e.covers(finding),
    );
    return { finding, hits };
  });
  const shared = sharedBlocks(hitsOf);
  const used = new Map<ActiveException, string[]>();
  for (const { finding, hits: all } of hitsOf) {
    const hits = all.filter(
      (e) => !(shared.get(e)?.has(finding.ruleId) && e.onSharedBlock?.(finding)),
    );
    for (const hit of hits) addTo(used, hit, finding.ruleId);
    if (hits[0] && !finding.suppression) finding.suppression = hits[0].suppression;
  }
  return { covered: used, shared };
}

/**
 * For each inline exception, the rules whose findings it covers from a block that is not theirs
 * are about more than one bucket block, with the buckets (by address) they are about.
 */
function sharedBlocks(
  hitsOf: readonly { finding: Finding; hits: readonly ActiveException[] }[],
): Map<ActiveException, Map<string, string[]>> {
  const buckets = new Map<ActiveException, Map<string, Map<string, string>>>();
  for (const { finding, hits } of hitsOf)
    for (const e of hits) {
      const block = e.onSharedBlock?.(finding);
      if (block === undefined) continue;
      const byRule = buckets.get(e) ?? new Map<string, Map<string, string>>();
      buckets.set(e, byRule);
      const blocks = byRule.get(finding.ruleId) ?? new Map<string, string>();
      byRule.set(finding.ruleId, blocks);
      blocks.set(block, `${finding.address ?? bucketOf(finding) ?? 'a bucket'} at ${block}`);
    }
  const shared = new Map<ActiveException, Map<string, string[]>>();
  for (const [e, byRule] of buckets) {
    const many = [...byRule].filter(([, blocks]) => blocks.size > 1);
    const named = many.map(
      ([rule, blocks]) => [rule, [...new Set(blocks.values())].sort()] as const,
    );
    if (named.length > 0) shared.set(e, new Map(named));
  }
  return shared;
}

/**
 * Inline exceptions that cover no finding of a rule they name, of the rules that ran (`ran`): left
 * behind when what they waived was fixed, or written above a block no finding is about. A policy
 * file's are not judged: it governs the whole repository, and a scan of part of it (or without the
 * build files, or with another scope) leaves out findings its exceptions are for.
 */
export function unusedExceptions(
  active: readonly ActiveException[],
  used: ExceptionUse,
  ran: (rule: string) => boolean,
): Diagnostic[] {
  return active.flatMap((e) => {
    const shared = used.shared.get(e);
    const unused = [...e.rules].filter(
      (rule) => ran(rule) && !shared?.has(rule) && !used.covered.get(e)?.includes(rule),
    );
    if (!e.comment || unused.length === 0) return [];
    const rules = unused.join(', ');
    const message = `The inline exception for ${rules} covers no finding of ${unused.length === 1 ? 'that rule' : 'those rules'}; it waives nothing.`;
    return [diagnostic('exception-unused', message, e.comment)];
  });
}

/**
 * Exceptions that waive no finding of a rule because its findings they cover are about several
 * bucket blocks the exception does not tell apart (see `applyExceptions`): reported at the comment
 * or the policy file entry.
 */
export function sharedExceptions(
  active: readonly ActiveException[],
  used: ExceptionUse,
): Diagnostic[] {
  return active.flatMap((e) => {
    const place = e.comment ?? e.suppression.range;
    if (!place) return [];
    const fix = e.comment
      ? 'Write it above the bucket, or the resource that attaches the block to it, of the one it is for.'
      : 'Add file: or bucket: to its target, naming the one it is for.';
    return [...(used.shared.get(e) ?? [])].map(([rule, buckets]) => {
      const where = e.comment ? 'share the block it sits on' : 'share the address it names';
      const message = `${e.comment ? 'Inline' : 'Policy file'} exception not honoured: the ${rule} findings it covers are about ${buckets.join(', ')}, which ${where}; it waives none of them. ${fix}`;
      return diagnostic('exception-invalid', message, place);
    });
  });
}

/**
 * A note at each policy file exception of a rule `judged` that covers no finding: what it waived is
 * gone (and, left there, it would waive it coming back unseen), or its target is mistyped. A note,
 * not a finding as for a comment: the run judges only the rules of its own gate (`posture artifact`
 * those about shipped files), and another run, of another package, may be what it is for.
 */
export function unmatchedPolicyExceptions(
  active: readonly ActiveException[],
  used: ExceptionUse,
  judged: (rule: string) => boolean,
): Diagnostic[] {
  return active.flatMap((e) => {
    const range = e.suppression.range;
    if (e.entry === undefined || !range || used.covered.has(e) || ![...e.rules].some(judged))
      return [];
    const message = `The policy file's exception for ${e.entry} covers no finding of this run: delete it if what it waived is gone, or it waives the finding coming back unseen (an exception for another package matches nothing here).`;
    return [{ severity: 'info', code: 'policy-exception-unmatched', message, range }];
  });
}

/**
 * The exceptions that may cover a finding, in their order: those naming one of its places, and
 * those that may cover any. Each of thousands of findings is not checked against each of
 * thousands of exceptions, most of them about other lines, resources or buckets.
 */
function candidatesOf(active: readonly ActiveException[]): (finding: Finding) => ActiveException[] {
  const byPlace = new Map<string, number[]>();
  const anywhere: number[] = [];
  active.forEach((e, i) => {
    if (e.places) for (const place of e.places) addTo(byPlace, place, i);
    else anywhere.push(i);
  });
  // With no exception tied to a place, no finding's places are worth making (six keys a finding).
  const everywhere = anywhere.map((i) => active[i]!);
  return (finding) => {
    if (byPlace.size === 0) return everywhere;
    const found = new Set(anywhere);
    for (const place of placesOf(finding)) for (const i of byPlace.get(place) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b).map((i) => active[i]!);
  };
}

/**
 * A finding's line, the resources and the bucket it is about: where exceptions may cover it. A
 * resource is named as a policy file names it, and within its root module as a block declares it.
 */
function placesOf(f: Finding): string[] {
  const places = [lineKey(f.location.file, f.location.start.line)];
  for (const address of resourcesOf(f)) {
    places.push(resourceKey(address), resourceKey(declared(address)));
    places.push(resourceKey(rooted(f, address)), resourceKey(rooted(f, declared(address))));
  }
  const bucket = bucketOf(f);
  if (bucket !== undefined) places.push(bucketKey(bucket));
  return places;
}

const lineKey = (file: string, line: number) => `line\0${file}\0${line}`;
const resourceKey = (address: string) => `resource\0${address}`;
const bucketKey = (name: string) => `bucket\0${name}`;

/** The resource it is about (the bucket), and those that cause it (a policy, an ACL, a domain). */
function resourcesOf(f: Finding): string[] {
  return [...(f.address === undefined ? [] : [f.address]), ...(f.resources ?? [])];
}

/**
 * A resource of a finding within the root module of its bucket (see `rootKey`): roots (`envs/dev`,
 * `envs/prod`) repeat addresses, and a block declares the resources of the roots that read it.
 */
function rooted(f: Finding, address: string): string {
  const root = f.properties?.rootModule;
  return rootKey({ rootModule: typeof root === 'string' ? root : undefined }, address);
}

function bucketOf(f: Finding): string | undefined {
  return typeof f.properties?.bucket === 'string' ? f.properties.bucket : undefined;
}

/** The bucket block a finding is about, `file:line`. */
function bucketBlockOf(f: Finding): string | undefined {
  const bucket = f.related?.find((r) => r.label === 'bucket')?.range;
  return bucket && `${bucket.file}:${bucket.start.line}`;
}

function directiveProblem(d: Directive, known: ReadonlySet<string>): string | undefined {
  if (d.mistake !== undefined) return d.mistake;
  if (d.rules.length === 0)
    return 'name the rule it applies to, e.g. posture:ignore s3-website reason="…"';
  const unknown = d.rules.find((r) => !known.has(r));
  if (unknown) return `unknown rule id "${unknown}"`;
  // A comment in a file the scan could not read may be all that was read of it.
  const closed = d.rules.find((r) => failsClosed({ ruleId: r }));
  if (closed) return `${closed} is waived only in the policy file, never by a comment`;
  if (!d.reason) return 'it has no reason="…"; every exception must say why';
  const date = d.expires === undefined ? undefined : expiryProblem(d.expires);
  return date === undefined ? undefined : `expires=${d.expires} ${date}`;
}

function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

function expired(rules: string, expires: string | undefined, range: Range): Diagnostic {
  return diagnostic(
    'exception-expired',
    `The exception for ${rules} expired on ${expires}; it no longer suppresses anything.`,
    range,
  );
}

function diagnostic(code: string, message: string, range: Range): Diagnostic {
  return { severity: 'warning', code, message, range };
}

function suppression(
  kind: 'inline' | 'policy',
  e: { reason?: string; approvedBy?: string; expires?: string },
  range?: Range,
): Suppression {
  return { kind, reason: e.reason ?? '', approvedBy: e.approvedBy, expires: e.expires, range };
}

interface Block {
  readonly end: number;
  /**
   * Every instance the block declares, in each root module that reads it (`rootKey`): each
   * `for_each` key, each call of its module.
   */
  readonly addresses: Set<string>;
}

/**
 * Resource and module blocks by `file:startLine`, so a comment above a block covers all of it and
 * every instance of it.
 */
function blockIndex(inventory: Inventory): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const item of [...inventory.resources, ...inventory.moduleCalls]) {
    const range = item.ranges[''];
    if (!range) continue;
    const key = `${range.file}:${range.start.line}`;
    const address = rootKey(item, item.address);
    const block = blocks.get(key);
    if (block) block.addresses.add(address);
    else blocks.set(key, { end: range.end.line, addresses: new Set([address]) });
  }
  return blocks;
}

/**
 * A trailing comment covers its line. A comment on its own line covers the next line of code with
 * the lines nested under it, and when a Terraform block starts there, the whole block and every
 * finding about the resource it declares or that names it as a cause: above a bucket policy, the
 * finding on a policy document it attaches. Only the resource a root module that reads the block
 * declares there: `aws_s3_bucket.r` of `envs/staging` is not that of `envs/prod`.
 */
function inlineCoverage(
  d: Directive,
  blocks: ReadonlyMap<string, Block>,
): Pick<ActiveException, 'covers' | 'places' | 'onSharedBlock'> {
  const file = d.range.file;
  const { first: from, last } = d.covers;
  const block = d.trailing ? undefined : blocks.get(`${file}:${from}`);
  const to = block?.end ?? last;
  const lines = Array.from({ length: to - from + 1 }, (_, i) => lineKey(file, from + i));
  const own = (f: Finding) =>
    block !== undefined && resourcesOf(f).some((address) => declares(block, f, address));
  const within = (range: Range) =>
    range.file === file && range.start.line >= from && range.start.line <= to;
  return {
    covers: (f) => within(f.location) || own(f),
    places: block ? [...lines, ...[...block.addresses].map(resourceKey)] : lines,
    onSharedBlock: isModuleFile(file)
      ? (f) => {
          const bucket = f.related?.find((r) => r.label === 'bucket')?.range;
          return !bucket || own(f) || within(bucket) ? undefined : bucketBlockOf(f);
        }
      : undefined,
  };
}

/** Whether the block declares a resource of the finding, in the finding's own root module. */
function declares(block: Block, f: Finding, address: string): boolean {
  return (
    block.addresses.has(rooted(f, address)) || block.addresses.has(rooted(f, declared(address)))
  );
}

/** The resource an instance's address is of: the address without its last key. */
function declared(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Each file read once per check, however many exceptions it holds. */
function sourceCache(): (path: string) => LineIndex {
  const indexes = new Map<string, LineIndex>();
  return (path) => {
    let index = indexes.get(path);
    if (!index) {
      index = new LineIndex(readFileSync(path, 'utf8'));
      indexes.set(path, index);
    }
    return index;
  };
}

/** Address and bucket globs know only `*` and `?`: addresses are full of brackets and quotes. */
function wildcard(pattern: string): (s: string | undefined) => boolean {
  const test = wildcardTest(pattern);
  return (s) => s !== undefined && test(s);
}

/** The resource or bucket a target names without wildcards: all it may cover is about that one. */
function namedPlace(target: PolicyException['target']): string | undefined {
  const isGlob = (pattern: string) => /[*?]/.test(pattern);
  if (target.address !== undefined && !isGlob(target.address)) return resourceKey(target.address);
  if (target.bucket !== undefined && !isGlob(target.bucket)) return bucketKey(target.bucket);
  return undefined;
}

function targetCoverage(
  target: PolicyException['target'],
  policyFile: string | undefined,
  root: string,
): Pick<ActiveException, 'covers' | 'places' | 'onSharedBlock'> {
  const address = target.address === undefined ? undefined : wildcard(target.address);
  const bucket = target.bucket === undefined ? undefined : wildcard(target.bucket);
  const file = target.file === undefined ? undefined : fileCoverage(target.file, policyFile, root);
  const named = namedPlace(target);
  return {
    covers: (f) =>
      (!address || resourcesOf(f).some(address)) &&
      (!bucket || bucket(bucketOf(f))) &&
      (!file || file(f)),
    places: named === undefined ? undefined : [named],
    // An address without wildcards means one resource; roots (`envs/dev`, `envs/prod`) repeat it.
    onSharedBlock: named?.startsWith(resourceKey('')) ? bucketBlockOf : undefined,
  };
}

/**
 * `file:` names the file a finding sits in, relative to the directory of `policyFile`, the policy
 * file that holds the exception. A finding about a shipped file sits at the package setting that
 * lets it in (a `files` entry), which many files share, so `file:` also names the shipped file the
 * same way: in its package directory (`packages/a/dist/vendor/x.js.map` from the top of a
 * monorepo, `dist/vendor/x.js.map` from the package's own). Not by its path in the package alone,
 * which every package of a monorepo may ship. Only an archive read without its package directory
 * has no such path: its file is named by its path in the archive (`package/dist/vendor/x.js.map`),
 * as the reports print it.
 */
function fileCoverage(
  glob: string,
  policyFile: string | undefined,
  root: string,
): (finding: Finding) => boolean {
  const inRepository = policyGlobs([glob], policyFile, root);
  const inArchive = globTest([glob]);
  return (f) => {
    const { packageFile, entry } = f.properties ?? {};
    if (inRepository(f.location.file)) return true;
    if (typeof packageFile === 'string') return inRepository(packageFile);
    return typeof entry === 'string' && inArchive(entry);
  };
}

/** `artifact-not-allowed (file: dist/vendor/x.js.map)`. */
function policyEntry(e: PolicyException): string {
  const target = Object.entries(e.target).map(([key, glob]) => `${key}: ${glob}`);
  return target.length === 0 ? e.rule : `${e.rule} (${target.join(', ')})`;
}

/** The exception's entry in the policy file, relative to the scan root like every range. */
function policyRange(root: string, e: PolicyException, index: LineIndex): Range {
  const file = e.file ? relative(root, e.file).split('\\').join('/') : 'posture.config.yaml';
  const start = index.lineStart(e.line ?? 1);
  return index.range(file, start, start + index.lineText(e.line ?? 1).length);
}
