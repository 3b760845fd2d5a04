import { aclAccess, isUnknown, roleAccess } from '@posture/model';
import type {
  ArmorPolicy,
  GcsAcl,
  GcsBackendBucket,
  GcsBucket,
  GcsIam,
  Source,
} from '@posture/model';
import { quote, unknownValue } from '../messages.js';
import { allowing, ONE_OBJECT, type SomeObjects } from './access.js';
import { armorServes, EDGE_POLICY_TYPE, isEdgePolicy } from './armor.js';
import { controlKind, undecidedPath, type PathBase } from './control-kind.js';
import type { Exposure, Neutraliser } from './types.js';

/** `allUsers` is anyone on the internet; `allAuthenticatedUsers` anyone with a Google account. */
export const PUBLIC_MEMBERS: readonly string[] = ['allUsers', 'allAuthenticatedUsers'];

export const PUBLIC_PREDEFINED_ACLS: readonly string[] = [
  'publicRead',
  'publicReadWrite',
  'authenticatedRead',
];

export function isPublicMember(member: string): boolean {
  return PUBLIC_MEMBERS.includes(member.trim());
}

/** ACL entities come as `allUsers` or as `READER:allUsers` role entities. */
export function isPublicEntity(entity: string): boolean {
  return isPublicMember(entity.slice(entity.lastIndexOf(':') + 1));
}

/** Cloud Storage takes predefined ACL names in any case: real configurations write `publicread`. */
export function isPublicPredefinedAcl(value: string): boolean {
  const name = value.trim().toLowerCase();
  return PUBLIC_PREDEFINED_ACLS.some((acl) => acl.toLowerCase() === name);
}

/**
 * Public access prevention on the bucket, or, for a bucket that inherits it, the organization
 * policy the Terraform shows enforcing it on the bucket's project, folder or organization.
 */
export function preventionNeutraliser(bucket: GcsBucket): Neutraliser | undefined {
  const prevention = bucket.publicAccessPrevention;
  if (prevention.value !== 'enforced') return inheritedPrevention(bucket);
  return {
    what: 'public_access_prevention = "enforced", which refuses grants to allUsers and allAuthenticatedUsers',
    location: { label: 'public access prevention', range: prevention.range },
  };
}

/** The values that follow the organization policy; "unspecified" is the old name of "inherited". */
const INHERITING = [undefined, 'inherited', 'unspecified'];

/**
 * The organization policy a bucket follows when its own setting (`value`) inherits. A value not
 * known before apply either enforces or inherits, and both refuse grants then.
 */
export function inheritedPrevention(
  bucket: GcsBucket,
  value = bucket.publicAccessPrevention.value,
): Neutraliser | undefined {
  const policy = bucket.organizationPrevention;
  if (!policy || !(isUnknown(value) || INHERITING.includes(value))) return undefined;
  return {
    what: `${policy.address}, which enforces constraints/storage.publicAccessPrevention on ${policy.parent} and so refuses grants to allUsers and allAuthenticatedUsers`,
    location: { label: 'organization policy', range: policy.range },
  };
}

function aclNeutraliser(bucket: GcsBucket): Neutraliser | undefined {
  return uniformNeutraliser(bucket) ?? preventionNeutraliser(bucket);
}

export function uniformNeutraliser(bucket: GcsBucket): Neutraliser | undefined {
  const uniform = bucket.uniformBucketLevelAccess;
  const folder = folderProvingUniform(bucket);
  if (folder) {
    return {
      what: `${folder.address}, a managed folder, which Cloud Storage creates only in buckets with uniform bucket-level access on, which disables ACLs`,
      location: { label: 'managed folder', range: folder.range },
    };
  }
  if (uniform.value !== true) return undefined;
  return {
    what: 'uniform_bucket_level_access = true, which disables ACLs',
    location: { label: 'uniform bucket-level access', range: uniform.range },
  };
}

/**
 * A managed folder in a bucket whose configuration omits `uniform_bucket_level_access`, or IAM on
 * one: it proves uniform access on. Cloud Storage creates managed folders only in buckets with
 * uniform bucket-level access enabled (cloud.google.com/storage/docs/managed-folders). The google
 * provider leaves an omitted value as the bucket has it, and creates a new bucket with it off, in
 * which the folder then cannot be made: wherever the configuration applies, uniform access is on.
 * A value written `false` is judged as written.
 */
