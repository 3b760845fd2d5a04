import { SEVERITIES, type GrantAccess, type Severity } from '@posture/model';
import { conjoined, quote } from '../messages.js';
import type { Exposure } from './types.js';

/** What a grant, a role or a policy's actions let everyone do with a bucket. */
export interface AccessEffect {
  /** Anyone can read the objects, or change who may access them and so read them. */
  readonly readable: boolean;
  /** What follows, in words: `anyone can list what the bucket holds, though not read what it holds`. */
  readonly then: string;
}

/**
 * What everyone can do with `access`, granted by a role, an ACL or a policy's actions (undefined
 * when what it allows is not known), on `some` objects or on all of them. Listing is the
 * bucket's, whatever objects the rest is on.
 */
export function accessEffect(
  access: readonly GrantAccess[] | undefined,
  some: SomeObjects | undefined,
): AccessEffect {
  if (!access) return { readable: false, then: 'anyone can do on the bucket what it allows' };
  const who = some?.pronoun ?? 'it';
  // Reading, writing and changing the ACLs of objects (`s3:*` on `b/*`) is full control of them.
  const full = ['read', 'write', 'write-acl'] as const;
  if (access.includes('admin') || full.every((a) => access.includes(a))) {
    return {
      readable: true,
      then: `anyone can read and replace ${some?.them ?? 'what the bucket holds'}, and change who may access ${who}`,
    };
  }
  const readable = access.includes('read');
  const lists = access.includes('list') && !(readable && !some);
  const can = [
    ...(lists ? ['list what the bucket holds'] : []),
    ...(readable ? [`read ${some?.them ?? 'what the bucket holds'}`] : []),
  ];
  if (access.includes('write'))
    can.push(
      some ? `write ${some.them}` : `write objects into ${can.length > 0 ? 'it' : 'the bucket'}`,
    );
  const acl = some ? `the ACL of ${some.them}` : can.length > 0 ? 'its ACL' : "the bucket's ACL";
  const readsAcl = access.includes('read-acl');
  if (readsAcl) can.push(`read ${acl}`);
  // Whoever may change an ACL may give themselves anything it grants.
  if (access.includes('write-acl')) {
    can.push(readsAcl ? 'change it' : `change ${acl}`);
    // READ_ACP with READ or WRITE beside it is all an ACL grants (FULL_CONTROL): nothing is left to take.
    const all = readsAcl && (readable || access.includes('write'));
    return {
      readable: true,
      then: `anyone can ${conjoined(can)}${all ? '' : `, and so give themselves full control of ${who}`}`,
    };
  }
  return {
    readable,
    then: `anyone can ${conjoined(can)}${readable ? '' : ', though not read what it holds'}`,
  };
}

/** The one object an object's own ACL grants on. */
export const ONE_OBJECT: SomeObjects = { them: 'the object', pronoun: 'it' };

/**
 * What opens a path, followed by what it lets everyone do when its permission or role says so,
 * with that access; as it is when they do not.
 */
export function allowing(
  cause: string,
  access: readonly GrantAccess[] | undefined,
  some: SomeObjects | undefined,
): Pick<Exposure, 'cause' | 'access'> {
  if (!access) return { cause };
  return { cause: `${cause}: ${accessEffect(access, some).then}`, access };
}

/**
 * The severity of a path that opens a bucket to everyone, `severity`, made to follow what it opens:
 * as it is when anyone can read objects, write them or change who may access them, or when what it
 * allows is not known; one level lower when it only lists the bucket (the names and sizes of its
 * objects, not a byte of them); low when it only reads an ACL (who has access, nothing of the data).
 */
export function accessSeverity(
  severity: Severity,
  access: readonly GrantAccess[] | undefined,
): Severity {
  const at = SEVERITIES.indexOf(severity);
  const low = SEVERITIES.indexOf('low');
  if (!access || access.some((a) => OPENS_DATA.has(a)) || at >= low) return severity;
  return SEVERITIES[access.includes('list') ? Math.min(at + 1, low) : low]!;
}

const OPENS_DATA: ReadonlySet<GrantAccess> = new Set(['read', 'write', 'write-acl', 'admin']);

/** S3's names of the ACL permissions, which Cloud Storage does not have. */
export const ACCESS_NAMES: Partial<Record<GrantAccess, string>> = {
  'read-acl': 'READ_ACP',
  'write-acl': 'WRITE_ACP',
};

/** Objects of a bucket, not all of them, in words. */
export interface SomeObjects {
  /** `the objects under "public/"`, `the object "releases/cli.tgz"`. */
  readonly them: string;
  readonly pronoun: 'it' | 'them';
}

/**
 * The objects with these keys: those under a prefix (`public/*`), the one a key names, or those a
 * pattern matches (`*.tgz`); undefined for every object (`*`, or no keys).
 */
export function someObjects(keys: readonly string[] | undefined): SomeObjects | undefined {
  const prefixes = (keys ?? []).map((key) => /^([^*?]*)\*+$/.exec(key)?.[1]);
  if (!keys || keys.length === 0 || prefixes.includes('')) return undefined;
  const [only] = keys;
  if (keys.length === 1 && prefixes[0] === undefined && !/[*?]/.test(only!))
    return { them: `the object ${quote(only!)}`, pronoun: 'it' };
  const places = keys.map((key, i) => {
    const prefix = prefixes[i];
    if (prefix !== undefined) return `under ${quote(prefix)}`;
    return /[*?]/.test(key) ? `matching ${quote(key)}` : `named ${quote(key)}`;
  });
  return { them: `the objects ${conjoined(places)}`, pronoun: 'them' };
}
