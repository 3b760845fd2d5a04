import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A bucket that no scanned Terraform names but that a release step uploads to is release-use, as a
 * declared one would be: a static link to it is a link to a release bucket. Its settings are out
 * of sight, so no bucket rule reports it.
 */

// The incident's shape: a script the release workflow runs uploads the source maps to a bucket
// that the build's environment links to.
const INCIDENT = {
  '.github/workflows/release.yml': `on:
  push:
    tags: ['v*']
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      ASSETS_URL: https://acme-maps.s3.amazonaws.com
    steps:
      - run: npm run build
      - run: bash scripts/push-maps.sh
`,
  'scripts/push-maps.sh':
    '#!/bin/sh\nDEST="s3://acme-maps/$GITHUB_SHA"\naws s3 cp ./dist "$DEST" --recursive --include "*.map"\n',
};

const LINK = '{ "scripts": { "get": "curl -O https://acme-maps.s3.amazonaws.com/a.js.map" } }\n';
const GCS_LINK =
  '{ "scripts": { "get": "curl -O https://storage.googleapis.com/acme-maps/a.js.map" } }\n';
const workflow = (on: string, job: string, command: string) => ({
  '.github/workflows/ci.yml': `on: ${on}
jobs:
  ${job}:
    runs-on: ubuntu-latest
    steps:
      - run: ${command}
`,
});

describe('a bucket known only as where a release step uploads', () => {
  it('is release-use: the link to it is a release link, with the upload as its evidence', async () => {
    const report = await scanFiles(INCIDENT);
    expect(summarize(report)).toEqual(['link-release-bucket@.github/workflows/release.yml:8']);
    const [finding] = report.result.findings;
    expect(finding?.message).toMatch(
      /^github-workflow \(jobs\.build\.env\.ASSETS_URL\) links to release bucket "acme-maps" \(a release step at scripts\/push-maps\.sh:3 uploads to it; not declared in the Terraform scanned\)\. /,
    );
    expect(finding?.address).toBe('bucket "acme-maps"');
    expect(finding?.related[0]).toMatchObject({
      label: 'bucket',
      range: { file: 'scripts/push-maps.sh', start: { line: 3 } },
    });
    expect(report.facts.buckets).toMatchObject([
      {
        service: 's3',
        name: 'acme-maps',
        address: 'bucket "acme-maps"',
        declaredElsewhere: true,
        origin: 'build',
        release: [
          { kind: 'pipeline', detail: 'a release step at scripts/push-maps.sh:3 uploads to it' },
        ],
      },
    ]);
    expect(report.result.summary).toMatchObject({ buckets: 1, releaseBuckets: 1 });
  });

  it('has no settings in sight for a bucket rule to report, in any scope', async () => {
    const report = await scanFiles(INCIDENT, { policy: { scope: 'all' } });
    expect(summarize(report)).toEqual(['link-release-bucket@.github/workflows/release.yml:8']);
  });

  it.each<[string, Record<string, string>, string[], string[]]>([
    [
      'a Makefile release target, the bucket in a make variable',
      {
        Makefile: 'BUCKET ?= acme-maps\nrelease:\n\taws s3 sync dist s3://$(BUCKET)/\n',
        'package.json': LINK,
      },
      ['link-release-bucket@package.json:1'],
      ['s3 bucket "acme-maps"'],
    ],
    [
      'gsutil in a GitLab job run only for tags',
      {
        '.gitlab-ci.yml':
          'push:\n  only:\n    - tags\n  script:\n    - gsutil cp dist/* gs://acme-maps/\n',
        'package.json': GCS_LINK,
      },
      ['link-release-bucket@package.json:1'],
      ['gcs bucket "acme-maps"'],
    ],
    [
      'wrangler in a workflow run for releases',
      workflow('release', 'build', 'wrangler r2 object put acme-maps/a.js.map --file a.js.map'),
      [],
      ['r2 bucket "acme-maps"'],
    ],
    [
      'an upload that no release step makes: none',
      { ...workflow('push', 'build', 'aws s3 sync dist s3://acme-maps/'), 'package.json': LINK },
      [],
      [],
    ],
    [
      'an upload to another S3-compatible store: none',
      {
        ...workflow(
          'release',
          'build',
          'aws s3 sync dist s3://acme-maps/ --endpoint-url https://nyc3.digitaloceanspaces.com',
        ),
        'package.json': LINK,
      },
      [],
      [],
    ],
    [
      'a bucket the Terraform declares: that one',
      {
        ...workflow('release', 'build', 'aws s3 sync dist s3://acme-maps/'),
        'main.tf': 'resource "aws_s3_bucket" "maps" {\n  bucket = "acme-maps"\n}\n',
      },
      ['s3-public-access-block@main.tf:1'],
      ['s3 aws_s3_bucket.maps'],
    ],
  ])('%s', async (_name, files, findings, releaseUse) => {
    const report = await scanFiles(files);
    expect(summarize(report)).toEqual(findings);
    const buckets = report.facts.buckets.filter((b) => b.release.length > 0);
    expect(buckets.map((b) => `${b.service} ${b.address}`)).toEqual(releaseUse);
  });
});

