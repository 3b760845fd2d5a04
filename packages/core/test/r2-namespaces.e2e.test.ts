import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * R2 bucket names are unique only within an account and a jurisdiction: an r2.dev or custom
 * domain configures the bucket of its name in its own account_id and jurisdiction.
 */
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const OTHER = 'ffffffffffffffffffffffffffffffff';

const bucket = (label: string, account = ACCOUNT, jurisdiction = '') => `
resource "cloudflare_r2_bucket" "${label}" {
  account_id = "${account}"
  name       = "acme-releases"${jurisdiction && `\n  jurisdiction = "${jurisdiction}"`}
}`;

const devUrl = (account: string, jurisdiction = '') => `
resource "cloudflare_r2_managed_domain" "dev" {
  account_id  = "${account}"
  bucket_name = "acme-releases"
  enabled     = true${jurisdiction && `\n  jurisdiction = "${jurisdiction}"`}
}`;

const R2_PROVIDER = (host: string) => `
provider "aws" {
  region = "auto"
  endpoints {
    s3 = "https://${host}.r2.cloudflarestorage.com"
  }
}
resource "aws_s3_bucket" "via_aws" {
  bucket = "acme-releases"
}`;

/** The addresses of the buckets an r2.dev URL is reported on. */
async function publicAt(tf: string): Promise<string[]> {
  const report = await scanFiles({ 'main.tf': tf });
  return report.result.findings
    .filter((f) => f.ruleId === 'r2-public-dev-url')
    .map((f) => /\((\S+)\)/.exec(f.message)?.[1] ?? f.message);
}

describe('R2 domains configure the bucket of their name in their account and jurisdiction', () => {
  it.each([
    [
      'an eu domain: the eu bucket, not the default one of the same name',
      bucket('std') + bucket('eu', ACCOUNT, 'eu') + devUrl(ACCOUNT, 'eu'),
      ['cloudflare_r2_bucket.eu'],
    ],
    [
      'a domain that omits its jurisdiction: the default bucket, not the eu one',
      bucket('std') + bucket('eu', ACCOUNT, 'EU') + devUrl(ACCOUNT),
      ['cloudflare_r2_bucket.std'],
    ],
    [
      'a domain of one account: the bucket of that account',
      bucket('prod') + bucket('staging', OTHER) + devUrl(OTHER),
      ['cloudflare_r2_bucket.staging'],
    ],
    [
      'through the AWS provider, the endpoint host gives account and jurisdiction',
      bucket('std') + R2_PROVIDER(`${ACCOUNT}.eu`) + devUrl(ACCOUNT, 'eu'),
      ['aws_s3_bucket.via_aws'],
    ],
    [
      'a domain that fits none of the buckets of its name is kept on all of them',
      bucket('std') + bucket('eu', ACCOUNT, 'eu') + devUrl(OTHER, 'fedramp'),
      ['cloudflare_r2_bucket.eu', 'cloudflare_r2_bucket.std'],
    ],
    [
      'a jurisdiction not known before apply may be either',
      `variable "jurisdiction" {}
${bucket('std') + bucket('eu', ACCOUNT, 'eu')}
resource "cloudflare_r2_managed_domain" "dev" {
  account_id   = "${ACCOUNT}"
  bucket_name  = "acme-releases"
  enabled      = true
  jurisdiction = var.jurisdiction
}`,
      ['cloudflare_r2_bucket.eu', 'cloudflare_r2_bucket.std'],
    ],
  ])('%s', async (_, tf, buckets) => {
    expect((await publicAt(tf)).sort()).toEqual(buckets);
  });

  it('a custom domain too', async () => {
    const tf = `${bucket('std')}${bucket('eu', ACCOUNT, 'eu')}
resource "cloudflare_r2_custom_domain" "dl" {
  account_id   = "${ACCOUNT}"
  bucket_name  = "acme-releases"
  domain       = "dl.acme.com"
  zone_id      = "36ca64a6d92827b8a6b90be344bb1bfd"
  enabled      = true
  jurisdiction = "eu"
}`;
    const report = await scanFiles({ 'main.tf': tf });
    expect(summarize(report)).toEqual(['r2-public-custom-domain@main.tf:16']);
    expect(report.result.findings[0]?.message).toMatch(/\(cloudflare_r2_bucket\.eu\)/);
  });
});
