import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import { resource, tempTree } from './support/fixtures.js';

const MAIN = `
variable "name" {
  default = "app-releases"
}

locals {
  prefix = "base"
  suffix = "x"
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { team = "web" }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_s3_bucket" "b" {
  bucket = var.name
  tags = {
    purpose = "release"
  }
  versioning {
    enabled = true
  }
  versioning {
    enabled = false
  }
  logging {
    target_bucket = "logs"
  }
}

resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "private"
}

output "bucket" {
  value = aws_s3_bucket.b.bucket
}
`;

describe('override files', () => {
  it('replace attributes, nested blocks by type, locals and providers, in file-name order', () => {
    const root = tempTree({
      'main.tf': MAIN,
      'override.tf': `
resource "aws_s3_bucket_acl" "a" {
  acl = "public-read"
}

resource "aws_s3_bucket" "b" {
  versioning {
    enabled = "overridden"
  }
}

locals {
  suffix = "y"
}

provider "aws" {
  alias  = "west"
  region = "eu-west-1"
}
`,
      'b_override.tf': `
variable "name" {
  default = "other-releases"
}
`,
      'z_override.tf.json': JSON.stringify({
        resource: { aws_s3_bucket_acl: { a: { acl: 'authenticated-read' } } },
      }),
    });
    const inventory = loadTerraform({ root });
    expect(inventory.diagnostics).toEqual([]);

    const acl = resource(inventory, 'aws_s3_bucket_acl.a');
    // Override files merge in name order: override.tf, then z_override.tf.json.
    expect(acl.values.acl).toBe('authenticated-read');
    expect(acl.ranges.acl?.file).toBe('z_override.tf.json');
    expect(acl.ranges.bucket?.file).toBe('main.tf');

    const bucket = resource(inventory, 'aws_s3_bucket.b');
    expect(bucket.values.bucket).toBe('other-releases');
    expect(bucket.values.versioning).toEqual([{ enabled: 'overridden' }]);
    expect(bucket.ranges['versioning.0.enabled']).toMatchObject({ file: 'override.tf' });
    expect(bucket.ranges['versioning.0.enabled']?.start.line).toBe(8);
    expect(bucket.values.logging).toEqual([{ target_bucket: 'logs' }]);
    expect(bucket.ranges.tags?.file).toBe('main.tf');

    const [aws, west] = inventory.providers;
    expect(aws?.values.region).toBe('us-east-1');
    expect(west?.values.region).toBe('eu-west-1');
    expect(west?.ranges.region?.file).toBe('override.tf');
  });

  it('override locals by name', () => {
    const root = tempTree({
      'main.tf': `
locals {
  name = "a-\${local.suffix}"
  suffix = "one"
}
resource "aws_s3_bucket" "b" {
  bucket = local.name
}
`,
      'override.tf': 'locals {\n  suffix = "two"\n}\n',
    });
    expect(resource(loadTerraform({ root }), 'aws_s3_bucket.b').values.bucket).toBe('a-two');
  });

  it('let a dynamic block replace the static blocks of its type, and the other way round', () => {
    const root = tempTree({
      'main.tf': `
resource "aws_s3_bucket" "b" {
  bucket = "b"
  cors_rule {
    allowed_origins = ["https://a"]
  }
  dynamic "website" {
    for_each = ["x"]
    content {
      index_document = "index.html"
    }
  }
}
`,
      'override.tf': `
resource "aws_s3_bucket" "b" {
  dynamic "cors_rule" {
    for_each = ["https://b", "https://c"]
    content {
      allowed_origins = [cors_rule.value]
    }
  }
  website {
    index_document = "other.html"
  }
}
`,
    });
    const bucket = resource(loadTerraform({ root }), 'aws_s3_bucket.b');
    expect(bucket.values.cors_rule).toEqual([
      { allowed_origins: ['https://b'] },
      { allowed_origins: ['https://c'] },
    ]);
    expect(bucket.values.website).toEqual([{ index_document: 'other.html' }]);
  });

  it('report a block with nothing to override as an error, and still merge the rest', () => {
    const root = tempTree({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      'override.tf': `
resource "aws_s3_bucket" "missing" {
  bucket = "m"
}
locals {
  nothing = 1
}
provider "google" {
  project = "p"
}
provider "aws" {
  alias = "nowhere"
}
resource "aws_s3_bucket" "b" {
  bucket = "overridden"
}
`,
    });
    const inventory = loadTerraform({ root });
    expect(inventory.diagnostics.map((d) => [d.severity, d.code, d.range.start.line])).toEqual([
      ['error', 'override-without-base', 2],
      ['error', 'override-without-base', 6],
      ['error', 'override-without-base', 11],
    ]);
    // A default provider needs no base: Terraform assumes an empty one.
    expect(inventory.providers.map((p) => [p.name, p.values])).toEqual([
      ['google', { project: 'p' }],
    ]);
    expect(inventory.diagnostics[0]?.message).toContain('resource "aws_s3_bucket" "missing"');
    expect(inventory.resources.map((r) => [r.address, r.values.bucket])).toEqual([
      ['aws_s3_bucket.b', 'overridden'],
    ]);
  });

  it('apply inside called modules too, with diagnostics pointing at the override file', () => {
    const root = tempTree({
      'main.tf': 'module "m" {\n  source = "./m"\n}\n',
      'm/main.tf':
        'variable "n" {}\nresource "aws_s3_bucket" "b" {\n  count = 1\n  bucket = "b"\n}\n',
      'm/override.tf': 'resource "aws_s3_bucket" "b" {\n  count = var.n\n}\n',
    });
    const inventory = loadTerraform({ root });
    expect(inventory.diagnostics.map((d) => [d.code, d.range.file, d.range.start.line])).toEqual([
      ['eval-unknown-for-each', 'm/override.tf', 2],
    ]);
    expect(resource(inventory, 'module.m.aws_s3_bucket.b[*]').values.bucket).toBe('b');
  });

  it('merge lifecycle settings one by one, as Terraform does', () => {
    const root = tempTree({
      'main.tofu': `variable "n" {}
resource "aws_s3_bucket" "kept" {
  bucket = "kept"
  lifecycle {
    enabled = false
  }
}
resource "aws_s3_bucket" "replaced" {
  bucket = "replaced"
  lifecycle {
    enabled = false
  }
}
`,
      'override.tofu': `resource "aws_s3_bucket" "kept" {
  lifecycle {
    prevent_destroy = true
  }
}
resource "aws_s3_bucket" "replaced" {
  lifecycle {
    enabled = var.n
  }
}
`,
    });
    const inventory = loadTerraform({ root });
    expect(inventory.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.replaced[*]']);
    expect(inventory.diagnostics.map((d) => [d.code, d.range.file, d.range.start.line])).toEqual([
      ['eval-unknown-for-each', 'override.tofu', 8],
    ]);
  });
});