/**
 * A static site synced to the bucket that hosts it, linked from the site's own configuration: a
 * deploy of a website is no deploy step, so the bucket is a public one rather than where the build
 * deploys; a release step's upload makes it release-use all the same, and a deploy to a bucket
 * that hosts no website is a deploy step's.
 */
describe('a website deployed to its own bucket', () => {
  const site = (job: string, bucket = 'www.example.com') => ({
    '.github/workflows/main.yml': `name: deploy
on:
  push:
    branches: [main]
jobs:
  ${job}:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3 sync build/ s3://${bucket} --delete
`,
    'webpack.config.js':
      "module.exports = { output: { publicPath: 'https://www.example.com.s3-website-us-east-1.amazonaws.com/' } };\n",
  });
  const WEBSITE = [
    'resource "aws_s3_bucket" "site" {\n  bucket = "www.example.com"\n}',
    'resource "aws_s3_bucket_website_configuration" "site" {',
    '  bucket = aws_s3_bucket.site.id',
    '  index_document {\n    suffix = "index.html"\n  }\n}\n',
  ].join('\n');

  // Reached at its website endpoint, named for deploying or not: the link is one to a public bucket.
  it.each(['build', 'deploy'])('in a job named %s is not release-use', async (job) => {
    const report = await scanFiles(site(job));
    expect(summarize(report)).toEqual(['link-public-bucket@webpack.config.js:1']);
    expect(report.facts.buckets).toEqual([]);
    expect(report.facts.links.map((l) => l.releaseStep)).toEqual([false, false]);
  });

  it('declared in Terraform with website hosting, is judged as a public bucket, not release-use', async () => {
    const files = {
      ...site('deploy'),
      'webpack.config.js': 'module.exports = {};\n',
      'main.tf': WEBSITE,
    };
    const report = await scanFiles(files);
    expect(report.facts.buckets.map((b) => b.release)).toEqual([[]]);
    expect(report.result.findings).toEqual([]);
    const all = await scanFiles(files, { policy: { scope: 'all' } });
    expect(all.result.findings.find((f) => f.ruleId === 's3-website')?.message).toMatch(
      /^Bucket "www\.example\.com" \(aws_s3_bucket\.site\) is served as a public website\. /,
    );
  });

  it('that a build command turns website hosting on is not release-use either', async () => {
    const files = site('deploy', 'acme-site');
    files['.github/workflows/main.yml'] +=
      '      - run: aws s3 website s3://acme-site --index-document index.html\n';
    files['webpack.config.js'] = 'module.exports = {};\n';
    const report = await scanFiles(files);
    expect(report.facts.buckets).toEqual([]);
  });

  // It may host none: the deploy step's upload still makes it release-use.
  it('with a website not known before apply, is a bucket a deploy step uploads to', async () => {
    const report = await scanFiles({
      ...site('deploy', 'acme-assets'),
      'webpack.config.js': 'module.exports = {};\n',
      'main.tf': `variable "sites" {}
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
  dynamic "website" {
    for_each = var.sites
    content {
      index_document = "index.html"
    }
  }
}
`,
    });
    expect(report.facts.buckets.map((b) => b.release.map((r) => r.kind))).toEqual([['deploy']]);
    expect(summarize(report)).toContain('s3-website@main.tf:4');
  });

  it('hosting no website, is a bucket a deploy step uploads to, not a release bucket', async () => {
    const files = {
      ...site('deploy', 'acme-assets'),
      'webpack.config.js': 'module.exports = {};\n',
    };
    const report = await scanFiles({
      ...files,
      'main.tf': 'resource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n',
    });
    expect(report.facts.buckets.map((b) => b.release)).toEqual([
      [
        {
          kind: 'deploy',
          detail: 'a deploy step at .github/workflows/main.yml:9 uploads to it',
          range: expect.anything(),
        },
      ],
    ]);
    expect(report.result.findings[0]?.message).toMatch(
      /^Bucket "acme-assets" \(aws_s3_bucket\.assets\) .* It is release-use: a deploy step at \.github\/workflows\/main\.yml:9 uploads to it\.$/,
    );
  });

  it('is a release bucket once a release step uploads to it too, which is the evidence said', async () => {
    const files = site('deploy');
    const workflow = files['.github/workflows/main.yml'].replace(
      '      - run: aws s3 sync build/ s3://www.example.com --delete\n',
      '      - run: aws s3 sync build/ s3://www.example.com --delete\n' +
        '      - name: Publish the installer\n' +
        '        run: aws s3 cp dist/setup.exe s3://www.example.com/setup.exe\n',
    );
    const report = await scanFiles({ ...files, '.github/workflows/main.yml': workflow });
    expect(report.facts.buckets.map((b) => b.release.map((e) => e.detail))).toEqual([
      ['a release step at .github/workflows/main.yml:11 uploads to it'],
    ]);
    expect(report.result.findings[0]?.message).toMatch(
      /links to release bucket "www\.example\.com" .* tells anyone where releases live\./,
    );
  });
});
