/**
 * Tool configurations under names discovery does not know are read as the tool's files when a build
 * names them: `goreleaser --config`/`-f`, `electron-builder --config`/`-c`, goreleaser-action's
 * `args`, electron-builder's `extends`, `webpack`, `vite` and `rollup` `--config`/`-c`. electron-builder configurations in code or JSON5 are read
 * for their literals.
 */
import { describe, expect, it } from 'vitest';
import { extractLinks, listBuildFiles } from '../src/index.js';
import { repo } from './helpers.js';

const GORELEASER = 'blobs:\n  - provider: s3\n    bucket: acme-releases\n';
const WEBPACK =
  "module.exports = { output: { publicPath: 'https://acme-cdn.s3.amazonaws.com/' } };\n";
const BUILDER_JS = [
  "/** @type {import('electron-builder').Configuration} */",
  'module.exports = {',
  "  appId: 'com.acme.app',",
  "  publish: [{ provider: 's3', bucket: 'acme-desktop', channel: 'latest' }],",
  '};',
  '',
].join('\n');

/** The links a scan reads, as the CLI lists and follows files. */
function links(files: Record<string, string>): string[][] {
  const root = repo(files);
  return extractLinks(root, listBuildFiles(root), { followScripts: () => true }).links.map((l) => [
    l.range.file,
    l.fileType,
    l.bucket ?? '',
    l.usage,
  ]);
}

describe('configurations a build names', () => {
  it.each([
    [
      'goreleaser --config in a Makefile',
      {
        Makefile: 'release:\n\tgoreleaser release --clean --config ci/gr.yml\n',
        'ci/gr.yml': GORELEASER,
      },
      [['ci/gr.yml', 'goreleaser', 'acme-releases', 'upload']],
    ],
    [
      'goreleaser -f= in a release script, from the root',
      {
        'scripts/release.sh': 'goreleaser release -f=ci/nightly.yaml\n',
        'ci/nightly.yaml': GORELEASER,
      },
      [['ci/nightly.yaml', 'goreleaser', 'acme-releases', 'upload']],
    ],
    [
      "goreleaser-action's args, in its workdir",
      {
        '.github/workflows/release.yml': [
          'on: push',
          'jobs:',
          '  r:',
          '    steps:',
          '      - uses: goreleaser/goreleaser-action@v6',
          '        with:',
          '          args: release -f gr.yml',
          '          workdir: cli',
          '',
        ].join('\n'),
        'cli/gr.yml': GORELEASER,
      },
      [['cli/gr.yml', 'goreleaser', 'acme-releases', 'upload']],
    ],
    [
      'electron-builder --config with a JavaScript file: no acl is public-read',
      {
        'package.json': JSON.stringify({
          scripts: { dist: 'electron-builder --config config/builder.config.js' },
        }),
        'config/builder.config.js': BUILDER_JS,
      },
      [['config/builder.config.js', 'electron-builder', 'acme-desktop', 'public-upload']],
    ],
    [
      'electron-builder -c with YAML, relative to the package',
      {
        'app/package.json': JSON.stringify({
          scripts: { dist: 'electron-builder -c build/eb.yml' },
        }),
        'app/build/eb.yml': 'publish:\n  provider: s3\n  bucket: acme-desktop\n  acl: private\n',
      },
      [['app/build/eb.yml', 'electron-builder', 'acme-desktop', 'upload']],
    ],
    [
      'package.json build.extends',
      {
        'package.json': JSON.stringify({ build: { extends: './eb-base.json5' } }),
        'eb-base.json5': "{ publish: { provider: 's3', bucket: 'acme-desktop', acl: null } }\n",
      },
      [['eb-base.json5', 'electron-builder', 'acme-desktop', 'upload']],
    ],
    [
      'webpack --config in a package.json script',
      {
        'package.json': JSON.stringify({ scripts: { build: 'webpack --config build/prod.js' } }),
        'build/prod.js': WEBPACK,
      },
      [['build/prod.js', 'webpack-config', 'acme-cdn', 'download']],
    ],
    [
      'webpack-cli -c= in a Makefile',
      { Makefile: 'dist:\n\tnpx webpack-cli -c=web/site.js\n', 'web/site.js': WEBPACK },
      [['web/site.js', 'webpack-config', 'acme-cdn', 'download']],
    ],
    [
      'vite build --config in a workflow',
      {
        '.github/workflows/site.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: npx vite build --config configs/site.ts\n',
        'configs/site.ts': "export default { base: 'https://acme-cdn.s3.amazonaws.com/' };\n",
      },
      [['configs/site.ts', 'vite-config', 'acme-cdn', 'download']],
    ],
    [
      'rollup -c, relative to the package',
      {
        'lib/package.json': JSON.stringify({ scripts: { build: 'rollup -c build/bundle.mjs' } }),
        'lib/build/bundle.mjs':
          "export default { output: { sourcemapBaseUrl: 'https://acme-cdn.s3.amazonaws.com/' } };\n",
      },
      [['lib/build/bundle.mjs', 'rollup-config', 'acme-cdn', 'download']],
    ],
  ])('%s', (_name, files, expected) => {
    expect(links(files)).toEqual(expected);
  });

  it.each([
    ['an override of a field', 'electron-builder -c.extraMetadata.main=build/gr.yml'],
    ['a variable', 'goreleaser release --config $(CONFIG)'],
    ['a file outside the root', 'goreleaser release --config ../gr.yml'],
    ["another tool's -f", 'goreleaser check && docker compose -f gr.yml up'],
    ["rollup's -c alone, which reads rollup.config.js", 'rollup -c --environment BUILD:gr.yml'],
    ['a webpack plugin', 'node webpack-merge.js --config build/gr.yml'],
  ])('names no configuration with %s', (_name, command) => {
    expect(
      links({ Makefile: `all:\n\t${command}\n`, 'gr.yml': GORELEASER, 'build/gr.yml': GORELEASER }),
    ).toEqual([]);
  });

  it('reads a configuration named for its tool on its own: .goreleaser.*.yml, electron-builder.config.js, webpack.prod.js', () => {
    expect(
      links({
        '.goreleaser.prerelease.yml': GORELEASER,
        'electron-builder.config.js': BUILDER_JS,
        'config/webpack.prod.js': WEBPACK,
        'rollup.umd.mjs': WEBPACK,
      }),
    ).toEqual([
      ['.goreleaser.prerelease.yml', 'goreleaser', 'acme-releases', 'upload'],
      ['config/webpack.prod.js', 'webpack-config', 'acme-cdn', 'download'],
      ['electron-builder.config.js', 'electron-builder', 'acme-desktop', 'public-upload'],
      ['rollup.umd.mjs', 'rollup-config', 'acme-cdn', 'download'],
    ]);
  });
});

