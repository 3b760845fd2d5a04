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

// Compose fills `${NAME}` from the `.env` of the compose file's directory.
const args = (bucket = '${BUCKET}') =>
  `services:\n  app:\n    build:\n      args:\n        URL: https://${bucket}.s3.amazonaws.com/app.tgz\n`;
it.each([
  ['the .env beside it', { 'compose.yaml': args(), '.env': 'BUCKET=acme-releases\n' }, true],
  [
    'in quotes, built from another',
    { 'compose.yaml': args(), '.env': 'P=acme\nBUCKET="${P}-releases"\n' },
    true,
  ],
  [
    'beside it in a directory',
    { 'deploy/compose.yaml': args(), 'deploy/.env': 'BUCKET=acme-releases\n' },
    true,
  ],
  ['a default', { 'compose.yaml': args('${BUCKET:-acme-releases}') }, true],
  [
    '$$, which writes a $',
    { 'compose.yaml': args('$${BUCKET}'), '.env': 'BUCKET=acme-releases\n' },
    false,
  ],
  [
    'a .env in another directory',
    { 'deploy/compose.yaml': args(), '.env': 'BUCKET=acme-releases\n' },
    false,
  ],
  ['no .env', { 'compose.yaml': args() }, false],
  ['a .env.example', { 'compose.yaml': args(), '.env.example': 'BUCKET=acme-releases\n' }, false],
])('fills ${NAME} from %s', (_name, files, resolves) => {
  const { links } = scan(repo(files));
  const compose = links.filter((l) => l.fileType === 'docker-compose');
  expect(compose.some((l) => l.url === 'https://acme-releases.s3.amazonaws.com/app.tgz')).toBe(
    resolves,
  );
});
