import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Each rule from Terraform text to finding, through the real loader, adapters and engine: split
 * resources, modules, for_each, default tags and policy documents. Buckets are named *-releases so
 * they are release-use; `--scope all` cases say so.
 */
interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly expected: string[];
  readonly scope?: 'all';
}

const PAB_ON = (ref: string, policies = true) => `
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = ${ref}
  block_public_acls       = true
  block_public_policy     = ${policies}
  ignore_public_acls      = true
  restrict_public_buckets = ${policies}
}`;

/** ACLs blocked, policies let through: a policy's exposure is judged on its own. */
const PAB_POLICIES_OFF = (ref: string) => PAB_ON(ref, false);

const POLICY = (statement: string) => `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_POLICIES_OFF('aws_s3_bucket.b.id')}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statement}]
  })
}
`;

/** An AWS provider pointed at R2, as Cloudflare documents it. */
const R2_PROVIDER = `provider "aws" {
  alias  = "r2"
  region = "us-east-1"
  endpoints {
    s3 = "https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com"
  }
}
`;

/** A release bucket on R2 through that provider, with an S3 ACL that R2 ignores. */
const R2_BUCKET_WITH_ACL = `resource "aws_s3_bucket" "b" {
  provider = aws.r2
  bucket   = "acme-releases"
}
resource "aws_s3_bucket_acl" "b" {
  provider = aws.r2
  bucket   = aws_s3_bucket.b.id
  acl      = "private"
}
`;

/**
 * A module called once per entry of `forEach` (declared by `declarations`), each making a bucket
 * with a public ACL, named after its key: what the buckets are is known only from the entries.
 */
const UNEXPANDED = (declarations: string, forEach = 'var.buckets') => ({
  'main.tf': `${declarations}
module "bucket" {
  source   = "./bucket"
  for_each = ${forEach}
  name     = "acme-\${each.key}"
}
`,
  'bucket/main.tf': `variable "name" {}
resource "aws_s3_bucket" "b" {
  bucket = var.name
  acl    = "public-read"
}
`,
});

const CASES: Case[] = [
  {
    name: 'a principal chosen by a condition on a resource attribute may be * (medium), one attribute is one role',
    files: {
      'main.tf': POLICY(
        '{ Effect = "Allow", Principal = aws_s3_bucket.b.object_lock_enabled ? "arn:aws:iam::123456789012:root" : "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }',
      ),
      'role.tf': `resource "aws_iam_role" "r" {}
resource "aws_s3_bucket_policy" "c" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.r.arn }, Action = "s3:GetObject", Resource = "*" }] })
}
`,
    },
    expected: ['s3-public-access-block@main.tf:8', 's3-public-policy@main.tf:14'],
  },
  {
    name: 'a jsonencode policy whose Resource is an ARN known after apply is still judged public',
    files: {
      'main.tf': POLICY(
        '{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }',
      ),
    },
    expected: ['s3-public-access-block@main.tf:8', 's3-public-policy@main.tf:14'],
  },
  {
    name: 'a SourceIp condition built with cidrsubnet narrows as a literal one does',
    files: {
      'main.tf': POLICY(
        '{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*", Condition = { IpAddress = { "aws:SourceIp" = [cidrsubnet("203.0.113.0/24", 4, 2), cidrhost("198.51.100.0/24", 7)] } } }',
      ),
    },
    expected: ['s3-public-access-block@main.tf:8'],
  },
  {
    name: 'a SourceIp condition of the two halves of the IPv4 space is every address',
    files: {
      'main.tf': POLICY(
        '{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*", Condition = { IpAddress = { "aws:SourceIp" = ["0.0.0.0/1", "128.0.0.0/1"] } } }',
      ),
    },
    expected: ['s3-public-access-block@main.tf:8', 's3-public-policy@main.tf:14'],
  },
  {
    name: 'a jsonencode policy with an unknown Effect or Condition cannot be judged',
    files: {
      'main.tf': POLICY(
        '{ Effect = aws_s3_bucket.b.id, Principal = "*", Action = "s3:GetObject", Resource = "x" }',
      ),
      'other.tf': POLICY(
        '{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "x", Condition = aws_s3_bucket.b.tags_all }',
      )
        .replace(/"b"/g, '"c"')
        .replace(/aws_s3_bucket\.b/g, 'aws_s3_bucket.c')
        .replace('acme-releases', 'acme-other-releases'),
    },
    expected: [
      's3-public-access-block@main.tf:8',
      's3-public-access-block@other.tf:8',
      's3-public-policy@main.tf:14',
      's3-public-policy@other.tf:14',
    ],
  },
  {
    name: 'a policy document whose principal or condition values are unknown is undecided, not private',
    files: {
      'main.tf': `variable "reader" {}
variable "vpce" {}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_POLICIES_OFF('aws_s3_bucket.b.id')}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-releases/*"]
    principals {
      type        = "AWS"
      identifiers = [var.reader]
    }
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-releases/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = var.vpce
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:10',
      's3-public-policy@main.tf:18',
      's3-public-policy@main.tf:26',
    ],
  },
  {
    name: 'an object uploaded with a public ACL is public when nothing makes S3 ignore ACLs',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_object" "source" {
  bucket = aws_s3_bucket.b.id
  key    = "src.tar.gz"
  source = "dist/src.tar.gz"
  acl    = "public-read"
}
resource "aws_s3_object" "private" {
  bucket = aws_s3_bucket.b.id
  key    = "app.tgz"
}
resource "aws_s3_bucket_object" "legacy" {
  bucket = "acme-releases"
  key    = "old.tgz"
  acl    = "authenticated-read"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:1',
      's3-public-acl@main.tf:8',
      's3-public-acl@main.tf:17',
    ],
  },
  {
    name: 'an object copied with a public ACL or a grant to AllUsers is public, as an upload is',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_object_copy" "canned" {
  bucket = aws_s3_bucket.b.id
  key    = "cli.tgz"
  source = "acme-staging/cli.tgz"
  acl    = "public-read"
}
resource "aws_s3_object_copy" "granted" {
  bucket = aws_s3_bucket.b.id
  key    = "sdk.tgz"
  source = "acme-staging/sdk.tgz"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}
resource "aws_s3_object_copy" "private" {
  bucket = aws_s3_bucket.b.id
  key    = "app.tgz"
  source = "acme-staging/app.tgz"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:1',
      's3-public-acl@main.tf:8',
      's3-public-acl@main.tf:14',
    ],
  },
  {
    name: 'an object ACL is only a low finding when ownership controls disable ACLs',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.b.id')}
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_object" "source" {
  bucket = aws_s3_bucket.b.id
  key    = "src.tar.gz"
  acl    = "public-read"
}
`,
    },
    expected: ['s3-public-acl(low)@main.tf:21'],
  },
  {
    name: 'an override file that weakens a public access block is merged, and the finding points into it',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n${PAB_ON('aws_s3_bucket.b.id')}\n`,
      'override.tf': `resource "aws_s3_bucket_public_access_block" "b" {\n  block_public_acls = false\n}\n`,
    },
    expected: ['s3-public-access-block@override.tf:2'],
  },
  {
    name: 'S3 release bucket with no public access block is not provably private',
    files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n' },
    expected: ['s3-public-access-block@main.tf:1'],
  },
  {
    name: 'S3 bucket with a complete public access block joined by reference is clean',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n${PAB_ON('aws_s3_bucket.b.id')}\n`,
    },
    expected: [],
  },
  {
    name: 'a public access block joined by literal name counts too',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n${PAB_ON('"acme-releases"')}\n`,
    },
    expected: [],
  },
  {
    name: 'of two public access blocks for one bucket, the weaker is judged',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.b.id')}
resource "aws_s3_bucket_public_access_block" "loose" {
  bucket            = aws_s3_bucket.b.id
  block_public_acls = false
}
`,
    },
    expected: ['s3-public-access-block@main.tf:14'],
  },
  {
    name: 'an account-level block with all four flags satisfies every bucket',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_account_public_access_block" "acct" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    },
    expected: [],
  },
  {
    name: "an account-level block with all four flags covers a registry module's bucket too",
    files: {
      'main.tf': `resource "aws_s3_account_public_access_block" "acct" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
module "releases" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "~> 4.0"
  bucket                  = "acme-releases"
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}
`,
    },
    // As for a bucket resource whose own block is off: low, private while the account's holds.
    expected: ['s3-public-access-block(low)@main.tf:11'],
  },
  {
    name: 'split aws_s3_bucket_acl public-read with ownership preferred',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}
