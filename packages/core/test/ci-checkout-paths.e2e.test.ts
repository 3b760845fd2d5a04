import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Cloud Build checks the repository out to /workspace: a release step that runs the upload script
 * from there runs the repository's, whose upload to a public bucket makes it release-use (one run
 * from a runner's temporary directory is in scripts-outside.e2e.test.ts).
 */
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');
const UPLOAD = 'aws s3 cp dist s3://acme-www/releases/ --recursive\n';
const cloudBuild = (args: string) =>
  `steps:\n  - id: release\n    name: ubuntu\n    entrypoint: bash\n    args: ${args}\n`;

it.each([
  ['after cd /workspace/tools', `['-c', 'cd /workspace/tools && ./ship.sh']`],
  ['named /workspace/tools/ship.sh', '[/workspace/tools/ship.sh]'],
])('a Cloud Build release step runs its upload script %s', async (_how, args) => {
  const report = await scanFiles({
    'main.tf': BUCKET,
    'cloudbuild.yaml': cloudBuild(args),
    'tools/ship.sh': UPLOAD,
  });
  expect(summarize(report)).toEqual(['s3-public-access-block@main.tf:6']);
});
