/**
 * electron-builder publish settings when the app updates itself with electron-updater: every
 * installed app downloads its updates from the bucket electron-builder publishes to, so an upload
 * there, public or private, is `downloaded` too. electron-builder packs the `dependencies` of the
 * app's package.json (`app/package.json` in the two-package.json layout), and a bundler of the main
 * process (electron-vite, webpack) packs what it imports, `devDependencies` too.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

const S3_PUBLISH = { provider: 's3', bucket: 'acme-releases' };
const UPDATER = { 'electron-updater': '^6.1.0' };
const BUILDER = { electron: '^30.0.0', 'electron-builder': '^24.13.0' };

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
    'package.json build, a private upload (acl: null)',
    { 'package.json': { dependencies: UPDATER, build: { publish: { ...S3_PUBLISH, acl: null } } } },
    [['package.json', 'upload', true]],
  ],
  [
    "package.json build, a private upload ('private'), without electron-updater",
    { 'package.json': { build: { publish: { ...S3_PUBLISH, acl: 'private' } } } },
    [['package.json', 'upload', undefined]],
  ],
  [
    'two package.json files: the build in the root one, electron-updater in app/',
    {
      'package.json': { devDependencies: BUILDER, build: { publish: S3_PUBLISH } },
      'app/package.json': { dependencies: UPDATER },
    },
    [['package.json', 'public-upload', true]],
  ],
  [
    'two package.json files: electron-builder.yml, electron-updater in www/',
    {
      'package.json': { devDependencies: BUILDER },
      'www/package.json': { dependencies: UPDATER },
      'electron-builder.yml': 'publish:\n  provider: s3\n  bucket: acme-releases\n  acl: null\n',
    },
    [['electron-builder.yml', 'upload', true]],
  ],
  [
    'two package.json files: the app in directories.app',
    {
      'package.json': {
        devDependencies: BUILDER,
        build: { directories: { app: 'release/app' }, publish: S3_PUBLISH },
      },
      'release/app/package.json': { dependencies: UPDATER },
    },
    [['package.json', 'public-upload', true]],
  ],
  [
    'two package.json files: directories.app, not app/, is the app',
    {
      'package.json': {
        devDependencies: BUILDER,
        build: { directories: { app: 'dist' }, publish: S3_PUBLISH },
      },
      'dist/package.json': {},
      'app/package.json': { dependencies: UPDATER },
    },
    [['package.json', 'public-upload', undefined]],
  ],
  [
    'two package.json files: electron-updater in the root dependencies, not packed',
    {
      'package.json': { dependencies: UPDATER, build: { publish: S3_PUBLISH } },
      'app/package.json': { dependencies: {} },
    },
    [['package.json', 'public-upload', undefined]],
  ],
  [
    'electron-vite bundles electron-updater, a devDependency, into the main process',
    {
      'package.json': { devDependencies: { ...BUILDER, 'electron-vite': '^2.2.0', ...UPDATER } },
      'electron-builder.yml': 'publish:\n  provider: s3\n  bucket: acme-releases\n',
    },
    [['electron-builder.yml', 'public-upload', true]],
  ],
  [
    'webpack bundles electron-updater of the root into the app of directories.app',
    {
      'package.json': {
        dependencies: UPDATER,
        devDependencies: { ...BUILDER, webpack: '^5.91.0' },
        build: { directories: { app: 'release/app' }, publish: S3_PUBLISH },
      },
      'release/app/package.json': { dependencies: {} },
    },
    [['package.json', 'public-upload', true]],
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
  [
    'electron-builder.config.js: the app in directories.app',
    {
      'package.json': { devDependencies: BUILDER },
      'release/app/package.json': { dependencies: UPDATER },
      'electron-builder.config.js': `module.exports = {\n  directories: { app: 'release/app' },\n  publish: { provider: 's3', bucket: 'acme-releases' },\n};\n`,
    },
    [['electron-builder.config.js', 'public-upload', true]],
  ],
  [
    'electron-builder.json5: directories.app, not app/, is the app',
    {
      'package.json': { devDependencies: BUILDER },
      'dist/package.json': {},
      'app/package.json': { dependencies: UPDATER },
      'electron-builder.json5': `{\n  // the packed app\n  directories: { app: 'dist' },\n  publish: { provider: 's3', bucket: 'acme-releases' },\n}\n`,
    },
    [['electron-builder.json5', 'public-upload', undefined]],
  ],
  [
    'electron-builder.ts: the app in directories.app',
    {
      'package.json': { devDependencies: BUILDER },
      'release/app/package.json': { dependencies: UPDATER },
      'electron-builder.ts': `import type { Configuration } from 'electron-builder';\nconst config: Configuration = {\n  directories: { app: 'release/app' },\n  publish: { provider: 's3', bucket: 'acme-releases' },\n};\nexport default config;\n`,
    },
    [['electron-builder.ts', 'public-upload', true]],
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