resource "aws_s3_bucket_acl" "b" {
  depends_on = [aws_s3_bucket_ownership_controls.b]
  bucket     = aws_s3_bucket.b.id
  acl        = "public-read"
}
`,
    },
    expected: [
      's3-acls-enabled@main.tf:7',
      's3-public-access-block@main.tf:1',
      's3-public-acl@main.tf:13',
    ],
  },
  {
    name: 'a public ACL neutralised by a complete public access block is low',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  acl    = "public-read"
}
${PAB_ON('aws_s3_bucket.b.id')}
`,
    },
    expected: ['s3-public-acl(low)@main.tf:3'],
  },
  {
    name: 'release-use from provider default_tags, public policy from jsonencode',
    files: {
      'main.tf': `provider "aws" {
  default_tags {
    tags = { purpose = "release" }
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-assets"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "\${aws_s3_bucket.b.arn}/*" }]
  })
}
`,
    },
    expected: ['s3-public-access-block@main.tf:6', 's3-public-policy@main.tf:11'],
  },
  {
    name: 'release-use from the default_tags of the provider an s3-bucket call, not installed, passes',
    files: {
      'main.tf': `provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
  default_tags {
    tags = { purpose = "releases" }
  }
}
module "store" {
  source            = "terraform-aws-modules/s3-bucket/aws"
  version           = "~> 4.0"
  bucket            = "acme-store"
  block_public_acls = false
  providers = {
    aws = aws.replica
  }
}
`,
    },
    expected: ['s3-public-access-block@main.tf:15'],
  },
  {
    name: 'a policy narrowed by aws:SourceVpce is not public',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.b.id')}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<POLICY
{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}}]}
POLICY
}
`,
    },
    expected: [],
  },
  {
    name: 'data.aws_iam_policy_document with AWS "*" identifiers',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.b.id')}
data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:GetObject"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
}
`,
    },
    expected: ['s3-public-policy(low)@main.tf:15'],
  },
  {
    name: 'website hosting on for_each buckets from a local module, neutralised by their blocks',
    files: {
      'main.tf': `module "sites" {
  source   = "./modules/site"
  for_each = toset(["docs-releases", "app-releases"])
  name     = each.key
}
`,
      'modules/site/main.tf': `variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_website_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  index_document {
    suffix = "index.html"
  }
}
${PAB_ON('aws_s3_bucket.this.id')}
`,
    },
    expected: ['s3-website(low)@modules/site/main.tf:5', 's3-website(low)@modules/site/main.tf:5'],
  },
  {
    name: 'a legacy website block is reported at the block, not the bucket',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  website {
    index_document = "index.html"
  }
}
${PAB_ON('aws_s3_bucket.b.id')}
`,
    },
    expected: ['s3-website(low)@main.tf:3'],
  },
  {
    name: 'a website that only redirects every request serves no object: no finding',
    files: {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_website_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  redirect_all_requests_to {
    host_name = "releases.example.com"
    protocol  = "https"
  }
}
resource "aws_s3_bucket" "legacy" {
  bucket = "old-releases"
  website {
    redirect_all_requests_to = "https://releases.example.com"
  }
}
${PAB_ON('aws_s3_bucket.b.id')}
${PAB_ON('aws_s3_bucket.legacy.id').replace('"b"', '"legacy"')}
`,
    },
    expected: [],
  },
  {
    name: 'an ACL that refers to one of two same-named buckets applies to that one only',
    files: {
      'main.tf': `resource "aws_s3_bucket" "a" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.bucket
  acl    = "public-read"
}
${PAB_ON('"acme-releases"')}
`,
    },
    expected: ['s3-public-acl(low)@main.tf:9'],
  },
  {
    name: 'R2 bucket through the AWS provider: S3 controls are ineffective, r2 rules apply',
    files: {
      'main.tf': `${R2_PROVIDER}${R2_BUCKET_WITH_ACL}`,
    },
    expected: ['r2-s3-controls-ineffective@main.tf:12'],
  },
  {
    name: 'an R2 endpoint under `s3api`, the alias of `s3`, makes the AWS provider R2',
    files: { 'main.tf': `${R2_PROVIDER.replace('s3 =', 's3api =')}${R2_BUCKET_WITH_ACL}` },
    expected: ['r2-s3-controls-ineffective@main.tf:12'],
  },
  {
    name: 'an empty `s3` endpoint is unset: the provider takes its `s3api` alias',
    files: {
      'main.tf': `${R2_PROVIDER.replace('s3 =', 's3    = ""\n    s3api =')}${R2_BUCKET_WITH_ACL}`,
    },
    expected: ['r2-s3-controls-ineffective@main.tf:13'],
  },
  {
    name: '`s3` wins over `s3api`: an AWS endpoint beside an R2 alias is not R2',
    files: {
      'main.tf': `${R2_PROVIDER.replace('s3 =', 's3    = "https://s3.us-east-1.amazonaws.com"\n    s3api =')}${R2_BUCKET_WITH_ACL}`,
    },
    expected: ['s3-public-access-block@main.tf:9'],
  },
  {
    name: 'an R2 endpoint whose account id is a variable still makes the AWS provider R2',
    files: {
      'main.tf': `variable "account_id" {}
provider "aws" {
  alias  = "r2"
  region = "auto"
  endpoints {
    s3 = "https://\${var.account_id}.r2.cloudflarestorage.com"
  }
}
${R2_BUCKET_WITH_ACL}`,
    },
    expected: ['r2-s3-controls-ineffective@main.tf:13'],
  },
  {
    name: 'an R2 endpoint whose account variable defaults to a stand-in is still R2',
    files: {
      'main.tf': `variable "account_id" {
  default = "my-account"
}
provider "aws" {
  alias  = "r2"
  region = "auto"
  endpoints {
    s3 = "https://\${var.account_id}.eu.r2.cloudflarestorage.com"
  }
}
${R2_BUCKET_WITH_ACL}`,
    },
    expected: ['r2-s3-controls-ineffective@main.tf:15'],
  },
  {
    name: 'the settings of a bucket on R2 do not leave the S3 bucket beside it undecided',
    files: {
      'main.tf': `${R2_PROVIDER}resource "aws_s3_bucket" "s3" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.s3.id')}
resource "aws_s3_bucket" "r2" {
  provider = aws.r2
  bucket   = "acme-r2-releases"
}
resource "aws_s3_bucket_acl" "r2" {
  provider = aws.r2
  bucket   = aws_s3_bucket.r2.id
  acl      = "private"
}
resource "aws_s3_object" "r2" {
  provider = aws.r2
  bucket   = aws_s3_bucket.r2.id
  key      = "x"
  acl      = "public-read"
}
`,
    },
    expected: ['r2-s3-controls-ineffective@main.tf:23'],
  },
  {
    name: 'R2 custom domain enabled on a release bucket',
    files: {
      'main.tf': `resource "cloudflare_r2_bucket" "b" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-releases"
}
resource "cloudflare_r2_custom_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  domain      = "downloads.acme.example"
  zone_id     = "0da42c8d2132a9ddaf714f9e7c920711"
  enabled     = true
}
`,
    },
    expected: ['r2-public-custom-domain@main.tf:10'],
  },
  {
    name: 'R2 managed domain pinned off is private',
    files: {
      'main.tf': `resource "cloudflare_r2_bucket" "b" {
  name = "acme-releases"
}
resource "cloudflare_r2_managed_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  enabled     = false
}
`,
    },
    expected: [],
  },
  {
    name: 'GCS bucket with defaults: PAP inherited and uniform access off',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name     = "acme-releases"
  location = "EU"
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:1', 'gcs-uniform-access@main.tf:1'],
  },
  {
    name: "GCS bucket ACL's default_acl: every object uploaded later is public (any case)",
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                     = "acme-releases"
  location                 = "EU"
  public_access_prevention = "inherited"
}
resource "google_storage_bucket_acl" "b" {
  bucket      = google_storage_bucket.b.name
  role_entity = ["OWNER:project-owners-123"]
  default_acl = "publicread"
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:4',
      'gcs-public-acl@main.tf:9',
      'gcs-uniform-access@main.tf:1',
    ],
  },
  {
    name: 'GCS uniform access under its google provider 3.x name, bucket_policy_only',
    files: {
      'main.tf': `resource "google_storage_bucket" "on" {
  name               = "acme-releases"
  location           = "EU"
  bucket_policy_only = true
}
resource "google_storage_bucket" "off" {
  name               = "old-releases"
  location           = "EU"
  bucket_policy_only = false
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:1',
      'gcs-public-access-prevention@main.tf:6',
      'gcs-uniform-access@main.tf:9',
    ],
  },
  {
    name: 'GCS iam_binding with allAuthenticatedUsers, release by label',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                        = "acme-sdk"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  labels = {
    release = "yes"
  }
}
resource "google_storage_bucket_iam_binding" "b" {
  bucket  = google_storage_bucket.b.name
  role    = "roles/storage.objectViewer"
  members = ["group:eng@acme.example", "allAuthenticatedUsers"]
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:5', 'gcs-public-iam@main.tf:13'],
  },
  {
    name: 'GCS managed folder IAM: allUsers on a folder of the bucket, as member and in a policy',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                        = "acme-releases"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
resource "google_storage_managed_folder" "latest" {
  bucket = google_storage_bucket.b.name
  name   = "latest/"
}
resource "google_storage_managed_folder_iam_member" "public" {
  bucket         = google_storage_managed_folder.latest.bucket
  managed_folder = google_storage_managed_folder.latest.name
  role           = "roles/storage.objectViewer"
  member         = "allUsers"
}
data "google_iam_policy" "viewers" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["allAuthenticatedUsers"]
  }
}
resource "google_storage_managed_folder_iam_policy" "nightly" {
  bucket         = google_storage_bucket.b.name
  managed_folder = "nightly/"
  policy_data    = data.google_iam_policy.viewers.policy_data
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:5',
      'gcs-public-iam@main.tf:15',
      'gcs-public-iam@main.tf:18',
    ],
  },
  {
    name: 'GCS bucket that omits uniform access but holds a managed folder: uniform access is on',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                     = "acme-releases"
  location                 = "EU"
  public_access_prevention = "enforced"
}
resource "google_storage_managed_folder" "latest" {
  bucket = google_storage_bucket.b.name
  name   = "latest/"
}
resource "google_storage_object_acl" "b" {
  bucket         = google_storage_bucket.b.name
  object         = "cli.tgz"
  predefined_acl = "publicRead"
}
`,
    },
    // No gcs-uniform-access; the ACL is neutralised by the folder (and by prevention).
    expected: ['gcs-public-acl(low)@main.tf:13'],
  },
  {
    name: 'GCS public ACL via role_entity',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                     = "acme-releases"
  location                 = "EU"
  public_access_prevention = "enforced"
}
resource "google_storage_default_object_acl" "b" {
  bucket      = google_storage_bucket.b.name
  role_entity = ["OWNER:project-owners-1234", "READER:allUsers"]
}
`,
    },
    expected: ['gcs-public-acl(low)@main.tf:8', 'gcs-uniform-access(low)@main.tf:1'],
  },
  {
    name: 'a GCS object uploaded with a public predefined ACL',
    files: {
      'main.tf': `resource "google_storage_bucket" "b" {
  name                     = "acme-releases"
  location                 = "EU"
  public_access_prevention = "inherited"
}
resource "google_storage_bucket_object" "source" {
  name           = "src.tar.gz"
  bucket         = google_storage_bucket.b.name
  source         = "dist/src.tar.gz"
  predefined_acl = "publicRead"
}
resource "google_storage_bucket_object" "private" {
  name   = "app.tgz"
  bucket = google_storage_bucket.b.name
  source = "dist/app.tgz"
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:4',
      'gcs-public-acl@main.tf:10',
      'gcs-uniform-access@main.tf:1',
    ],
  },
  {
    name: 'a public bucket that is not release-use is not reported by default',
    files: {
      'main.tf':
        'resource "aws_s3_bucket" "b" {\n  bucket = "acme-www"\n  acl    = "public-read"\n}\n',
    },
    expected: [],
  },
  {
    name: '--scope all reports every bucket',
    scope: 'all',
    files: {
      'main.tf':
        'resource "aws_s3_bucket" "b" {\n  bucket = "acme-www"\n  acl    = "public-read"\n}\n',
    },
    expected: ['s3-public-access-block@main.tf:1', 's3-public-acl@main.tf:3'],
  },
  {
    name: 'an annotation marks an R2 bucket release-use',
    files: {
      'main.tf': `# posture:release
resource "cloudflare_r2_bucket" "b" {
  name = "acme-bits"
}
resource "cloudflare_r2_managed_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = "acme-bits"
  enabled     = true
}
`,
    },
    expected: ['r2-public-dev-url@main.tf:8'],
  },
  {
    name: 'an annotation on a module call marks the buckets it makes, in every instance and module below',
    files: {
      'main.tf': `# posture:release
module "builds" {
  source   = "./modules/outer"
  for_each = toset(["cli", "agent"])
  name     = "acme-\${each.key}-builds"
}
`,
      'modules/outer/main.tf': `variable "name" {}
module "r2" {
  source = "../r2"
  name   = var.name
}
`,
      'modules/r2/main.tf': `variable "name" {}
resource "cloudflare_r2_bucket" "this" {
  account_id = "abc"
  name       = var.name
}
resource "cloudflare_r2_managed_domain" "this" {
  account_id  = "abc"
  bucket_name = cloudflare_r2_bucket.this.name
  enabled     = true
}
`,
    },
    expected: ['r2-public-dev-url@modules/r2/main.tf:9', 'r2-public-dev-url@modules/r2/main.tf:9'],
  },
  {
    name: 'an annotation that marks no bucket is reported where it is written',
    files: {
      'main.tf': `# posture:release
variable "name" {}

# posture:release

resource "cloudflare_r2_bucket" "b" {
  account_id = "abc"
  name       = "acme-bits"
}
# posture:release
module "roles" {
  source = "./roles"
}
`,
      'roles/main.tf': 'resource "aws_iam_role" "r" {}\n',
    },
    expected: [
      'annotation-unused(low)@main.tf:1',
      'annotation-unused(low)@main.tf:4',
      'annotation-unused(low)@main.tf:10',
    ],
  },
  {
    name: "a public access block OpenTofu's lifecycle { enabled } leaves out protects nothing",
    files: {
      'main.tofu': `variable "block_public_access" {
  default = false
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
  lifecycle {
    enabled = var.block_public_access
  }
}
`,
    },
    expected: ['s3-public-access-block@main.tofu:4', 's3-public-acl@main.tofu:6'],
  },
  {
    name: 'a public access block whose lifecycle { enabled } is unknown counts as one with an unknown count',
    files: {
      'main.tofu': `variable "block_public_access" {}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
  lifecycle {
    enabled = var.block_public_access
  }
}
`,
      'count.tf': `resource "aws_s3_bucket" "c" {
  bucket = "acme-releases-2"
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "c" {
  count                   = var.block_public_access ? 1 : 0
  bucket                  = aws_s3_bucket.c.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    },
    expected: ['s3-public-acl(low)@count.tf:3', 's3-public-acl(low)@main.tofu:4'],
  },
  {
    name: "a bucket OpenTofu's lifecycle { enabled = false } leaves out is not reported",
    files: {
      'main.tofu': `resource "aws_s3_bucket" "b" {
  bucket = "acme-downloads"
  acl    = "public-read"
  lifecycle {
    enabled = false
  }
}
`,
    },
    expected: [],
  },
  {
    name: 'a bucket an import block adopts by name is release-use by that name',
    files: {
      'main.tf': `import {
  to = aws_s3_bucket.downloads
  id = "acme-downloads"
}
resource "aws_s3_bucket" "downloads" {}
resource "aws_s3_bucket_acl" "downloads" {
  bucket = aws_s3_bucket.downloads.id
  acl    = "public-read"
}
`,
      'bulk.tf': `locals {
  buckets = { stable = "acme-cli-releases", nightly = "acme-cli-releases-nightly" }
}
import {
  for_each = local.buckets
  to       = aws_s3_bucket.this[each.key]
  id       = each.value
}
resource "aws_s3_bucket" "this" {
  for_each = local.buckets
}
`,
    },
    expected: [
      's3-public-access-block@bulk.tf:9',
      's3-public-access-block@bulk.tf:9',
      's3-public-access-block@main.tf:5',
      's3-public-acl@main.tf:8',
    ],
  },
  {
    name: 'a module called by a source built from a const variable is scanned with its inputs',
    files: {
      'main.tf': `variable "module_dir" {
  default = "bucket"
  const   = true
}
module "downloads" {
  source = "./modules/\${var.module_dir}"
  name   = "acme-releases"
  acl    = "public-read"
}
`,
      'modules/bucket/main.tf': `variable "name" {}
variable "acl" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = var.acl
}
`,
    },
    expected: [
      's3-public-access-block@modules/bucket/main.tf:3',
      's3-public-acl@modules/bucket/main.tf:8',
    ],
  },
  {
    name: 'buckets from a YAML catalog are each judged by what the catalog says of them',
    scope: 'all',
    files: {
      'buckets.yaml': `buckets:
  - name: acme-www
    acl: public-read
    block_public: no
  - name: acme-logs
    acl: private
    block_public: yes
`,
      'main.tf': `locals {
  buckets = { for b in yamldecode(file("buckets.yaml")).buckets : b.name => b }
}
resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = each.key
}
resource "aws_s3_bucket_acl" "b" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.b[each.key].id
  acl      = each.value.acl
}
resource "aws_s3_bucket_public_access_block" "b" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.b[each.key].id
  block_public_acls       = each.value.block_public
  block_public_policy     = each.value.block_public
  ignore_public_acls      = each.value.block_public
  restrict_public_buckets = each.value.block_public
}
`,
    },
    expected: ['s3-public-access-block@main.tf:16', 's3-public-acl@main.tf:11'],
  },
  {
    name: 'a policy on `downloads[0]` of a bucket whose count is unknown joins it, and no other bucket',
    scope: 'all',
    files: {
      'main.tf': `variable "env" {}
