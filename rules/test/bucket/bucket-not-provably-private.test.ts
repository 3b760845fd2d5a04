import rule from '../../src/bucket/bucket-not-provably-private.js';
import {
  LINE,
  accountPab,
  gcsBucket,
  ownership,
  pab,
  r2Bucket,
  range,
  s3Bucket,
} from '../support/facts.js';
import { unknown, type AccessKind } from '@posture/model';
import { expect, it } from 'vitest';
import { run, testRule } from '../support/tester.js';

const unresolved = [
  {
    message: 'module.storage (git::https://example.com/storage.git) is not installed',
    range: range(LINE.unresolved),
  },
  { message: 'var.acl has no value', range: range(LINE.unresolved + 5) },
];

/** A settings resource whose bucket is not known, which opens `opens` on whichever it configures. */
const orphan = (opens: AccessKind, line: number = LINE.unresolved) => ({
  message: `${opens}.public configures a bucket that cannot be determined before apply`,
  range: range(line),
  opens,
});

testRule(rule, {
  valid: [
    { name: 'an S3 bucket with everything resolved', subject: s3Bucket() },
    { name: 'an R2 bucket with everything resolved', subject: r2Bucket() },
    {
      name: 'an S3 bucket that ignores public ACLs and restricts public policies, whatever they configure',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: false, block_public_policy: false }),
        unresolved: [orphan('acl'), orphan('policy'), orphan('website')],
      }),
    },
    {
      name: 'an S3 bucket under an account-wide block, or that disables ACLs',
      subject: s3Bucket({
        accountPublicAccessBlock: accountPab(),
        ownership: ownership('BucketOwnerEnforced'),
        unresolved: [orphan('policy'), orphan('acl')],
      }),
    },
    {
      name: 'a GCS bucket that enforces public access prevention',
      subject: gcsBucket({ prevention: 'enforced', unresolved: [orphan('iam'), orphan('acl')] }),
    },
    {
      name: 'a GCS bucket with uniform access, against an ACL',
      subject: gcsBucket({ uniform: true, unresolved: [orphan('acl')] }),
    },
  ],
  invalid: [
    {
      name: 'one finding per bucket, at the first unresolved fact, listing all',
      subject: s3Bucket({ unresolved }),
      findings: [
        {
          severity: 'medium',
          line: LINE.unresolved,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is not provably private: 2 facts that decide its exposure could not be resolved\. module\.storage .* is not installed; var\.acl has no value\./,
        },
      ],
    },
    {
      name: 'every service',
      subject: gcsBucket({ unresolved: unresolved.slice(1) }),
      findings: [
        {
          severity: 'medium',
          line: LINE.unresolved + 5,
          message:
            /1 fact that decides its exposure could not be resolved\. var\.acl has no value\./,
        },
      ],
    },
    {
      name: 'a resource of unknown bucket that the bucket refuses only in part, or may not refuse',
      subject: s3Bucket({
        publicAccessBlock: pab({ restrict_public_buckets: unknown() }),
        unresolved: [orphan('acl'), orphan('policy', LINE.unresolved + 5)],
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.unresolved + 5,
          message:
            /1 fact that decides its exposure could not be resolved\. policy\.public configures/,
        },
      ],
    },
    {
      name: 'a GCS IAM binding of unknown bucket on a bucket with uniform access only',
      subject: gcsBucket({ uniform: true, unresolved: [orphan('iam')] }),
      findings: [{ severity: 'medium', line: LINE.unresolved }],
    },
    {
      name: 'an ACL of unknown bucket on an R2 bucket, which nothing refuses there',
      subject: r2Bucket({ unresolved: [orphan('acl')] }),
      findings: [{ severity: 'medium', line: LINE.unresolved }],
    },
  ],
});

it('relates the other unresolved facts and the module calls', () => {
  const moduleCall = { address: 'module.storage', range: range(200, 'root.tf') };
  const [finding] = run(rule, s3Bucket({ unresolved, moduleCalls: [moduleCall] }));
  expect(finding?.related).toEqual([
    { label: 'bucket', range: range(LINE.bucket) },
    { label: 'unresolved', range: range(LINE.unresolved + 5) },
    { label: 'module call', range: moduleCall.range },
  ]);
});
