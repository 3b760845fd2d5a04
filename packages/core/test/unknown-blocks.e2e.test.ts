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
      ['s3-public-acl@main.tf:9'],
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

  // It named no place: the module call's argument that the for_each reads was not traced.
  it('names where what the for_each reads is set, as a value set here', async () => {
    const report = await scanFiles({
      'main.tf':
        'variable "items" {}\nmodule "acl" {\n  source = "./acl"\n  items  = var.items\n}\n',
      'acl/main.tf': BUCKET + bucketAcl(dynamicGrants('var.items')),
    });
    const [finding] = report.result.findings.filter((f) => f.ruleId === 's3-public-acl');
    expect(finding?.location).toMatchObject({ file: 'acl/main.tf', start: { line: 8 } });
    expect(finding?.related).toContainEqual({
      label: 'value set here',
      range: expect.objectContaining({
        file: 'main.tf',
        start: expect.objectContaining({ line: 4 }),
      }),
    });
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

/**
 * Conditions not known before apply read as none: the statement was public, unconditionally, its
 * message saying nothing of them (critical); an unknown test read as one that narrows, and a
 * `Deny` with conditions not known as one that denies everyone (no finding). They may narrow it,
 * as unknown values of a narrowing condition may: not provably private (medium), saying which.
 */
describe('conditions of a public statement not known before apply', () => {
  const OWN =
    'whether its conditions narrow it is not known before apply (variable items has no value)';
  const DENY = 'whether a Deny statement takes it away is not known before apply';
  const PUBLIC = `principals {
      type        = "*"
      identifiers = ["*"]
    }`;
  const condition = (test: string, variable: string, values: string) => `condition {
      test     = ${test}
      variable = ${variable}
      values   = ${values}
    }`;
  const DYNAMIC_CONDITIONS = `dynamic "condition" {
      for_each = var.items
      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }`;
  const deny = (conditions: string) => `statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["\${aws_s3_bucket.releases.arn}/*"]
    ${PUBLIC}
    ${conditions}
  }`;
  const jsonPolicy = (
    principal: string,
    condition: string,
  ) => `resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = ${principal}
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.releases.arn}/*"
      Condition = ${condition}
    }]
  })
}
`;
  it.each<[string, string, string[], string | undefined]>([
    [
      'dynamic condition blocks',
      document(statement(`${PUBLIC}\n    ${DYNAMIC_CONDITIONS}`)),
      ['s3-public-policy(medium)@main.tf:9'],
      OWN,
    ],
    [
      'a condition block whose test is not known',
      document(
        statement(`${PUBLIC}\n    ${condition('var.items', '"aws:SourceVpce"', '["vpce-1"]')}`),
      ),
      ['s3-public-policy(medium)@main.tf:9'],
      OWN,
    ],
    [
      'a condition block whose variable is not known',
      document(
        statement(`${PUBLIC}\n    ${condition('"StringEquals"', 'var.items', '["vpce-1"]')}`),
      ),
      ['s3-public-policy(medium)@main.tf:9'],
      OWN,
    ],
    [
      'the values of a narrowing condition, as before',
      document(
        statement(`${PUBLIC}\n    ${condition('"StringEquals"', '"aws:SourceVpce"', 'var.items')}`),
      ),
      ['s3-public-policy(medium)@main.tf:9'],
      'the values of its narrowing condition are not known before apply',
    ],
    [
      'a guard whose conditions are not known',
      document(`${statement(PUBLIC)}\n  ${deny(DYNAMIC_CONDITIONS)}`),
      ['s3-public-policy(medium)@main.tf:9'],
      DENY,
    ],
    [
      'none: a guard whose conditions are known, for one endpoint',
      document(
        `${statement(PUBLIC)}\n  ${deny(condition('"StringNotEquals"', '"aws:SourceVpce"', '["vpce-1"]'))}`,
      ),
      [],
      undefined,
    ],
    [
      'none: conditions over a known collection, for one endpoint',
      document(
        statement(`${PUBLIC}
    dynamic "condition" {
      for_each = ["vpce-1"]
      content {
        test     = "StringEquals"
        variable = "aws:SourceVpce"
        values   = [condition.value]
      }
    }`),
      ),
      [],
      undefined,
    ],
    [
      'none: dynamic condition blocks of a statement for an account',
      document(statement(`${ACCOUNT}\n    ${DYNAMIC_CONDITIONS}`)),
      [],
      undefined,
    ],
    [
      'in JSON, what an operator tests',
      jsonPolicy('"*"', '{ StringEquals = var.items }'),
      ['s3-public-policy(medium)@main.tf:7'],
      OWN,
    ],
    // It read as a policy that cannot be read, of any statement.
    [
      'in JSON, the whole Condition',
      jsonPolicy('"*"', 'var.items'),
      ['s3-public-policy(medium)@main.tf:7'],
      OWN,
    ],
    [
      'none: in JSON, the whole Condition of a statement for an account',
      jsonPolicy('{ AWS = "arn:aws:iam::111122223333:root" }', 'var.items'),
      [],
      undefined,
    ],
  ])('%s', async (_name, tf, expected, why) => {
    const report = await scanFiles({ 'main.tf': BUCKET + tf });
    const found = report.result.findings.filter((f) => !f.ruleId.startsWith('s3-public-access'));
    const summary = found.map((f) => `${f.ruleId}(${f.severity})@main.tf:${f.location.start.line}`);
    expect(summary).toEqual(expected);
    if (why !== undefined) expect(found[0]?.message).toContain(`"*", and ${why}`);
  });
});
