import rule from '../../src/r2/r2-s3-controls-ineffective.js';
import { LINE, r2Bucket, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const viaAws = (...addresses: string[]) =>
  r2Bucket({
    address: 'aws_s3_bucket.releases',
    viaAwsProvider: {
      providerRange: range(LINE.provider),
      ineffectiveControls: addresses.map((address, i) => ({ address, range: range(10 + i * 10) })),
    },
  });

testRule(rule, {
  valid: [
    { name: 'a Cloudflare-provider bucket', subject: r2Bucket() },
    { name: 'through the AWS provider with no S3 controls', subject: viaAws() },
  ],
  invalid: [
    {
      name: 'each ineffective control, at the control',
      subject: viaAws(
        'aws_s3_bucket_public_access_block.releases',
        'aws_s3_bucket_policy.releases',
      ),
      findings: [
        {
          severity: 'medium',
          line: 10,
          message:
            /has an S3 access control that R2 ignores\. aws_s3_bucket_public_access_block\.releases has no effect on R2/,
        },
        { severity: 'medium', line: 20, message: /aws_s3_bucket_policy\.releases has no effect/ },
      ],
    },
  ],
});
