import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/** Buckets of the AWS Cloud Control provider: the same facts and rules as aws_s3_bucket. */
const RELEASES = `resource "awscc_s3_bucket" "releases" {
  bucket_name    = "acme-cli-releases"
  access_control = "PublicRead"
  tags = [{
    key   = "purpose"
    value = "release"
  }]
}

resource "awscc_s3_bucket_policy" "releases" {
  bucket = awscc_s3_bucket.releases.id
  policy_document = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-cli-releases/*"
    }]
  })
}
`;

const PRIVATE = `resource "awscc_s3_bucket" "private" {
  bucket_name = "acme-assets"
  public_access_block_configuration = {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
  ownership_controls = {
    rules = [{ object_ownership = "BucketOwnerEnforced" }]
  }
}
`;

describe('awscc_s3_bucket', () => {
  it('a public canned ACL, a public policy and no access block, on a bucket tagged for releases', async () => {
    const report = await scanFiles({ 'main.tf': RELEASES });
    expect(summarize(report)).toEqual([
      's3-public-access-block@main.tf:1',
      's3-public-acl@main.tf:3',
      's3-public-policy@main.tf:12',
    ]);
    const [bucket] = report.facts.buckets;
    expect(bucket?.release.map((r) => r.detail)).toContain('tag purpose = "release"');
    // The fix is written in the bucket's own provider.
    const block = report.result.findings.find((f) => f.ruleId === 's3-public-access-block');
    expect(block?.message).toContain(
      'Set public_access_block_configuration on awscc_s3_bucket.releases',
    );
  });

  it('a bucket with its access block and ACLs disabled is private', async () => {
    const report = await scanFiles({ 'main.tf': PRIVATE }, { policy: { scope: 'all' } });
    expect(summarize(report)).toEqual([]);
  });

  it('website hosting, and a download link to the release bucket', async () => {
    const site = PRIVATE.replace(
      '  ownership_controls',
      '  website_configuration = {\n    index_document = "index.html"\n  }\n  ownership_controls',
    ).replace('acme-assets', 'acme-cli-releases');
    const report = await scanFiles({
      'main.tf': site,
      'package.json': '{"config": {"dl": "https://acme-cli-releases.s3.amazonaws.com/cli.tgz"}}',
    });
    expect(summarize(report)).toEqual([
      'link-release-bucket@package.json:1',
      's3-website(low)@main.tf:9',
    ]);
  });

  it('a website configuration that redirects every request is no website', async () => {
    const redirect = PRIVATE.replace(
      '  ownership_controls',
      '  website_configuration = {\n    redirect_all_requests_to = { host_name = "example.com" }\n  }\n  ownership_controls',
    ).replace('acme-assets', 'acme-cli-releases');
    const report = await scanFiles({ 'main.tf': redirect });
    expect(summarize(report)).toEqual([]);
    expect(report.facts.buckets[0]).toMatchObject({ service: 's3', website: undefined });
  });

  it("the AWS provider's settings resources configure it too, as in a configuration that mixes them", async () => {
    const mixed = `resource "awscc_s3_bucket" "releases" {
  bucket_name = "acme-cli-releases"
}

resource "aws_s3_bucket_public_access_block" "releases" {
  bucket                  = awscc_s3_bucket.releases.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}
`;
    const report = await scanFiles({ 'main.tf': mixed });
    expect(summarize(report)).toEqual(['s3-public-access-block@main.tf:8']);
    expect(report.facts.buckets[0]).toMatchObject({
      publicAccessBlock: { address: 'aws_s3_bucket_public_access_block.releases' },
    });
  });
});
