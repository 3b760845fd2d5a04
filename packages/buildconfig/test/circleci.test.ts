/**
 * CircleCI. The aws-s3 orb is known by the name the `orbs:` map gives it, and its steps upload in
 * reusable `commands:` as in jobs.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it('reads the aws-s3 orb under its alias and in reusable commands', () => {
  const text = `version: 2.1
orbs:
  s3: circleci/aws-s3@4.1
  other: acme/aws-s3@1
commands:
  publish-binaries:
    steps:
      - aws-s3/sync:
          from: dist
          to: s3://acme-cli/cmd/
          arguments: --acl public-read
jobs:
  build:
    steps:
      - s3/copy:
          from: dist/a
          to: s3://acme-cli/alias/
          arguments: --acl public-read
      - other/copy:
          from: dist/b
          to: s3://acme-cli/not-the-orb/
          arguments: --acl public-read
      - publish-binaries
`;
  const { links } = scanText('.circleci/config.yml', text);
  expect(links.map((l) => [l.field, l.usage, l.releaseStep])).toEqual([
    ['commands.publish-binaries.steps[0].aws-s3/sync.to', 'public-upload', 'release'],
    ['jobs.build.steps[0].s3/copy.to', 'public-upload', false],
    ['jobs.build.steps[1].other/copy.to', 'api', false],
  ]);
});
