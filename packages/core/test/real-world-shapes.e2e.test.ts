import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../src/index.js';
import { scanFiles } from './support/scan-files.js';

/**
 * Shapes of bucket exposure met in public Terraform (a platform team's bucket policies, CloudFront
 * in front of S3, GCS IAM and ACLs, R2 domains), rewritten small, each with what a correct scanner
 * reports: the precision review of session 26. The peer cases (../shared/peer-cases) hold the KICS
 * and Checkov fixtures; these are the shapes they do not: conditions that narrow an Allow or only
 * look as though they do, Deny guards, policy documents built from parts, and the like.
 */
interface Case {
  readonly name: string;
  /** Where the shape was seen. */
  readonly seen: string;
  readonly tf: string;
  /** `rule:severity` of every finding. */
  readonly expected: readonly string[];
}

/** Block Public Access with ACLs blocked and policies let through, as sites that publish have it. */
const BUCKET = `resource "aws_s3_bucket" "b" {
  bucket = "acme-cli-releases"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}
`;

/** What BUCKET's block is reported as, whatever the policy. */
const BLOCK_OFF = 's3-public-access-block:high';
const PUBLIC = 's3-public-policy:critical';

/** BUCKET with a policy of these statements (HCL objects). */
const POLICY = (...statements: string[]) => `${BUCKET}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statements.join(',\n')}]
  })
}
`;

/** An Allow of s3:GetObject to Principal "*", with this Condition (HCL) if any. */
const READ = (condition?: string) => `{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
      ${condition ? `Condition = ${condition}` : ''}
    }`;

