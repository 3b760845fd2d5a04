import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A release workflow uses the repository's composite action, whose step runs the upload script
 * beside it, named from where GitHub puts the action: the script's upload to a public bucket makes
 * the bucket release-use, as it does when the step names the script from the root. Named so, it is
 * none of the root's (whose ship.sh uploads nothing).
 */
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');
const WORKFLOW =
  'on:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    steps:\n      - uses: ./.github/actions/ship\n';

it.each([
  ['from the root', 'bash .github/actions/ship/ship.sh'],
  ['by ${{ github.action_path }}', '${{ github.action_path }}/ship.sh'],
  ['by $GITHUB_ACTION_PATH', 'bash "$GITHUB_ACTION_PATH/ship.sh"'],
])('a composite action runs its upload script named %s', async (_how, run) => {
  const report = await scanFiles({
    'main.tf': BUCKET,
    '.github/workflows/release.yml': WORKFLOW,
    '.github/actions/ship/action.yml': `runs:\n  using: composite\n  steps:\n    - run: ${run}\n      shell: bash\n`,
    '.github/actions/ship/ship.sh': 'aws s3 cp dist s3://acme-www/releases/ --recursive\n',
    'ship.sh': 'make dist\n',
  });
  expect(summarize(report)).toEqual(['s3-public-access-block@main.tf:6']);
});