// A publish to MinIO or LocalStack on the build machine (seen: decentraland/creator-hub's
// electron-builder publish to http://127.0.0.1:9000) sets a public ACL that is public to no one.
describe('publish settings with an endpoint on the build machine', () => {
  it.each([
    [
      'goreleaser',
      '.goreleaser.yml',
      'blobs:\n  - provider: s3\n    bucket: acme-releases\n    endpoint: http://localhost:9000\n    acl: public-read\n',
      'upload',
    ],
    [
      'goreleaser',
      '.goreleaser.yml',
      'blobs:\n  - provider: s3\n    bucket: acme-releases\n    endpoint: https://minio.acme.example\n    acl: public-read\n',
      'public-upload',
    ],
    [
      'electron-builder',
      'electron-builder.local.cjs',
      "module.exports = { publish: [{ provider: 's3', bucket: 'acme-releases', endpoint: 'http://127.0.0.1:9000' }] };\n",
      'upload',
    ],
    [
      'electron-builder',
      'electron-builder.yml',
      'publish:\n  provider: s3\n  bucket: acme-releases\n  endpoint: https://minio.acme.example\n',
      'public-upload',
    ],
  ])('%s: %s %#', (fileType, path, text, usage) => {
    expect(links({ [path]: text })).toEqual([[path, fileType, 'acme-releases', usage]]);
  });
});

