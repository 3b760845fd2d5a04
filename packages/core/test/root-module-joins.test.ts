import { describe, expect, it } from 'vitest';
import type { GcsBucket, R2Bucket, S3Bucket } from '../src/index.js';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Root modules repeat addresses (`envs/dev`, `envs/prod`): an attachment joins a bucket of its own
 * root module only, whether it names the bucket, references it, or matches none.
 */
describe('joins stay inside one root module', () => {
  const r2 = (name: string, domain?: string) => `
resource "cloudflare_r2_bucket" "b" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "${name}"
}
${
  domain
    ? `
resource "cloudflare_r2_custom_domain" "b" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  domain      = "${domain}"
  zone_id     = "0da42c8d2132a9ddaf714f9e7c920711"
  enabled     = true
}`
    : ''
}`;

  it('gives a custom domain to the bucket of its root module only', async () => {
    const report = await scanFiles({
      'envs/dev/main.tf': r2('acme-dev-releases'),
      'envs/prod/main.tf': r2('acme-prod-releases', 'downloads.acme.example'),
    });
    const domains = (report.facts.buckets as R2Bucket[]).map((b) => [
      b.name,
      b.customDomains.map((d) => d.range.file),
    ]);
    expect(domains).toEqual([
      ['acme-dev-releases', []],
      ['acme-prod-releases', ['envs/prod/main.tf']],
    ]);
    expect(summarize(report).filter((f) => f.startsWith('r2-public-custom-domain'))).toEqual([
      'r2-public-custom-domain@envs/prod/main.tf:12',
    ]);
  });

  it.each([
    ['by its name', '"acme-releases"'],
    ['through an output of the call', 'module.releases.name'],
  ])(
    "joins a resource naming a registry module's bucket %s to the one of its root module",
    async (_how, bucket) => {
      const releases = `module "releases" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  name       = "acme-releases"
  project_id = "acme"
  location   = "US"
}
`;
      const report = await scanFiles({
        'envs/dev/main.tf': releases,
        'envs/prod/main.tf': `${releases}
resource "google_storage_bucket_iam_member" "public" {
  bucket = ${bucket}
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
      });
      const iam = (report.facts.buckets as GcsBucket[]).map((b) => [
        b.address,
        b.rootModule,
        b.iam.map((i) => i.address),
      ]);
      expect(iam).toEqual([
        ['module.releases', 'envs/dev', []],
        ['module.releases', 'envs/prod', ['google_storage_bucket_iam_member.public']],
      ]);
    },
  );

  it('leaves a bucket provable when an attachment it cannot join is in another root module', async () => {
    const bucket = `
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}`;
    const report = await scanFiles({
      'envs/dev/main.tf': bucket,
      'envs/prod/main.tf': `${bucket}
variable "name" {
  type = string
}

resource "aws_s3_bucket_policy" "p" {
  bucket = var.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}`,
    });
    const unresolved = (report.facts.buckets as S3Bucket[]).map((b) => [
      b.address,
      b.unresolved.map((u) => u.range?.file),
    ]);
    expect(unresolved).toEqual([
      ['aws_s3_bucket.b', []],
      ['aws_s3_bucket.b', ['envs/prod/main.tf']],
    ]);
  });
});