const S3_POLICIES: Case[] = [
  {
    name: 'a Deny to every caller outside a VPC endpoint, and no Allow',
    seen: 'DinoJelincic/porsche_test terraform/modules/bucket/policy/main.tf',
    tf: POLICY(`{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
      Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a23398e8144e3ce8" } }
    }`),
    expected: [BLOCK_OFF],
  },
  {
    name: 'an Allow to "*" narrowed by the organisation, read from a data source',
    seen: 'sujee-spec/fin-buddy-v2 root/main.tf',
    tf: `data "aws_organizations_organization" "this" {}
${POLICY(READ('{ StringEquals = { "aws:PrincipalOrgID" = data.aws_organizations_organization.this.id } }'))}`,
    expected: [BLOCK_OFF],
  },
  {
    name: 'an Allow to everyone, and a Deny to every caller outside a VPC endpoint',
    seen: 'the Deny of AWS example bucket policies for VPC endpoints, beside a public Allow',
    tf: POLICY(
      READ(),
      `{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
      Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a23398e8144e3ce8" } }
    }`,
    ),
    expected: [BLOCK_OFF],
  },
  {
    name: 'a Deny of insecure transport, its value an unquoted false, in a policy document',
    seen: 'NHSDigital/nhs-notify-reporting infrastructure/terraform/components/reporting',
    tf: `${BUCKET}
data "aws_iam_policy_document" "b" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [false]
    }
  }
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.b.json
}
`,
    expected: [BLOCK_OFF],
  },
  {
    name: 'a Deny with NotPrincipal beside an Allow to named roles, in a heredoc',
    seen: 'defenseunicorns/terraform-aws-tfstate-backend templates/s3_bucket_policy.json.tpl',
    tf: `${BUCKET}
locals {
  admins = ["arn:aws:iam::111122223333:role/admin"]
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": \${jsonencode(local.admins)} },
      "Action": ["s3:ListBucket", "s3:GetObject", "s3:PutObject"],
      "Resource": ["\${aws_s3_bucket.b.arn}/*", "\${aws_s3_bucket.b.arn}"]
    },
    {
      "Effect": "Deny",
      "NotPrincipal": { "AWS": \${jsonencode(local.admins)} },
      "Action": "s3:*",
      "Resource": ["\${aws_s3_bucket.b.arn}/*", "\${aws_s3_bucket.b.arn}"]
    }
  ]
}
POLICY
}
`,
    expected: [BLOCK_OFF],
  },
  {
    name: 'an Allow of s3:PutObject to "*" on condition of an x-amz-acl header: anyone writes',
    seen: 'sanandan/s3-tf-module examples/custom-policy-s3/policy/custom-bucket-policy.tpl',
    tf: POLICY(`{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
      Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
    }`),
    expected: [BLOCK_OFF, PUBLIC],
  },
  ...(
    [
      [
        'a Referer, which any client sets',
        '{ StringLike = { "aws:Referer" = ["https://example.com/*"] } }',
      ],
      ['HTTPS, which any client uses', '{ Bool = { "aws:SecureTransport" = "true" } }'],
      ['a User-Agent', '{ StringEquals = { "aws:UserAgent" = "acme-updater/1.0" } }'],
      [
        'callers outside the organisation',
        '{ StringNotEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }',
      ],
      [
        'an endpoint IfExists, true of a request through none',
        '{ StringEqualsIfExists = { "aws:SourceVpce" = "vpce-0a23398e8144e3ce8" } }',
      ],
      [
        'an endpoint ForAllValues, true of a request through none',
        '{ "ForAllValues:StringEquals" = { "aws:SourceVpce" = ["vpce-0a23398e8144e3ce8"] } }',
      ],
      ['every IPv4 address', '{ IpAddress = { "aws:SourceIp" = ["0.0.0.0/0"] } }'],
      ['any address but some', '{ NotIpAddress = { "aws:SourceIp" = ["198.51.100.0/24"] } }'],
    ] as const
  ).map(([what, condition]) => ({
    name: `an Allow to "*" on condition of ${what} is public`,
    seen: 'AWS documented condition keys, as public policies use them',
    tf: POLICY(READ(condition)),
    expected: [BLOCK_OFF, PUBLIC],
  })),
  {
    name: 'an Allow to "*" from one office network',
    seen: 'AWS documented pattern (aws:SourceIp)',
    tf: POLICY(READ('{ IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }')),
    expected: [BLOCK_OFF],
  },
  {
    name: 'CloudFront let in for every distribution of the account a data source reads',
    seen: 'a CloudFront module s3_policy: StringLike AWS:SourceArn on arn:…:distribution/* (local)',
    tf: `data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
${POLICY(`{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
      Condition = { StringLike = { "AWS:SourceArn" = "arn:\${data.aws_partition.current.partition}:cloudfront::\${data.aws_caller_identity.current.account_id}:distribution/*" } }
    }`)}`,
    expected: [BLOCK_OFF],
  },
  {
    name: 'a public policy passed through replace() of placeholders it does not hold',
    seen: 'terraform-aws-modules/terraform-aws-s3-bucket main.tf (local.policy), vendored',
    tf: `${BUCKET}
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = replace(
    replace(
      jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-cli-releases/*" }] }),
      "_S3_BUCKET_ARN_", aws_s3_bucket.b.arn
    ),
    "_AWS_ACCOUNT_ID_", data.aws_caller_identity.current.account_id
  )
}
`,
    expected: [BLOCK_OFF, PUBLIC],
  },
  {
    name: 'a public Allow merged in through source_policy_documents',
    seen: 'terraform-aws-modules/terraform-aws-s3-bucket main.tf (its combined policy)',
    tf: `${BUCKET}
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([
    data.aws_iam_policy_document.tls.json,
    data.aws_iam_policy_document.read.json,
  ])
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.combined.json
}
`,
    expected: [BLOCK_OFF, PUBLIC],
  },
  {
    name: 'a heredoc policy whose Statement is one object, not a list',
    seen: 'IAM JSON grammar: Statement may be a single object',
    tf: `${BUCKET}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "s3:GetObject",
    "Resource": "\${aws_s3_bucket.b.arn}/*"
  }
}
POLICY
}
`,
    expected: [BLOCK_OFF, PUBLIC],
  },
  ...[true, false].map((open) => ({
    name: `statements concatenated behind a switch, ${open ? 'on' : 'off'} by default`,
    seen: 'feature-flagged public read in platform modules',
    tf: `${BUCKET}
variable "public_read" {
  type    = bool
  default = ${open}
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat([], var.public_read ? [${READ()}] : [])
  })
}
`,
    expected: open ? [BLOCK_OFF, PUBLIC] : [BLOCK_OFF],
  })),
  {
    name: 'an Allow to "*" of the bucket location alone opens nothing',
    seen: 'metadata reads granted to everyone (s3:GetBucketLocation)',
    tf: POLICY(`{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetBucketLocation"
      Resource  = aws_s3_bucket.b.arn
    }`),
    expected: [BLOCK_OFF],
  },
];

/** A CloudFront distribution of BUCKET through origin access control; `behaviour` adds to its default. */
const DISTRIBUTION = (behaviour = '') => `resource "aws_cloudfront_origin_access_control" "oac" {
  name                              = "releases"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "d" {
  enabled = true
  origin {
    domain_name              = aws_s3_bucket.b.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = aws_cloudfront_origin_access_control.oac.id
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    ${behaviour}
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
`;

/** An Allow of s3:GetObject to CloudFront, with this Condition (HCL) if any. */
const CLOUDFRONT_READ = (condition?: string) => `{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.b.arn}/*"
      ${condition ? `Condition = ${condition}` : ''}
    }`;

const OWN_DISTRIBUTION =
  '{ StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.d.arn } }';

