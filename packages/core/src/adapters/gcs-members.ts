import { couldBe, isUnknown, type Value } from '@posture/model';

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
