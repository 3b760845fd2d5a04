import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A `dynamic` block over a collection not known before apply made no block, and what reads the
 * blocks read none: a policy document with no statement, an ACL with no grant. They are unknown,
 * as a plan has them, and what they may open is not provably closed. The finding is at the
 * `dynamic` block: it was at the resource or block it is in, or at the `policy =` line.
 */
const BUCKET = `variable "items" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
`;

const document = (body: string) => `data "aws_iam_policy_document" "releases" {
  ${body}
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = data.aws_iam_policy_document.releases.json
}
`;

const statement = (principals: string) => `statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.releases.arn}/*"]
    ${principals}
  }`;

const ACCOUNT = `principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }`;

const dynamicStatements = (forEach: string) => `dynamic "statement" {
    for_each = ${forEach}
    content {
      actions   = ["s3:GetObject"]
      resources = ["\${aws_s3_bucket.releases.arn}/*"]
      principals {
        type        = statement.value
        identifiers = ["*"]
      }
    }
  }`;

const DYNAMIC_PRINCIPALS = `dynamic "principals" {
      for_each = var.items
      content {
        type        = principals.value.type
        identifiers = principals.value.identifiers
      }
    }`;

const bucketAcl = (grants: string) => `resource "aws_s3_bucket_acl" "releases" {
  bucket = aws_s3_bucket.releases.id
  access_control_policy {
    ${grants}
    owner {
      id = "abc123"
    }
  }
}
`;

const dynamicGrants = (forEach: string) => `dynamic "grant" {
      for_each = ${forEach}
      content {
        grantee {
          type = "Group"
          uri  = grant.value
        }
        permission = "READ"
      }
    }`;

const DYNAMIC_GRANTEE = `grant {
      dynamic "grantee" {
        for_each = var.items
        content {
          type = "Group"
          uri  = grantee.value
        }
      }
      permission = "READ"
    }`;

describe('blocks a dynamic block over a collection not known before apply makes', () => {
  it.each([
    [
      'statements of a policy document',
      document(dynamicStatements('var.items')),
      ['s3-public-policy@main.tf:6'],
    ],
    [
      'statements of a policy document beside one written for an account',
      document(`${statement(ACCOUNT)}\n  ${dynamicStatements('var.items')}`),
      ['s3-public-policy@main.tf:14'],
    ],
    [
      'none: statements over a known collection, for an account',
      document(dynamicStatements('["AWS"]').replace('["*"]', '["111122223333"]')),
      [],
    ],
    [
      'principals of a statement',
      document(statement(DYNAMIC_PRINCIPALS)),
      ['s3-public-policy@main.tf:9'],
    ],
    ['grants of a bucket ACL', bucketAcl(dynamicGrants('var.items')), ['s3-public-acl@main.tf:8']],
    [
      'the grantee of a grant of a bucket ACL',
      bucketAcl(DYNAMIC_GRANTEE),
      ['s3-public-acl@main.tf:8'],
    ],
    [
      'none: grants over a known collection, to an account group',
      bucketAcl(dynamicGrants('["http://acs.amazonaws.com/groups/s3/LogDelivery"]')),
      [],
    ],
    [
      'grants of a legacy inline ACL',
      `resource "aws_s3_bucket" "legacy" {
  bucket = "acme-releases-legacy"
  dynamic "grant" {
    for_each = var.items
    content {
      type        = "Group"
      uri         = grant.value
      permissions = ["READ"]
    }
  }
}
`,
      ['s3-public-acl@main.tf:7'],
    ],
    [
      'bindings of a Google IAM policy',
      `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases-gcs"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
}
data "google_iam_policy" "releases" {
  dynamic "binding" {
    for_each = var.items
    content {
      role    = binding.key
      members = binding.value
    }
  }
}
resource "google_storage_bucket_iam_policy" "releases" {
  bucket      = google_storage_bucket.releases.name
  policy_data = data.google_iam_policy.releases.policy_data
}
`,
      ['gcs-public-access-prevention@main.tf:9', 'gcs-public-iam@main.tf:12'],
    ],
  ])('%s', async (_name, tf, expected) => {
    // The buckets have no public access block, which is not what these cases are about.
    const found = summarize(await scanFiles({ 'main.tf': BUCKET + tf })).filter(
      (f) => !f.startsWith('s3-public-access'),
    );
    expect(found).toEqual(expected);
  });

  // A plan marks them unknown as it does any value known only at apply.
  it('grants of a bucket ACL in a plan', async () => {
    const provider_name = 'registry.terraform.io/hashicorp/aws';
    const managed = (type: string, name: string, values: object) => ({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name,
      values,
    });
    const bucket = managed('aws_s3_bucket', 'releases', { bucket: 'acme-releases' });
    const acl = managed('aws_s3_bucket_acl', 'releases', {
      bucket: 'acme-releases',
      access_control_policy: [{ owner: [{ id: 'abc123' }] }],
    });
    const after_unknown = { access_control_policy: [{ grant: true }] };
    const plan = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [bucket, acl] } },
      resource_changes: [
        { ...acl, change: { actions: ['create'], before: null, after: acl.values, after_unknown } },
      ],
    };
    const report = await scanFiles(
      { 'plan.json': JSON.stringify(plan) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = summarize(report).map((f) => f.split('@')[0]);
    expect(found.filter((f) => !f?.startsWith('s3-public-access'))).toEqual(['s3-public-acl']);
  });
});
