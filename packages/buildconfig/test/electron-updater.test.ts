/**
 * electron-builder publish settings when the app depends on electron-updater: every installed app
 * downloads its updates from the bucket electron-builder publishes to, so a public upload there is
 * `downloaded` too. electron-builder packs only `dependencies` into the app.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

const S3_PUBLISH = { provider: 's3', bucket: 'acme-releases' };
const UPDATER = { 'electron-updater': '^6.1.0' };

it.each([
  [
    'package.json build, with electron-updater',
    { 'package.json': { dependencies: UPDATER, build: { publish: S3_PUBLISH } } },
    [['package.json', 'public-upload', true]],
  ],
  [
    'package.json build, electron-updater only a devDependency (not in the app)',
    { 'package.json': { devDependencies: UPDATER, build: { publish: S3_PUBLISH } } },
    [['package.json', 'public-upload', undefined]],
  ],
  [
    'package.json build, without electron-updater',
    { 'package.json': { build: { publish: S3_PUBLISH } } },
    [['package.json', 'public-upload', undefined]],
  ],
  [
    'package.json build, a private upload',
    { 'package.json': { dependencies: UPDATER, build: { publish: { ...S3_PUBLISH, acl: null } } } },
    [['package.json', 'upload', undefined]],
  ],
  [
    'electron-builder.json beside the package.json, per platform',
    {
      'package.json': { dependencies: UPDATER },
      'electron-builder.json': { mac: { publish: [S3_PUBLISH] } },
    },
    [['electron-builder.json', 'public-upload', true]],
  ],
  [
    'electron-builder.yml in a folder of the package (electron-builder -c build/electron-builder.yml)',
    {
      'app/package.json': { dependencies: UPDATER },
      'app/build/electron-builder.yml': 'publish:\n  provider: s3\n  bucket: acme-releases\n',
    },
    [['app/build/electron-builder.yml', 'public-upload', true]],
  ],
  [
    'electron-builder.config.js: its publish literals',
    {
      'package.json': { dependencies: UPDATER },
      'electron-builder.config.js': `module.exports = { publish: { provider: 's3', bucket: 'acme-releases' } };\n`,
    },
    [['electron-builder.config.js', 'public-upload', true]],
  ],
  [
    'electron-builder.yml of another package than the one depending on electron-updater',
    {
      'package.json': {},
      'updater/package.json': { dependencies: UPDATER },
      'electron-builder.yml': 'publish:\n  provider: s3\n  bucket: acme-releases\n',
    },
    [['electron-builder.yml', 'public-upload', undefined]],
  ],
])('marks publish targets downloaded: %s', (_name, files, expected) => {
  const root = repo(
    Object.fromEntries(
      Object.entries(files).map(([path, content]) => [
        path,
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      ]),
    ),
  );
  const { links } = scan(root);
  expect(links.map((l) => [l.range.file, l.usage, l.downloaded])).toEqual(expected);
});
