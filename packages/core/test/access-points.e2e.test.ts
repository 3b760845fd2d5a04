import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '@posture/model';
import { scanFiles, summarize } from './support/scan-files.js';

const BUCKET = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
`;

const MODULE = `module "releases" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "acme-releases"
}
`;

/** AWS's documented delegation: every principal, through an access point of the account. */
const DELEGATE = `resource "aws_s3_bucket_policy" "delegate" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = [aws_s3_bucket.releases.arn, "\${aws_s3_bucket.releases.arn}/*"]
      Condition = { StringEquals = { "s3:DataAccessPointAccount" = "123456789012" } }
    }]
  })
}
`;

const OPEN_BLOCK = `  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
`;

const accessPoint = (
  bucket: string,
  block: string,
  policy = '',
) => `resource "aws_s3_access_point" "public" {
  bucket = ${bucket}
  name   = "releases-public"
${block}${policy}}
`;

const PUBLIC_READ = (resource: string) => `jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${resource}" }]
  })`;

const ATTACHED = `resource "aws_s3control_access_point_policy" "public" {
  access_point_arn = aws_s3_access_point.public.arn
  policy           = ${PUBLIC_READ('${aws_s3_access_point.public.arn}/object/*')}
}
`;

const INLINE = `  policy = ${PUBLIC_READ('arn:aws:s3:us-east-1:123456789012:accesspoint/releases-public/object/*')}
`;

const REF = 'aws_s3_bucket.releases.id';

/** A multi-region access point over the buckets, and a public policy that names it by name. */
const multiRegion = (
  block: string,
  buckets = [REF],
) => `resource "aws_s3control_multi_region_access_point" "mrap" {
  details {
    name = "releases-global"
    ${block}
${buckets.map((bucket) => `    region {\n      bucket = ${bucket}\n    }\n`).join('')}  }
}
resource "aws_s3control_multi_region_access_point_policy" "mrap" {
  details {
    name   = aws_s3control_multi_region_access_point.mrap.details[0].name
    policy = ${PUBLIC_READ('arn:aws:s3::123456789012:accesspoint/releases.mrap/object/*')}
  }
}
`;

describe('S3 access points', () => {
  it.each([
    {
      name: 'a delegating bucket whose access point policy allows anyone',
      tf: BUCKET + DELEGATE + accessPoint(REF, OPEN_BLOCK) + ATTACHED,
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy@main.tf:29'],
    },
    {
      name: 'an inline access point policy on a bucket declared elsewhere',
      tf: accessPoint('"acme-releases"', OPEN_BLOCK, INLINE),
      findings: ['s3-public-policy@main.tf:10'],
    },
    {
      name: 'an access point made without a block, which S3 makes all on',
      tf: BUCKET + DELEGATE + accessPoint(REF, '') + ATTACHED,
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy(low)@main.tf:23'],
    },
    {
      name: 'a bucket whose policy lets no one in through its access points',
      tf: BUCKET + accessPoint(REF, OPEN_BLOCK) + ATTACHED,
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy(low)@main.tf:16'],
    },
    {
      name: 'an AWS Cloud Control access point, whose block is an object',
      tf: `${BUCKET}${DELEGATE}resource "awscc_s3_access_point" "public" {
  bucket = aws_s3_bucket.releases.id
  public_access_block_configuration = {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
${INLINE}}
`,
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy@main.tf:25'],
    },
    {
      name: 'an AWS Cloud Control access point without a block',
      tf: `${BUCKET}${DELEGATE}resource "awscc_s3_access_point" "public" {
  bucket = aws_s3_bucket.releases.id
${INLINE}}
`,
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy(low)@main.tf:19'],
    },
    {
      // The module's block, on by default, restricts the bucket to its own account.
      name: 'an access point of a registry module bucket, named by its output',
      tf: MODULE + accessPoint('module.releases.s3_bucket_id', OPEN_BLOCK, INLINE),
      findings: ['s3-public-policy(low)@main.tf:14'],
    },
    {
      name: 'a multi-region access point whose policy allows anyone, in its own resource',
      tf: BUCKET + DELEGATE + multiRegion(OPEN_BLOCK.replace('_configuration', '')),
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy@main.tf:35'],
    },
    {
      name: 'a multi-region access point made without a block, which S3 makes all on',
      tf: BUCKET + DELEGATE + multiRegion(''),
      findings: ['s3-public-access-block@main.tf:1', 's3-public-policy(low)@main.tf:29'],
    },
    {
      name: 'an access point without a policy opens nothing',
      tf: BUCKET + DELEGATE + accessPoint(REF, OPEN_BLOCK),
      findings: ['s3-public-access-block@main.tf:1'],
    },
  ])('$name', async ({ tf, findings }) => {
    expect(summarize(await scanFiles({ 'main.tf': tf }))).toEqual(findings);
  });

  it('are facts of their bucket: block, policies, and the access point as a related location', async () => {
    const report = await scanFiles({
      'main.tf': BUCKET + DELEGATE + accessPoint(REF, OPEN_BLOCK) + ATTACHED,
    });
    const [bucket] = report.facts.buckets as S3Bucket[];
    expect(bucket?.accessPoints).toMatchObject([
      {
        address: 'aws_s3_access_point.public',
        name: { value: 'releases-public' },
        publicAccessBlock: {
          level: 'access-point',
          flags: { restrict_public_buckets: { value: false } },
        },
        policies: [{ address: 'aws_s3control_access_point_policy.public' }],
      },
    ]);
    const finding = report.result.findings.find((f) => f.ruleId === 's3-public-policy');
    expect(finding?.severity).toBe('critical');
    expect(finding?.related).toContainEqual(
      expect.objectContaining({ label: 'access point', range: expect.objectContaining({}) }),
    );
  });

  // A region whose bucket cannot be determined was taken for the bucket of another region: the
  // access point was joined to that one alone, and the bucket it may be was judged without it.
  it.each([
    [
      'var.region_bucket',
      ['bucket-not-provably-private@main.tf:21', 's3-public-access-block@main.tf:2'],
    ],
    [
      'aws_s3_bucket.releases.id',
      ['s3-public-access-block@main.tf:2', 's3-public-policy@main.tf:42'],
    ],
  ])('a multi-region access point over another bucket and %s', async (bucket, findings) => {
    const tf =
      'variable "region_bucket" {}\n' +
      BUCKET +
      DELEGATE +
      'resource "aws_s3_bucket" "other" {\n  bucket = "acme-other"\n}\n' +
      multiRegion(OPEN_BLOCK.replace('_configuration', ''), ['aws_s3_bucket.other.id', bucket]);
    const report = await scanFiles({ 'main.tf': tf });
    expect(summarize(report)).toEqual(findings);
    // Another of its regions joins it to acme-other: it is one of that bucket's access points.
    const other = report.facts.buckets.find((b) => b.name === 'acme-other') as S3Bucket;
    expect(other.accessPoints.map((a) => a.address)).toEqual([
      'aws_s3control_multi_region_access_point.mrap',
    ]);
    expect(other.unresolved).toEqual([]);
  });

  // Regions a dynamic block makes over a collection not known before apply were none: the access
  // point named no bucket, and one that refers to the bucket was not joined to it.
  it.each([
    [
      'toset([aws_s3_bucket.releases.id])',
      ['s3-public-access-block@main.tf:2', 's3-public-policy@main.tf:38'],
    ],
    [
      'var.region_buckets',
      ['bucket-not-provably-private@main.tf:18', 's3-public-access-block@main.tf:2'],
    ],
  ])(
    'a multi-region access point with regions of a dynamic block over %s',
    async (forEach, findings) => {
      const regions = `dynamic "region" {
      for_each = ${forEach}
      content {
        bucket = region.value
      }
    }`;
      const tf =
        'variable "region_buckets" {}\n' +
        BUCKET +
        DELEGATE +
        multiRegion(OPEN_BLOCK.replace('_configuration', '') + regions, []);
      expect(summarize(await scanFiles({ 'main.tf': tf }))).toEqual(findings);
    },
  );

  // A region that names by a literal a bucket no resource declares was taken for one that cannot
  // be determined: every other bucket of the module was "configured by a bucket that cannot be
  // determined before apply". It names that bucket, judged as one declared elsewhere.
  it('a multi-region access point over a bucket not declared in the Terraform scanned', async () => {
    const tf =
      BUCKET +
      DELEGATE +
      'resource "aws_s3_bucket" "other" {\n  bucket = "acme-other"\n}\n' +
      multiRegion(OPEN_BLOCK.replace('_configuration', ''), [
        'aws_s3_bucket.other.id',
        '"acme-releases-west"',
      ]);
    const report = await scanFiles({ 'main.tf': tf });
    expect(summarize(report)).toEqual([
      's3-public-access-block@main.tf:1',
      's3-public-policy@main.tf:41',
    ]);
    expect(report.facts.buckets.map((b) => [b.name, b.unresolved])).toEqual([
      ['acme-releases', []],
      ['acme-other', []],
      ['acme-releases-west', []],
    ]);
    const west = report.result.findings.find((f) => f.ruleId === 's3-public-policy');
    expect(west?.message).toContain(
      'Release bucket "acme-releases-west" (not declared in the Terraform scanned) is open to anyone through an access point policy.',
    );
  });

  // Where a dynamic block's iterator is set was not traced: the region's bucket, passed by the
  // caller, was judged as the module's own bucket, and the caller's release bucket not at all.
  it('a multi-region access point whose regions its caller passes through a dynamic block', async () => {
    const regions = `dynamic "region" {
      for_each = var.buckets
      content {
        bucket = region.value
      }
    }
`;
    const report = await scanFiles({
      'main.tf': `${BUCKET}${DELEGATE}data "aws_s3_bucket" "releases" {
  bucket = aws_s3_bucket.releases.id
}
module "global" {
  source  = "./global"
  buckets = [data.aws_s3_bucket.releases.id]
}
`,
      'global/main.tf':
        'variable "buckets" {}\nresource "aws_s3_bucket" "own" {\n  bucket = "acme-global"\n}\n' +
        multiRegion(OPEN_BLOCK.replace('_configuration', '') + regions, []),
    });
    expect(summarize(report)).toEqual([
      'bucket-not-provably-private@global/main.tf:5',
      's3-public-access-block@main.tf:1',
    ]);
    const releases = report.facts.buckets.find((b) => b.name === 'acme-releases');
    expect(releases?.unresolved).toMatchObject([
      { message: expect.stringContaining('module.global.aws_s3control_multi_region_access_point') },
    ]);
  });

  it('an access point policy whose access point cannot be determined leaves the bucket unproven', async () => {
    const report = await scanFiles({
      'main.tf': `${BUCKET}${DELEGATE}variable "access_point_arn" {}
resource "aws_s3control_access_point_policy" "public" {
  access_point_arn = var.access_point_arn
  policy           = ${PUBLIC_READ('*')}
}
`,
    });
    const [bucket] = report.facts.buckets;
    expect(bucket?.unresolved).toMatchObject([
      {
        message: expect.stringMatching(
          /aws_s3control_access_point_policy\.public configures a bucket that cannot be determined/,
        ),
        opens: 'policy',
      },
    ]);
  });
});
