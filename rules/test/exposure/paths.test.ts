import { describe, expect, it } from 'vitest';
import type { Bucket } from '@posture/model';
import { builtinRules, openPath, publicPaths } from '../../src/index.js';
import {
  ALL_USERS,
  gcsAcl,
  gcsBucket,
  grant,
  iam,
  pab,
  policy,
  r2Bucket,
  r2Domain,
  s3Acl,
  s3Bucket,
  statement,
  unknown,
  website,
} from '../support/facts.js';
import { run } from '../support/tester.js';

const PUBLIC_S3 = {
  acls: [s3Acl('public-read', [grant(ALL_USERS)])],
  policies: [policy([statement(), statement({ effect: 'Deny' }, 1)])],
  website: website(),
};

const BUCKETS: [string, Bucket][] = [
  ['an open S3 bucket', s3Bucket(PUBLIC_S3)],
  ['a neutralised S3 bucket', s3Bucket({ ...PUBLIC_S3, publicAccessBlock: pab() })],
  [
    'an S3 bucket with unknowns',
    s3Bucket({ acls: [s3Acl(unknown())], policies: [policy([], 'unknown')] }),
  ],
  [
    'an open R2 bucket',
    r2Bucket({
      managedDomain: r2Domain('managed', true),
      customDomains: [r2Domain('custom', undefined)],
    }),
  ],
  ['an undecided R2 bucket', r2Bucket({ managedDomain: r2Domain('managed', unknown()) })],
  [
    'an open GCS bucket',
    gcsBucket({
      iam: [iam(['allUsers'])],
      acls: [gcsAcl({ predefined: 'publicRead', entities: ['READER:allUsers'] })],
    }),
  ],
  [
    'a neutralised GCS bucket',
    gcsBucket({
      prevention: 'enforced',
      iam: [iam(['allUsers'])],
      acls: [gcsAcl({ predefined: 'publicRead' })],
    }),
  ],
];

const EXPOSURE_RULES = builtinRules.filter((rule) =>
  [
    's3-public-acl',
    's3-public-policy',
    's3-website',
    'r2-public-dev-url',
    'r2-public-custom-domain',
    'gcs-public-iam',
    'gcs-public-acl',
  ].includes(rule.meta.id),
);

describe('publicPaths', () => {
  it.each(BUCKETS)('agrees with the exposure rules on %s', (_name, bucket) => {
    // Every decided finding (not the medium "not provably private" ones) is a path, and back.
    const fromRules = EXPOSURE_RULES.flatMap((rule) =>
      run(rule, bucket as never)
        .filter((finding) => finding.severity !== 'medium')
        .map((finding) => ({
          rule: rule.meta.id,
          range: finding.location,
          neutralised: finding.severity === 'low',
        })),
    );
    expect(publicPaths(bucket)).toEqual(expect.arrayContaining(fromRules));
    expect(publicPaths(bucket)).toHaveLength(fromRules.length);
  });

  it('finds an open path only where one is un-neutralised', () => {
    const open = BUCKETS.filter(([, bucket]) => openPath(bucket)).map(([name]) => name);
    expect(open).toEqual(['an open S3 bucket', 'an open R2 bucket', 'an open GCS bucket']);
  });

  it('opens the S3 path of the first exposure: the ACL', () => {
    expect(openPath(s3Bucket(PUBLIC_S3))?.rule).toBe('s3-public-acl');
  });
});
