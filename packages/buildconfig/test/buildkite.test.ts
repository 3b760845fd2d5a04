/**
 * Buildkite: the agent uploads a job's artifacts to the BUILDKITE_ARTIFACT_UPLOAD_DESTINATION of
 * the step's or pipeline's env, to S3 with a public-read ACL unless BUILDKITE_S3_ACL (or
 * AWS_S3_ACL) says otherwise, to GCS with BUILDKITE_GS_ACL's.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it.each([
  [
    'an S3 destination of the step',
    'steps:\n  - command: make\n    artifact_paths: dist/*\n    env:\n      BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: s3://acme-releases/cli\n',
    'public-upload',
  ],
  [
    'one of the pipeline',
    'env:\n  BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: "s3://acme-releases/cli/$BUILDKITE_TAG"\nsteps:\n  - command: make\n    artifact_paths: dist/*\n',
    'public-upload',
  ],
  [
    'a private ACL in the same env',
    'steps:\n  - command: make\n    env:\n      BUILDKITE_S3_ACL: private\n      BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: s3://acme-releases/cli\n',
    'upload',
  ],
  [
    "a private ACL in the pipeline's env",
    'env:\n  AWS_S3_ACL: bucket-owner-full-control\nsteps:\n  - command: make\n    env:\n      BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: s3://acme-releases/cli\n',
    'upload',
  ],
  [
    'a GCS destination, with the bucket default ACL',
    'steps:\n  - command: make\n    env:\n      BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: gs://acme-releases/cli\n',
    'upload',
  ],
  [
    'a GCS destination made public',
    'env:\n  BUILDKITE_GS_ACL: publicRead\n  BUILDKITE_ARTIFACT_UPLOAD_DESTINATION: gs://acme-releases/cli\nsteps:\n  - command: make\n',
    'public-upload',
  ],
])('reads the artifact upload destination in env: %s', (_name, text, usage) => {
  const { links } = scanText('.buildkite/pipeline.yml', text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['acme-releases', usage]]);
});

it('reads buildkite-agent artifact upload to S3 in a step run for tags as a public upload of a release step', () => {
  const text = `steps:
  - label: ":s3: publish"
    if: build.tag != null
    command: buildkite-agent artifact upload "dist/*" "s3://acme-releases/cli/$BUILDKITE_TAG"
`;
  const { links } = scanText('.buildkite/pipeline.yml', text);
  expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
    ['acme-releases', 'public-upload', 'release'],
  ]);
});

// The agent's own help (buildkite/agent clicommand/artifact_upload.go) sets the ACL beside the
// command: `export BUILDKITE_S3_ACL=private # default is public-read` then
// `buildkite-agent artifact upload "log/**/*.log" s3://name-of-your-s3-bucket/$BUILDKITE_JOB_ID`.
// A step's `env:` gives the command that environment.
it.each([
  [
    'no ACL in sight',
    'steps:\n  - command: buildkite-agent artifact upload "log/**/*.log" s3://acme-releases/$BUILDKITE_JOB_ID\n',
    'public-upload',
  ],
  [
    "a private ACL in the step's env, with command",
    'steps:\n  - command: buildkite-agent artifact upload "log/**/*.log" s3://acme-releases/$BUILDKITE_JOB_ID\n    env:\n      BUILDKITE_S3_ACL: private\n',
    'upload',
  ],
  [
    "one in the step's env, with commands",
    'steps:\n  - commands:\n      - make dist\n      - buildkite-agent artifact upload "dist/*" s3://acme-releases/cli\n    env:\n      BUILDKITE_S3_ACL: bucket-owner-full-control\n',
    'upload',
  ],
  [
    "one in the pipeline's env",
    'env:\n  AWS_S3_ACL: private\nsteps:\n  - command: buildkite-agent artifact upload "dist/*" s3://acme-releases/cli\n',
    'upload',
  ],
  [
    "the step's public ACL over the pipeline's private one",
    'env:\n  BUILDKITE_S3_ACL: private\nsteps:\n  - command: buildkite-agent artifact upload "dist/*" s3://acme-releases/cli\n    env:\n      BUILDKITE_S3_ACL: public-read\n',
    'public-upload',
  ],
  [
    "another step's env, which is not this one's",
    'steps:\n  - command: make\n    env:\n      BUILDKITE_S3_ACL: private\n  - command: buildkite-agent artifact upload "dist/*" s3://acme-releases/cli\n',
    'public-upload',
  ],
  [
    'a GCS destination made public by the env',
    'steps:\n  - command: buildkite-agent artifact upload "dist/*" gs://acme-releases/cli\n    env:\n      BUILDKITE_GS_ACL: publicRead\n',
    'public-upload',
  ],
  [
    'a GCS destination with the bucket default',
    'steps:\n  - command: buildkite-agent artifact upload "dist/*" gs://acme-releases/cli\n',
    'upload',
  ],
])(
  'reads buildkite-agent artifact upload in a command with the ACL of its env: %s',
  (_name, text, usage) => {
    const { links } = scanText('.buildkite/pipeline.yml', text);
    expect(links.map((l) => [l.bucket, l.usage])).toEqual([['acme-releases', usage]]);
  },
);
