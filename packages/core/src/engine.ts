import {
  addTo,
  compareRanges,
  observedEntry,
  type ArtifactObservation,
  severityRank,
  type Bucket,
  type Diagnostic,
  type Facts,
  type Finding,
  type FindingDraft,
  type RelatedLocation,
  type Rule,
  type RuleMeta,
  type LinkUsage,
  type StorageLink,
} from '@posture/model';
import { unplacedMessage } from '@posture/rules';
import { ruleSetting, type Policy } from './policy/policy.js';
import { ValueOrigins } from './value-origins.js';

export interface EngineInput {
  readonly facts: Facts;
  readonly rules: readonly Rule[];
  readonly policy: Policy;
  /** The Terraform bucket each link resolves to. */
  readonly linkTargets: ReadonlyMap<StorageLink, Bucket>;
  /** What the shipped-artifact gate observed, for artifact rules. */
  readonly artifacts?: readonly ArtifactObservation[];
}

/** Runs every enabled rule over the facts it applies to and returns findings, worst first. */
export function runRules(input: EngineInput): Finding[] {
  const { facts, policy } = input;
  const enabled = input.rules.filter((r) => ruleSetting(policy, r.meta.id)?.enabled !== false);
  const inScope = facts.buckets.filter(
    (b) => policy.scope === 'all' || b.release.length > 0 || mayBeReleaseUse(b),
  );
  const links = facts.links.filter((l) => !isAllowedHost(l, policy.allowedPublicDomains));
  const artifacts = (input.artifacts ?? []).filter(
    (o) => o.kind !== 'storage-link' || !isAllowedHost(o.link, policy.allowedPublicDomains),
  );
  const origins = new ValueOrigins(facts.inventory);
  const findings = enabled.flatMap((rule): Finding[] => {
    const make = (draft: FindingDraft, extra: Partial<Finding>) =>
      finding(rule.meta, draft, policy, extra, origins);
    switch (rule.kind) {
      case 'bucket':
        return inScope
          .filter((b) => (rule.services as readonly string[]).includes(b.service))
          .flatMap((b) => checkBucket(rule, b, facts).map((d) => make(d, bucketContext(b, d))));
      case 'link':
        return oncePerFile(
          links.flatMap((link) => {
            const bucket = input.linkTargets.get(link);
            return rule
              .check(link, bucket, facts)
              .map((d) => ({ link, finding: make(d, linkContext(link, bucket)) }));
          }),
        );
      case 'diagnostic':
        return facts.inventory.diagnostics.flatMap((diag) =>
          rule.check(diag, facts).map((d) => make(d, diagnosticContext(diag))),
        );
      case 'artifact':
        return artifacts.flatMap((o) =>
          rule.check(o, facts).map((d) => make(d, artifactContext(o))),
        );
    }
  });
  return findings.sort(worstFirst);
}

/** The order of `runRules`: worst first, then by location. */
export function worstFirst(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) || compareRanges(a.location, b.location)
  );
}

/**
 * One link used the same way on several lines of a file (a URL held in a variable that a script
 * uses again and again, a Dockerfile's `ENV` that its `RUN` lines use) is one thing to fix: one
 * finding, at its first line, with the others as related locations. Two findings say the same when
 * their messages do but for the place in the file that each names (`Dockerfile (ENV)`, `Dockerfile
 * (RUN)`), which is where the link is, as its location is, and for the URL, when one goes on from
 * the other into the bucket: `$BASE/cli.tgz` uses the `https://…/releases` that `BASE` holds. A
 * command (an upload, a change of who can read the bucket) is no such link: each step that runs one
 * is its own thing to fix, so its place counts. `found` are one rule's, in the order of the links
 * (by place).
 */
const COMMANDS: ReadonlySet<LinkUsage> = new Set(['upload', 'public-upload', 'opens']);

function oncePerFile(found: readonly { link: StorageLink; finding: Finding }[]): Finding[] {
  const kept: Finding[] = [];
  const saying = new Map<string, SameSaying>();
  const again = new Map<Finding, RelatedLocation[]>();
  for (const { link, finding: f } of found) {
    const command = COMMANDS.has(link.usage);
    const said = command ? f.message : unplacedMessage(f.message, link).replace(link.url, '');
    const key = JSON.stringify([f.location.file, f.severity, said]);
    let same = saying.get(key);
    if (!same) saying.set(key, (same = new SameSaying()));
    const first = command ? same.first : same.find(link.url);
    // The lists grow in place: copying one for each use made 25,000 uses of a link take 2.6 s.
    if (first) {
      addTo(again, first.finding, { label: 'used again', range: f.location });
      continue;
    }
    same.add({ url: link.url, order: kept.length, finding: f });
    kept.push(f);
  }
  return kept.map((f) => {
    const more = again.get(f);
    return more ? { ...f, related: dedupe([...f.related, ...more]) } : f;
  });
}

