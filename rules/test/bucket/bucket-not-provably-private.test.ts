import rule from '../../src/bucket/bucket-not-provably-private.js';
import { LINE, gcsBucket, r2Bucket, range, s3Bucket } from '../support/facts.js';
import { expect, it } from 'vitest';
import { run, testRule } from '../support/tester.js';

const unresolved = [
  {
    message: 'module.storage (git::https://example.com/storage.git) is not installed',
    range: range(LINE.unresolved),
  },
  { message: 'var.acl has no value', range: range(LINE.unresolved + 5) },
];

testRule(rule, {
  valid: [
    { name: 'an S3 bucket with everything resolved', subject: s3Bucket() },
    { name: 'an R2 bucket with everything resolved', subject: r2Bucket() },
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
