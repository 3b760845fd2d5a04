import type { Bucket, BucketOpening, StorageLink } from '@posture/model';
import { preventionNeutraliser, uniformNeutraliser } from './gcs.js';
import { granted, publicStatements } from './policy.js';
import { neutralisingFlags, ownershipNeutraliser } from './s3.js';
import type { Neutraliser } from './types.js';

/**
 * The control in a bucket's Terraform that refuses a build command's opening (S3 and GCS reject
 * the request) or leaves it without effect, unless a command of the same build turns that control
 * off first: `links` are all the build's links. A public upload opens what it writes through an
 * ACL, so the controls that refuse ACLs refuse it too.
 */
export function openingGuard(
  bucket: Bucket | undefined,
  link: StorageLink,
  links: readonly StorageLink[],
): Neutraliser | undefined {
  const { kind, through } = accessChange(link);
  if (!bucket || !refusable(link)) return undefined;
  const turnedOff = (off: BucketOpening['kind']) =>
    links.some((other) => other.bucket === link.bucket && other.opening?.kind === off);
  if (bucket.service === 'gcs') {
    if (kind !== 'grant') return undefined;
    const prevention = turnedOff('public-access-prevention-off')
      ? undefined
      : preventionNeutraliser(bucket);
    // Uniform bucket-level access refuses ACL changes, not IAM bindings.
    if (through !== 'acl' || turnedOff('acls-enabled')) return prevention;
    return uniformNeutraliser(bucket) ?? prevention;
  }
  // R2 takes no ACL and no bucket policy: the S3 API calls that set them do nothing there.
  if (bucket.service === 'r2') {
    return {
      what: 'R2, which has no ACLs or bucket policies',
      location: { label: 'bucket', range: bucket.range },
    };
  }
  if (bucket.service !== 's3') return undefined;
  const blockOn = !turnedOff('access-block-removed');
  // A build that turns the account-wide block off leaves only the bucket's own.
  const blocked = links.some((other) => other.opening?.kind === 'account-access-block-removed')
    ? { ...bucket, accountPublicAccessBlock: undefined }
    : bucket;
  if (kind === 'policy') {
    return blockOn
      ? (neutralisingFlags(blocked, ['block_public_policy']) ??
          neutralisingFlags(blocked, ['restrict_public_buckets']))
      : undefined;
  }
  return (
    (turnedOff('acls-enabled') ? undefined : ownershipNeutraliser(bucket)) ??
    (blockOn
      ? (neutralisingFlags(blocked, ['block_public_acls']) ??
        neutralisingFlags(blocked, ['ignore_public_acls']))
      : undefined)
  );
}

/** How a link changes access: a public upload grants through an ACL. */
function accessChange(link: StorageLink): Partial<Pick<BucketOpening, 'kind' | 'through'>> {
  if (link.usage === 'public-upload') return { kind: 'grant', through: 'acl' };
  return { kind: link.opening?.kind, through: link.opening?.through };
}

/**
 * Whether a control of the bucket can refuse what the link does (`openingGuard`): a grant (a public
 * upload's ACL included) or a policy. Other openings take effect whatever the bucket's settings.
 */
export function refusable(link: StorageLink): boolean {
  const { kind } = accessChange(link);
  return kind === 'grant' || kind === 'policy';
}

/**
 * Another command of the build that makes `link`'s bucket readable by anyone, by itself and with
 * no control of the bucket's Terraform refusing it: the bucket is public once the build has run.
 */
export function publicOpener(
  bucket: Bucket | undefined,
  link: StorageLink,
  links: readonly StorageLink[],
): StorageLink | undefined {
  if (link.bucket === undefined) return undefined;
  return links.find(
    (other) =>
      other !== link &&
      other.bucket === link.bucket &&
      other.opening !== undefined &&
      effectOf(other.opening)?.opens === true &&
      !openingGuard(bucket, other, links),
  );
}

const READABLE = 'anyone can read what the bucket holds';

/**
 * What each kind of opening does and what follows: `opens` when it makes the bucket readable by
 * anyone by itself; otherwise it removes a control that keeps it private, or serves it on a domain
 * that something else may guard.
 */
const KINDS: Readonly<Record<Exclude<BucketOpening['kind'], 'policy'>, Effect>> = {
  grant: {
    opens: true,
    does: 'grants everyone read access (a public ACL or IAM binding)',
    then: READABLE,
  },
  'r2-dev': { opens: true, does: "turns on the bucket's public r2.dev URL", then: READABLE },
  'custom-domain': {
    opens: false,
    does: 'serves the bucket on a custom domain',
    then: 'anyone can read what it holds through the domain unless Cloudflare Access guards it',
  },
  'access-block-removed': {
    opens: false,
    does: "turns off the bucket's S3 public access block",
    then: 'nothing blocks a public ACL or policy on it any more',
  },
  'public-access-prevention-off': {
    opens: false,
    does: 'turns off public access prevention',
    then: 'nothing blocks a grant to allUsers on it any more',
  },
  'acls-enabled': {
    opens: false,
    does: 'turns ACLs back on (object ownership no longer enforced, or uniform bucket-level access off)',
    then: 'a public ACL on the bucket or on any object in it takes effect again',
  },
  'account-access-block-removed': {
    opens: false,
    does: 'turns off S3 Block Public Access for the whole account',
    then: 'no account-wide setting blocks a public ACL or policy on any of its buckets any more',
  },
  website: {
    opens: false,
    does: 'turns on static website hosting',
    then: 'the website endpoint serves every object anyone can read, without TLS',
  },
};

/** What a build command's opening does to a bucket. */
export interface Effect {
  readonly opens: boolean;
  readonly does: string;
  /** What follows for the bucket. */
  readonly then: string;
  /** The command writes a policy that could not be read. */
  readonly undecided?: boolean;
}

/** What the opening does; undefined for a policy that grants nobody outside. */
export function effectOf(opening: BucketOpening): Effect | undefined {
  if (opening.kind !== 'policy') return KINDS[opening.kind];
  const policy = opening.policy ?? { statements: [] };
  if (policy.unknownReason !== undefined) {
    return {
      opens: false,
      does: `writes a bucket policy that could not be read (${policy.unknownReason})`,
      then: 'Posture cannot tell whether it makes the bucket public',
      undecided: true,
    };
  }
  const [found] = publicStatements(policy).filter((s) => s.undecided === undefined);
  if (!found) return undefined;
  return {
    opens: true,
    does: `writes a bucket policy that allows ${found.principal} ${granted(found.statement)}`,
    then: READABLE,
  };
}
