import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A tag workflow runs release.sh, which enters a directory a variable names before it runs
 * ./ship.sh: where the script gives the variable its value, the ship.sh of that directory runs, and
 * its upload to a public bucket makes it release-use (where it does not, the scan reads none: see
 * scripts-outside.e2e.test.ts).
 */
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');
const UPLOAD = 'aws s3 cp dist s3://acme-www/releases/ --recursive\n';
const WORKFLOW =
  'on:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    steps:\n      - run: bash release.sh\n';

it('a script run after a cd to a directory the script names in a variable is read there', async () => {
  const report = await scanFiles({
    'main.tf': BUCKET,
    '.github/workflows/release.yml': WORKFLOW,
    'release.sh': 'OUT=tools\ncd "$OUT"\n./ship.sh\n',
    'tools/ship.sh': UPLOAD,
    'ship.sh': 'make dist\n',
  });
  expect(summarize(report)).toEqual(['s3-public-access-block@main.tf:6']);
});
