import { PUBLIC_ACCESS_BLOCK_FLAGS, isUnknown } from '@posture/model';
import type {
  BucketRule,
  FindingDraft,
  PublicAccessBlock,
  PublicAccessBlockFlag,
  S3Bucket,
} from '@posture/model';
import { relatedTo, undecidedDraft } from '../drafts.js';
import { effectivePublicAccessBlock, publicAccessBlocks } from '../exposure/s3.js';
import type { EffectiveFlag } from '../exposure/s3.js';
import { bucketSubject, notProvablyPrivate, sentences, unknownValue } from '../messages.js';

const FLAGS_ON =
  'block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true';

/** The Cloud Control provider sets the block on the bucket itself, the AWS provider beside it. */
function onTheBucket(bucket: S3Bucket): boolean {
  return bucket.resourceType === 'awscc_s3_bucket';
}

/** Where the block is written: on the bucket, through the inputs of its registry module, or beside it. */
function remedy(bucket: S3Bucket): string {
  if (onTheBucket(bucket))
    return `Set public_access_block_configuration on ${bucket.address} with ${FLAGS_ON}`;
  // terraform-aws-modules/s3-bucket takes the four flags as inputs of the same names.
  if (bucket.viaModule) return `Give ${bucket.address} the inputs ${FLAGS_ON}`;
  return `Declare an aws_s3_bucket_public_access_block for the bucket with ${FLAGS_ON}`;
}

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-public-access-block',
    title: 'S3 Block Public Access is not fully on',
    severity: 'high',
    why: "S3 Block Public Access is the one switch that overrides every public ACL and bucket policy. In Terraform each of its four flags defaults to false, so an aws_s3_bucket_public_access_block that omits a flag turns that protection off — it overrides the AWS default that new buckets have had since April 2023. A bucket with no block at all (bucket-level or account-level) is left to whatever AWS applied at creation: buckets created before April 2023 have no protection, and a later change in the console is invisible to Terraform. A release bucket needs the protection declared, so that a mistaken ACL or policy cannot publish it. An account-level block counts for a bucket only where it is known to be applied in the bucket's account: through a provider with the same credentials settings (an alias that only changes the region is the same account) in the same root module, or in another root module when both providers name the same account (assume_role, allowed_account_ids, profile).",
    fix: 'Declare an aws_s3_bucket_public_access_block for the bucket with all four flags set to true, or an aws_s3_account_public_access_block with all four set to true for the whole account. Never omit a flag: omitted means false.',
    bad: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}

resource "aws_s3_bucket_public_access_block" "releases" {
  bucket            = aws_s3_bucket.releases.id
  block_public_acls = true
  # the other three flags default to false
}`,
    },
    good: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}

resource "aws_s3_bucket_public_access_block" "releases" {
  bucket                  = aws_s3_bucket.releases.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
    },
    tags: ['security', 's3', 'aws', 'public-access-block', 'private-by-default'],
    cwe: ['CWE-284'],
    precision: 'high',
  },
  check(bucket) {
    const blocks = publicAccessBlocks(bucket);
    // A bucket declared elsewhere may have its block there, out of sight.
    if (blocks.length === 0) return bucket.declaredElsewhere ? [] : [unmanaged(bucket)];
    const effective = effectivePublicAccessBlock(bucket);
    const off = effective.filter((flag) => flag.state === 'off');
    const unknown = effective.filter((flag) => flag.state === 'unknown');
    if (off.length > 0) return [turnedOff(bucket, off, unknown)];
    if (unknown.length > 0) return [undecided(bucket, unknown)];
    return overriddenByAccount(bucket);
  },
};

export default rule;

function unmanaged(bucket: S3Bucket): FindingDraft {
  return {
    severity: 'medium',
    location: bucket.range,
    related: relatedTo(bucket),
    message: sentences(
      notProvablyPrivate(bucket, 'Terraform leaves Block Public Access unmanaged'),
      `Neither ${onTheBucket(bucket) ? 'its public_access_block_configuration' : 'an aws_s3_bucket_public_access_block'} nor an aws_s3_account_public_access_block applies to it, so its protection is whatever AWS set at creation (none for buckets created before April 2023) and can be changed outside Terraform unnoticed`,
      remedy(bucket),
    ),
  };
}

function turnedOff(
  bucket: S3Bucket,
  off: readonly EffectiveFlag[],
  unknown: readonly EffectiveFlag[],
): FindingDraft {
  const [first] = off;
  const block = first?.block;
  const states = [
    ...off.map((flag) => describeOff(flag)),
    ...unknown.map((flag) => `${flag.flag} is not known before apply`),
  ];
  return {
    location: first && block ? block.flags[first.flag].range : bucket.range,
    related: relatedTo(bucket, blockLocations(bucket)),
    message: sentences(
      `${bucketSubject(bucket)} has S3 Block Public Access turned off`,
      `${block ? `On ${block.address}, ` : ''}${states.join(', ')}`,
      remedy(bucket),
    ),
  };
}

function describeOff({ flag, block }: EffectiveFlag): string {
  return block?.flags[flag].value === false
    ? `${flag} = false`
    : `${flag} is omitted (Terraform's default is false)`;
}

function undecided(bucket: S3Bucket, unknown: readonly EffectiveFlag[]): FindingDraft {
  const [first] = unknown;
  const value = first?.block?.flags[first.flag];
  const reason =
    first?.block && value && isUnknown(value.value)
      ? unknownValue(`${first.flag} on ${first.block.address}`, value.value)
      : 'a Block Public Access flag is not known before apply';
  return undecidedDraft(bucket, reason, {
    location: value?.range ?? bucket.range,
    related: relatedTo(bucket, blockLocations(bucket)),
  });
}

/** The bucket-level block leaves flags off, but the account-level block turns them on. */
function overriddenByAccount(bucket: S3Bucket): FindingDraft[] {
  const own = bucket.publicAccessBlock;
  const account = bucket.accountPublicAccessBlock;
  const loose = own ? looseFlags(own) : [];
  const [first] = loose;
  if (!own || !account || first === undefined) return [];
  return [
    {
      severity: 'low',
      location: own.flags[first].range,
      related: relatedTo(bucket, blockLocations(bucket)),
      message: sentences(
        `${bucketSubject(bucket)} has S3 Block Public Access turned off on ${own.address}, neutralised by the account-level block ${account.address}`,
        `${loose.join(', ')} ${loose.length === 1 ? 'is' : 'are'} not true on the bucket, only on the account, so the bucket becomes public if the account-level block is relaxed`,
        remedy(bucket),
      ),
    },
  ];
}

function looseFlags(block: PublicAccessBlock): PublicAccessBlockFlag[] {
  return PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => block.flags[flag].value !== true);
}

function blockLocations(bucket: S3Bucket) {
  return [
    bucket.publicAccessBlock && {
      label: 'public access block',
      range: bucket.publicAccessBlock.range,
    },
    bucket.accountPublicAccessBlock && {
      label: 'account public access block',
      range: bucket.accountPublicAccessBlock.range,
    },
  ];
}