export function folderProvingUniform(bucket: GcsBucket): Source | undefined {
  if (bucket.uniformBucketLevelAccess.value !== undefined) return undefined;
  return bucket.managedFolders?.[0] ?? bucket.iam.find((iam) => iam.managedFolder);
}

/**
 * `allUsers`/`allAuthenticatedUsers` in IAM members, bindings and policies. Roles for named members
 * only open none.
 */
export const GCS_IAM = controlKind({
  rule: 'gcs-public-iam',
  label: 'IAM',
  opens: 'iam',
  controls: (bucket: GcsBucket) => bucket.iam,
  closedBy: preventionNeutraliser,
  paths: iamPaths,
});

function iamPaths(iam: GcsIam, base: PathBase): Exposure[] {
  const scoped = {
    ...base,
    ...(iam.managedFolder && {
      within: folderScope(iam.managedFolder),
      objects: { keys: folderKeys(iam.managedFolder) },
    }),
  };
  const some = iam.managedFolder && IN_FOLDER;
  const exposures: Exposure[] = iam.members
    .filter((member) => isPublicMember(member.member))
    .map((member) => {
      const access = member.role === undefined ? undefined : roleAccess(member.role);
      const grants = `${iam.address} grants ${member.role ?? 'a role'} to ${member.member}`;
      return { ...scoped, range: member.range, ...allowing(grants, access, some) };
    });
  if (iam.unknown) {
    const cause = `the members of ${iam.address} are not known before apply`;
    exposures.push(undecidedPath(scoped, iam.unknownRange ?? iam.range, cause));
  }
  return exposures;
}

/** The objects a managed folder's IAM grants on: those whose names start with the folder's. */
function folderScope(folder: NonNullable<GcsIam['managedFolder']>): string {
  const { value } = folder;
  if (typeof value === 'string') return `under managed folder ${quote(value)}`;
  if (isUnknown(value)) return `under a managed folder: ${unknownValue('its name', value)}`;
  return 'under a managed folder';
}

/**
 * The objects of a managed folder: those under its name, which ends with `/` (`nightly` would also
 * be the start of `nightly-old/`).
 */
function folderKeys(folder: NonNullable<GcsIam['managedFolder']>): string[] | undefined {
  const { value } = folder;
  if (typeof value !== 'string') return undefined;
  return [value.endsWith('/') ? `${value}*` : `${value}/*`];
}

/**
 * Public predefined ACLs and public entities in bucket, default object and object ACLs. One that is
 * `private`, or has entries for named members only, opens none.
 */
export const GCS_ACLS = controlKind({
  rule: 'gcs-public-acl',
  label: 'ACL',
  opens: 'acl',
  controls: (bucket: GcsBucket) => bucket.acls,
  closedBy: aclNeutraliser,
  paths: aclPaths,
});

function aclPaths(acl: GcsAcl, base: PathBase): Exposure[] {
  const where = `${aclScope(acl)} ${acl.address}`;
  // A bucket's ACL lists it; a default object ACL is that of every object written after.
  const target = acl.scope === 'bucket' ? 'bucket' : 'objects';
  const some = acl.scope === 'object' ? ONE_OBJECT : undefined;
  const exposures: Exposure[] = acl.entities
    .filter((entry) => isPublicEntity(entry.entity))
    .map((entry) => {
      const role = entry.role ?? roleOfEntity(entry.entity);
      const access = role === undefined ? undefined : aclAccess(role, target);
      const grants = `${where} grants ${entry.role ?? 'access'} to ${entry.entity}`;
      return { ...base, range: entry.range, ...allowing(grants, access, some) };
    });
  for (const entry of acl.undecided ?? []) {
    const access = entry.role === undefined ? undefined : aclAccess(entry.role, target);
    const what = `the entity granted ${entry.role ?? 'access'} by ${where}`;
    const cause = unknownValue(what, entry.entity);
    exposures.push({
      ...base,
      range: entry.range,
      ...allowing(what, access, some),
      cause,
      undecided: cause,
    });
  }
  const predefined = acl.predefined.value;
  if (typeof predefined === 'string' && isPublicPredefinedAcl(predefined)) {
    const sets = `${where} sets predefined ACL ${quote(predefined)}`;
    const access = aclAccess(predefined, target);
    exposures.unshift({ ...base, range: acl.predefined.range, ...allowing(sets, access, some) });
  } else if (isUnknown(predefined)) {
    const cause = unknownValue(`the predefined ACL of ${where}`, predefined);
    exposures.unshift(undecidedPath(base, acl.predefined.range, cause));
  }
  return exposures;
}

