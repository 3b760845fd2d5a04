import { describe, expect, it } from 'vitest';
import { loadUserRules } from '../src/index.js';
import { tempTree } from '../../../test/support/temp-dirs.js';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A website configuration not known before apply (a `dynamic` block over a collection known only
 * then, a plan's after_unknown), or one whose `redirect_all_requests_to` is not known, was read as
 * no website, or as one that redirects every request: the bucket passed. Either may serve its
 * objects, so it is not provably private.
 */
const BUCKET = `variable "items" {}
variable "redirect" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
`;

const CONFIGURATION = `}
resource "aws_s3_bucket_website_configuration" "releases" {
  bucket = aws_s3_bucket.releases.id
`;

const PUBLIC_ACCESS_BLOCK = `resource "aws_s3_bucket_public_access_block" "releases" {
  bucket                  = aws_s3_bucket.releases.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;

const dynamicRedirect = (forEach: string) => `  dynamic "redirect_all_requests_to" {
    for_each = ${forEach}
    content {
      host_name = redirect_all_requests_to.value
    }
  }
}
`;

describe('a website not known before apply', () => {
  it.each([
    [
      'legacy inline website blocks',
      `  dynamic "website" {
    for_each = var.items
    content {
      index_document = "index.html"
    }
  }
}
`,
      // At the dynamic block; the blocks had no place of their own, so it was at the bucket (3).
      ['s3-website@main.tf:5'],
    ],
    [
      'a legacy inline redirect',
      `  website {
    redirect_all_requests_to = var.redirect
  }
}
`,
      ['s3-website@main.tf:5'],
    ],
    [
      'known: a legacy inline redirect left empty, which the provider drops',
      `  website {
    index_document           = "index.html"
    redirect_all_requests_to = ""
  }
}
`,
      ['s3-website@main.tf:5'],
    ],
    [
      'the redirect blocks of a website configuration',
      CONFIGURATION + dynamicRedirect('var.items'),
      ['s3-website@main.tf:6'],
    ],
    [
      'none: a redirect to a host not known, which redirects all the same',
      `${CONFIGURATION}  redirect_all_requests_to {
    host_name = var.redirect
  }
}
`,
      [],
    ],
    [
      'none: redirect blocks over a known collection',
      CONFIGURATION + dynamicRedirect('["example.com"]'),
      [],
    ],
    [
      'none: public ACLs ignored and public policies restricted',
      CONFIGURATION + dynamicRedirect('var.items') + PUBLIC_ACCESS_BLOCK,
      [],
    ],
    [
      'the redirect of a website configuration whose bucket cannot be determined',
      `}
resource "aws_s3_bucket_website_configuration" "other" {
  bucket = var.redirect
${dynamicRedirect('var.items')}`,
      ['bucket-not-provably-private@main.tf:7'],
    ],
    [
      'a Cloud Control website configuration',
      `}
resource "awscc_s3_bucket" "site" {
  bucket_name           = "acme-releases-cc"
  website_configuration = var.redirect
}
`,
      ['s3-website@main.tf:8'],
    ],
    [
      'the redirect of a terraform-aws-modules/s3-bucket website',
      `}
module "site" {
  source             = "terraform-aws-modules/s3-bucket/aws"
  version            = "4.1.0"
  bucket             = "acme-releases-site"
  ignore_public_acls = false
  website = {
    redirect_all_requests_to = var.redirect
  }
}
`,
      ['s3-website@main.tf:11'],
    ],
  ])('%s', async (_name, tf, expected) => {
    // The buckets have no public access block, which is not what these cases are about.
    const found = summarize(await scanFiles({ 'main.tf': BUCKET + tf })).filter(
      (f) => !f.startsWith('s3-public-access'),
    );
    expect(found).toEqual(expected);
  });

  // A plan marks them unknown as it does any value known only at apply.
  it.each([
    ['the website blocks of a bucket', 'aws_s3_bucket', { website: true }],
    [
      'the redirect of a website configuration',
      'aws_s3_bucket_website_configuration',
      { redirect_all_requests_to: true },
    ],
  ])('%s in a plan', async (_name, type, after_unknown) => {
    const provider_name = 'registry.terraform.io/hashicorp/aws';
    const managed = (type: string, values: object) => ({
      address: `${type}.releases`,
      mode: 'managed',
      type,
      name: 'releases',
      provider_name,
      values,
    });
    const bucket = managed('aws_s3_bucket', { bucket: 'acme-releases' });
    const site = managed('aws_s3_bucket_website_configuration', { bucket: 'acme-releases' });
    const resources = type === 'aws_s3_bucket' ? [bucket] : [bucket, site];
    const changed = resources.find((r) => r.type === type)!;
    const change = { actions: ['create'], before: null, after: changed.values, after_unknown };
    const plan = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
      resource_changes: [{ ...changed, change }],
    };
    const report = await scanFiles(
      { 'plan.json': JSON.stringify(plan) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = summarize(report).map((f) => f.split('@')[0]);
    expect(found.filter((f) => !f?.startsWith('s3-public-access'))).toEqual(['s3-website']);
  });

  // No built-in rule weighs a GCS website, which opens nothing; a rule of one's own that reports
  // one sees it configured, as it may be.
  it('the website blocks of a Cloud Storage bucket, for a rule of your own', async () => {
    const rules = loadUserRules(tempTree('rules', { 'gcs-website.rule.yaml': GCS_WEBSITE_RULE }));
    expect(rules.errors).toEqual([]);
    const tf = `variable "items" {}