const CLOUDFRONT: Case[] = [
  {
    name: 'origin access control scoped to a distribution that requires no signed URL',
    seen: 'Akshay-Durgade/iac-modules portfolio/data.tf',
    tf: `${POLICY(CLOUDFRONT_READ(OWN_DISTRIBUTION))}
${DISTRIBUTION()}`,
    expected: [BLOCK_OFF, 's3-public-cloudfront:high'],
  },
  {
    name: 'the same distribution requiring signed URLs',
    seen: 'signed-URL release downloads',
    tf: `${POLICY(CLOUDFRONT_READ(OWN_DISTRIBUTION))}
${DISTRIBUTION('trusted_key_groups = ["kg-releases"]')}`,
    expected: [BLOCK_OFF],
  },
  {
    name: 'CloudFront let in with no condition: every distribution of every account',
    seen: 'the origin access control policy of AWS docs without its AWS:SourceArn condition',
    tf: POLICY(CLOUDFRONT_READ()),
    expected: [BLOCK_OFF, 's3-cloudfront-unscoped:high'],
  },
  {
    name: 'CloudFront let in ForAnyValue of a distribution ARN given at apply',
    seen: 'unnamed module (ForAnyValue:StringEquals aws:SourceArn = var.cloudfront_dist_arn)',
    tf: `variable "cloudfront_dist_arn" {
  type = string
}
${POLICY(CLOUDFRONT_READ('{ "ForAnyValue:StringEquals" = { "aws:SourceArn" = [var.cloudfront_dist_arn] } }'))}`,
    expected: [BLOCK_OFF, 's3-cloudfront-unscoped:medium'],
  },
];

const GCS_BUCKET = (settings = '') => `resource "google_storage_bucket" "b" {
  name                        = "acme-cli-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  ${settings}
}
`;

/** What a release bucket that leaves public access prevention inherited is reported as. */
const INHERITED = 'gcs-public-access-prevention:high';

const GCS: Case[] = [
  {
    name: 'allUsers as a legacy object reader',
    seen: 'public bucket modules granting roles/storage.legacyObjectReader',
    tf: `${GCS_BUCKET()}
resource "google_storage_bucket_iam_member" "m" {
  bucket = google_storage_bucket.b.name
  role   = "roles/storage.legacyObjectReader"
  member = "allUsers"
}
`,
    expected: [INHERITED, 'gcs-public-iam:critical'],
  },
  {
    name: 'allAuthenticatedUsers as a legacy bucket reader lists without reading',
    seen: 'Google documented legacy roles',
    tf: `${GCS_BUCKET()}
resource "google_storage_bucket_iam_member" "m" {
  bucket = google_storage_bucket.b.name
  role   = "roles/storage.legacyBucketReader"
  member = "allAuthenticatedUsers"
}
`,
    expected: [INHERITED, 'gcs-public-iam:high'],
  },
  {
    name: 'allUsers in a for_each over a set variable',
    seen: 'reader lists passed to bucket modules',
    tf: `variable "readers" {
  type    = set(string)
  default = ["allUsers", "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]
}
${GCS_BUCKET()}
resource "google_storage_bucket_iam_member" "m" {
  for_each = var.readers
  bucket   = google_storage_bucket.b.name
  role     = "roles/storage.objectViewer"
  member   = each.value
}
`,
    expected: [INHERITED, 'gcs-public-iam:critical'],
  },
  {
    name: 'allUsers refused by enforced public access prevention',
    seen: 'abhi9075/gcp-ci-cd-pipeline-check main.tf, with a public grant beside it',
    tf: `${GCS_BUCKET('public_access_prevention = "enforced"')}
resource "google_storage_bucket_iam_member" "m" {
  bucket = google_storage_bucket.b.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    expected: ['gcs-public-iam:low'],
  },
  {
    name: 'a default object ACL for allUsers on a bucket that takes no ACL',
    seen: 'indeni/cloudrail-knowledge car_storage_bucket_ensure_no_anonymous_public_access',
    tf: `${GCS_BUCKET('public_access_prevention = "enforced"')}
resource "google_storage_default_object_access_control" "d" {
  bucket = google_storage_bucket.b.name
  role   = "READER"
  entity = "allUsers"
}
`,
    expected: ['gcs-public-acl:low'],
  },
];

const R2: Case[] = [
  {
    name: 'an r2.dev URL behind a switch that is on by default',
    seen: 'public R2 buckets toggled by a variable',
    tf: `variable "public" {
  type    = bool
  default = true
}

# posture:release
resource "cloudflare_r2_bucket" "b" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-installers"
}

resource "cloudflare_r2_managed_domain" "b" {
  count       = var.public ? 1 : 0
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  enabled     = true
}
`,
    expected: ['r2-public-dev-url:critical'],
  },
  {
    name: 'a custom domain naming its bucket by a literal name',
    seen: 'cloudflare/cf-terraforming testdata/terraform-v5/cloudflare_r2_custom_domain',
    tf: `# posture:release
resource "cloudflare_r2_bucket" "b" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-installers"
}

resource "cloudflare_r2_custom_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = "acme-installers"
  domain      = "downloads.acme.example"
  zone_id     = "36ca64a6d92827b8a6b90be344bb1bfd"
  enabled     = true
}
`,
    expected: ['r2-public-custom-domain:high'],
  },
];

function verdicts(report: ScanReport): string[] {
  return report.result.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
}

describe('shapes of exposure met in public Terraform', () => {
  it.each([...S3_POLICIES, ...CLOUDFRONT, ...GCS, ...R2])('$name', async ({ tf, expected }) => {
    const report = await scanFiles({ 'main.tf': tf });
    expect(report.result.diagnostics).toEqual([]);
    expect(verdicts(report)).toEqual([...expected].sort());
  });
});