interface Kept {
  readonly url: string;
  /** Its place among the findings kept: a use is added to the first kept it goes with. */
  readonly order: number;
  readonly finding: Finding;
}

/**
 * The findings kept that say one thing in one file, found by the URLs of their links: each under
 * its URL, and under each URL it goes on from (`basesOf`), so that a link is looked up in time
 * growing with its URL's length, not with the number kept: a list searched for each link made
 * 2,000 links to one bucket's objects in a file take 0.45 s. A URL with more than `MAX_BASES`
 * (`//////…`) is searched for among all kept, and searched among the others for, as before: its
 * bases, each a copy of the URL, would take time and memory growing with the square of its length.
 */
class SameSaying {
  first: Kept | undefined;
  private readonly all: Kept[] = [];
  private readonly crowded: Kept[] = [];
  private readonly byUrl = new Map<string, Kept>();
  private readonly goingOnFrom = new Map<string, Kept>();

  /** The first kept whose URL `url` goes on from, or that goes on from `url`. */
  find(url: string): Kept | undefined {
    const bases = basesOf(url);
    if (!bases) return this.all.find((kept) => related(kept.url, url));
    const found = [
      this.goingOnFrom.get(url),
      ...bases.map((base) => this.byUrl.get(base)),
      this.crowded.find((kept) => related(kept.url, url)),
    ].filter((kept) => kept !== undefined);
    return found.sort((a, b) => a.order - b.order)[0];
  }

  add(kept: Kept): void {
    this.first ??= kept;
    this.all.push(kept);
    const bases = basesOf(kept.url);
    if (!bases) {
      this.crowded.push(kept);
      return;
    }
    if (!this.byUrl.has(kept.url)) this.byUrl.set(kept.url, kept);
    for (const base of bases) if (!this.goingOnFrom.has(base)) this.goingOnFrom.set(base, kept);
  }
}

/** Bases of one URL indexed at most; realistic URLs have a few dozen. */
const MAX_BASES = 64;

/**
 * The URLs `url` goes on from: itself, and each start of it that ends in a `/` or before a `/`, `?`
 * or `#`. `$BASE/cli.tgz` goes on from the `https://…/releases` that `BASE` holds, and from
 * `https://…/releases/`, not from `https://…/rel`. Undefined past `MAX_BASES`.
 */
function basesOf(url: string): string[] | undefined {
  const ends: number[] = [url.length];
  for (let i = 0; i < url.length && ends.length <= MAX_BASES; i++) {
    if ('/?#'.includes(url[i] ?? '')) ends.push(i);
    if (url[i] === '/') ends.push(i + 1);
  }
  return ends.length > MAX_BASES ? undefined : ends.map((end) => url.slice(0, end));
}

/** Whether one of two URLs goes on from the other. */
function related(a: string, b: string): boolean {
  return goesOn(a, b) || goesOn(b, a);
}

/** Whether `url` is `base`, or goes on from it into a path, a query or a fragment. */
function goesOn(base: string, url: string): boolean {
  if (!url.startsWith(base)) return false;
  return url.length === base.length || base.endsWith('/') || '/?#'.includes(url[base.length] ?? '');
}

/** Bucket rules are typed per service; the service filter above makes this call safe. */
function checkBucket(
  rule: Extract<Rule, { kind: 'bucket' }>,
  bucket: Bucket,
  facts: Facts,
): FindingDraft[] {
  return (rule.check as (b: Bucket, f: Facts) => FindingDraft[])(bucket, facts);
}

function finding(
  meta: RuleMeta,
  draft: FindingDraft,
  policy: Policy,
  extra: Partial<Finding>,
  origins: ValueOrigins,
): Finding {
  return {
    ruleId: meta.id,
    // The policy's setting is the team's explicit decision: it wins over the rule's own grading.
    severity: ruleSetting(policy, meta.id)?.severity ?? draft.severity ?? meta.severity,
    message: extra.message ?? draft.message,
    location: draft.location,
    related: dedupe([
      ...(draft.related ?? []),
      ...origins.related(draft.location),
      ...(extra.related ?? []),
    ]),
    address: extra.address,
    resources: draft.resources,
    properties: { ...draft.properties, ...extra.properties },
  };
}

