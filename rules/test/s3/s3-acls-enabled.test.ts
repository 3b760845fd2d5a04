import rule from '../../src/s3/s3-acls-enabled.js';
import { LINE, ownership, s3Bucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
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
