import { accessOf, type GrantAccess, type PolicyStatement } from '@posture/model';
import { iamPattern } from './policy.js';

/**
 * What the S3 actions a policy allows let its principal do, in the terms of a grant, and what they
 * act on: reading an object's data (`s3:GetObject`), listing the bucket (`s3:ListBucket`), writing
 * or deleting objects (`s3:PutObject`), reading or changing an ACL (`s3:GetBucketAcl`,
 * `s3:PutObjectAcl`), or changing the policy (`s3:PutBucketPolicy`), which grants all the rest. An action on objects applies
 * to the objects a statement's resources name (`arn:aws:s3:::b/*`), one on the bucket only when
 * they name the bucket (`arn:aws:s3:::b`). Other actions (`s3:GetBucketLocation`,
 * `s3:GetObjectTagging`) are not counted; a statement that allows nothing but reading the
 * bucket's settings opens nothing (`readsSettingsOnly`).
 */
const ACTIONS: Readonly<Record<string, readonly [GrantAccess, 'bucket' | 'objects']>> = {
  's3:GetObject': ['read', 'objects'],
  's3:GetObjectVersion': ['read', 'objects'],
  's3:ListBucket': ['list', 'bucket'],
  's3:ListBucketVersions': ['list', 'bucket'],
  's3:PutObject': ['write', 'objects'],
  's3:DeleteObject': ['write', 'objects'],
  's3:DeleteObjectVersion': ['write', 'objects'],
  's3:GetBucketAcl': ['read-acl', 'bucket'],
  's3:GetObjectAcl': ['read-acl', 'objects'],
  's3:GetObjectVersionAcl': ['read-acl', 'objects'],
  's3:PutBucketAcl': ['write-acl', 'bucket'],
  's3:PutObjectAcl': ['write-acl', 'objects'],
  's3:PutObjectVersionAcl': ['write-acl', 'objects'],
  's3:PutBucketPolicy': ['admin', 'bucket'],
};

const NAMES = Object.keys(ACTIONS);

/**
 * Actions that read a bucket's own settings (`s3:GetBucketLocation`, `s3:GetBucketVersioning`,
 * `s3:GetLifecycleConfiguration`): they tell neither what the bucket holds nor who may access it.
 * Its ACL (in ACTIONS) and its policy do say who may, and are not among them.
 */
const SETTINGS_READ = /^s3:(?:GetBucket(?!Acl$|Policy$)[a-z]+|Get[a-z]+Configuration)$/i;

/**
 * Whether a statement allows nothing but reading the bucket's settings, each action named without
 * a wildcard: anyone it lets in learns where the bucket is and how it is set up, not a byte of what
 * it holds. Any other action not in ACTIONS (`s3:PutLifecycleConfiguration`) may do anything.
 */
export function readsSettingsOnly({ actions, actionsExcluded }: PolicyStatement): boolean {
  return (
    !actionsExcluded && actions.length > 0 && actions.every((a) => SETTINGS_READ.test(a.trim()))
  );
}

export interface ActionsAccess {
  /** What the statements allow together; undefined when none of their actions is in the table. */
  readonly access?: GrantAccess[];
  /**
   * The keys of the objects they act on, as their resources name them (`public/*`,
   * `releases/cli.tgz`); undefined for every object of the bucket.
   */
  readonly keys?: string[];
}

/**
 * What statements allow together, by the actions they name (IAM's `*` and `?` wildcards, any case)
 * or, with `NotAction`, all the others, on the resources they name.
 */
export function actionsAccess(statements: readonly PolicyStatement[]): ActionsAccess {
  const allowed = statements.map((statement) => {
    const { bucket, keys } = resourcesOf(statement);
    const named = NAMES.filter((name) =>
      statement.actions.some((action) => iamPattern(action).test(name)),
    );
    const actions = (statement.actionsExcluded ? NAMES.filter((n) => !named.includes(n)) : named)
      .map((name) => ACTIONS[name]!)
      .filter(([, on]) => (on === 'bucket' ? bucket : keys.length > 0));
    return { actions, keys: actions.some(([, on]) => on === 'objects') ? keys : [] };
  });
  const access = accessOf(
    allowed.map(({ actions }) => (actions.length === 0 ? undefined : actions.map(([a]) => a))),
  );
  const keys = [...new Set(allowed.flatMap((a) => a.keys))];
  const some = keys.length > 0 && !keys.includes('*');
  return { ...(access && { access }), ...(some && { keys }) };
}

/**
 * Whether a statement's resources name the bucket, and the keys of the objects they name: all of
 * them (`*`) for `NotResource` or none written, a wildcard that reaches past the bucket's name (`*`,
 * `arn:aws:s3:::acme-*`), or a value known only after apply (`${aws_s3_bucket.b.arn}`), which may
 * be either.
 */
function resourcesOf({ resources, resourcesExcluded }: PolicyStatement): {
  bucket: boolean;
  keys: string[];
} {
  if (resourcesExcluded || resources.length === 0) return { bucket: true, keys: ['*'] };
  let bucket = false;
  const keys: string[] = [];
  for (const resource of resources) {
    const path = resource.trim().replace(/^arn:[^:]*:s3:::/i, '');
    const slash = path.indexOf('/');
    if (slash >= 0) {
      keys.push(path.slice(slash + 1));
      continue;
    }
    bucket = true;
    if (path.endsWith('*') || !/^arn:/i.test(resource.trim())) keys.push('*');
  }
  return { bucket, keys };
}

/** How a policy writes a value not known before apply (`policyNames`). */
const UNKNOWN_PART = /\$\{[^}]*\}|\(unknown\)/g;

/** A key as a policy writes it, with each part known only after apply (`${var.prefix}/*`) any name. */
export function keyPattern(key: string): string {
  return key.replace(UNKNOWN_PART, '*');
}