resource "google_storage_bucket" "releases" {
  name                        = "acme-releases-gcs"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  dynamic "website" {
    for_each = var.items
    content {
      main_page_suffix = "index.html"
    }
  }
}
`;
    const report = await scanFiles({ 'main.tf': tf }, { extraRules: rules.rules });
    expect(summarize(report)).toEqual(['acme-gcs-website@main.tf:2']);
  });
});

const GCS_WEBSITE_RULE = `id: acme-gcs-website
title: Cloud Storage website configured
severity: high
why: A website bucket serves pages to anyone.
fix: Remove the website block.
bad:
  language: hcl
  code: 'resource "google_storage_bucket" "b" { website { main_page_suffix = "index.html" } }'
good:
  language: hcl
  code: 'resource "google_storage_bucket" "b" { name = "acme-releases" }'
tags: [security, gcs]
cwe: [CWE-200]
precision: high
match:
  kind: bucket
  services: [gcs]
  when:
    - { path: website, exists: true }
message: '{name} configures a website.'
`;

/**
 * A website configuration whose own `count` or `for_each` is not known before apply may not be
 * made: it was judged as one that is (s3-website high, "is served as a public website").
 */
describe('a website configuration that may not be made', () => {
  const site = (meta: string) => `resource "aws_s3_bucket_website_configuration" "releases" {
  ${meta}
  bucket = aws_s3_bucket.releases.id
  index_document {
    suffix = "index.html"
  }
}
`;
  const bucket = (meta = '') => `variable "enable_site" {}
variable "sites" {}
resource "aws_s3_bucket" "releases" {
  ${meta}
  bucket = "acme-releases"
`;
  const MODULE = `variable "enable_site" {}
module "site" {
  source = "./site"
  count  = var.enable_site ? 1 : 0
}
`;
  it.each<[string, Record<string, string>, string[]]>([
    [
      'its count is not known',
      { 'main.tf': `${bucket()}}\n${site('count = var.enable_site ? 1 : 0')}` },
      ['s3-website(medium)@main.tf:7'],
    ],
    [
      'its for_each is not known',
      { 'main.tf': `${bucket()}}\n${site('for_each = var.sites')}` },
      ['s3-website(medium)@main.tf:7'],
    ],
    [
      'known: its count is known',
      { 'main.tf': `${bucket()}}\n${site('count = 1')}` },
      ['s3-website(high)@main.tf:7'],
    ],
    ['none: its count is 0', { 'main.tf': `${bucket()}}\n${site('count = 0')}` }, []],
    // Its bucket may not be made either; when it is, it has the website.
    [
      'known: a legacy inline website of a bucket whose count is not known',
      {
        'main.tf': `${bucket('count = var.enable_site ? 1 : 0')}  website {
    index_document = "index.html"
  }
}
`,
      },
      ['s3-website(high)@main.tf:6'],
    ],
    [
      'known: made as its bucket is, in a module whose count is not known',
      { 'main.tf': MODULE, 'site/main.tf': `${bucket()}}\n${site('')}` },
      ['s3-website(high)@site/main.tf:7'],
    ],
    [
      'its count is not known in a module, from the input of its call',
      {
        'main.tf':
          'variable "enable_site" {}\nmodule "site" {\n  source      = "./site"\n  enable_site = var.enable_site\n}\n',
        'site/main.tf': `${bucket()}}\n${site('count = var.enable_site ? 1 : 0')}`,
      },
      ['s3-website(medium)@site/main.tf:7'],
    ],
    // The same count as its bucket's, in the same module instance: made whenever the bucket is.
    [
      'known: its count and its bucket count are not known, and the same',
      {
        'main.tf': `${bucket('count = var.enable_site ? 1 : 0')}}\n${site('count = var.enable_site ? 1 : 0')}`,
      },
      ['s3-website(high)@main.tf:7'],
    ],
    // Two conditions: the bucket may be made without its website, which was read as made (high).
    [
      'its count and its bucket count are not known, and not the same',
      {
        'main.tf': `${bucket('count = length(var.sites)')}}\n${site('count = var.enable_site ? 1 : 0')}`,
      },
      ['s3-website(medium)@main.tf:7'],
    ],
    [
      'its for_each and its bucket count are not known',
      {
        'main.tf': `${bucket('count = var.enable_site ? 1 : 0')}}\n${site('for_each = var.sites')}`,
      },
      ['s3-website(medium)@main.tf:7'],
    ],
    [
      'known: the same count as its bucket, in a module whose count is not known',
      {
        'main.tf': MODULE,
        'site/main.tf': `${bucket('count = var.enable_site ? 1 : 0')}}\n${site('count = var.enable_site ? 1 : 0')}`,
      },
      ['s3-website(high)@site/main.tf:7'],
    ],
  ])('%s', async (_name, files, expected) => {
    const report = await scanFiles(files);
    const found = report.result.findings.filter((f) => !f.ruleId.startsWith('s3-public-access'));
    expect(
      found.map((f) => `${f.ruleId}(${f.severity})@${f.location.file}:${f.location.start.line}`),
    ).toEqual(expected);
  });
});
