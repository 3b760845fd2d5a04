import { describe, expect, it } from 'vitest';
import type { Range, Value } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { resource, tempTree } from './support/fixtures.js';

const where = (ranges: readonly Range[] | undefined) =>
  (ranges ?? []).map((r) => `${r.file}:${r.start.line}:${r.start.column}`);

/** `acl = var.acl` in a resource, for the cases whose value comes through one variable. */
const READS_ACL = `variable "acl" {}
resource "aws_s3_bucket_acl" "a" {
  acl = var.acl
}
`;

/** The same resource in a module, called by `main.tf` with `buckets.tf`'s arguments. */
const MODULE = `variable "public_read" { default = false }
variable "tags" { default = {} }
resource "aws_s3_bucket" "this" {
  tags = var.tags
}
resource "aws_s3_bucket_acl" "a" {
  count = var.public_read ? 1 : 0
  acl   = "public-read"
}
resource "aws_s3_bucket_public_access_block" "p" {
  block_public_acls = !var.public_read
}
`;

const CALLS_MODULE = `variable "buckets" {}
module "bucket" {
  source   = "./m"
  for_each = var.buckets

  public_read = each.value.public_read
  tags        = { Purpose = each.value.purpose }
}
`;

const PROD = `buckets = {
  bin  = { public_read = true, purpose = "release binaries" }
  logs = { public_read = false, purpose = "access logs" }
}
`;

/** A module whose distribution makes one origin per element of `var.origins`, through `iterator`. */
const DYNAMIC_ORIGINS = (iterator = 'origin') => `variable "origins" {}
resource "aws_cloudfront_distribution" "d" {
  dynamic "origin" {
    for_each = var.origins${iterator === 'origin' ? '' : `\n    iterator = ${iterator}`}
    content {
      domain_name = ${iterator}.value.domain
      origin_id   = ${iterator}.key
    }
  }
}
`;

const CALLS_DYNAMIC = `module "cdn" {
  source  = "./cdn"
  origins = [
    { domain = "acme-assets.s3.amazonaws.com" },
    { domain = data.aws_s3_bucket.r.bucket_regional_domain_name },
  ]
}
`;

