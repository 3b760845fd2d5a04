import rule from '../../src/s3/s3-acls-enabled.js';
import { LINE, accountPab, ownership, pab, s3Bucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    {
      name: 'unknown object_ownership while ignore_public_acls holds is provably private',
      subject: s3Bucket({ ownership: ownership(unknown(['var.o'])), publicAccessBlock: pab() }),
    },
    {
      name: 'no ownership controls (the bucket-level default is left to AWS)',
      subject: s3Bucket(),
    },
    {
      name: 'BucketOwnerEnforced',
      subject: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }),
    },
  ],
  invalid: [
    ...['BucketOwnerPreferred', 'ObjectWriter'].map((value) => ({
      name: `${value}, at object_ownership`,
      subject: s3Bucket({ ownership: ownership(value) }),
      findings: [
        {
          severity: 'medium' as const,
          line: LINE.objectOwnership,
          message: new RegExp(
            `keeps ACLs enabled\\. aws_s3_bucket_ownership_controls\\.releases sets object_ownership = "${value}"`,
          ),
        },
      ],
    })),
    {
      name: 'low while ignore_public_acls holds: S3 ignores public ACLs',
      subject: s3Bucket({ ownership: ownership('ObjectWriter'), publicAccessBlock: pab() }),
      findings: [
        {
          severity: 'low',
          line: LINE.objectOwnership,
          message:
            /keeps ACLs enabled, neutralised by ignore_public_acls = true on aws_s3_bucket_public_access_block\.releases\. .*only to the accounts they name/,
        },
      ],
    },
    {
      name: "low while the account's block ignores public ACLs",
      subject: s3Bucket({
        ownership: ownership('ObjectWriter'),
        accountPublicAccessBlock: accountPab(),
      }),
      findings: [{ severity: 'low', line: LINE.objectOwnership, message: /neutralised by/ }],
    },
    {
      name: 'medium when the block lets public ACLs through',
      subject: s3Bucket({
        ownership: ownership('ObjectWriter'),
        publicAccessBlock: pab({ ignore_public_acls: false }),
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.objectOwnership,
          message: /can make release artifacts public/,
        },
      ],
    },
    {
      name: 'a bucket that is not release-use (--scope all) holds objects, not release artifacts',
      subject: s3Bucket({ ownership: ownership('ObjectWriter'), release: [] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.objectOwnership,
          message: /a bucket or object ACL can make its objects public/,
        },
      ],
    },
    {
      name: 'unknown object_ownership is not provably private',
      subject: s3Bucket({ ownership: ownership(unknown(['var.ownership'])) }),
      findings: [
        {
          severity: 'medium',
          line: LINE.objectOwnership,
          message:
            /not provably private: object_ownership on aws_s3_bucket_ownership_controls\.releases is not known before apply \(it depends on var\.ownership\)/,
        },
      ],
    },
  ],
});
