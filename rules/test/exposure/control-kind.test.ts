import { describe, expect, it } from 'vitest';
import type { Source } from '@posture/model';
import type { ControlKind } from '../../src/exposure/control-kind.js';
import { GCS_ACLS, GCS_IAM } from '../../src/exposure/gcs.js';
import { S3_ACLS, S3_POLICIES } from '../../src/exposure/s3.js';
import {
  ALL_USERS,
  gcsAcl,
  gcsBucket,
  grant,
  iam,
  pab,
  policy,
  s3Acl,
  s3Bucket,
  statement,
} from '../support/facts.js';

/**
 * What a kind makes of a control that opens a path, on a bucket that closes the kind, and of one
 * that opens none.
 */
function read<B, C extends Source>(
  kind: ControlKind<B, C>,
  closing: (control: C) => B,
  open: C,
  shut: C,
) {
  const bucket = closing(open);
  return {
    control: open,
    closer: kind.closedBy?.(bucket),
    paths: kind.exposures(bucket),
    mayOpen: [kind.mayOpen(open), kind.mayOpen(shut)],
  };
}

const KINDS = [
  [
    's3-public-acl',
    read(
      S3_ACLS,
      (acl) => s3Bucket({ acls: [acl], publicAccessBlock: pab() }),
      s3Acl('public-read', [grant(ALL_USERS)]),
      s3Acl('private'),
    ),
  ],
  [
    's3-public-policy',
    read(
      S3_POLICIES,
      (p) => s3Bucket({ policies: [p], publicAccessBlock: pab() }),
      policy([statement()]),
      policy([statement({ effect: 'Deny' })]),
    ),
  ],
  [
    'gcs-public-iam',
    read(
      GCS_IAM,
      (binding) => gcsBucket({ prevention: 'enforced', iam: [binding] }),
      iam(['allUsers']),
      iam(['group:releasers@acme.dev']),
    ),
  ],
  [
    'gcs-public-acl',
    read(
      GCS_ACLS,
      (acl) => gcsBucket({ uniform: true, acls: [acl] }),
      gcsAcl({ predefined: 'publicRead', entities: ['READER:allUsers'] }),
      gcsAcl({ predefined: 'private' }),
    ),
  ],
] as const;

describe('controlKind', () => {
  it.each(KINDS)(
    '%s: each path names its rule and control, closed by the bucket',
    (rule, { control, closer, paths }) => {
      expect(closer).toBeDefined();
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path).toMatchObject({
          rule,
          address: control.address,
          control: { range: control.range },
          neutralisedBy: closer,
        });
      }
    },
  );

  it.each(KINDS)(
    '%s: mayOpen tells a control that opens a path from one that opens none',
    (_rule, { mayOpen }) => {
      expect(mayOpen).toEqual([true, false]);
    },
  );
});