describe('where the values of arguments are set', () => {
  const cases: {
    name: string;
    files: Record<string, string>;
    varFiles?: string[];
    vars?: Record<string, string>;
    /** The variables a plan of the root was made with. */
    planned?: Record<string, Value>;
    address: string;
    path: string;
    origins: string[];
  }[] = [
    {
      name: 'terraform.tfvars',
      files: { 'main.tf': READS_ACL, 'terraform.tfvars': 'acl = "public-read"\n' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['terraform.tfvars:1:1'],
    },
    {
      name: 'an .auto.tfvars file over terraform.tfvars',
      files: {
        'main.tf': READS_ACL,
        'terraform.tfvars': 'acl = "private"\n',
        'public.auto.tfvars': '# opened for the launch\nacl = "public-read"\n',
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['public.auto.tfvars:2:1'],
    },
    {
      name: 'a .tfvars.json file',
      files: {
        'main.tf': READS_ACL,
        'terraform.tfvars.json': '{\n  "region": "eu-west-1",\n  "acl": "public-read"\n}\n',
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['terraform.tfvars.json:3:3'],
    },
    {
      name: 'a -var-file, to the key inside a map',
      files: {
        'main.tf': `variable "settings" {}
resource "aws_s3_bucket_acl" "a" {
  acl = var.settings["bin"].acl
}
`,
        'env/prod.tfvars': 'settings = {\n  bin = { acl = "public-read" }\n}\n',
      },
      varFiles: ['env/prod.tfvars'],
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['env/prod.tfvars:2:11'],
    },
    {
      name: 'a -var, which no file writes',
      files: { 'main.tf': READS_ACL, 'terraform.tfvars': 'acl = "private"\n' },
      vars: { acl: 'public-read' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: [],
    },
    {
      name: "a plan's variable, the value terraform.tfvars gives",
      files: { 'main.tf': READS_ACL, 'terraform.tfvars': 'acl = "public-read"\n' },
      planned: { acl: 'public-read' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['terraform.tfvars:1:1'],
    },
    {
      name: "a plan's variable, another value than terraform.tfvars gives (-var, TF_VAR_)",
      files: { 'main.tf': READS_ACL, 'terraform.tfvars': 'acl = "private"\n' },
      planned: { acl: 'public-read' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: [],
    },
    {
      name: "a plan's variable, the value a file gives as text, of the variable's type",
      files: {
        'main.tf': `variable "public" { type = bool }
resource "aws_s3_bucket_acl" "a" {
  acl = var.public ? "public-read" : "private"
}
`,
        'terraform.tfvars': 'public = "true"\n',
      },
      planned: { public: true },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['terraform.tfvars:1:1'],
    },
    {
      name: "a plan's variable, the map terraform.tfvars gives, to the instance's own key",
      files: { 'main.tf': CALLS_MODULE, 'terraform.tfvars': PROD, 'm/main.tf': MODULE },
      planned: {
        buckets: {
          bin: { public_read: true, purpose: 'release binaries' },
          logs: { public_read: false, purpose: 'access logs' },
        },
      },
      address: 'module.bucket["bin"].aws_s3_bucket_public_access_block.p',
      path: 'block_public_acls',
      origins: ['main.tf:6:3', 'terraform.tfvars:2:12'],
    },
    {
      name: "a plan's variable, the variable's default",
      files: { 'main.tf': READS_ACL.replace('{}', '{\n  default = "public-read"\n}') },
      planned: { acl: 'public-read' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['main.tf:2:3'],
    },
    {
      name: "a plan's variable, another value than the default",
      files: { 'main.tf': READS_ACL.replace('{}', '{\n  default = "private"\n}') },
      planned: { acl: 'public-read' },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: [],
    },
    {
      name: 'a variable default',
      files: {
        'main.tf': 'resource "aws_s3_bucket_acl" "a" {\n  acl = var.acl\n}\n',
        'variables.tf': 'variable "acl" {\n  type    = string\n  default = "public-read"\n}\n',
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['variables.tf:3:3'],
    },
    {
      name: 'a module argument',
      files: {
        'main.tf': 'module "m" {\n  source = "./m"\n  acl    = "public-read"\n}\n',
        'm/main.tf': READS_ACL,
      },
      address: 'module.m.aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['main.tf:3:3'],
    },
    {
      name: 'a local, and the variable it reads',
      files: {
        'main.tf': `variable "public" {}
locals {
  acl = var.public ? "public-read" : "private"
}
resource "aws_s3_bucket_acl" "a" {
  acl = local.acl
}
`,
        'terraform.tfvars': 'public = true\n',
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['main.tf:3:3', 'terraform.tfvars:1:1'],
    },
    {
      name: "a module argument read from its for_each entry, to the instance's own key",
      files: { 'main.tf': CALLS_MODULE, 'prod.tfvars': PROD, 'm/main.tf': MODULE },
      varFiles: ['prod.tfvars'],
      address: 'module.bucket["bin"].aws_s3_bucket_public_access_block.p',
      path: 'block_public_acls',
      origins: ['main.tf:6:3', 'prod.tfvars:2:12'],
    },
    {
      name: 'the count that makes the instance',
      files: { 'main.tf': CALLS_MODULE, 'prod.tfvars': PROD, 'm/main.tf': MODULE },
      varFiles: ['prod.tfvars'],
      address: 'module.bucket["bin"].aws_s3_bucket_acl.a[0]',
      path: '',
      origins: ['main.tf:6:3', 'prod.tfvars:2:12'],
    },
    {
      name: 'a map key written in the module call, not in the block',
      files: { 'main.tf': CALLS_MODULE, 'prod.tfvars': PROD, 'm/main.tf': MODULE },
      varFiles: ['prod.tfvars'],
      address: 'module.bucket["logs"].aws_s3_bucket.this',
      path: 'tags.Purpose',
      origins: ['main.tf:7:19', 'prod.tfvars:3:33'],
    },
    {
      name: 'a cycle of locals, which Terraform rejects, traced once around',
      files: {
        'main.tf': `locals {
  a = local.b
  b = local.a
}
resource "aws_s3_bucket_acl" "a" {
  acl = local.a
}
`,
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: ['main.tf:2:3', 'main.tf:3:3'],
    },
    {
      name: "a dynamic block's iterator, to the element of the module argument",
      files: { 'main.tf': CALLS_DYNAMIC, 'cdn/main.tf': DYNAMIC_ORIGINS() },
      address: 'module.cdn.aws_cloudfront_distribution.d',
      path: 'origin.1.domain_name',
      origins: ['main.tf:5:7'],
    },
    {
      name: "a dynamic block's custom iterator, its key to the whole element",
      files: { 'main.tf': CALLS_DYNAMIC, 'cdn/main.tf': DYNAMIC_ORIGINS('o') },
      address: 'module.cdn.aws_cloudfront_distribution.d',
      path: 'origin.0.origin_id',
      origins: ['main.tf:4:5'],
    },
    {
      name: "a nested dynamic block's iterator, whose for_each reads the outer one's",
      files: {
        'main.tf': `variable "grants" {
  default = [
    { permission = "READ", grantees = [{ id = "a" }] },
    { permission = "WRITE", grantees = [{ id = "b" }] },
  ]
}
resource "aws_s3_bucket_acl" "a" {
  access_control_policy {
    dynamic "grant" {
      for_each = var.grants
      content {
        permission = grant.value.permission
        dynamic "grantee" {
          for_each = grant.value.grantees
          iterator = who
          content {
            id   = who.value.id
            type = "CanonicalUser"
          }
        }
      }
    }
  }
}
`,
      },
      address: 'aws_s3_bucket_acl.a',
      path: 'access_control_policy.0.grant.1.grantee.0.id',
      origins: ['main.tf:4:43'],
    },
    {
      name: 'a value written in the block itself',
      files: { 'main.tf': READS_ACL.replace('var.acl', '"public-read"') },
      address: 'aws_s3_bucket_acl.a',
      path: 'acl',
      origins: [],
    },
  ];

  it.each(cases)('$name', ({ files, varFiles, vars, planned, address, path, origins }) => {
    const rootVars = planned && new Map([['.', planned]]);
    const inventory = loadTerraform({ root: tempTree(files), varFiles, vars, rootVars });
    expect(where(resource(inventory, address).origins?.[path])).toEqual(origins);
  });
});
