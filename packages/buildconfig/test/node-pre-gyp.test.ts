/**
 * package.json `binary`: node-pre-gyp's hosts are where `node-pre-gyp publish` uploads, always with
 * a public-read ACL, on S3, and where `node-pre-gyp install` downloads from (`downloaded`);
 * prebuild-install only downloads from `binary.host`.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it.each([
  [
    'node-pre-gyp, by its module_name',
    { binary: { module_name: 'acme', host: 'https://acme-node-binary.s3.amazonaws.com' } },
    [['binary.host', 'public-upload', 'release', true]],
  ],
  [
    'node-pre-gyp, as a script runs it; its staging and production hosts',
    {
      scripts: { 'publish-binary': 'node-pre-gyp package publish' },
      binary: {
        staging_host: 'https://acme-node-staging.s3.amazonaws.com',
        production_host: 'https://acme-node-binary.s3.us-east-1.amazonaws.com',
      },
    },
    [
      ['binary.staging_host', 'public-upload', 'release', true],
      ['binary.production_host', 'public-upload', 'release', true],
    ],
  ],
  [
    "node-pre-gyp, a host it cannot publish to (it publishes through S3's API)",
    {
      dependencies: { '@mapbox/node-pre-gyp': '^1.0.0' },
      binary: { host: 'https://storage.googleapis.com/acme-node-binary' },
    },
    [['binary.host', 'download', 'release', undefined]],
  ],
  [
    'prebuild-install, which only downloads from it',
    {
      dependencies: { 'prebuild-install': '^7.0.0' },
      binary: {
        host: 'https://acme-node-binary.s3.amazonaws.com',
        remote_path: 'v{version}',
        package_name: '{name}-{platform}.tar.gz',
      },
    },
    [['binary.host', 'download', 'release', undefined]],
  ],
])('reads the binary hosts of %s', (_name, packageJson, expected) => {
  const { links } = scanText('package.json', JSON.stringify(packageJson, null, 2));
  expect(links.map((l) => [l.field, l.usage, l.releaseStep, l.downloaded])).toEqual(expected);
});
