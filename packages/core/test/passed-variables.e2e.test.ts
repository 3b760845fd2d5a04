import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A tag workflow's job gives its script the bucket in env:, after the other variables the script
 * uses. 64 are passed to a script: past them, the bucket was not passed, and the public bucket's
 * upload went unread in silence ('No findings'); now the scan says so, and fails closed.
 */
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');

it.each([
  [63, ['s3-public-access-block@main.tf:6']],
  [69, ['input-unreadable@.github/workflows/release.yml:79']],
])('a job that gives its script %i variables and the bucket', async (count, findings) => {
  const others = Array.from({ length: count }, (_, i) => `V${i}`);
  const env = [
    ...others.map((name) => `      ${name}: ${name.toLowerCase()}`),
    '      BUCKET: acme-www',
  ];
  const report = await scanFiles({
    'main.tf': BUCKET,
    '.github/workflows/release.yml': [
      'on:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:',
      ...env,
      '    steps:\n      - run: bash ship.sh\n',
    ].join('\n'),
    'ship.sh': `echo ${others.map((name) => `$${name}`).join(' ')}\naws s3 cp dist "s3://$BUCKET/releases/" --recursive\n`,
  });
  expect(summarize(report)).toEqual(findings);
});
