import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A tag-only release step of CircleCI, Buildkite or an Azure Pipelines template runs `./ship.sh`
 * in the checkout, wherever the file that writes it is: the root's script, which uploads to a
 * public bucket, makes it release-use; one of that name beside the CI file is not what runs, and
 * does not. (A script named for releasing, `publish.sh`, is read on its own: not this one.)
 */
const SHIP = 'aws s3 cp dist s3://acme-www/releases/ --recursive\n';
const BUCKET = [
  'resource "aws_s3_bucket" "site" {\n  bucket = "acme-www"\n}\n',
  'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket = aws_s3_bucket.site.id\n',
  '  block_public_acls = false\n  block_public_policy = false\n',
  '  ignore_public_acls = false\n  restrict_public_buckets = false\n}\n',
].join('');
const CIRCLECI = {
  '.circleci/config.yml': [
    'version: 2.1\njobs:\n  release:\n    docker: [{ image: cimg/base:stable }]\n',
    '    steps:\n      - checkout\n      - run: ./ship.sh\n',
    'workflows:\n  release:\n    jobs:\n      - release:\n          filters:\n',
    '            tags: { only: /^v.*/ }\n            branches: { ignore: /.*/ }\n',
  ].join(''),
};
const BUILDKITE = {
  '.buildkite/pipeline.yml':
    'steps:\n  - label: Publish release\n    command: ./ship.sh\n    if: build.tag != null\n',
};
const AZURE = {
  'azure-pipelines.yml':
    "trigger:\n  tags:\n    include: ['v*']\nstages:\n  - stage: Release\n    jobs:\n      - template: ci/templates/release.yml\n",
  'ci/templates/release.yml':
    'jobs:\n  - job: publish\n    displayName: Publish release\n    steps:\n      - script: ./ship.sh\n',
};

it.each([
  ['CircleCI', CIRCLECI, '.circleci'],
  ['Buildkite', BUILDKITE, '.buildkite'],
  ['Azure Pipelines', AZURE, 'ci/templates'],
])('%s runs the root ship.sh, not the one beside its file', async (_ci, ci, dir) => {
  const beside = await scanFiles({ 'main.tf': BUCKET, ...ci, [`${dir}/ship.sh`]: SHIP });
  expect(summarize(beside)).toEqual([]);
  expect(beside.result.diagnostics.map((d) => d.code)).toContain('build-script-missing');
  const root = await scanFiles({ 'main.tf': BUCKET, ...ci, 'ship.sh': SHIP });
  expect(summarize(root)).toEqual(['s3-public-access-block@main.tf:6']);
});
