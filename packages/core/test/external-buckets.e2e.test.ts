import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A bucket made elsewhere (another configuration, by hand, a module not read) that this Terraform
 * names by its name: what the resources do to it is judged as for a declared bucket, and its own
 * settings, out of sight, are not.
 */
const PUBLIC_ACL = (bucket: string) => `resource "aws_s3_bucket_acl" "public" {
  bucket = "${bucket}"
  acl    = "public-read-write"
}
`;

describe('buckets declared elsewhere', () => {
  it('a public S3 ACL on one is a finding; its unseen settings are not', async () => {
    const report = await scanFiles({ 'main.tf': PUBLIC_ACL('acme-releases') });
    expect(summarize(report)).toEqual(['s3-public-acl@main.tf:3']);
    const [finding] = report.result.findings;
    expect(finding?.severity).toBe('critical');
    expect(finding?.message).toMatch(
      /^Release bucket "acme-releases" \(not declared in the Terraform scanned\) /,
    );
    expect(report.facts.buckets).toMatchObject([
      {
        service: 's3',
        name: 'acme-releases',
        declaredElsewhere: true,
        address: 'bucket "acme-releases"',
      },
    ]);
  });

  it('one looked up with a data source is named by it: its id and ARN are its name', async () => {
    const lookedUp = `data "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_policy" "public" {
  bucket = data.aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "\${data.aws_s3_bucket.releases.arn}/*"
    }]
  })
}
`;
    const report = await scanFiles({ 'main.tf': lookedUp });
    expect(summarize(report)).toEqual(['s3-public-policy@main.tf:6']);
    expect(report.facts.buckets.map((b) => b.name)).toEqual(['acme-releases']);
  });

  it('a block that this Terraform attaches to it is judged', async () => {
    const guarded = `${PUBLIC_ACL('acme-releases')}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = "acme-releases"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;
    expect(summarize(await scanFiles({ 'main.tf': guarded }))).toEqual([
      's3-public-acl(low)@main.tf:3',
    ]);
  });

  it('GCS IAM to allUsers and an enabled r2.dev URL on one are findings', async () => {
    const files = {
      'gcs.tf': `resource "google_storage_bucket_iam_member" "public" {
  bucket = "acme-releases"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
      'r2.tf': `resource "cloudflare_r2_managed_domain" "dev" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = "acme-downloads"
  enabled     = true
}
`,
    };
    expect(summarize(await scanFiles(files))).toEqual([
      'gcs-public-iam@gcs.tf:4',
      'r2-public-dev-url@r2.tf:4',
    ]);
  });

  it('are release-use as any bucket is: by name, or with --scope all', async () => {
    const files = { 'main.tf': PUBLIC_ACL('team-assets') };
    expect(summarize(await scanFiles(files))).toEqual([]);
    expect(summarize(await scanFiles(files, { policy: { scope: 'all' } }))).toEqual([
      's3-public-acl@main.tf:3',
    ]);
  });

  it('are not made for a bucket the Terraform declares, itself or through a registry module, which takes what names it', async () => {
    const declared = `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PUBLIC_ACL('acme-releases')}`;
    const own = await scanFiles({ 'main.tf': declared });
    expect(own.facts.buckets.map((b) => b.address)).toEqual(['aws_s3_bucket.b']);

    const viaModule = `module "releases" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"
  bucket  = "acme-releases"
}
${PUBLIC_ACL('acme-releases')}`;
    const report = await scanFiles({ 'main.tf': viaModule });
    expect(report.facts.buckets.map((b) => b.address)).toEqual(['module.releases']);
    // The module's block ignores public ACLs.
    expect(summarize(report)).toEqual(['s3-public-acl(low)@main.tf:8']);
  });

  describe('on R2, named only by the AWS provider settings pointed at it', () => {
    const R2 = `provider "aws" {
  alias  = "r2"
  region = "auto"
  endpoints {
    s3 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
  }
}
resource "aws_s3_bucket_public_access_block" "releases" {
  provider                = aws.r2
  bucket                  = "acme-releases"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_acl" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
  acl      = "public-read"
}
`;

    it('is an R2 bucket whose S3 controls do nothing, not an S3 bucket or none', async () => {
      const report = await scanFiles({ 'main.tf': R2 });
      expect(summarize(report)).toEqual([
        'r2-s3-controls-ineffective@main.tf:16',
        'r2-s3-controls-ineffective@main.tf:8',
      ]);
      expect(report.facts.buckets).toMatchObject([
        { service: 'r2', name: 'acme-releases', declaredElsewhere: true },
      ]);
    });

    it('is the bucket its Cloudflare domains name', async () => {
      const report = await scanFiles({
        'main.tf': `${R2}resource "cloudflare_r2_managed_domain" "releases" {
  account_id  = "0123456789abcdef0123456789abcdef"
  bucket_name = "acme-releases"
  enabled     = true
}
`,
      });
      expect(summarize(report)).toEqual([
        'r2-public-dev-url@main.tf:24',
        'r2-s3-controls-ineffective@main.tf:16',
        'r2-s3-controls-ineffective@main.tf:8',
      ]);
      expect(report.facts.buckets).toHaveLength(1);
    });

    const TWO = [
      { service: 's3', name: 'acme-releases', address: 'bucket "acme-releases"' },
      { service: 'r2', name: 'acme-releases', address: 'bucket "acme-releases" on R2' },
    ];

    it.each([
      ['after', R2 + PUBLIC_ACL('acme-releases'), 'main.tf:23'],
      ['before', PUBLIC_ACL('acme-releases') + R2, 'main.tf:3'],
    ])(
      'named %s by the plain AWS provider too: a bucket on AWS and one on R2, each with its own settings',
      async (_order, tf, acl) => {
        const report = await scanFiles({ 'main.tf': tf });
        const found = report.result.findings.map(
          (f) => `${f.ruleId}@${f.location.file}:${f.location.start.line}`,
        );
        expect(found).toContain(`s3-public-acl@${acl}`);
        expect(found.filter((f) => f.startsWith('r2-s3-controls-ineffective'))).toHaveLength(2);
        expect(found).not.toContain(`r2-s3-controls-ineffective@${acl}`);
        expect(report.facts.buckets).toMatchObject(TWO);
      },
    );

    it('an aws_s3_bucket on R2 takes no settings of the plain AWS provider: they are of a bucket on AWS', async () => {
      const report = await scanFiles({
        'main.tf': `provider "aws" {
  alias  = "r2"
  endpoints {
    s3 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
  }
}
resource "aws_s3_bucket" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
}
${PUBLIC_ACL('acme-releases')}`,
      });
      expect(summarize(report)).toEqual(['s3-public-acl@main.tf:13']);
      expect(report.facts.buckets).toMatchObject([
        { service: 's3', address: 'bucket "acme-releases"', declaredElsewhere: true },
        { service: 'r2', address: 'aws_s3_bucket.releases' },
      ]);
    });

    /** The release bucket on R2, declared through an AWS provider pointed at R2 (lines 1–10). */
    const ON_R2 = `provider "aws" {
  alias  = "r2"
  endpoints {
    s3 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
  }
}
resource "aws_s3_bucket" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
}
`;

    it.each<[string, string, string[]]>([
      [
        'a CloudFront origin on a bucket of its name on AWS: that bucket is served, not the one on R2',
        `resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name              = "acme-releases.s3.us-east-1.amazonaws.com"
    origin_id                = "s3"
    origin_access_control_id = "E2QWRUHAPOMQZL"
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
  }
}`,
        ['s3-public-cloudfront@main.tf:18'],
      ],
      [
        'a multi-region access point over a bucket of its name on AWS: likewise',
        `resource "aws_s3control_multi_region_access_point" "mrap" {
  details {
    name = "releases"
    public_access_block {
      block_public_acls       = false
      block_public_policy     = false
      ignore_public_acls      = false
      restrict_public_buckets = false
    }
    region {
      bucket = "acme-releases"
    }
  }
}
resource "aws_s3control_multi_region_access_point_policy" "mrap" {
  details {
    name   = "releases"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3::123456789012:accesspoint/releases.mrap/object/*" }] })
  }
}`,
        ['s3-public-policy@main.tf:28'],
      ],
    ])('%s', async (_name, tf, expected) => {
      const report = await scanFiles({ 'main.tf': ON_R2 + tf });
      expect(summarize(report)).toEqual(expected);
      expect(report.facts.buckets).toMatchObject([
        { service: 's3', address: 'bucket "acme-releases"', declaredElsewhere: true },
        { service: 'r2', address: 'aws_s3_bucket.releases' },
      ]);
    });
  });
});
