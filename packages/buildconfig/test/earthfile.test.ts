/**
 * Earthfiles: Dockerfile syntax grouped into targets. A `RUN` is a script; a target named for
 * releasing, or a `RUN --push` (run only when Earthly publishes), is a release step; `ARG`, `ENV`,
 * `LET` and `SET` hold within their target.
 */
import { expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

// earthly/earthly's release/apt-repo/Earthfile, its upload target (the bucket a required ARG).
const upload = (arg: string) => `VERSION 0.7
PROJECT earthly-technologies/core
FROM alpine:3.18

upload:
    FROM ../common-repo+aws

    ARG USE_OUTPUT_COPY=true
    # upload public key
    ${arg}
    RUN --push \\
        --mount type=secret,id=release/keys/earthly-public.pgp,target=/release-key/earthly-public.pgp \\
        --secret MFA_ARN=+secrets/user/earthly-technologies/aws/mfa-arn \\
        --secret MFA_KEY=+secrets/user/earthly-technologies/aws/mfa-key \\
        --mount type=secret,id=+secrets/user/earthly-technologies/aws/credentials,target=/root/.aws/credentials \\
        grep PUBLIC /release-key/earthly-public.pgp >/dev/null && \\
        eval $(assume-developer-role 1) && \\
        aws s3 cp --acl public-read /release-key/earthly-public.pgp "s3://$S3_BUCKET/earthly.pgp" && \\
        # upload signed repo
        # Note: aws s3 sync doesn't always pickup changes to Release and Packages files, so force a cp to ensure they are uploaded
        aws s3 cp --acl public-read /repo/dists/stable/Release s3://$S3_BUCKET/deb/dists/stable/Release && \\
        aws s3 sync --acl public-read /repo s3://$S3_BUCKET/deb/

build-and-release:
    ARG --required S3_BUCKET
    BUILD +upload --USE_OUTPUT_COPY=false --S3_BUCKET="$S3_BUCKET"
`;

it('reads the public uploads to a bucket the Earthfile requires as an argument as unnamed (earthly/earthly apt-repo)', () => {
  const { links } = scanText('release/apt-repo/Earthfile', upload('ARG --required S3_BUCKET'));
  expect(links.map((l) => [l.url, l.usage, l.bucket, l.bucketUnresolved])).toEqual([
    ['s3://$S3_BUCKET/earthly.pgp', 'public-upload', undefined, true],
    ['s3://$S3_BUCKET/deb/dists/stable/Release', 'public-upload', undefined, true],
    ['s3://$S3_BUCKET/deb/', 'public-upload', undefined, true],
  ]);
});

it("reads the RUN --push commands, over continued and comment lines, with the target's ARG default", () => {
  const { links } = scanText('Earthfile', upload('ARG --global S3_BUCKET=acme-apt'));
  expect(links.map((l) => [where(l), l.url, l.usage, l.releaseStep, l.field])).toEqual([
    ['18:70-18:97', 's3://acme-apt/earthly.pgp', 'public-upload', 'release', 'upload'],
    [
      '21:64-21:104',
      's3://acme-apt/deb/dists/stable/Release',
      'public-upload',
      'release',
      'upload',
    ],
    ['22:45-22:65', 's3://acme-apt/deb/', 'public-upload', 'release', 'upload'],
  ]);
});

it.each([
  [
    'a RUN --push in any target',
    'build:\n    RUN --push aws s3 cp dist s3://acme-releases/\n',
    'release',
  ],
  [
    'one whose options run over lines',
    'build:\n    RUN --no-cache \\\n        --push aws s3 cp dist s3://acme-releases/\n',
    'release',
  ],
  [
    'a target named for releasing',
    'publish:\n    RUN aws s3 cp dist s3://acme-releases/\n',
    'release',
  ],
  ['a plain RUN in another target', 'build:\n    RUN aws s3 cp dist s3://acme-releases/\n', false],
  [
    "a --push that is the command's own option",
    'build:\n    RUN docker buildx build --push . && aws s3 cp dist s3://acme-releases/\n',
    false,
  ],
])('reads the release context: %s', (_name, text, releaseStep) => {
  const { links } = scanText('Earthfile', `VERSION 0.8\nFROM alpine\n\n${text}`);
  expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
    ['acme-releases', 'upload', releaseStep],
  ]);
});

it('keeps variables within their target, and reads no link from SAVE ARTIFACT AS LOCAL or a comment', () => {
  const text = `VERSION 0.8
FROM alpine
ARG BASE_BUCKET=acme-base

build:
    ARG BUCKET=acme-releases
    LET CHANNEL=cli
    SET CHANNEL=cli-latest
    RUN aws s3 cp dist s3://$BUCKET/$CHANNEL
    SAVE ARTIFACT ./dist AS LOCAL ./dist
    # RUN gsutil iam ch allUsers:objectViewer gs://acme-releases

mirror:
    RUN aws s3 cp dist s3://$BUCKET/ && aws s3 cp dist s3://$BASE_BUCKET/
`;
  const { links } = scanText('Earthfile', text);
  expect(links.map((l) => [l.url, l.field])).toEqual([['s3://acme-releases/cli-latest', 'build']]);
});

it("carries the base target's ARG --global into every target, and no other base variable", () => {
  const text = `VERSION 0.8
FROM alpine
ARG --global BUCKET=acme-releases
ARG MIRROR=acme-mirror

build:
    RUN aws s3 cp dist s3://$BUCKET/build/ && aws s3 cp dist s3://$MIRROR/build/

publish:
    ARG BUCKET=acme-nightly
    RUN --push aws s3 cp dist s3://$BUCKET/ --acl public-read
`;
  const { links } = scanText('Earthfile', text);
  expect(links.map((l) => [l.url, l.field])).toEqual([
    ['s3://acme-releases/build/', 'build'],
    ['s3://acme-nightly/', 'publish'],
  ]);
});
