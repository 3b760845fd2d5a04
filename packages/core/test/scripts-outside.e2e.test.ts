import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A release step that runs `ship.sh` from out of the checkout, or from a directory the scan cannot
 * tell, runs no script of the repository it can name: the root's `ship.sh`, which uploads to a
 * public bucket, is not what runs, and its link does not make the bucket release-use. A warning
 * says the script was not followed, where the step names it.
 */
const SHIP = 'aws s3 cp dist s3://acme-www/releases/ --recursive\n';
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');
const workflow = (step: string) =>
  `name: Release\non:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    steps:\n      - name: Publish\n${step}`;

it.each([
  [
    'runs it from the root',
    '        run: bash ship.sh\n',
    ['s3-public-access-block@main.tf:6'],
    [],
  ],
  [
    'cds to an absolute path first',
    '        run: cd /opt/app && bash ship.sh\n',
    [],
    ['.github/workflows/release.yml runs ship.sh (/opt/app/ship.sh)'],
  ],
  [
    'runs it in the directory above the checkout',
    '        run: bash ship.sh\n        working-directory: ${{ github.workspace }}/..\n',
    [],
    ['.github/workflows/release.yml runs ship.sh (../ship.sh from the root)'],
  ],
  [
    "runs it in the runner's temporary directory",
    '        run: bash ship.sh\n        working-directory: ${{ runner.temp }}\n',
    [],
    ['.github/workflows/release.yml runs ship.sh (${{ runner.temp }}/ship.sh)'],
  ],
  [
    'cds to a directory a variable of the environment names first',
    '        run: cd "$OUT_DIR" && bash ship.sh\n',
    [],
    [
      '.github/workflows/release.yml runs ship.sh ($OUT_DIR/ship.sh), from a directory the scan cannot tell',
    ],
  ],
  [
    'cds to the home directory first',
    '        run: cd ~ && bash ship.sh\n',
    [],
    [
      '.github/workflows/release.yml runs ship.sh (~/ship.sh), from a directory the scan cannot tell',
    ],
  ],
  [
    'cds to a directory and back first',
    '        run: cd dist && cd - && bash ship.sh\n',
    ['s3-public-access-block@main.tf:6'],
    [],
  ],
])('a release step that %s', async (_how, step, findings, outside) => {
  const report = await scanFiles({
    'main.tf': BUCKET,
    'ship.sh': SHIP,
    '.github/workflows/release.yml': workflow(step),
  });
  expect(summarize(report)).toEqual(findings);
  expect(
    report.result.diagnostics
      .filter((d) => d.code === 'path-outside-root')
      .map((d) => `${d.range.start.line} ${d.message.split(', which')[0]}`),
  ).toEqual(outside.map((said) => `9 ${said}`));
});
