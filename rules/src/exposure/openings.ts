import type { Bucket, BucketOpening, GrantAccess, StorageLink } from '@posture/model';
import { conjoined } from '../messages.js';
import { ACCESS_NAMES, accessEffect, someObjects } from './access.js';
import { actionsAccess, readsSettingsOnly } from './actions.js';
import { inheritedPrevention, preventionNeutraliser, uniformNeutraliser } from './gcs.js';
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
  const build = openingsOf(links);
  const turnedOff = (off: BucketOpening['kind']) => build.kinds.get(link.bucket)?.has(off) ?? false;
  if (bucket.service === 'gcs') {
    if (kind !== 'grant') return undefined;
    // Turned off, the bucket's own setting is "inherited": an enforcing organization policy holds.
    const prevention = turnedOff('public-access-prevention-off')
      ? inheritedPrevention(bucket, 'inherited')
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
  const blocked = build.accountBlockRemoved
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

/** What the commands of a build open, indexed once for the checks of all its links. */
interface BuildOpenings {
  /** By bucket name (undefined: the links that name none), the kinds of opening done to it. */
  readonly kinds: ReadonlyMap<string | undefined, ReadonlySet<BucketOpening['kind']>>;
  /** By bucket name, the links that open it, in order. */
  readonly openers: ReadonlyMap<string | undefined, readonly StorageLink[]>;
  /** A command turns S3 Block Public Access off for the whole account. */
  readonly accountBlockRemoved: boolean;
  /** By the bucket a link resolves to and its name, the openers `publicOpener` takes from. */
  readonly readers: Map<Bucket | undefined, Map<string, readonly StorageLink[]>>;
}

const indexes = new WeakMap<readonly StorageLink[], BuildOpenings>();

/**
 * The openings of a build's links (the facts' list, the same for every link checked): each link's
 * check would otherwise read every other link, for thousands of links.
 */
function openingsOf(links: readonly StorageLink[]): BuildOpenings {
  let index = indexes.get(links);
  if (!index) {
    const kinds = new Map<string | undefined, Set<BucketOpening['kind']>>();
    const openers = new Map<string | undefined, StorageLink[]>();
    for (const link of links) {
      if (!link.opening) continue;
      const done = kinds.get(link.bucket);
      if (done) done.add(link.opening.kind);
      else kinds.set(link.bucket, new Set([link.opening.kind]));
      const opening = openers.get(link.bucket);
      if (opening) opening.push(link);
      else openers.set(link.bucket, [link]);
    }
    const accountBlockRemoved = links.some(
      (link) => link.opening?.kind === 'account-access-block-removed',
    );
    indexes.set(links, (index = { kinds, openers, accountBlockRemoved, readers: new Map() }));
  }
  return index;
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
  return readersOf(bucket, link.bucket, links).find((other) => other !== link);
}

/**
 * The commands of the build that make the bucket named `name` readable by anyone, in order, with no
 * control of `bucket` refusing them: found once for all the links to it, of which there may be
 * thousands, as may there be commands that a control refuses.
 */
function readersOf(
  bucket: Bucket | undefined,
  name: string,
  links: readonly StorageLink[],
): readonly StorageLink[] {
  const { openers, readers } = openingsOf(links);
  let byName = readers.get(bucket);
  if (!byName) readers.set(bucket, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    found = (openers.get(name) ?? []).filter(
      (other) =>
        other.opening !== undefined &&
        effectOf(other.opening)?.readable === true &&
        !openingGuard(bucket, other, links),
    );
    byName.set(name, found);
  }
  return found;
}

/**
 * What each kind of opening does and what follows: `opens` when it makes the bucket readable by
 * anyone by itself; otherwise it removes a control that keeps it private, or serves it on a domain
 * that something else may guard. A grant's or a public policy's is what it allows (`accessEffect`).
 */
const KINDS: Readonly<Record<Exclude<BucketOpening['kind'], 'policy' | 'grant'>, Effect>> = {
  'r2-dev': {
    opens: true,
    readable: true,
    does: "turns on the bucket's public r2.dev URL",
    then: 'anyone can read what the bucket holds',
  },
  'custom-domain': {
    opens: false,
    readable: false,
    does: 'serves the bucket on a custom domain',
    then: 'anyone can read what it holds through the domain unless Cloudflare Access guards it',
  },
  'access-block-removed': {
    opens: false,
    readable: false,
    does: "turns off the bucket's S3 public access block",
    then: 'nothing blocks a public ACL or policy on it any more',
  },
  'public-access-prevention-off': {
    opens: false,
    readable: false,
    does: 'turns off public access prevention',
    then: 'nothing blocks a grant to allUsers on it any more',
  },
  'acls-enabled': {
    opens: false,
    readable: false,
    does: 'turns ACLs back on (object ownership no longer enforced, or uniform bucket-level access off)',
    then: 'a public ACL on the bucket or on any object in it takes effect again',
  },
  'account-access-block-removed': {
    opens: false,
    readable: false,
    does: 'turns off S3 Block Public Access for the whole account',
    then: 'no account-wide setting blocks a public ACL or policy on any of its buckets any more',
  },
  website: {
    opens: false,
    readable: false,
    does: 'turns on static website hosting',
    then: 'the website endpoint serves every object anyone can read, without TLS',
  },
};

/** What a build command's opening does to a bucket. */
export interface Effect {
  /** It opens the bucket to everyone by itself (a grant to everyone of any access included). */
  readonly opens: boolean;
  /** Once it has run, anyone can read the bucket's objects. */
  readonly readable: boolean;
  readonly does: string;
  /** What follows for the bucket. */
  readonly then: string;
  /** The command writes a policy that could not be read. */
  readonly undecided?: boolean;
  /** For a grant or a public policy: what it lets everyone do, when known. */
  readonly access?: readonly GrantAccess[];
}

/** What the opening does; undefined for a policy that grants nobody outside. */
export function effectOf(opening: BucketOpening): Effect | undefined {
  if (opening.kind === 'grant') return grantEffect(opening);
  if (opening.kind !== 'policy') return KINDS[opening.kind];
  const policy = opening.policy ?? { statements: [] };
  if (policy.unknownReason !== undefined) {
    return {
      opens: false,
      readable: false,
      does: `writes a bucket policy that could not be read (${policy.unknownReason})`,
      then: 'Posture cannot tell whether it makes the bucket public',
      undecided: true,
    };
  }
  const found = publicStatements(policy).filter(
    (s) => s.undecided === undefined && !readsSettingsOnly(s.statement),
  );
  if (found.length === 0) return undefined;
  const allows = found.map((s) => `${s.principal} ${granted(s.statement)}`);
  const { access, keys } = actionsAccess(found.map((s) => s.statement));
  return {
    opens: true,
    does: `writes a bucket policy that allows ${conjoined(allows)}`,
    ...accessEffect(access, someObjects(keys)),
    ...(access && { access }),
  };
}

/**
 * A grant to everyone, by what its role or permission lets them do (`BucketOpening.access`):
 * `roles/storage.legacyBucketReader` or an ACL's READ on a bucket lists it without reading a byte,
 * `roles/storage.objectCreator` writes without reading, S3's READ_ACP reads the ACL alone, and an
 * owner, or whoever may change the ACL (WRITE_ACP), can do all of it. Any of it opens the bucket to
 * everyone.
 */
function grantEffect({ access, through, objects }: BucketOpening): Effect {
  const how =
    through === 'iam' ? 'an IAM binding' : through === 'acl' ? 'a public ACL' : 'a public grant';
  const some = someObjects(objects === undefined ? undefined : [objects]);
  const what = !access
    ? 'a role or permission Posture does not know'
    : access.includes('admin')
      ? `full control${some ? ` of ${some.them}` : ''}`
      : `${conjoined(access.map((a) => ACCESS_NAMES[a] ?? a))} access${some ? ` to ${some.them}` : ''}`;
  return {
    opens: true,
    does: `grants everyone ${what} (${how})`,
    ...accessEffect(access, some),
    ...(access && { access }),
  };
}
