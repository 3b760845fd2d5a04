import {
  addedReason,
  conjoined,
  nameShape,
  type Bucket,
  type StorageLink,
  type Unknown,
} from '@posture/model';

/**
 * Wording shared by every rule, so that all alerts read alike: the first sentence is the alert
 * title naming the bucket, then what exposes it, then the fix.
 */

/**
 * `"acme-releases" (aws_s3_bucket.releases)`, `"acme-cli-*-releases" (aws_s3_bucket.releases)` for
 * a name known in part before apply, or the address alone when nothing of the name is known.
 */
export function bucketLabel(bucket: Bucket): string {
  if (bucket.declaredElsewhere) return `"${bucket.name}" (not declared in the Terraform scanned)`;
  const shape = nameShape(bucket);
  return shape === undefined ? bucket.address : `"${shape}" (${bucket.address})`;
}

/**
 * `release bucket` or `bucket`: with `--scope all` rules also run on buckets that are not
 * release-use, and one whose only evidence is a deploy step's upload is not said to hold releases.
 */
export function bucketNoun(bucket: Bucket): string {
  return holdsReleases(bucket) ? 'release bucket' : 'bucket';
}

/**
 * Whether what makes a bucket release-use says it holds releases: anything but a deploy step
 * uploading to it, which may upload a site (see `ReleaseStep`).
 */
export function holdsReleases(bucket: Bucket): boolean {
  return bucket.release.some((evidence) => evidence.kind !== 'deploy');
}

/** The start of every bucket alert title: `Release bucket "acme-releases" (aws_s3_bucket.releases)`. */
export function bucketSubject(bucket: Bucket): string {
  return capitalise(`${bucketNoun(bucket)} ${bucketLabel(bucket)}`);
}

/** The alert title of a bucket whose exposure cannot be decided. */
export function notProvablyPrivate(bucket: Bucket, reason: string): string {
  return `${bucketSubject(bucket)} is not provably private: ${reason}`;
}

/** What to do when a value is unknown before apply; the same advice for every rule. */
export function undecidedAdvice(bucket: Bucket): string {
  return bucket.origin === 'hcl'
    ? 'Give the value a literal, a variable default or a value from --var-file or --var, or scan a plan (terraform show -json), so the exposure can be decided'
    : 'The plan does not know the value either: build it from values known before apply (a data.aws_iam_policy_document for a policy), or record a reviewed exception for this bucket, so the exposure can be decided';
}

/**
 * `block_public_acls on aws_s3_bucket_public_access_block.x is not known before apply (variable env
 * has no value)`. `reason` is the value's own unless the caller words it for where the message is.
 */
export function unknownValue(what: string, value: Unknown, reason = value.reason): string {
  const refs = value.refs.length > 0 ? `it depends on ${value.refs.join(', ')}` : undefined;
  const because = reason === undefined ? refs : addedReason(reason);
  return `${what} is not known before apply${because === undefined ? '' : ` (${because})`}`;
}

/** Where a link was found, for link alert titles: `package.json (scripts.release)`. */
export function linkPlace(link: StorageLink): string {
  return link.field === undefined ? link.fileType : `${link.fileType} (${link.field})`;
}

/**
 * What a link alert says of the link wherever in its file it is written: the message without the
 * place it starts with (`Dockerfile (ENV)`, capitalised as a sentence starts).
 */
export function unplacedMessage(message: string, link: StorageLink): string {
  const place = linkPlace(link);
  const starts = message.slice(0, place.length).toLowerCase() === place.toLowerCase();
  return starts ? message.slice(place.length) : message;
}

/**
 * What a link points at: `release bucket "acme-releases" (aws_s3_bucket.releases)`; for a bucket
 * no scanned Terraform declares, what makes it release-use (a release step's upload to it, the
 * policy's `release.buckets`), as nothing in sight shows it; or the name it carries, or the
 * placeholder it is written as.
 */
export function linkTarget(link: StorageLink, bucket: Bucket | undefined): string {
  if (bucket?.declaredElsewhere && bucket.name !== undefined) {
    const evidence = bucket.release.map((e) => e.detail);
    return declaredElsewhere(bucketNoun(bucket), bucket.name, evidence);
  }
  if (bucket) return `${bucketNoun(bucket)} ${bucketLabel(bucket)}`;
  if (link.account !== undefined) return `the S3 settings of account ${quote(link.account)}`;
  if (link.bucketUnresolved) return `a bucket named only as ${link.url}`;
  if (link.bucket === undefined) return link.url;
  if (link.releaseGlob === undefined) return `bucket ${quote(link.bucket)}`;
  return declaredElsewhere('release bucket', link.bucket, [policyNamesIt(link.releaseGlob)]);
}

/** `release bucket "acme-maps" (a release step at … uploads to it; not declared in the Terraform scanned)`. */
function declaredElsewhere(noun: string, name: string, evidence: readonly string[]): string {
  const why = evidence.length > 0 ? `${conjoined(evidence)}; ` : '';
  return `${noun} ${quote(name)} (${why}not declared in the Terraform scanned)`;
}

/** What the policy says of a bucket its `release.buckets` glob names: `release.buckets "acme-*" in the policy file names it`. */
export function policyNamesIt(glob: string): string {
  return `release.buckets ${quote(glob)} in the policy file names it`;
}

/**
 * Why a link whose bucket is a placeholder is reported one level lower: the controls that would
 * refuse what it does, `what`, cannot be checked on a bucket the scan cannot name. The placeholder
 * is said once, where the message names the bucket (`linkTarget`).
 */
export function unresolvedBucket(what: string): string {
  return `Which bucket that is cannot be read from the files scanned, so whether it refuses ${what} cannot be checked`;
}

/** `a`, `a and b`, `a, b and c`. */
export { conjoined };

/** Joins sentences, starting each with a capital and ending it with a full stop. */
export function sentences(...parts: readonly string[]): string {
  return parts
    .filter((part) => part.length > 0)
    .map((part) => capitalise(/[.!?]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Capitalises a leading English word, never an address such as `aws_s3_bucket.x` or `module.a`. */
function capitalise(text: string): string {
  return /^[a-z]+\s/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
