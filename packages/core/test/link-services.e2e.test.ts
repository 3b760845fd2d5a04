import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

/** A release workflow running one command. */
const release = (command: string) => ({
  '.github/workflows/release.yml': `name: release
on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: ${command}
`,
});

const AWS = 'resource "aws_s3_bucket" "aws" {\n  bucket = "acme-tools"\n}\n';
const GCS =
  'resource "google_storage_bucket" "gcs" {\n  name     = "acme-tools"\n  location = "US"\n}\n';
const R2 =
  'resource "cloudflare_r2_bucket" "r2" {\n  account_id = "a"\n  name       = "acme-tools"\n}\n';
const R2_ENDPOINT = 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com';
const R2_THROUGH_AWS = `provider "aws" {
  alias  = "r2"
  region = "auto"
  endpoints {
    s3 = "${R2_ENDPOINT}"
  }
}
resource "aws_s3_bucket" "via_aws" {
  provider = aws.r2
  bucket   = "acme-tools"
}
`;

describe("a link makes release-use only a bucket of the link's service", () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'an upload to S3 with no endpoint, an AWS bucket',
      { ...release('aws s3 cp x s3://acme-tools/'), 'main.tf': AWS },
      ['aws_s3_bucket.aws'],
    ],
    [
      // Its GCS bucket is known from the build alone.
      'a gs:// upload, not an AWS bucket of its name',
      { ...release('gsutil cp x gs://acme-tools/'), 'main.tf': AWS },
      ['bucket "acme-tools" (gcs)'],
    ],
    [
      'a gs:// upload, the GCS bucket of its name',
      { ...release('gsutil cp x gs://acme-tools/'), 'main.tf': AWS + GCS },
      ['google_storage_bucket.gcs'],
    ],
    [
      'an upload to DigitalOcean Spaces, no bucket',
      {
        ...release(
          'aws s3 cp x s3://acme-tools/ --endpoint-url https://nyc3.digitaloceanspaces.com',
        ),
        'main.tf': AWS + R2,
      },
      [],
    ],
    [
      'a goreleaser blob on a MinIO endpoint, no bucket',
      {
        '.goreleaser.yaml':
          'blobs:\n  - provider: s3\n    endpoint: s3.example.de\n    bucket: acme-tools\n',
        'main.tf': AWS,
      },
      [],
    ],
    [
      'an upload to an R2 endpoint, the R2 bucket over an AWS one',
      {
        ...release(`aws s3 cp x s3://acme-tools/ --endpoint-url ${R2_ENDPOINT}`),
        'main.tf': AWS + R2,
      },
      ['cloudflare_r2_bucket.r2'],
    ],
    [
      'an upload to an R2 endpoint, an R2 bucket driven through the AWS provider',
      {
        ...release(`aws s3 cp x s3://acme-tools/ --endpoint-url ${R2_ENDPOINT}`),
        'main.tf': R2_THROUGH_AWS,
      },
      ['aws_s3_bucket.via_aws'],
    ],
    [
      // The endpoint is a secret: the S3 API the CLI talks to may be R2's.
      'an upload through a templated endpoint, the R2 bucket of its name',
      {
        ...release('aws s3 cp x s3://acme-tools/ --endpoint-url ${{ secrets.R2_ENDPOINT }}'),
        'main.tf': R2,
      },
      ['cloudflare_r2_bucket.r2'],
    ],
    [
      'an upload through a templated endpoint, the AWS bucket first',
      {
        ...release('aws s3 cp x s3://acme-tools/ --endpoint-url ${{ secrets.ENDPOINT }}'),
        'main.tf': R2 + AWS,
      },
      ['aws_s3_bucket.aws'],
    ],
    [
      // Its AWS bucket is known from the build alone.
      'an amazonaws.com URL, not an R2 bucket of its name',
      { ...release('curl -T x https://acme-tools.s3.amazonaws.com/x'), 'main.tf': R2 },
      ['bucket "acme-tools" (s3)'],
    ],
  ])('%s', async (_name, files, releaseUse) => {
    const report = await scanFiles(files);
    const used = report.facts.buckets
      .filter((b) => b.release.length > 0)
      .map((b) => b.address + (b.origin === 'build' ? ` (${b.service})` : ''));
    expect(used).toEqual(releaseUse);
  });
});

describe('the region of an S3 bucket', () => {
  const links = [
    'https://acme-releases.s3.eu-west-1.amazonaws.com/cli.tgz',
    'http://acme-releases.s3-website-eu-west-1.amazonaws.com/cli.tgz',
    'http://acme-releases.s3-website.eu-west-1.amazonaws.com/cli.tgz',
  ];
  const bucket = `  bucket  = "acme-releases"
  website = {
    index_document = "index.html"
  }
`;
  const eu = 'provider "aws" {\n  alias  = "eu"\n  region = "eu-west-1"\n}\n';
  const module = (providers: string) => `module "releases" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
${providers}${bucket}}
`;
  it.each([
    [
      'a module bucket in the region its provider sets',
      eu + module('  providers = { aws = aws.eu }\n'),
    ],
    ['a module bucket in no region known', module('')],
    [
      'a module bucket in another region',
      eu.replace('eu-west-1', 'us-east-2') + module('  providers = { aws = aws.eu }\n'),
    ],
  ])(
    'does not keep a link at its regional or website endpoint from it: %s',
    async (_name, terraform) => {
      const report = await scanFiles({
        ...release(links.map((l) => `curl -O ${l}`).join(' && ')),
        'main.tf': terraform,
      });
      const linked = report.result.findings.filter((f) => f.ruleId === 'link-release-bucket');
      expect(linked.map((f) => f.message.match(/https?:\S+/)?.[0])).toEqual(links);
      expect(
        linked.every((f) => f.message.includes('release bucket "acme-releases" (module.releases)')),
      ).toBe(true);
    },
  );

  it("places the endpoints of a bucket in its own region, else in its provider configuration's", async () => {
    const report = await scanFiles({
      'main.tf': `${eu}resource "aws_s3_bucket" "plain" {
  provider = aws.eu
  bucket   = "acme-plain"
}
resource "aws_s3_bucket" "own" {
  provider = aws.eu
  region   = "us-west-2"
  bucket   = "acme-own"
}
${module('  providers = { aws = aws.eu }\n')}`,
    });
    const regional = report.facts.buckets.map((b) => [
      b.address,
      b.endpoints.find((e) => /\.s3\.[a-z0-9-]+\.amazonaws\.com$/.test(e.host))?.host,
    ]);
    expect(regional).toEqual([
      ['aws_s3_bucket.plain', 'acme-plain.s3.eu-west-1.amazonaws.com'],
      ['aws_s3_bucket.own', 'acme-own.s3.us-west-2.amazonaws.com'],
      ['module.releases', 'acme-releases.s3.eu-west-1.amazonaws.com'],
    ]);
  });
});
