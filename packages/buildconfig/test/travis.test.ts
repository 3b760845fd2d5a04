/**
 * Travis CI's artifacts addon: it uploads a job's files to the S3 bucket its `bucket` key or the
 * ARTIFACTS_BUCKET variable names, with the ACL of `permissions` / ARTIFACTS_PERMISSIONS.
 */
import { expect, it } from 'vitest';
import { extractLinks } from '../src/index.js';
import { repo, written } from './helpers.js';

it.each([
  [
    'the bucket and its permissions as keys',
    'addons:\n  artifacts:\n    bucket: acme-cdn\n    permissions: public-read\n',
    [['acme-cdn', 'public-upload', 'addons.artifacts.bucket']],
  ],
  [
    'the bucket as a key, private by default',
    'addons:\n  artifacts:\n    bucket: acme-cdn\n    paths: [dist]\n',
    [['acme-cdn', 'upload', 'addons.artifacts.bucket']],
  ],
  [
    'both in env, listed under global',
    'addons:\n  artifacts:\n    paths: [dist]\nenv:\n  global:\n  - ARTIFACTS_BUCKET=acme-cdn\n  - ARTIFACTS_PERMISSIONS=public-read\n',
    [['acme-cdn', 'public-upload', 'env.global[0]']],
  ],
  [
    'both in one env entry, the bucket quoted, the addon turned on with true',
    'addons:\n  artifacts: true\nenv: ARTIFACTS_PERMISSIONS=public-read ARTIFACTS_BUCKET="acme-cdn"\n',
    [['acme-cdn', 'public-upload', 'env']],
  ],
  [
    'the key over the variable',
    'addons:\n  artifacts:\n    bucket: acme-cdn\nenv:\n  - ARTIFACTS_BUCKET=acme-other\n',
    [['acme-cdn', 'upload', 'addons.artifacts.bucket']],
  ],
  [
    'a bucket in env without the addon, which nothing uploads to',
    'env:\n  - ARTIFACTS_BUCKET=acme-cdn ARTIFACTS_PERMISSIONS=public-read\n',
    [],
  ],
])('reads the artifacts addon as an S3 upload: %s', (_name, text, expected) => {
  const root = repo({ '.travis.yml': text });
  const { links } = extractLinks(root, ['.travis.yml']);
  expect(links.map((l) => [written(root, l), l.usage, l.field])).toEqual(expected);
  expect(links.every((l) => l.service === 's3' && l.bucket === 'acme-cdn')).toBe(true);
});
