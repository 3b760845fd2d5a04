/**
 * Compose files: what a service builds with (`build.args`), runs with (`environment`) and runs
 * (`command`) is part of what it ships, so their links are a build's.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

it.each([
  [
    'docker-compose.yml',
    'services:\n  app:\n    build:\n      args:\n        URL: https://acme-releases.s3.amazonaws.com/app.tgz\n',
    [['services.app.build.args.URL', 'https://acme-releases.s3.amazonaws.com/app.tgz', 'download']],
  ],
  [
    'compose.yaml',
    'services:\n  app:\n    environment:\n      - BASE=https://s3.amazonaws.com/acme-releases/dl\n',
    [['services.app.environment[0]', 'https://s3.amazonaws.com/acme-releases/dl', 'download']],
  ],
  [
    'deploy/compose.prod.yml',
    'services:\n  app:\n    environment:\n      BASE: https://acme-releases.s3.amazonaws.com/dl\n',
    [['services.app.environment.BASE', 'https://acme-releases.s3.amazonaws.com/dl', 'download']],
  ],
  [
    'docker-compose.override.yaml',
    'services:\n  app:\n    command: ["sh", "-c", "aws s3 cp dist s3://acme-releases/app --acl public-read"]\n',
    [['services.app.command[2]', 's3://acme-releases/app', 'public-upload']],
  ],
])('%s', (path, text, expected) => {
  const { links } = scan(repo({ [path]: text }));
  expect(links.map((l) => [l.fileType, l.field, l.url, l.usage])).toEqual(
    expected.map((e) => ['docker-compose', ...e]),
  );
});