/** `READER:allUsers`: the role an ACL entry written with its entity grants. */
function roleOfEntity(entity: string): string | undefined {
  const colon = entity.lastIndexOf(':');
  return colon < 0 ? undefined : entity.slice(0, colon);
}

const IN_FOLDER: SomeObjects = { them: 'the objects in the folder', pronoun: 'them' };

function aclScope(acl: GcsAcl): string {
  return { bucket: 'bucket ACL', 'default-object': 'default object ACL', object: 'object ACL' }[
    acl.scope
  ];
}

/**
 * A load balancer's backend bucket serves the bucket to anyone who reaches the load balancer: it
 * reads the bucket as the Cloud CDN fill service account, which public access prevention does not
 * refuse (it refuses allUsers and allAuthenticatedUsers only), and Cloud CDN does not refuse a
 * request with no signature even when signed URL keys are set. No control of the bucket closes the
 * path. A Cloud Armor edge security policy may turn viewers away: one that denies every request
 * closes it, one that allows every request leaves it open, and any other is not judged.
 */
export const GCS_BACKEND_BUCKETS = controlKind({
  rule: 'gcs-public-backend-bucket',
  label: 'backend bucket',
  controls: (bucket: GcsBucket) => bucket.backendBuckets ?? [],
  paths: backendBucketPaths,
});

function backendBucketPaths(backend: GcsBackendBucket, base: PathBase): Exposure[] {
  const serves = `${backend.address} serves the bucket through a load balancer to anyone who reaches it`;
  const { value, range } = backend.edgeSecurityPolicy;
  if (value === undefined || value === '') {
    const cause = `${serves}, with no edge security policy (signed URL keys do not refuse unsigned requests)`;
    return [{ ...base, range: backend.range, cause }];
  }
  const policy = backend.edgePolicy;
  const edge = policy && isEdgePolicy(policy);
  if (policy && edge === false) {
    const cause = `${serves}: its edge security policy ${policy.address} is ${policyType(policy)}, a backend policy, and Cloud Armor applies only a ${EDGE_POLICY_TYPE} policy to a backend bucket`;
    return [{ ...base, range, cause }];
  }
  const served = policy && armorServes(policy);
  if (policy && served === 'everyone') {
    const cause = `${serves}: its edge security policy ${policy.address} allows every request, as each rule it enforces does (and a policy with no enforced default rule allows what no rule matches)`;
    return [{ ...base, range, cause }];
  }
  if (policy && served === 'none' && edge === true) {
    const what = `${policy.address}, an edge security policy whose enforced rules, its default rule among them, all deny`;
    const location = { label: 'edge security policy', range: policy.range };
    return [{ ...base, range, cause: serves, neutralisedBy: { what, location } }];
  }
  const cause = `${serves} unless its edge security policy turns viewers away: ${policyUnjudged(policy)}`;
  const decidedBy =
    'Check that the rules of the edge security policy admit only the intended viewers, then record a reviewed exception for this finding with the reason';
  return [{ ...undecidedPath(base, range, cause), decidedBy }];
}

/** `of type "CLOUD_ARMOR"`, or what an omitted type is. */
function policyType(policy: ArmorPolicy): string {
  const { value } = policy.type;
  return typeof value === 'string'
    ? `of type ${quote(value)}`
    : 'of type CLOUD_ARMOR (no type set)';
}

/** Why an edge security policy is not judged: not declared in the scan, or rules not judged. */
function policyUnjudged(policy: ArmorPolicy | undefined): string {
  if (!policy) return 'no policy the scanned Terraform declares is known to be it';
  const { value } = policy.type;
  if (isUnknown(value)) {
    const type = unknownValue(`the type of ${policy.address}`, value);
    return `${type}, and only a ${EDGE_POLICY_TYPE} policy applies to a backend bucket`;
  }
  const its = `the rules of ${policy.address}`;
  if (policy.rules === undefined) return `${its} are not all known before apply`;
  return `${its} neither deny nor allow every request, and Posture does not read their match conditions`;
}