resource "aws_s3_bucket" "state" {
  bucket = "acme-tf-state"
}
${PAB_ON('aws_s3_bucket.state.id')}
resource "aws_s3_bucket" "downloads" {
  count  = var.env == "prod" ? 1 : 0
  bucket = "acme-downloads"
}
resource "aws_s3_bucket_policy" "downloads_public" {
  count  = var.env == "prod" ? 1 : 0
  bucket = aws_s3_bucket.downloads[0].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-downloads/*" }]
  })
}
`,
    },
    expected: ['s3-public-access-block@main.tf:13', 's3-public-policy@main.tf:20'],
  },
  {
    name: 'an IAM member on `downloads[0]` of a bucket whose count is unknown joins it, and no other bucket',
    scope: 'all',
    files: {
      'main.tf': `variable "env" {}
resource "google_storage_bucket" "state" {
  name                        = "acme-tf-state"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
resource "google_storage_bucket" "downloads" {
  count                       = var.env == "prod" ? 1 : 0
  name                        = "acme-downloads"
  location                    = "US"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_iam_member" "downloads_public" {
  count  = var.env == "prod" ? 1 : 0
  bucket = google_storage_bucket.downloads[0].name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:8', 'gcs-public-iam@main.tf:18'],
  },
  {
    name: 'an IAM member on one key of buckets whose for_each is unknown joins them',
    files: {
      'main.tf': `variable "platforms" {}
resource "google_storage_bucket" "releases" {
  for_each                    = var.platforms
  name                        = "acme-releases-\${each.key}"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
resource "google_storage_bucket_iam_member" "linux_public" {
  bucket = google_storage_bucket.releases["linux"].name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:7', 'gcs-public-iam@main.tf:12'],
  },
  {
    name: 'allUsers bound through storage_buckets_iam, not installed, on the bucket it names',
    files: {
      'main.tf': `variable "buckets" {}
resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
module "releases_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  version         = "~> 7.7"
  storage_buckets = [google_storage_bucket.releases.name]
  mode            = "authoritative"
  bindings = {
    "roles/storage.objectViewer" = ["allUsers"]
  }
}
module "unnamed_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  storage_buckets = var.buckets
  bindings = {
    "roles/storage.objectViewer" = ["allAuthenticatedUsers"]
  }
}
module "unnamed_group_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  storage_buckets = var.buckets
  bindings = {
    "roles/storage.objectViewer" = ["group:dev@acme.example"]
  }
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:6',
      'gcs-public-iam@main.tf:14',
      // The buckets unnamed_iam binds are not known: it could be this one. Those that
      // unnamed_group_iam binds are not either, but it binds no one outside.
      'bucket-not-provably-private@main.tf:19',
    ],
  },
  {
    name: 'allUsers merged into bindings known only in part, through storage_buckets_iam, is public',
    files: {
      'main.tf': `variable "extra" {}
resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
module "releases_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  version         = "~> 7.7"
  storage_buckets = [google_storage_bucket.releases.name]
  bindings = merge(var.extra, {
    "roles/storage.objectViewer" = ["allUsers"]
  })
}
`,
    },
    expected: ['gcs-public-iam(low)@main.tf:13'],
  },
  {
    name: 'allUsers merged into bucket_viewers known only in part, of cloud-storage, is public',
    files: {
      'main.tf': `variable "viewers" {}
module "assets" {
  source           = "terraform-google-modules/cloud-storage/google"
  version          = "~> 6.0"
  names            = ["acme-releases"]
  project_id       = "acme"
  location         = "US"
  set_viewer_roles = true
  bucket_viewers   = merge(var.viewers, { acme-releases = "allUsers" })
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:2', 'gcs-public-iam@main.tf:9'],
  },
  {
    name: 'an unknown policy leaves the bucket not provably private',
    files: {
      'main.tf': `variable "policy" {}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = var.policy
}
`,
    },
    expected: ['s3-public-access-block@main.tf:10', 's3-public-policy@main.tf:14'],
  },
  {
    name: 'a public policy and ACL whose bucket is not known leave out the buckets that refuse them',
    files: {
      'main.tf': `variable "bucket_name" {}
variable "block" {}
resource "aws_s3_bucket" "blocked" {
  bucket = "acme-tf-state"
}
${PAB_ON('aws_s3_bucket.blocked.id')}
resource "aws_s3_bucket" "open" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket" "unknown_block" {
  bucket = "acme-logs"
}
resource "aws_s3_bucket_public_access_block" "unknown_block" {
  bucket                  = aws_s3_bucket.unknown_block.id
  block_public_acls       = var.block
  block_public_policy     = var.block
  ignore_public_acls      = var.block
  restrict_public_buckets = var.block
}
resource "aws_s3_bucket" "enforced" {
  bucket = "acme-assets"
}
resource "aws_s3_bucket_ownership_controls" "enforced" {
  bucket = aws_s3_bucket.enforced.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket_policy" "public" {
  bucket = var.bucket_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
resource "aws_s3_bucket_acl" "public" {
  bucket = var.bucket_name
  acl    = "public-read"
}
`,
    },
    scope: 'all',
    expected: [
      // acme-tf-state blocks all four: neither could take effect on it. acme-releases blocks none.
      's3-public-access-block@main.tf:14',
      'bucket-not-provably-private@main.tf:44',
      // acme-logs's block is not known.
      's3-public-access-block@main.tf:22',
      'bucket-not-provably-private@main.tf:44',
      // acme-assets disables ACLs, but not public policies: only the policy is left.
      's3-public-access-block@main.tf:27',
      'bucket-not-provably-private@main.tf:37',
    ],
  },
  {
    name: 'S3 settings whose bucket is not known but that can only make it more private leave no doubt',
    files: {
      'main.tf': `data "aws_s3_bucket" "other" {
  bucket = "acme-elsewhere"
}
variable "bucket_name" {}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_POLICIES_OFF('aws_s3_bucket.b.id')}
resource "aws_s3_bucket_acl" "private" {
  bucket = data.aws_s3_bucket.other.id
  acl    = "private"
}
resource "aws_s3_bucket_acl" "owner" {
  bucket = var.bucket_name
  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}
resource "aws_s3_object" "private" {
  bucket = var.bucket_name
  key    = "a.tgz"
  acl    = "private"
}
resource "aws_s3_bucket_policy" "deny" {
  bucket = var.bucket_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
resource "aws_s3_bucket_public_access_block" "all_on" {
  bucket                  = var.bucket_name
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_ownership_controls" "enforced" {
  bucket = var.bucket_name
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket_website_configuration" "redirect" {
  bucket = var.bucket_name
  redirect_all_requests_to {
    host_name = "acme.dev"
  }
}
`,
    },
    expected: ['s3-public-access-block@main.tf:12'],
  },
  {
    name: 'GCS ACL entities not known before apply may be allUsers, unless what is known rules it out',
    files: {
      'main.tf': `variable "entity" {}
variable "email" {}
variable "bucket_name" {}
resource "google_storage_bucket" "b" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = false
  public_access_prevention    = "inherited"
}
resource "google_storage_bucket_access_control" "any" {
  bucket = google_storage_bucket.b.name
  role   = "READER"
  entity = var.entity
}
resource "google_storage_bucket_acl" "entries" {
  bucket      = google_storage_bucket.b.name
  role_entity = ["READER:\${var.entity}", "READER:user-\${var.email}"]
}
resource "google_storage_object_access_control" "user" {
  bucket = google_storage_bucket.b.name
  object = "a.tgz"
  role   = "READER"
  entity = "user-\${var.email}"
}
resource "google_storage_default_object_access_control" "unknown_bucket" {
  bucket = var.bucket_name
  role   = "READER"
  entity = var.entity
}
`,
    },
    expected: [
      'gcs-uniform-access@main.tf:7',
      'gcs-public-access-prevention@main.tf:8',
      'gcs-public-acl@main.tf:13',
      'gcs-public-acl@main.tf:17',
      'bucket-not-provably-private@main.tf:26',
    ],
  },
  {
    name: 'GCS and R2 settings whose bucket is not known but that open nothing leave no doubt',
    files: {
      'main.tf': `variable "bucket_name" {}
resource "google_storage_bucket" "b" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = false
  public_access_prevention    = "inherited"
}
resource "google_storage_bucket_iam_member" "ci" {
  bucket = var.bucket_name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}
resource "google_storage_bucket_acl" "private" {
  bucket         = var.bucket_name
  predefined_acl = "private"
}
resource "google_storage_bucket_object" "private" {
  bucket         = var.bucket_name
  name           = "a.tgz"
  source         = "a.tgz"
  predefined_acl = "projectPrivate"
}
resource "cloudflare_r2_bucket" "r" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-releases-r2"
}
resource "cloudflare_r2_managed_domain" "off" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = var.bucket_name
  enabled     = false
}
`,
    },
    expected: ['gcs-uniform-access@main.tf:5', 'gcs-public-access-prevention@main.tf:6'],
  },
  {
    name: 'a public IAM member or ACL whose bucket is not known leaves out the buckets that refuse it',
    files: {
      'main.tf': `variable "bucket_name" {}
variable "prevention" {}
resource "google_storage_bucket" "enforced" {
  name                        = "acme-tf-state"
  location                    = "US"
  uniform_bucket_level_access = false
  public_access_prevention    = "enforced"
}
resource "google_storage_bucket" "uniform" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
resource "google_storage_bucket" "unknown" {
  name                        = "acme-logs"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = var.prevention
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = var.bucket_name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
resource "google_storage_bucket_acl" "public" {
  bucket         = var.bucket_name
  predefined_acl = "publicRead"
}
`,
    },
    scope: 'all',
    expected: [
      'gcs-uniform-access(low)@main.tf:6',
      // Uniform access refuses the ACL, not the IAM member.
      'gcs-public-access-prevention@main.tf:13',
      'bucket-not-provably-private@main.tf:22',
      'bucket-not-provably-private@main.tf:22',
      'gcs-public-access-prevention@main.tf:19',
    ],
  },
  {
    name: 'allUsers on a bucket of simple_bucket, not installed, named by its name',
    files: {
      'main.tf': `module "releases" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  version    = "~> 6.0"
  name       = "acme-releases"
  project_id = "acme"
  location   = "US"
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = "acme-releases"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:1', 'gcs-public-iam@main.tf:11'],
  },
  {
    name: 'public iam_members of simple_bucket from a variable and a for_each',
    files: {
      'main.tf': `variable "readers" {
  type    = list(object({ role = string, member = string }))
  default = [{ role = "roles/storage.objectViewer", member = "allUsers" }]
}
module "releases" {
  source                   = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  name                     = "acme-releases"
  project_id               = "acme"
  location                 = "US"
  public_access_prevention = "enforced"
  iam_members              = var.readers
}
module "channels" {
  source                   = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  for_each                 = { stable = "allAuthenticatedUsers", beta = "group:dev@acme.com" }
  name                     = "acme-\${each.key}-releases"
  project_id               = "acme"
  location                 = "US"
  public_access_prevention = "enforced"
  iam_members              = [for m in [each.value] : { role = "roles/storage.objectViewer", member = m }]
}
`,
    },
    // Enforced prevention refuses the public members: the findings are low.
    expected: ['gcs-public-iam(low)@main.tf:11', 'gcs-public-iam(low)@main.tf:20'],
  },
  {
    name: 'a public policy on a bucket of s3-bucket, not installed, named by its name',
    files: {
      'main.tf': `module "releases" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "~> 4.0"
  bucket                  = "acme-releases"
  block_public_policy     = false
  restrict_public_buckets = false
}
module "blocked_releases" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "acme-blocked-releases"
}
resource "aws_s3_bucket_policy" "public" {
  for_each = toset(["acme-releases", "acme-blocked-releases"])
  bucket   = each.key
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:5',
      's3-public-policy@main.tf:16',
      // The module's own block restricts public policies.
      's3-public-policy(low)@main.tf:16',
    ],
  },
  {
    name: 'a public ACL on a bucket of s3-bucket, not installed, through its s3_bucket_id output',
    files: {
      'main.tf': `module "releases" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "~> 4.0"
  bucket                  = "acme-releases"
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}
module "blocked_releases" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "acme-blocked-releases"
}
resource "aws_s3_bucket_acl" "releases" {
  bucket = module.releases.s3_bucket_id
  acl    = "public-read"
}
resource "aws_s3_bucket_acl" "blocked_releases" {
  bucket = module.blocked_releases.s3_bucket_id
  acl    = "public-read"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:5',
      's3-public-acl@main.tf:17',
      // The module's own block ignores public ACLs.
      's3-public-acl(low)@main.tf:21',
    ],
  },
  {
    name: 'grants of s3-bucket, not installed, to unknown canonical users, and to an unknown uri the bucket ignores',
    files: {
      'main.tf': `data "aws_canonical_user_id" "current" {}
variable "grantee_uri" {}
module "logs" {
  source                   = "terraform-aws-modules/s3-bucket/aws"
  version                  = "~> 4.0"
  bucket                   = "acme-releases-logs"
  ignore_public_acls       = false
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
  grant = [{
    type       = "CanonicalUser"
    permission = "FULL_CONTROL"
    id         = data.aws_canonical_user_id.current.id
  }]
}
module "ignored" {
  source                   = "terraform-aws-modules/s3-bucket/aws"
  version                  = "~> 4.0"
  bucket                   = "acme-releases-ignored"
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
  grant = [{ type = "Group", permission = "READ", uri = var.grantee_uri }]
}
module "open" {
  source                   = "terraform-aws-modules/s3-bucket/aws"
  version                  = "~> 4.0"
  bucket                   = "acme-releases-open"
  ignore_public_acls       = false
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
  grant = [{ type = "Group", permission = "READ", uri = var.grantee_uri }]
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:7',
      's3-acls-enabled@main.tf:9',
      's3-acls-enabled(low)@main.tf:21',
      's3-public-access-block@main.tf:28',
      's3-acls-enabled@main.tf:30',
      'bucket-not-provably-private@main.tf:31',
    ],
  },
  {
    name: 'settings on buckets of s3-bucket, not installed, through the this_ outputs of v1, pinned or not',
    files: {
      'main.tf': `module "releases" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "1.17.0"
  bucket  = "acme-releases"
}
module "unpinned" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "acme-unpinned-releases"
}
resource "aws_s3_bucket_public_access_block" "releases" {
  bucket                  = module.releases.this_s3_bucket_id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = module.releases.this_s3_bucket_id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "\${module.releases.this_s3_bucket_arn}/*" }]
  })
}
resource "aws_s3_bucket_acl" "unpinned" {
  bucket = module.unpinned.this_s3_bucket_id
  acl    = "public-read"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:1',
      's3-public-policy@main.tf:19',
      // Unpinned, the module's defaults are the current release's, which ignore public ACLs.
      's3-public-acl(low)@main.tf:26',
    ],
  },
  {
    name: 'a public-read upload through the object submodule of s3-bucket, not installed',
    files: {
      'main.tf': `module "releases" {
  source                   = "terraform-aws-modules/s3-bucket/aws"
  version                  = "~> 4.0"
  bucket                   = "acme-releases"
  block_public_acls        = false
  ignore_public_acls       = false
  control_object_ownership = true
  object_ownership         = "BucketOwnerPreferred"
}
module "cli_tarball" {
  source      = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version     = "~> 4.0"
  bucket      = module.releases.s3_bucket_id
  key         = "cli/v1.0.0/cli.tgz"
  file_source = "dist/cli.tgz"
  acl         = "public-read"
}
module "private_tarball" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/object"
  version = "~> 4.0"
  bucket  = module.releases.s3_bucket_id
  key     = "cli/v1.0.0/cli.zip"
  acl     = "private"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:5',
      's3-acls-enabled@main.tf:8',
      's3-public-acl@main.tf:16',
    ],
  },
  {
    name: 'a public policy on one instance of an s3-bucket call, through its outputs, whatever its name',
    files: {
      'main.tf': `variable "suffix" {}
module "releases" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "~> 4.0"
  for_each                = toset(["nightly", "stable"])
  bucket                  = "acme-\${each.key}-releases-\${var.suffix}"
  block_public_policy     = false
  restrict_public_buckets = false
}
resource "aws_s3_bucket_policy" "nightly" {
  bucket = module.releases["nightly"].s3_bucket_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "\${module.releases["nightly"].s3_bucket_arn}/*"
    }]
  })
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:7',
      's3-public-access-block@main.tf:7',
      's3-public-policy@main.tf:12',
    ],
  },
  {
    name: 'a public ACL on every instance of an s3-bucket call, through for_each over the call',
    files: {
      'main.tf': `module "releases" {
  source             = "terraform-aws-modules/s3-bucket/aws"
  version            = "~> 4.0"
  for_each           = toset(["acme-nightly-releases", "acme-stable-releases"])
  bucket             = each.key
  block_public_acls  = false
  ignore_public_acls = false
}
resource "aws_s3_bucket_acl" "public" {
  for_each = module.releases
  bucket   = each.value.s3_bucket_id
  acl      = "public-read"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:6',
      's3-public-access-block@main.tf:6',
      's3-public-acl@main.tf:12',
      's3-public-acl@main.tf:12',
    ],
  },
  {
    name: 'a public policy on `releases[0]` of an s3-bucket call whose count is unknown joins its bucket',
    files: {
      'main.tf': `variable "env" {}
module "releases" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "~> 4.0"
  count                   = var.env == "prod" ? 1 : 0
  bucket                  = "acme-releases"
  block_public_policy     = false
  restrict_public_buckets = false
}
resource "aws_s3_bucket_policy" "public" {
  bucket = module.releases[0].s3_bucket_id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-releases/*" }]
  })
}
`,
    },
    expected: ['s3-public-access-block@main.tf:7', 's3-public-policy@main.tf:12'],
  },
  {
    name: 'allUsers on one key of a cloud-storage call whose for_each is unknown joins its bucket',
    files: {
      'main.tf': `variable "envs" {}
module "assets" {
  source     = "terraform-google-modules/cloud-storage/google"
  version    = "~> 6.0"
  for_each   = var.envs
  names      = ["acme-releases"]
  project_id = "acme"
  location   = "US"
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = module.assets["prod"].names_list[0]
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:2', 'gcs-public-iam@main.tf:13'],
  },
  {
    name: 'allUsers on a bucket of simple_bucket, not installed, through its name and bucket outputs',
    files: {
      'main.tf': `module "releases" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  version    = "~> 6.0"
  name       = "acme-releases"
  project_id = "acme"
  location   = "US"
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = module.releases.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
resource "google_storage_bucket_iam_member" "authenticated" {
  bucket = module.releases.bucket.name
  role   = "roles/storage.objectViewer"
  member = "allAuthenticatedUsers"
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:1',
      'gcs-public-iam@main.tf:11',
      'gcs-public-iam@main.tf:16',
    ],
  },
  {
    name: 'allUsers on one bucket of cloud-storage, not installed, through its names output',
    files: {
      'main.tf': `module "assets" {
  source     = "terraform-google-modules/cloud-storage/google"
  version    = "~> 6.0"
  names      = ["acme-releases", "acme-nightly-releases"]
  project_id = "acme"
  location   = "US"
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = module.assets.names["acme-releases"]
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
resource "google_storage_bucket_iam_member" "nightly" {
  bucket = module.assets.names_list[1]
  role   = "roles/storage.objectViewer"
  member = "allAuthenticatedUsers"
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:1',
      'gcs-public-access-prevention@main.tf:1',
      'gcs-public-iam@main.tf:11',
      'gcs-public-iam@main.tf:16',
    ],
  },
  {
    name: 'allUsers on a name repeated in cloud-storage names, through names_list at a later position',
    files: {
      'main.tf': `module "assets" {
  source     = "terraform-google-modules/cloud-storage/google"
  version    = "~> 6.0"
  names      = ["acme-releases", "acme-logs", "acme-releases"]
  project_id = "acme"
  location   = "US"
  public_access_prevention = "enforced"
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = module.assets.names_list[2]
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`,
    },
    expected: ['gcs-public-iam(low)@main.tf:12'],
  },
  {
    name: 'cloud-storage buckets, not installed, release-use by the known parts of their names',
    files: {
      'main.tf': `variable "env" {}
module "artifacts" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  version    = "~> 6.0"
  name       = "\${var.env}-artifacts"
  project_id = "acme"
  location   = "EU"
}
module "gcs" {
  source           = "terraform-google-modules/cloud-storage/google"
  version          = "~> 6.0"
  project_id       = "acme"
  prefix           = "acme"
  location         = var.env
  names            = ["releases"]
  set_viewer_roles = true
  viewers          = ["allUsers"]
}
module "random" {
  source           = "terraform-google-modules/cloud-storage/google"
  version          = "~> 6.0"
  project_id       = "acme"
  names            = ["releases"]
  randomize_suffix = true
}
`,
    },
    expected: [
      'gcs-public-access-prevention@main.tf:2',
      'gcs-public-access-prevention@main.tf:9',
      'gcs-public-iam@main.tf:17',
      'gcs-public-access-prevention@main.tf:19',
    ],
  },
  {
    name: 'allUsers bound through storage_buckets_iam on the bucket a simple_bucket output names',
    files: {
      'main.tf': `module "releases" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  name       = "acme-releases"
  project_id = "acme"
  location   = "US"
}
module "releases_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  storage_buckets = [module.releases.name]
  mode            = "additive"
  bindings = {
    "roles/storage.objectViewer" = ["allUsers"]
  }
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:1', 'gcs-public-iam@main.tf:12'],
  },
  {
    name: 'the for_each instances of one public ACL on one bucket are one finding; on several, one each',
    files: {
      'main.tf': `resource "aws_s3_bucket" "one" {
  bucket = "acme-releases"
}
resource "aws_s3_object" "cli" {
  for_each = toset(["cli.tgz", "cli.zip", "cli.sha256"])
  bucket   = aws_s3_bucket.one.id
  key      = each.key
  acl      = "public-read"
}
resource "aws_s3_bucket" "many" {
  for_each = toset(["a", "b"])
  bucket   = "acme-\${each.key}-releases"
}
resource "aws_s3_bucket_acl" "many" {
  for_each = toset(["a", "b"])
  bucket   = aws_s3_bucket.many[each.key].id
  acl      = "public-read-write"
}
`,
    },
    expected: [
      's3-public-access-block@main.tf:1',
      's3-public-acl@main.tf:8',
      's3-public-access-block@main.tf:10',
      's3-public-access-block@main.tf:10',
      's3-public-acl@main.tf:17',
      's3-public-acl@main.tf:17',
    ],
  },
  {
    name: 'a for_each over public members of one IAM block is one finding',
    files: {
      'main.tf': `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  public_access_prevention    = "inherited"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_iam_member" "public" {
  for_each = toset(["allUsers", "allAuthenticatedUsers"])
  bucket   = google_storage_bucket.releases.name
  role     = "roles/storage.objectViewer"
  member   = each.key
}
`,
    },
    expected: ['gcs-public-access-prevention@main.tf:4', 'gcs-public-iam@main.tf:11'],
  },
  {
    name: 'buckets a for_each over a variable with no value makes may be release-use',
    files: UNEXPANDED('variable "buckets" {\n  type = map(string)\n}'),
    expected: ['s3-public-access-block@bucket/main.tf:2', 's3-public-acl@bucket/main.tf:4'],
  },
  {
    name: 'a for_each over a variable that defaults to no buckets makes none',
    files: UNEXPANDED('variable "buckets" {\n  type    = map(string)\n  default = {}\n}'),
    expected: [],
  },
  {
    name: 'buckets a for_each over a variable with no value makes are judged as one: all private',
    files: {
      'main.tf': `variable "names" {
  type = set(string)
}
resource "aws_s3_bucket" "b" {
  for_each = var.names
  bucket   = "acme-\${each.key}"
}
resource "aws_s3_bucket_public_access_block" "b" {
  for_each                = var.names
  bucket                  = aws_s3_bucket.b[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    },
    expected: [],
  },
  {
    name: 'a count over a variable with no value leaves a bucket of known name what its name says',
    files: {
      'main.tf': `variable "create" {
  type = bool
}
resource "aws_s3_bucket" "b" {
  count  = var.create ? 1 : 0
  bucket = "acme-www"
  acl    = "public-read"
}
`,
    },
    expected: [],
  },
  {
    name: 'buckets a for_each over a data source makes are not known without a plan: a note',
    files: UNEXPANDED(
      'data "aws_s3_objects" "buckets" {\n  bucket = "acme-catalogue"\n}',
      'toset(data.aws_s3_objects.buckets.keys)',
    ),
    expected: [],
  },
];

describe('bucket rules end to end from Terraform', () => {
  it.each(CASES)('$name', async ({ files, expected, scope }) => {
    const report = await scanFiles(files, { policy: scope ? { scope } : {} });
    expect(summarize(report)).toEqual([...expected].sort());
  });

  it('names the other instances of a block whose for_each opens one bucket at one place', async () => {
    const report = await scanFiles({
      'main.tf': `resource "aws_s3_bucket" "one" {
  bucket = "acme-releases"
}
resource "aws_s3_object" "cli" {
  for_each = toset(["cli.tgz", "cli.zip"])
  bucket   = aws_s3_bucket.one.id
  key      = each.key
  acl      = "public-read"
}
`,
    });
    const acl = report.result.findings.filter((f) => f.ruleId === 's3-public-acl');
    expect(acl.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'aws_s3_object.cli["cli.tgz"] uploads an object with the canned ACL "public-read": anyone can read the object; aws_s3_object.cli["cli.zip"] does the same.',
      ),
    ]);
  });

  it("notes a registry module's bucket named after the call's own output, a cycle Terraform rejects", async () => {
    const report = await scanFiles({
      'main.tf': `module "releases" {
  source            = "terraform-aws-modules/s3-bucket/aws"
  version           = "~> 4.0"
  bucket            = "\${module.releases.s3_bucket_id}-releases"
  block_public_acls = false
}
`,
    });
    const cycles = report.result.diagnostics.filter((d) => d.code === 'eval-cycle');
    expect(cycles.map((d) => [d.severity, d.range.start.line])).toEqual([['warning', 4]]);
  });

  it('lists only the resources of unknown bucket that the bucket does not refuse', async () => {
    const report = await scanFiles({
      'main.tf': `variable "bucket_name" {}
resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = var.bucket_name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
resource "google_storage_bucket_acl" "public" {
  bucket         = var.bucket_name
  predefined_acl = "publicRead"
}
`,
    });
    const finding = report.result.findings.find((f) => f.ruleId === 'bucket-not-provably-private');
    expect(finding?.message).toContain(
      '1 fact that decides its exposure could not be resolved. google_storage_bucket_iam_member.public configures',
    );
    expect(finding?.message).not.toContain('google_storage_bucket_acl.public');
  });

  it('lists the settings of unknown bucket that could open it or loosen its controls', async () => {
    const report = await scanFiles({
      'main.tf': `variable "bucket_name" {}
variable "grantee" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_acl" "private" {
  bucket = var.bucket_name
  acl    = "private"
}
resource "aws_s3_bucket_acl" "grant" {
  bucket = var.bucket_name
  access_control_policy {
    grant {
      grantee {
        uri  = var.grantee
        type = "Group"
      }
      permission = "READ"
    }
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}
resource "aws_s3_object" "public" {
  bucket = var.bucket_name
  key    = "a.tgz"
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "loose" {
  bucket                  = var.bucket_name
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}
resource "aws_s3_bucket_ownership_controls" "writer" {
  bucket = var.bucket_name
  rule {
    object_ownership = "ObjectWriter"
  }
}
`,
    });
    const finding = report.result.findings.find((f) => f.ruleId === 'bucket-not-provably-private');
    expect(finding?.message).toContain('4 facts that decide its exposure could not be resolved');
    for (const address of [
      'aws_s3_bucket_acl.grant',
      'aws_s3_object.public',
      'aws_s3_bucket_public_access_block.loose',
      'aws_s3_bucket_ownership_controls.writer',
    ]) {
      expect(finding?.message).toContain(`${address} configures`);
    }
    expect(finding?.message).not.toContain('aws_s3_bucket_acl.private');
  });

  it('judges a jsonencode policy with an unknown ARN public (critical), an unknown Effect undecided (medium)', async () => {
    const severity = async (statement: string) => {
      const report = await scanFiles({ 'main.tf': POLICY(statement) });
      return report.result.findings.find((f) => f.ruleId === 's3-public-policy')?.severity;
    };
    const allow = 'Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*"';
    expect(await severity(`{ Effect = "Allow", ${allow} }`)).toBe('critical');
    expect(await severity(`{ Effect = aws_s3_bucket.b.id, ${allow} }`)).toBe('medium');
  });

  it('judges a sensitive canned ACL or flag as its value, and never shows any other sensitive value', async () => {
    const judged = async (acl: string, flag: string) => {
      const report = await scanFiles({
        'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
${PAB_ON('aws_s3_bucket.b.id').replace(/(block_public_acls|ignore_public_acls) += true/g, `$1 = ${flag}`)}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = ${acl}
}
`,
      });
      return {
        findings: report.result.findings.map((f) => `${f.ruleId}:${f.severity}`).sort(),
        text: JSON.stringify(report.result),
      };
    };
    const literal = await judged('"public-read"', 'false');
    expect(literal.findings).toContain('s3-public-acl:high');
    expect((await judged('sensitive("public-read")', 'sensitive(false)')).findings).toEqual(
      literal.findings,
    );
    expect((await judged('sensitive(" Public-Read ")', 'false')).findings).toEqual(
      (await judged('" Public-Read "', 'false')).findings,
    );
    // Not a canned ACL: it may be a secret, so it stays unknown (medium) and out of the report.
    const other = await judged('sensitive("hunter2-s3cr3t")', 'false');
    expect(other.findings).toContain('s3-public-acl:medium');
    expect(other.text).not.toContain('hunter2');
  });

  it('says what a NotAction statement grants, written as JSON or as a policy document', async () => {
    const messages = async (main: string) => {
      const report = await scanFiles({ 'main.tf': main });
      return report.result.findings
        .filter((f) => f.ruleId === 's3-public-policy')
        .map((f) => f.message);
    };
    const json = await messages(
      POLICY(
        '{ Effect = "Allow", Principal = "*", NotAction = "s3:DeleteObject", Resource = "*" }',
      ),
    );
    expect(json).toEqual([expect.stringMatching(/grants every action but s3:DeleteObject to/)]);
    const document = await messages(`resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
data "aws_iam_policy_document" "p" {
  statement {
    not_actions = ["s3:DeleteObject", "s3:PutObject"]
    resources   = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
}
`);
    expect(document).toEqual([
      expect.stringMatching(/grants every action but s3:DeleteObject, s3:PutObject to/),
    ]);
  });

  it('a Deny to everyone outside a VPC endpoint guards the Allow when it covers the same ARNs', async () => {
    const severities = async (denyResource: string) => {
      const allow = `{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.b.arn}/*" }`;
      const deny = `{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ${denyResource},
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0abc" } } }`;
      const report = await scanFiles({ 'main.tf': POLICY(`${allow}, ${deny}`) });
      return report.result.findings
        .filter((f) => f.ruleId === 's3-public-policy')
        .map((f) => f.severity);
    };
    expect(await severities('[aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]')).toEqual([]);
    expect(await severities('aws_s3_bucket.b.arn')).toEqual(['critical']);
  });

  it('reads a heredoc policy around its unknown interpolations', async () => {
    const heredoc = (statement: string) => `variable "who" {}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<JSON
{"Statement": [${statement}]}
JSON
}
`;
    const verdicts = async (statement: string) => {
      const report = await scanFiles({ 'main.tf': heredoc(statement) });
      return report.result.findings
        .filter((f) => f.ruleId === 's3-public-policy')
        .map((f) => f.severity);
    };
    const resource = '"Resource": "${aws_s3_bucket.b.arn}/*"';
    expect(await verdicts(`{"Effect": "Allow", "Principal": "*", ${resource}}`)).toEqual([
      'critical',
    ]);
    // A principal from a variable with no value could be anyone; one computed from a resource is it.
    expect(
      await verdicts(`{"Effect": "Allow", "Principal": {"AWS": "\${var.who}"}, ${resource}}`),
    ).toEqual(['medium']);
    expect(
      await verdicts(
        `{"Effect": "Allow", "Principal": {"AWS": "\${aws_s3_bucket.b.id}"}, ${resource}}`,
      ),
    ).toEqual([]);
    expect(await verdicts(`{"Effect": "Deny", "Principal": "*", ${resource}}`)).toEqual([]);
    // An unknown outside a string, or in a key: nothing can be read.
    expect(
      await verdicts(`{"Effect": "Allow", "Principal": \${jsonencode(aws_s3_bucket.b.id)}}`),
    ).toEqual(['medium']);
    expect(
      await verdicts(
        `{"Effect": "Allow", "Principal": "*", "Condition": {"StringEquals": {"\${aws_s3_bucket.b.id}": "x"}}}`,
      ),
    ).toEqual(['medium']);
  });

  it('reads a templatefile policy around the unknown values it is given', async () => {
    const report = await scanFiles({
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = templatefile("\${path.module}/policy.json.tpl", { arn = aws_s3_bucket.b.arn })
}
`,
      'policy.json.tpl':
        '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "${arn}/*"}]}\n',
    });
    const policy = report.result.findings.find((f) => f.ruleId === 's3-public-policy');
    expect(policy?.severity).toBe('critical');
  });

  it('reads the documents a policy document includes, replacing statements by sid', async () => {
    const policy = (combined: string) => `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
data "aws_iam_policy_document" "public" {
  statement {
    sid       = "Downloads"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "combined" {
${combined}
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.combined.json
}
`;
    const policyFindings = async (combined: string) => {
      const report = await scanFiles({ 'main.tf': policy(combined) });
      return report.result.findings
        .filter((f) => f.ruleId === 's3-public-policy')
        .map((f) => `${f.severity}@${f.location.start.line}`);
    };
    const ownStatement = (sid: string) => `  statement {
    sid       = "${sid}"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }`;
    const source = '  source_policy_documents = [data.aws_iam_policy_document.public.json]';
    // The source's public statement is found at its principals block.
    expect(await policyFindings(`${source}\n${ownStatement('Ops')}`)).toEqual(['critical@9']);
    // A statement of the document itself with the same sid replaces it.
    expect(await policyFindings(`${source}\n${ownStatement('Downloads')}`)).toEqual([]);
    // So does an override document's.
    expect(
      await policyFindings(
        `  override_policy_documents = [data.aws_iam_policy_document.public.json]\n${ownStatement('Other')}`,
      ),
    ).toEqual(['critical@9']);
    // A source given as JSON text is parsed.
    expect(
      await policyFindings(
        '  source_policy_documents = [jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject" }] })]',
      ),
    ).toEqual(['critical@16']);
  });

  it('names the managed folder a grant applies to, not the whole bucket', async () => {
    const folders = CASES.find((c) => c.name.startsWith('GCS managed folder IAM'));
    const report = await scanFiles(folders?.files ?? {});
    const titles = report.result.findings
      .filter((f) => f.ruleId === 'gcs-public-iam')
      .map((f) => f.message.slice(0, f.message.indexOf('. ')));
    expect(titles).toEqual([
      'Release bucket "acme-releases" (google_storage_bucket.b) is public through IAM under managed folder "latest/"',
      'Release bucket "acme-releases" (google_storage_bucket.b) is public through IAM under managed folder "nightly/"',
    ]);
  });

  it('says why the bucket is release-use and points at the evidence', async () => {
    const report = await scanFiles({
      'main.tf':
        'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n  tags = { release = "true" }\n}\n',
    });
    const [finding] = report.result.findings;
    expect(finding?.message).toContain('tag release = "true"');
    expect(finding?.message).toContain('name matches *release*');
    expect(finding?.related.map((r) => r.label)).toContain('release evidence');
  });

  it.each([
    ['bucket = "acme-dist"', 'name matches *-dist'],
    ['bucket = "acme-dist-prod"', 'name matches *-dist-*'],
    ['bucket = "acme-dist-us-east-1"', 'name matches *-dist-*'],
    [
      'bucket = "acme-dist-${var.env}"',
      'its name, "acme-dist-*" until apply, matches *-dist-* whatever it becomes',
    ],
    ['bucket = "acme-distribution"', undefined],
    ['bucket = "acme-tf-state"', undefined],
  ])('by the default name globs, %s is release-use: %s', async (written, evidence) => {
    const report = await scanFiles({
      'main.tf': `variable "env" {}\nresource "aws_s3_bucket" "b" {\n  ${written}\n}\n`,
    });
    const [finding] = report.result.findings;
    expect(finding?.message.match(/It is release-use: (.*?)\.?$/)?.[1]).toBe(evidence);
  });

  it.each([
    ['bucket_prefix = "acme-releases-"', 'acme-releases-*', '*release*', true],
    ['bucket_prefix = "releases"', 'releases*', '*release*', true],
    ['bucket_prefix = "acme-"', 'acme-*', 'acme-*', true],
    ['bucket_prefix = "acme"', 'acme*', 'acme-*', false],
    ['bucket_prefix = "acme-cli-"', 'acme-cli-*', '*-dist', false],
    ['bucket_prefix = "acme-cli-"', 'acme-cli-*', '*release*', false],
    ['bucket = "acme-${var.env}-releases"', 'acme-*-releases', '*release*', true],
    ['bucket = "acme-${var.env}-dist"', 'acme-*-dist', '*-dist', true],
    ['bucket = "acme-${var.env}"', 'acme-*', '*-dist', false],
    ['bucket = "${var.env}-rel"', '*-rel', '*release*', false],
    ['bucket = "acme-${var.env}-releases"', 'acme-*-releases', 'acme-?-releases', false],
  ])('%s is release-use by the glob %j: %s', async (written, shape, glob, release) => {
    const report = await scanFiles(
      {
        'main.tf': `variable "env" {}\nresource "aws_s3_bucket" "b" {\n  ${written}\n}\n`,
        'posture.config.yaml': `release:\n  names: ["${glob}"]\n`,
      },
      { policyFile: 'posture.config.yaml' },
    );
    const [finding] = report.result.findings;
    expect(finding !== undefined).toBe(release);
    if (release) {
      expect(finding?.message).toContain(
        `its name, "${shape}" until apply, matches ${glob} whatever it becomes`,
      );
      expect(finding?.related.find((r) => r.label === 'release evidence')?.range.start.line).toBe(
        3,
      );
    }
  });

  // Terraform knows the keys by plan; Posture scans one instance for each key, known or not, whose
  // each.key keeps its known text. Some may turn out the same key: there may be fewer, never more.
  const byName = (shape: string, glob: string) =>
    `its name, "${shape}" until apply, matches ${glob} whatever it becomes`;
  it.each([
    [
      'for_each = toset(["acme-releases-${local.n}"])',
      'each.key',
      [['aws_s3_bucket.b["acme-releases-*"]', byName('acme-releases-*', '*release*')]],
    ],
    [
      'for_each = toset(["acme-releases-${local.n}", "acme-artifacts-${local.n}"])',
      'each.key',
      [
        ['aws_s3_bucket.b["acme-artifacts-*"]', byName('acme-artifacts-*', '*artifacts*')],
        ['aws_s3_bucket.b["acme-releases-*"]', byName('acme-releases-*', '*release*')],
      ],
    ],
    [
      'for_each = { for n in ["acme-releases-${local.n}"] : n => n }',
      'each.value',
      [['aws_s3_bucket.b["acme-releases-*"]', byName('acme-releases-*', '*release*')]],
    ],
    [
      'for_each = ["acme-${local.n}-releases", "acme-dist"]',
      'each.value',
      [
        ['aws_s3_bucket.b["acme-*-releases"]', byName('acme-*-releases', '*release*')],
        ['aws_s3_bucket.b["acme-dist"]', 'name matches *-dist'],
      ],
    ],
    ['for_each = toset(["acme-${local.n}", "acme-${local.n}-cache"])', 'each.key', []],
    [
      'count = length(toset(["acme-releases-${local.n}"]))',
      'one(toset(["acme-releases-${local.n}"]))',
      [['aws_s3_bucket.b[0]', byName('acme-releases-*', '*release*')]],
    ],
  ])('a bucket named by %s and %s is release-use: %j', async (meta, name, expected) => {
    // A double does not hold the number: the names are partly known, as a data source would make them.
    const report = await scanFiles({
      'main.tf': `locals { n = 9007199254740992 + 1 }
resource "aws_s3_bucket" "b" {
  ${meta}
  bucket = ${name}
}
`,
    });
    const release = report.result.findings.map((f) => [
      /\((aws_s3_bucket[^)]*)\)/.exec(f.message)?.[1],
      /It is release-use: (.*)\.$/.exec(f.message)?.[1],
    ]);
    expect(release.sort()).toEqual(expected);
  });

  it('a public ACL over a for_each of names known in part is found on each release bucket', async () => {
    const report = await scanFiles({
      'main.tf': `resource "random_id" "x" {
  byte_length = 4
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["acme-releases-\${random_id.x.hex}", "acme-artifacts-\${random_id.x.hex}"])
  bucket   = each.key
}
resource "aws_s3_bucket_acl" "b" {
  for_each = aws_s3_bucket.b
  bucket   = each.value.id
  acl      = "public-read"
}
`,
    });
    const acl = report.result.findings.filter((f) => f.ruleId === 's3-public-acl');
    expect(acl.map((f) => [f.severity, /^Release bucket "([^"]*)"/.exec(f.message)?.[1]])).toEqual([
      ['high', 'acme-artifacts-*'],
      ['high', 'acme-releases-*'],
    ]);
  });

  it('a set(string) variable given names known in part makes a release-use bucket of each', async () => {
    const report = await scanFiles({
      'main.tf': `module "m" {
  source = "./child"
  names  = ["acme-releases-\${random_id.x.hex}", "acme-cache-\${random_id.x.hex}"]
}
`,
      'child/main.tf': `variable "names" { type = set(string) }
resource "aws_s3_bucket" "b" {
  for_each = var.names
  bucket   = each.key
}
`,
    });
    expect(summarize(report)).toEqual(['s3-public-access-block@child/main.tf:2']);
    expect(report.result.findings[0]?.message).toContain(
      `(module.m.aws_s3_bucket.b["acme-releases-*"])`,
    );
  });

  it('a release tag merged over tags from a variable with no value still counts', async () => {
    const report = await scanFiles({
      'main.tf': `variable "common_tags" {
  type = map(string)
}
resource "aws_s3_bucket" "r" {
  bucket = "acme-web-assets"
  tags   = merge(var.common_tags, { purpose = "release" })
}
`,
    });
    const [finding] = report.result.findings;
    expect(finding?.message).toContain('tag purpose = "release"');
    expect(finding?.related.find((r) => r.label === 'release evidence')?.range.start.line).toBe(6);
  });

  it('says why buckets a for_each over a variable with no value makes may be release-use', async () => {
    const report = await scanFiles(UNEXPANDED('variable "buckets" {}'));
    const acl = report.result.findings.find((f) => f.ruleId === 's3-public-acl');
    expect(acl?.message).toMatch(
      /^Bucket "acme-\*" \(module\.bucket\[\*\]\.aws_s3_bucket\.b\) is public through its ACL\..* It may be release-use: the for_each of module\.bucket is not known \(variable buckets has no value\), so neither are the buckets it makes nor their names, and Terraform would not plan it\. Pass the variables with --var-file or --var, or scan a plan\.$/,
    );
    expect(acl?.related.find((r) => r.label === 'instances not known')?.range).toMatchObject({
      file: 'main.tf',
      start: { line: 4 },
    });
    // With the variable's value, the buckets are known, and judged by what their names say.
    const given = await scanFiles(UNEXPANDED('variable "buckets" {}'), {
      vars: { buckets: { releases: 'x', www: 'y' } },
    });
    expect(given.result.findings.map((f) => f.address)).toEqual([
      'module.bucket["releases"].aws_s3_bucket.b',
      'module.bucket["releases"].aws_s3_bucket.b',
    ]);
  });

  it('a public bucket named through a variable with no value is still release-use by name', async () => {
    const report = await scanFiles({
      'main.tf': `variable "env" {}
resource "aws_s3_bucket" "r" {
  bucket = "acme-\${var.env}-releases"
}
resource "aws_s3_bucket_acl" "r" {
  bucket = aws_s3_bucket.r.id
  acl    = "public-read"
}
`,
    });
    expect(summarize(report)).toEqual([
      's3-public-access-block@main.tf:2',
      's3-public-acl@main.tf:7',
    ]);
  });
});
