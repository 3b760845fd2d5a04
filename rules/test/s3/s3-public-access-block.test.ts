import rule from '../../src/s3/s3-public-access-block.js';
import { LINE, accountPab, pab, range, s3Bucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const OMITTED = {
  block_public_acls: undefined,
  block_public_policy: undefined,
  ignore_public_acls: undefined,
  restrict_public_buckets: undefined,
};

testRule(rule, {
  valid: [
    {
      name: 'bucket-level block with all four flags',
      subject: s3Bucket({ publicAccessBlock: pab() }),
    },
    {
      name: 'account-level block with all four flags satisfies it',
      subject: s3Bucket({ accountPublicAccessBlock: accountPab() }),
    },
    {
      name: 'a complete bucket-level block makes a loose account-level one irrelevant',
      subject: s3Bucket({
        publicAccessBlock: pab(),
        accountPublicAccessBlock: accountPab({ block_public_policy: false }),
      }),
    },
  ],
  invalid: [
    {
      name: 'no block at any level: not provably private, at the bucket',
      subject: s3Bucket(),
      findings: [
        {
          severity: 'medium',
          line: LINE.bucket,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is not provably private: Terraform leaves Block Public Access unmanaged\./,
        },
      ],
    },
    {
      name: 'a flag set to false, at the flag',
      subject: s3Bucket({ publicAccessBlock: pab({ ignore_public_acls: false }) }),
      findings: [
        {
          severity: 'high',
          line: LINE.pab + 3,
          message: /On aws_s3_bucket_public_access_block\.releases, ignore_public_acls = false\./,
        },
      ],
    },
    {
      name: 'a registry module bucket is told to set the module inputs',
      subject: s3Bucket({
        address: 'module.releases',
        resourceType: undefined,
        viaModule: {
          address: 'module.releases',
          range: range(LINE.bucket),
          source: 'terraform-aws-modules/s3-bucket/aws',
        },
        publicAccessBlock: pab({ ignore_public_acls: false }),
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.pab + 3,
          message:
            /Give module\.releases the inputs block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true\./,
        },
      ],
    },
    {
      name: 'omitted flags default to false, at the block',
      subject: s3Bucket({ publicAccessBlock: pab(OMITTED) }),
      findings: [
        {
          severity: 'high',
          line: LINE.pab,
          message: /block_public_acls is omitted \(Terraform's default is false\)/,
        },
      ],
    },
    {
      name: 'the first flag that is off is the location; all are listed',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_policy: false, restrict_public_buckets: false }),
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.pab + 2,
          message: /block_public_policy = false, restrict_public_buckets = false/,
        },
      ],
    },
    {
      name: 'an incomplete account-level block alone',
      subject: s3Bucket({
        accountPublicAccessBlock: accountPab({ restrict_public_buckets: false }),
      }),
      findings: [{ severity: 'high', line: LINE.accountPab + 4, file: 'account.tf' }],
    },
    {
      name: 'a flag off at both levels points at the bucket-level block',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: false }),
        accountPublicAccessBlock: accountPab({ block_public_acls: false }),
      }),
      findings: [{ severity: 'high', line: LINE.pab + 1 }],
    },
    {
      name: 'a flag unknown before apply: not provably private, at the flag',
      subject: s3Bucket({
        publicAccessBlock: pab({
          block_public_acls: unknown(['var.strict'], 'variable strict has no value'),
        }),
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.pab + 1,
          message:
            /not provably private: block_public_acls on aws_s3_bucket_public_access_block\.releases is not known before apply \(variable strict has no value\)/,
        },
      ],
    },
    {
      name: 'an unknown flag beside a false one is still high',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: unknown(), ignore_public_acls: false }),
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.pab + 3,
          message: /ignore_public_acls = false, block_public_acls is not known before apply/,
        },
      ],
    },
    {
      name: 'a loose bucket-level block under a complete account-level block is neutralised',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: false, restrict_public_buckets: undefined }),
        accountPublicAccessBlock: accountPab(),
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.pab + 1,
          message:
            /neutralised by the account-level block aws_s3_account_public_access_block\.this\. block_public_acls, restrict_public_buckets are not true on the bucket/,
        },
      ],
    },
    {
      name: 'flags split between the levels add up to all four: neutralised',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: false, ignore_public_acls: false }),
        accountPublicAccessBlock: accountPab({
          block_public_policy: false,
          restrict_public_buckets: false,
        }),
      }),
      findings: [{ severity: 'low', line: LINE.pab + 1 }],
    },
    {
      name: 'an unknown bucket-level flag covered by the account-level block is neutralised',
      subject: s3Bucket({
        publicAccessBlock: pab({ block_public_acls: unknown() }),
        accountPublicAccessBlock: accountPab(),
      }),
      findings: [{ severity: 'low', line: LINE.pab + 1 }],
    },
  ],
});
