/**
 * What a public grant lets everyone do, from the role or permission it names: a small table of the
 * Cloud Storage IAM roles and of the ACL permissions both services share. An ACL's READ on a bucket
 * lists it and on an object reads it (Cloud Storage and S3 alike); an IAM role holds on the bucket
 * and every object in it.
 */
import type { GrantAccess } from './link.js';
import { ownEntry } from './own-entry.js';

/**
 * The Cloud Storage roles by their name after `roles/storage.`, as Google's IAM roles for Cloud
 * Storage list their permissions: objectViewer has objects.get and .list; objectCreator only
 * objects.create; legacyBucketReader buckets.get and objects.list, no object's data;
 * legacyBucketOwner also buckets.setIamPolicy, so it can grant itself anything.
 */
const IAM_ROLES: Readonly<Record<string, readonly GrantAccess[]>> = {
  objectViewer: ['read', 'list'],
  objectCreator: ['write'],
  objectUser: ['read', 'list', 'write'],
  objectAdmin: ['read', 'list', 'write'],
  admin: ['admin'],
  legacyBucketReader: ['list'],
  legacyBucketWriter: ['list', 'write'],
  legacyBucketOwner: ['admin'],
  legacyObjectReader: ['read'],
  legacyObjectOwner: ['admin'],
};

/** Where an ACL applies: to the bucket itself, or to objects (an object, all of them, new ones). */
export type AclTarget = 'bucket' | 'objects';

const READ = { bucket: ['list'], objects: ['read'] } as const;
const WRITE = { bucket: ['write'], objects: ['write'] } as const;
const FULL = { bucket: ['admin'], objects: ['admin'] } as const;

/**
 * ACL permissions and canned ACLs, upper-cased without `-` and `_`: gsutil's `R`, `W`, `O` and
 * `READER`, `WRITER`, `OWNER`; S3's `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`;
 * `public-read`, `publicRead`, `public-read-write`, `authenticated-read`. Write access to an
 * object's data comes through its bucket only. S3's READ_ACP and WRITE_ACP read and change the ACL
 * of what they are granted on, the bucket or an object (AWS's "Access control list (ACL)
 * overview"); changing it, the grantee can give itself full control. S3's FULL_CONTROL is those
 * four on a bucket (READ, WRITE, READ_ACP, WRITE_ACP: no object's data, which the objects' own ACLs
 * guard) and READ, READ_ACP and WRITE_ACP on an object; a Cloud Storage OWNER of a bucket may also
 * change its IAM policy, and so read every object.
 */
const ACL_PERMISSIONS: Readonly<
  Record<string, Readonly<Record<AclTarget, readonly GrantAccess[]>>>
> = {
  R: READ,
  READ,
  READER: READ,
  PUBLICREAD: READ,
  W: WRITE,
  WRITE,
  WRITER: WRITE,
  PUBLICREADWRITE: { bucket: ['list', 'write'], objects: ['read'] },
  AUTHENTICATEDREAD: READ,
  O: FULL,
  OWNER: FULL,
  FULLCONTROL: {
    bucket: ['list', 'write', 'read-acl', 'write-acl'],
    objects: ['read', 'read-acl', 'write-acl'],
  },
  READACP: { bucket: ['read-acl'], objects: ['read-acl'] },
  WRITEACP: { bucket: ['write-acl'], objects: ['write-acl'] },
};

/**
 * What an IAM role (`roles/storage.objectViewer`, or gsutil's `objectViewer`) lets its members do.
 * Own keys only: a role written `roles/storage.constructor` is no role of the table, not the
 * prototype's function.
 */
export function roleAccess(role: string): readonly GrantAccess[] | undefined {
  return ownEntry(IAM_ROLES, role.replace(/^roles\/storage\./, ''));
}

/** What an ACL permission or canned ACL gives on `target`. */
export function aclAccess(
  permission: string,
  target: AclTarget,
): readonly GrantAccess[] | undefined {
  return ownEntry(ACL_PERMISSIONS, permission.toUpperCase().replace(/[-_]/g, ''))?.[target];
}
