/**
 * Compose files: what a service builds with (`build.args`), runs with (`environment`) and runs
 * (`command`, the AWS CLI's arguments in its image) is part of what it ships, so their links are a
 * build's.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

it.each([
  [
    'a build argument',
    'docker-compose.yml',
    'services:\n  app:\n    build:\n      args:\n        URL: https://acme-releases.s3.amazonaws.com/app.tgz\n',
    [['services.app.build.args.URL', 'https://acme-releases.s3.amazonaws.com/app.tgz', 'download']],
  ],
  [
    'an environment list entry',
    'compose.yaml',
    'services:\n  app:\n    environment:\n      - BASE=https://s3.amazonaws.com/acme-releases/dl\n',
    [['services.app.environment[0]', 'https://s3.amazonaws.com/acme-releases/dl', 'download']],
  ],
  [
    'an environment map entry',
    'deploy/compose.prod.yml',
    'services:\n  app:\n    environment:\n      BASE: https://acme-releases.s3.amazonaws.com/dl\n',
    [['services.app.environment.BASE', 'https://acme-releases.s3.amazonaws.com/dl', 'download']],
  ],
  [
    "a shell command's argument",
    'docker-compose.override.yaml',
    'services:\n  app:\n    command: ["sh", "-c", "aws s3 cp dist s3://acme-releases/app --acl public-read"]\n',
    [['services.app.command[2]', 's3://acme-releases/app', 'public-upload']],
  ],
  [
    "the AWS CLI image's command",
    'compose.release.yml',
    'services:\n  publish:\n    image: amazon/aws-cli:2.15.0\n    command: s3 cp /dist s3://acme-releases/app --recursive --acl public-read\n',
    [['services.publish.command', 's3://acme-releases/app', 'public-upload']],
  ],
  [
    "the AWS CLI image's command as a list",
    'compose.release.yml',
    'services:\n  publish:\n    image: public.ecr.aws/aws-cli/aws-cli\n    command: [s3, sync, /dist, "s3://acme-releases/app", --acl, public-read]\n',
    [['services.publish.command[3]', 's3://acme-releases/app', 'public-upload']],
  ],
  [
    'no AWS CLI where the entrypoint is another program',
    'compose.yml',
    'services:\n  publish:\n    image: amazon/aws-cli\n    entrypoint: [/bin/echo]\n    command: [s3, cp, /dist, "s3://acme-releases/app", --acl, public-read]\n',
    [['services.publish.command[3]', 's3://acme-releases/app', 'api']],
  ],
])('%s: %s', (_name, path, text, expected) => {
  const { links } = scan(repo({ [path]: text }));
  expect(links.map((l) => [l.fileType, l.field, l.url, l.usage])).toEqual(
    expected.map((e) => ['docker-compose', ...e]),
  );
});
