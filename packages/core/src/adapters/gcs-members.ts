import { couldBe, isUnknown, type Unknown, type Value } from '@posture/model';

/** The members that grant everyone: every other member is `<type>:<id>`. */
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/**
 * Whether members not known before apply (a member, or a list of them) could grant everyone:
 * `serviceAccount:${…}` cannot, whatever fills it. Registry modules' member inputs are judged
 * by it too.
 */
export function membersMayBePublic(value: Value | undefined): boolean {
  if (Array.isArray(value)) return value.some(membersMayBePublic);
  return isUnknown(value) && PUBLIC_MEMBERS.some((member) => couldBe(value, member));
}

/** The roles an ACL entry grants. */
const ACL_ROLES = ['READER', 'WRITER', 'OWNER'];

/**
 * Whether an ACL entry not known before apply could grant everyone: an access-control resource's
 * `entity` (`allUsers`), or a `role_entity` entry with its role (`READER:allUsers`).
 * `READER:user-${…}` cannot, whatever fills it.
 */
export function entityMayBePublic(value: Value | undefined, withRole: boolean): value is Unknown {
  const entities = withRole
    ? ACL_ROLES.flatMap((role) => PUBLIC_MEMBERS.map((member) => `${role}:${member}`))
    : PUBLIC_MEMBERS;
  return isUnknown(value) && entities.some((entity) => couldBe(value, entity));
}
