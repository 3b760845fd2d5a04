import {
  globTest,
  nameShape,
  type Bucket,
  type ReleaseEvidence,
  type StorageLink,
} from '@posture/model';
import { policyNamesIt } from '@posture/rules';
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
  const policyGlob = policyBucketGlob(selectors);
  for (const bucket of buckets) {
    bucket.release = [
      ...tagEvidence(bucket, selectors.tags),
      ...nameEvidence(bucket, nameMatchers),
      ...(selectors.annotations ? annotationEvidence(bucket) : []),
      ...(selectors.pipeline ? pipelineEvidence(uploadsByBucket.get(bucket) ?? []) : []),
      ...policyEvidence(bucket, policyGlob),
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
  const { name, nameParts } = bucket;
  const named = name !== undefined && matchers.find((m) => m.test(name));
  if (named)
    return [{ kind: 'name', detail: `name matches ${named.glob}`, range: bucket.nameRange }];
  const certain = nameParts !== undefined && matchers.find((m) => m.everyName(nameParts));
  if (!certain) return [];
  const detail = `its name, "${nameShape(bucket)}" until apply, matches ${certain.glob} whatever it becomes`;
  return [{ kind: 'name', detail, range: bucket.nameRange }];
}

interface NameMatcher {
  readonly glob: string;
  readonly test: (name: string) => boolean;
  /** Whether every name that fills the gaps (`null`) between the known parts matches. */
  readonly everyName: (parts: readonly (string | null)[]) => boolean;
}

/** Characters that make a glob more than literal text and `*`. */
const NOT_STARS_ONLY = /[?[\]{}()!+@\\]/;
/** Fills the gaps of a name: a character no literal part of a stars-only glob can match. */
const GAP = '\u0001';

/**
 * A glob of literal text and `*` matches every filling of the gaps when it matches with a character
 * it does not contain in each: a `*` must then absorb that gap, and would absorb anything there.
 * Other globs (`?`, classes, braces) are never certain.
 */
function nameMatcher(glob: string): NameMatcher {
  const test = globTest([glob], { nocase: true });
  return {
    glob,
    test,
    everyName: (parts) =>
      !NOT_STARS_ONLY.test(glob) && test(parts.map((part) => part ?? GAP).join('')),
  };
}

function annotationEvidence(bucket: Bucket): ReleaseEvidence[] {
  return bucket.annotations
    .filter((a) => /^release\b/i.test(a.text))
    .map((a) => ({ kind: 'annotation', detail: 'annotated # posture:release', range: a.range }));
}

/** The first release step's upload to the bucket, or failing one the first deploy step's. */
function pipelineEvidence(uploads: readonly StorageLink[]): ReleaseEvidence[] {
  const steps = uploads.filter(isReleaseUpload);
  const upload = steps.find((l) => l.releaseStep === 'release') ?? steps[0];
  if (!upload) return [];
  const step = upload.releaseStep === 'deploy' ? 'deploy' : 'release';
  return [
    {
      kind: step === 'deploy' ? 'deploy' : 'pipeline',
      detail: `a ${step} step at ${upload.range.file}:${upload.range.start.line} uploads to it`,
      range: upload.range,
    },
  ];
}

/** A release or deploy step writes to the link's bucket: evidence that the bucket is release-use. */
export function isReleaseUpload(link: StorageLink): boolean {
  return link.releaseStep !== false && (link.usage === 'upload' || link.usage === 'public-upload');
}

/**
 * The `release.buckets` glob that names a bucket (by name or address) release-use, if any. Links to
 * buckets no scanned Terraform declares are matched by it too, by name, but never by the
 * `release.names` globs, which would take other people's `*-releases` buckets a build downloads
 * tools from for ours.
 */
export function policyBucketGlob(
  selectors: ReleaseSelectors,
): (name: string) => string | undefined {
  const matchers = selectors.buckets.map((glob) => ({
    glob,
    test: globTest([glob], { nocase: true }),
  }));
  return (name) => matchers.find((m) => m.test(name))?.glob;
}

function policyEvidence(
  bucket: Bucket,
  policyGlob: (nameOrAddress: string) => string | undefined,
): ReleaseEvidence[] {
  const hit = (bucket.name !== undefined && policyGlob(bucket.name)) || policyGlob(bucket.address);
  return hit ? [{ kind: 'policy', detail: policyNamesIt(hit) }] : [];
}
