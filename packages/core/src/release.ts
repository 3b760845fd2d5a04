import picomatch from 'picomatch';
import type { Bucket, ReleaseEvidence, StorageLink } from '@posture/model';
import type { ReleaseSelectors, TagSelector } from './policy/policy.js';

/**
 * Decides which buckets are release-use and records why, so every finding can say it. Links must
 * already be matched to buckets: a release step uploading to a bucket is evidence too.
 */
export function classifyRelease(
  buckets: readonly Bucket[],
  uploadsByBucket: ReadonlyMap<Bucket, readonly StorageLink[]>,
  selectors: ReleaseSelectors,
): void {
  const nameMatchers = selectors.names.map(nameMatcher);
  const policyMatchers = selectors.buckets.map((g) => picomatch(g, { nocase: true, dot: true }));
  for (const bucket of buckets) {
    bucket.release = [
      ...tagEvidence(bucket, selectors.tags),
      ...nameEvidence(bucket, nameMatchers),
      ...(selectors.annotations ? annotationEvidence(bucket) : []),
      ...(selectors.pipeline ? pipelineEvidence(uploadsByBucket.get(bucket) ?? []) : []),
      ...policyEvidence(bucket, policyMatchers),
    ];
  }
}

function tagEvidence(bucket: Bucket, selectors: readonly TagSelector[]): ReleaseEvidence[] {
  const kind = bucket.service === 'gcs' ? 'label' : 'tag';
  return bucket.tags
    .filter((tag) => selectors.some((s) => tagMatches(s, tag.key, tag.value)))
    .map((tag) => ({
      kind,
      detail: `${kind} ${tag.key} = "${tag.value}"${tag.from === 'provider-default' ? ' (provider default)' : ''}`,
      range: tag.range,
    }));
}

function tagMatches(selector: TagSelector, key: string, value: string): boolean {
  if (selector.key.toLowerCase() !== key.toLowerCase()) return false;
  const v = value.toLowerCase();
  if (selector.values?.some((x) => x.toLowerCase() === v)) return true;
  return selector.contains !== undefined && v.includes(selector.contains.toLowerCase());
}

function nameEvidence(bucket: Bucket, matchers: readonly NameMatcher[]): ReleaseEvidence[] {
  const { name, namePrefix } = bucket;
  const named = name !== undefined && matchers.find((m) => m.test(name));
  if (named)
    return [{ kind: 'name', detail: `name matches ${named.glob}`, range: bucket.nameRange }];
  const prefixed = namePrefix !== undefined && matchers.find((m) => m.anyNameWith(namePrefix));
  if (!prefixed) return [];
  const detail = `its name will start with "${namePrefix}", so it matches ${prefixed.glob}`;
  return [{ kind: 'name', detail, range: bucket.nameRange }];
}

interface NameMatcher {
  readonly glob: string;
  readonly test: (name: string) => boolean;
  /** Whether every name that starts with `prefix` matches. */
  readonly anyNameWith: (prefix: string) => boolean;
}

/**
 * A glob that ends in `*` matches every name starting with `prefix` when the rest of it matches
 * some start of `prefix`: `*release*` and `acme-releases-`, `acme-*` and `acme-`.
 */
function nameMatcher(glob: string): NameMatcher {
  const test = picomatch(glob, { nocase: true, dot: true });
  const head = glob.endsWith('*')
    ? picomatch(glob.slice(0, -1), { nocase: true, dot: true })
    : undefined;
  return {
    glob,
    test,
    anyNameWith: (prefix) =>
      head !== undefined &&
      Array.from({ length: prefix.length + 1 }, (_, end) => prefix.slice(0, end)).some((start) =>
        head(start),
      ),
  };
}

function annotationEvidence(bucket: Bucket): ReleaseEvidence[] {
  return bucket.annotations
    .filter((a) => /^release\b/.test(a.text))
    .map((a) => ({ kind: 'annotation', detail: 'annotated # posture:release', range: a.range }));
}

function pipelineEvidence(uploads: readonly StorageLink[]): ReleaseEvidence[] {
  return uploads
    .filter((l) => l.releaseStep && (l.usage === 'upload' || l.usage === 'public-upload'))
    .slice(0, 1)
    .map((l) => ({
      kind: 'pipeline',
      detail: `a release step uploads to it (${l.range.file}:${l.range.start.line})`,
      range: l.range,
    }));
}

function policyEvidence(
  bucket: Bucket,
  matchers: readonly ((s: string) => boolean)[],
): ReleaseEvidence[] {
  const hit = matchers.some(
    (m) => (bucket.name !== undefined && m(bucket.name)) || m(bucket.address),
  );
  return hit ? [{ kind: 'policy', detail: 'listed as release-use in the policy file' }] : [];
}