/**
 * A bucket that stands for buckets not known because a variable has no value, which Terraform
 * would refuse to plan (`for_each = var.buckets` with `var.buckets` required and no `--var-file`),
 * and whose name is not known either: any of them may be release-use. A gate that took them for
 * buckets that are not would pass a configuration it could not expand. Its facts are those every
 * instance shares, so it is judged as one.
 */
function mayBeReleaseUse(bucket: Bucket): boolean {
  return (
    bucket.release.length === 0 &&
    bucket.name === undefined &&
    bucket.unexpanded?.variable !== undefined
  );
}

/** Every bucket finding says why the bucket is release-use, and points at that evidence. */
function bucketContext(bucket: Bucket, draft: FindingDraft): Partial<Finding> {
  return {
    message: `${draft.message.trimEnd()} ${whyInScope(bucket)}`,
    address: bucket.address,
    related: [
      ...bucket.release.flatMap((e) =>
        e.range ? [{ label: 'release evidence', range: e.range }] : [],
      ),
      ...(mayBeReleaseUse(bucket) && bucket.unexpanded
        ? [{ label: 'instances not known', range: bucket.unexpanded.range }]
        : []),
    ],
    properties: {
      bucket: bucket.name,
      service: bucket.service,
      releaseUse: bucket.release.map((e) => e.detail),
      ...rootOf(bucket),
    },
  };
}

function whyInScope(bucket: Bucket): string {
  if (bucket.release.length > 0)
    return `It is release-use: ${bucket.release.map((e) => e.detail).join('; ')}.`;
  const { unexpanded } = bucket;
  if (mayBeReleaseUse(bucket) && unexpanded)
    return `It may be release-use: ${unexpanded.what} is not known (${unexpanded.reason}), so neither are the buckets it makes nor their names, and Terraform would not plan it. Pass the variables with --var-file or --var, or scan a plan.`;
  return 'It is not marked release-use; reported because the scope is all buckets.';
}

/**
 * The root module whose evaluation declares the bucket: roots (`envs/dev`, `envs/prod`) repeat
 * addresses, and an inline exception covers the resources of its own root only.
 */
function rootOf(bucket: Bucket | undefined): { rootModule?: string } {
  return bucket?.rootModule === undefined ? {} : { rootModule: bucket.rootModule };
}

/**
 * A link finding points at the bucket, and at the steps and jobs that call the local action or
 * reusable workflow it is written in, which give what it names.
 */
function linkContext(link: StorageLink, bucket: Bucket | undefined): Partial<Finding> {
  const related: RelatedLocation[] = [
    ...(bucket ? [{ label: 'bucket', range: bucket.range }] : []),
    ...(link.calledFrom ?? []).map((range) => ({ label: 'called from', range })),
    ...(link.runBy ? [{ label: 'run by', range: link.runBy }] : []),
  ];
  return {
    address: bucket?.address,
    related,
    properties: {
      link: link.url,
      usage: link.usage,
      fileType: link.fileType,
      bucket: link.bucket ?? bucket?.name,
      ...rootOf(bucket),
    },
  };
}

function diagnosticContext(diagnostic: Diagnostic): Partial<Finding> {
  return { properties: { code: diagnostic.code } };
}

/**
 * The entry path as the artifact holds it, in the package and in its package directory, and its
 * place inside, for JSON and SARIF consumers.
 */
function artifactContext(observation: ArtifactObservation): Partial<Finding> {
  const entry = observedEntry(observation);
  const at = 'at' in observation ? observation.at : undefined;
  const link = 'link' in observation ? observation.link : undefined;
  const bucket = 'bucket' in observation ? observation.bucket : undefined;
  const manifest = observation.kind === 'manifest-mismatch' ? observation : undefined;
  return {
    address: bucket?.address,
    properties: {
      artifact: entry?.artifact ?? ('artifact' in observation ? observation.artifact : undefined),
      entry: entry?.path,
      packagePath: entry?.packagePath ?? manifest?.packagePath,
      package: entry?.package,
      packageFile: entry?.packageFile ?? manifest?.packageFile,
      ...(at && { entryLine: at.line, entryColumn: at.column }),
      ...(link && { link: link.url, bucket: link.bucket ?? bucket?.name }),
      ...(observation.kind === 'credential' && { credential: observation.credential }),
      ...(manifest && { change: manifest.change }),
      ...rootOf(bucket),
    },
  };
}

function isAllowedHost(link: StorageLink, allowed: readonly string[]): boolean {
  const host = link.host?.toLowerCase();
  return (
    host !== undefined &&
    allowed.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`))
  );
}

function dedupe(related: readonly RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter((r) => {
    const key = `${r.range.file}:${r.range.start.offset}:${r.range.end.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
