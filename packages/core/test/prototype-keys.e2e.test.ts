import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Names read from a scanned file, used as keys of plain objects, named what every object inherits:
 * `principal["toString"]` was Object.prototype's function, spread as a list ("is not iterable"),
 * and ended the whole scan as an internal error.
 */
const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const policyDocument = (type: string) => `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
data "aws_iam_policy_document" "releases" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.releases.arn}/*"]
    principals {
      type        = "${type}"
      identifiers = ["x"]
    }
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = data.aws_iam_policy_document.releases.json
}
`;

describe('keys named after inherited properties', () => {
  it.each(KEYS)('a policy document with a principal of type %s is still read', async (key) => {
    const report = await scanFiles({ 'main.tf': policyDocument(key) });
    expect(summarize(report)).toContain('s3-public-policy@main.tf:8');
  });
});

describe('a Terragrunt call named after an inherited property', () => {
  // It was an invalid value that cost the bucket the name that made it release-use: no findings.
  it.each(KEYS)('%s() leaves a public release bucket reported', async (key) => {
    const report = await scanFiles({
      'modules/bucket/main.tf': `variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = "acme-releases-\${var.name}"
  acl    = "public-read"
}
`,
      'live/terragrunt.hcl': `terraform {\n  source = "../modules/bucket"\n}\ninputs = { name = ${key}("x") }\n`,
    });
    expect(summarize(report)).toContain('s3-public-acl@modules/bucket/main.tf:4');
  });
});

describe('a provisioner interpolating a bucket attribute named after an inherited property', () => {
  // `constructor` rendered the bucket's name (Object(name)), `toString` '[object Undefined]'.
  const scanned = async (attribute: string) =>
    summarize(
      await scanFiles({
        'main.tf': `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "null_resource" "publish" {
  provisioner "local-exec" {
    command = "aws s3 cp dist s3://\${aws_s3_bucket.releases.${attribute}}/ --acl public-read"
  }
}
`,
      }),
    );

  it.each(KEYS)('%s is an attribute Posture does not fill, as any unknown one', async (key) => {
    expect(await scanned(key)).toEqual(await scanned('no_such_attribute'));
  });
});

describe('a TF_VAR_ variable named after an inherited property', () => {
  // TF_VAR___proto__ set the environment's prototype: the variable kept its default, private.
  it.each(KEYS)('TF_VAR_%s is the value the CI step deploys with', async (key) => {
    const report = await scanFiles({
      'infra/main.tf': `variable "${key}" { default = "private" }
resource "aws_s3_bucket" "this" {
  bucket = "acme-releases"
  acl    = var.${key}
}
`,
      '.github/workflows/infra.yml': `on: { push: { branches: [main] } }
jobs:
  apply:
    runs-on: ubuntu-latest
    env:
      TF_VAR_${key}: public-read
    steps:
      - run: terraform -chdir=infra apply -auto-approve
`,
    });
    expect(summarize(report)).toContain('s3-public-acl@infra/main.tf:4');
  });
});

describe('an awscc access_control named after an inherited property', () => {
  // The table of canned names gave Object.prototype's function as the bucket's canned ACL.
  it.each(KEYS)('%s is read as an ACL that grants nothing, as any other word', async (key) => {
    const report = await scanFiles({
      'main.tf': `resource "awscc_s3_bucket" "releases" {
  bucket_name    = "acme-releases"
  access_control = "${key}"
}
`,
    });
    const [bucket] = report.facts.buckets;
    expect(bucket?.service === 's3' && bucket.acls.map((acl) => acl.canned.value)).toEqual([
      'private',
    ]);
  });
});
