import { accessOf, type GrantAccess, type PolicyStatement } from '@posture/model';
import { iamPattern } from './policy.js';

/**
 * What the S3 actions a policy allows let its principal do, in the terms of a grant: reading an
 * object's data (`s3:GetObject`), listing the bucket (`s3:ListBucket`), writing or deleting
 * objects (`s3:PutObject`), or changing who has access (`s3:PutBucketPolicy`, `s3:PutBucketAcl`,
 * `s3:PutObjectAcl`), which grants all the rest. Other actions (`s3:GetBucketLocation`,
 * `s3:GetObjectTagging`) touch neither data nor access and are not counted.
 */
const ACTIONS: Readonly<Record<string, GrantAccess>> = {
  's3:GetObject': 'read',
  's3:GetObjectVersion': 'read',
  's3:ListBucket': 'list',
  's3:ListBucketVersions': 'list',
  's3:PutObject': 'write',
  's3:DeleteObject': 'write',
  's3:DeleteObjectVersion': 'write',
  's3:PutBucketPolicy': 'admin',
  's3:PutBucketAcl': 'admin',
  's3:PutObjectAcl': 'admin',
  's3:PutObjectVersionAcl': 'admin',
};

const NAMES = Object.keys(ACTIONS);

/**
 * What statements allow together, by the actions they name (IAM's `*` and `?` wildcards, any case)
 * or, with `NotAction`, all the others; undefined when none of their actions is in the table.
 */
export function actionsAccess(statements: readonly PolicyStatement[]): GrantAccess[] | undefined {
  return accessOf(
    statements.map((statement) => {
      const named = NAMES.filter((name) =>
        statement.actions.some((action) => iamPattern(action).test(name)),
      );
      const allowed = statement.actionsExcluded
        ? NAMES.filter((name) => !named.includes(name))
        : named;
      return allowed.length === 0 ? undefined : allowed.map((name) => ACTIONS[name]!);
    }),
  );
}