// Seen: decentraland/creator-hub's electron-builder.s3.cjs, `bucket: process.env.AWS_S3_BUCKET`
// with no acl: electron-builder uploads public-read to whatever bucket the environment names.
describe('a bucket that an electron-builder configuration in code computes', () => {
  const config = (options: string) =>
    `const base = require('./electron-builder.cjs');\nmodule.exports = { ...base, publish: [{ ${options} }] };\n`;
  it.each([
    [
      "provider: 's3', bucket: process.env.AWS_S3_BUCKET",
      [['public-upload', 'process.env.AWS_S3_BUCKET']],
    ],
    ["provider: 'spaces', name: SPACE, region: 'nyc3'", [['public-upload', 'SPACE']]],
    ["provider: 's3', bucket: `acme-${process.env.CHANNEL}`", [['public-upload', '(computed)']]],
    [
      "provider: 's3', bucket: bucketFor('AKIAIOSFODNN7EXAMPLE')",
      [['public-upload', '(computed)']],
    ],
    ["provider: 's3', bucket: process.env.BUCKET_TOKEN", [['public-upload', '(computed)']]],
    // Private, or on R2, which has no ACL: an upload to no bucket named is no link.
    ["provider: 's3', bucket: process.env.AWS_S3_BUCKET, acl: null", []],
    ["provider: 'r2', bucket: process.env.R2_BUCKET", []],
    ["provider: 's3', bucket: process.env.AWS_S3_BUCKET, endpoint: 'http://127.0.0.1:9000'", []],
  ])('{ %s }', (options, expected) => {
    const root = repo({ 'electron-builder.s3.cjs': config(options) });
    const { links } = extractLinks(root, ['electron-builder.s3.cjs']);
    expect(links.map((l) => [l.usage, l.url, l.bucketUnresolved])).toEqual(
      expected.map(([usage, url]) => [usage, url, true]),
    );
  });
});

// The brief's shape (electron-builder.config.js keeping the bucket in a constant), and Forge's and
// webpack-s3-plugin's alike: each named nothing, or only a placeholder, as if the bucket were
// unknown, so the bucket's Terraform was never consulted.
describe('a bucket that a configuration in code names through its own strings', () => {
  const BUCKET = "const BUCKET = 'acme-desktop-releases';\n";
  it.each([
    [
      'electron-builder.config.js',
      `${BUCKET}module.exports = { publish: [{ provider: 's3', bucket: BUCKET }] };\n`,
      [['public-upload', 'acme-desktop-releases']],
    ],
    [
      'electron-builder.config.js',
      "module.exports = { publish: { provider: 's3', bucket: process.env.S3_BUCKET || 'acme-desktop-releases' } };\n",
      [['public-upload', 'acme-desktop-releases']],
    ],
    [
      'electron-builder.config.js',
      `${BUCKET}module.exports = { publish: { provider: 's3', bucket: isBeta ? 'acme-desktop-beta' : BUCKET } };\n`,
      [
        ['public-upload', 'acme-desktop-beta'],
        ['public-upload', 'acme-desktop-releases'],
      ],
    ],
    [
      'forge.config.js',
      `${BUCKET}module.exports = { publishers: [{ name: '@electron-forge/publisher-s3', config: { bucket: BUCKET, public: true } }] };\n`,
      [['public-upload', 'acme-desktop-releases']],
    ],
    [
      'webpack.config.js',
      `${BUCKET}module.exports = { plugins: [new S3Plugin({ s3UploadOptions: { Bucket: BUCKET } })] };\n`,
      [['public-upload', 'acme-desktop-releases']],
    ],
    [
      'gatsby-config.js',
      `${BUCKET}module.exports = { plugins: [{ resolve: 'gatsby-plugin-s3', options: { bucketName: BUCKET } }] };\n`,
      [
        ['opens', 'acme-desktop-releases'],
        ['public-upload', 'acme-desktop-releases'],
      ],
    ],
    // A plugin's bucket the environment names is still a public upload, to a bucket not known, and
    // gatsby-plugin-s3 still turns website hosting on there (this gave no link before).
    [
      'webpack.config.js',
      'module.exports = { plugins: [new S3Plugin({ s3UploadOptions: { Bucket: process.env.BUCKET } })] };\n',
      [['public-upload', '']],
    ],
    [
      'gatsby-config.js',
      "module.exports = { plugins: [{ resolve: 'gatsby-plugin-s3', options: { bucketName: process.env.BUCKET } }] };\n",
      [
        ['opens', ''],
        ['public-upload', ''],
      ],
    ],
    // Never through a name that says it holds a credential.
    [
      'electron-builder.config.js',
      "const BUCKET_TOKEN = 'acme-desktop-releases';\nmodule.exports = { publish: [{ provider: 's3', bucket: BUCKET_TOKEN }] };\n",
      [['public-upload', '']],
    ],
  ])('%s: %s', (path, text, expected) => {
    const root = repo({ [path]: text });
    const found = extractLinks(root, [path]).links.map((l) => [l.usage, l.bucket ?? '']);
    expect(found).toEqual(expected);
  });
});
