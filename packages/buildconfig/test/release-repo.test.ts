/**
 * The release-repo fixture: an Electron app with npm scripts, node-pre-gyp, electron-builder in
 * package.json, .npmrc mirrors, GitHub workflows and a composite action, a Dockerfile, a Makefile,
 * bundler configs, tsconfig and wrangler.toml. Every link, with its exact range.
 */
import { describe, expect, it } from 'vitest';
import { fixture, itFindsExactly, linkAt, scan, type ExpectedLink } from './helpers.js';

const root = fixture('release-repo');
const result = scan(root);

const EXPECTED: ExpectedLink[] = [
  // package.json: scripts, node-pre-gyp, a JSON-escaped URL, electron-builder `build.publish`.
  [
    'package.json',
    '8:40-8:63',
    's3://acme-downloads/app',
    {
      form: 's3-uri',
      usage: 'public-upload',
      bucket: 'acme-downloads',
      field: 'scripts.upload:assets',
      releaseStep: 'deploy',
    },
  ],
  [
    'package.json',
    '9:31-9:61',
    's3://acme-build-cache/deps.tgz',
    { form: 's3-uri', usage: 'api', field: 'scripts.fetch-cache', releaseStep: false },
  ],
  [
    'package.json',
    '10:35-10:101',
    'https://acme-binaries.s3.us-east-1.amazonaws.com/native/app-v2.tgz',
    {
      form: 's3-virtual-hosted',
      usage: 'download',
      bucket: 'acme-binaries',
      host: 'acme-binaries.s3.us-east-1.amazonaws.com',
      field: 'scripts.postinstall',
      releaseStep: false,
    },
  ],
  [
    'package.json',
    '15:14-15:55',
    'https://acme-node-binary.s3.amazonaws.com',
    // node-pre-gyp publishes there with a hard-coded public-read ACL.
    {
      usage: 'public-upload',
      bucket: 'acme-node-binary',
      field: 'binary.host',
      releaseStep: 'release',
    },
  ],
  [
    'package.json',
    '19:16-19:73',
    'https:\\/\\/storage.googleapis.com\\/acme-mirror\\/electron\\/',
    {
      form: 'gcs-path',
      service: 'gcs',
      usage: 'download',
      bucket: 'acme-mirror',
      url: 'https://storage.googleapis.com/acme-mirror/electron/',
      field: 'config.mirror',
    },
  ],
  [
    'package.json',
    '24:38-24:59',
    'acme-desktop-releases',
    {
      form: 's3-uri',
      service: 's3',
      usage: 'public-upload',
      field: 'build.publish[0].bucket',
      releaseStep: 'release',
    },
  ],
  [
    'package.json',
    '25:38-25:50',
    'acme-updates',
    {
      form: 'r2-uri',
      service: 'r2',
      usage: 'upload',
      field: 'build.publish[1].bucket',
      releaseStep: 'release',
    },
  ],
  // .npmrc: a download mirror, and a registry URL whose auth token is not part of the link.
  [
    '.npmrc',
    '2:17-2:78',
    'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/electron/',
    {
      form: 'r2-dev',
      service: 'r2',
      usage: 'download',
      r2DevId: 'aea8527898604c1bbb12468b1581d95e',
      field: 'electron_mirror',
    },
  ],
  [
    '.npmrc',
    '4:1-4:38',
    '//acme-npm.s3.amazonaws.com/packages/',
    { form: 's3-virtual-hosted', bucket: 'acme-npm', field: '_authToken' },
  ],
  // scripts/release.sh, run by the `release` script.
  [
    'scripts/release.sh',
    '5:55-5:91',
    'gs://acme-release_artifacts/desktop/',
    {
      form: 'gcs-uri',
      usage: 'public-upload',
      bucket: 'acme-release_artifacts',
      releaseStep: 'release',
      fileType: 'shell',
    },
  ],
  [
    'scripts/release.sh',
    '6:29-6:64',
    'acme-updates/latest-${VERSION}.json',
    {
      form: 'wrangler',
      service: 'r2',
      usage: 'upload',
      bucket: 'acme-updates',
      releaseStep: 'release',
    },
  ],
  [
    'scripts/release.sh',
    '7:18-7:48',
    'r2-prod:acme-mirror-r2/desktop',
    {
      form: 'r2-uri',
      service: 'r2',
      usage: 'public-upload',
      bucket: 'acme-mirror-r2',
      releaseStep: 'release',
    },
  ],
  // Workflows: tag-triggered release, a CI workflow with a deploy job, a composite action.
  [
    '.github/workflows/release.yml',
    '18:34-18:58',
    's3://acme-static/app.zip',
    {
      form: 's3-uri',
      service: 'r2',
      usage: 'upload',
      field: 'jobs.publish.steps[2].run',
      releaseStep: 'release',
      fileType: 'github-workflow',
    },
  ],
  [
    '.github/workflows/release.yml',
    '19:28-19:93',
    'https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com',
    { form: 'r2-s3-api', service: 'r2', usage: 'api' },
  ],
  [
    '.github/workflows/release.yml',
    '25:26-25:38',
    'acme-website',
    {
      form: 's3-uri',
      service: 's3',
      usage: 'public-upload',
      field: 'jobs.publish.steps[3].env.AWS_S3_BUCKET',
      releaseStep: 'release',
    },
  ],
  [
    '.github/workflows/release.yml',
    '31:24-31:49',
    'acme-gcs-releases/desktop',
    {
      form: 'gcs-uri',
      service: 'gcs',
      usage: 'public-upload',
      bucket: 'acme-gcs-releases',
      field: 'jobs.publish.steps[4].with.destination',
    },
  ],
  [
    '.github/workflows/release.yml',
    '36:34-36:58',
    'acme-updates/latest.json',
    {
      form: 'wrangler',
      service: 'r2',
      usage: 'upload',
      bucket: 'acme-updates',
      field: 'jobs.publish.steps[5].with.command',
    },
  ],
  [
    '.github/workflows/ci.yml',
    '8:24-8:56',
    's3://acme-test-fixtures/data.tgz',
    { usage: 'api', releaseStep: false, field: 'jobs.test.steps[0].run' },
  ],
  [
    '.github/workflows/ci.yml',
    '9:35-9:56',
    's3://acme-ci-reports/',
    { usage: 'upload', releaseStep: false },
  ],
  [
    '.github/workflows/ci.yml',
    '11:29-11:227',
    'https://acme-private.s3.amazonaws.com/a.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=3f9c0ffee5ecret5ignature',
    {
      usage: 'presigned',
      bucket: 'acme-private',
      url: 'https://acme-private.s3.amazonaws.com/a.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED',
    },
  ],
  [
    '.github/workflows/ci.yml',
    '15:40-15:59',
    'gs://acme-docs-site',
    // A deploy of the docs site: a site's, no deploy step.
    { usage: 'public-upload', releaseStep: false, field: 'jobs.deploy-docs.steps[0].run' },
  ],
  [
    '.github/actions/publish/action.yml',
    '7:28-7:58',
    'gs://acme-binaries-gcs/latest/',
    {
      usage: 'upload',
      releaseStep: 'release',
      field: 'runs.steps[0].run',
      fileType: 'github-action',
    },
  ],
  // Dockerfile: ADD and curl download; `aws s3 cp s3://… /tmp/` reads with credentials.
  [
    'Dockerfile',
    '2:5-2:61',
    'https://s3.amazonaws.com/dumb-init-dist/v1.2.5/dumb-init',
    {
      form: 's3-path',
      usage: 'download',
      bucket: 'dumb-init-dist',
      host: 's3.amazonaws.com',
      field: 'ADD',
    },
  ],
  [
    'Dockerfile',
    '3:16-3:114',
    'https://storage.googleapis.com/chrome-for-testing-public/120.0.6099.109/linux64/chrome-linux64.zip',
    { form: 'gcs-path', usage: 'download', field: 'RUN' },
  ],
  [
    'Dockerfile',
    '4:15-4:53',
    's3://acme-build-cache/node_modules.tgz',
    { usage: 'api', field: 'RUN' },
  ],
  [
    'Dockerfile',
    '5:16-5:70',
    'http://acme-assets.s3-website-us-east-1.amazonaws.com/',
    { form: 's3-website', usage: 'download', bucket: 'acme-assets', field: 'ENV' },
  ],
  // Makefile: the release target (with `--acl` on a continuation line) and a test target.
  [
    'Makefile',
    '7:20-7:51',
    's3://acme-downloads/$(VERSION)/',
    { usage: 'public-upload', field: 'release', releaseStep: 'release', fileType: 'makefile' },
  ],
  [
    'Makefile',
    '11:13-11:75',
    'https://acme-test-data.s3.eu-west-1.amazonaws.com/fixtures.tgz',
    { usage: 'download', field: 'test', releaseStep: false },
  ],
  // `BUCKET := acme-downloads` is stated in the Makefile, so `$(BUCKET)` resolves.
  [
    'Makefile',
    '12:18-12:33',
    's3://$(BUCKET)/',
    { url: 's3://acme-downloads/', bucket: 'acme-downloads', usage: 'upload', field: 'test' },
  ],
  // Bundler configs (read as text), tsconfig: source-map fields.
  [
    'webpack.config.js',
    '8:18-8:69',
    'https://acme-cdn.s3.us-west-2.amazonaws.com/assets/',
    // devtool: 'hidden-source-map': the maps are beside the bundles, with no comment at them.
    { field: 'publicPath', sourceMap: true, sourceMapHidden: true, fileType: 'webpack-config' },
  ],
  [
    'webpack.config.js',
    '13:39-13:80',
    'https://acme-sourcemaps.s3.amazonaws.com/',
    { field: 'append', sourceMap: true },
  ],
  [
    'vite.config.ts',
    '4:10-4:66',
    'https://pub-0113a9e4549cf9b1ff1bf56e04da0cef.r2.dev/app/',
    { form: 'r2-dev', field: 'base', sourceMap: true, fileType: 'vite-config' },
  ],
  [
    'rollup.config.mjs',
    '6:24-6:72',
    'https://storage.googleapis.com/acme-maps/bundle/',
    { field: 'sourcemapBaseUrl', sourceMap: true, fileType: 'rollup-config' },
  ],
  [
    'tsconfig.json',
    '5:20-5:62',
    'https://acme-sources.s3.amazonaws.com/src/',
    { field: 'compilerOptions.sourceRoot', sourceMap: true, fileType: 'tsconfig' },
  ],
  [
    'tsconfig.json',
    '6:17-6:60',
    'https://acme-sources.s3.amazonaws.com/maps/',
    { field: 'compilerOptions.mapRoot', sourceMap: true },
  ],
  // wrangler.toml bindings, at the top and per environment.
  [
    'wrangler.toml',
    '6:16-6:32',
    'acme-r2-releases',
    {
      form: 'wrangler',
      service: 'r2',
      usage: 'api',
      field: 'r2_buckets[0].bucket_name',
      fileType: 'wrangler',
    },
  ],
  [
    'wrangler.toml',
    '7:24-7:48',
    'acme-r2-releases-preview',
    { field: 'r2_buckets[0].preview_bucket_name' },
  ],
  [
    'wrangler.toml',
    '14:16-14:37',
    'acme-r2-releases-prod',
    { field: 'env.production.r2_buckets[0].bucket_name' },
  ],
  // An array of tables written inline is the same value as `[[…]]` headers.
  [
    'wrangler.toml',
    '17:54-17:78',
    'acme-r2-releases-staging',
    { field: 'env.staging.r2_buckets[0].bucket_name' },
  ],
];

describe('release-repo fixture', () => {
  itFindsExactly(root, result, EXPECTED);

  it('lists every scanned file with its size and hash, and reports nothing wrong', () => {
    expect(result.files.map((f) => f.path)).toContain('scripts/release.sh');
    for (const file of result.files) {
      expect(file.kind).toBe('build');
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.bytes).toBeGreaterThan(0);
    }
    expect(result.diagnostics).toEqual([]);
  });

  it('sets the url to the reference as written, decoded', () => {
    const link = linkAt(result.links, 'scripts/release.sh', '5:55');
    expect(link.url).toBe('gs://acme-release_artifacts/desktop/');
  });

  it('drops templated buckets: s3://${{ secrets.BUCKET }}, s3://${RELEASE_BUCKET}; resolves s3://$(BUCKET)', () => {
    const text = JSON.stringify(result.links);
    expect(text).not.toMatch(/secrets|\$\(BUCKET\)|RELEASE_BUCKET/);
  });

  it('leaves tokens, signatures and credentials out of the result', () => {
    const text = JSON.stringify(result);
    for (const secret of [
      'npm_SuperSecretToken123',
      '3f9c0ffee5ecret5ignature',
      'AKIAIOSFODNN7EXAMPLE',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
