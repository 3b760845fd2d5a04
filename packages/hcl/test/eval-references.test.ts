import { describe, expect, it } from 'vitest';
import { isUnknown, type Value } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { codes, loadFixture, resource, tempTree } from './support/fixtures.js';
import { plain } from './support/evaluate.js';

describe('references between resources', () => {
  const inventory = loadFixture('references');
  const at = (address: string) => resource(inventory, address);

  it('a computed attribute is unknown and names the full reference', () => {
    expect(plain(at('aws_s3_bucket_acl.named').values.bucket)).toEqual({
      unknown: ['aws_s3_bucket.named.id'],
    });
    expect(at('aws_s3_bucket_acl.named').references).toEqual(['aws_s3_bucket.named']);
    expect(plain(at('aws_s3_bucket_acl.counted').values.bucket)).toEqual({
      unknown: ['aws_s3_bucket.counted[1].id'],
    });
    expect(at('aws_s3_bucket_acl.counted').references).toEqual(['aws_s3_bucket.counted[1]']);
    expect(plain(at('aws_s3_bucket_ownership_controls.map').values.bucket)).toEqual({
      unknown: ['aws_s3_bucket.map["b"].id'],
    });
  });

  it('a configured attribute is its value, and still a reference', () => {
    expect(at('aws_s3_bucket_website_configuration.named').values.bucket).toBe('release-artifacts');
    expect(at('aws_s3_bucket_website_configuration.named').references).toEqual([
      'aws_s3_bucket.named',
    ]);
    expect(at('aws_s3_bucket_acl.each["y"]').values.bucket).toBe('e-y');
    expect(at('aws_s3_bucket_acl.each["y"]').references).toEqual(['aws_s3_bucket.each["y"]']);
  });

  it('a configured reference is that reference, read through the resource that configures it', () => {
    // `aws_s3_bucket_acl.named.bucket` is written `aws_s3_bucket.named.id`, as the provider plans it.
    expect(plain(at('aws_s3_bucket_ownership_controls.chained').values.bucket)).toEqual({
      unknown: ['aws_s3_bucket.named.id'],
    });
    expect(at('aws_s3_bucket_ownership_controls.chained').references).toEqual([
      'aws_s3_bucket.named',
      'aws_s3_bucket_acl.named',
    ]);
  });

  it('depends_on counts as a reference', () => {
    expect(at('aws_s3_bucket_ownership_controls.map').references).toEqual([
      'aws_s3_bucket.map["b"]',
      'aws_s3_bucket.named',
    ]);
  });

  it('a splat over counted resources is a list of references', () => {
    expect(plain(at('terraform_data.splat').values.input)).toEqual([
      { unknown: ['aws_s3_bucket.counted[0].arn'] },
      { unknown: ['aws_s3_bucket.counted[1].arn'] },
    ]);
  });
});

describe('count and for_each', () => {
  const inventory = loadFixture('references');

  it('expand into keyed instances with count.index, each.key and each.value', () => {
    const buckets = (name: string) =>
      inventory.resources.filter((r) => r.type === 'aws_s3_bucket' && r.name === name);
    expect(buckets('counted').map((r) => [r.address, r.key, r.values.bucket])).toEqual([
      ['aws_s3_bucket.counted[0]', 0, 'b-0'],
      ['aws_s3_bucket.counted[1]', 1, 'b-1'],
    ]);
    expect(buckets('each').map((r) => [r.address, r.key, r.values.bucket])).toEqual([
      ['aws_s3_bucket.each["x"]', 'x', 'e-x'],
      ['aws_s3_bucket.each["y"]', 'y', 'e-y'],
    ]);
    expect(buckets('map').map((r) => [r.address, r.values])).toEqual([
      ['aws_s3_bucket.map["a"]', { bucket: 'a', acl: 'private' }],
      ['aws_s3_bucket.map["b"]', { bucket: 'b', acl: 'public-read' }],
    ]);
  });

  it('an unknown for_each is one instance with an unknown key, reported at info', () => {
    const unknownEach = resource(inventory, 'aws_s3_bucket.unknown_each[*]');
    expect(unknownEach.key).toBeUndefined();
    expect(isUnknown(unknownEach.values.bucket)).toBe(true);
    const info = inventory.diagnostics.find((d) => d.code === 'eval-unknown-for-each');
    expect(info).toMatchObject({
      severity: 'info',
      range: { file: 'main.tf', start: { line: 25 } },
    });
    expect(info?.message).toContain('variable buckets has no value');
  });
});

describe("OpenTofu's lifecycle { enabled }", () => {
  const inventory = loadTerraform({
    root: tempTree({
      'main.tofu': `variable "on" {
  default = false
}
variable "unset" {}
resource "aws_s3_bucket" "off" {
  bucket = "off"
  lifecycle {
    enabled = var.on
  }
}
resource "aws_s3_bucket" "on" {
  bucket = "on"
  lifecycle {
    prevent_destroy = true
    enabled         = !var.on
  }
}
resource "aws_s3_bucket" "maybe" {
  bucket = "maybe"
  lifecycle {
    enabled = var.unset
  }
}
module "off" {
  source = "./m"
  lifecycle {
    enabled = false
  }
}
resource "terraform_data" "refs" {
  input = [aws_s3_bucket.off, module.off]
}
`,
      'm/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "in-module"\n}\n',
    }),
  });

  it('false declares no instance, true one without a key, unknown one that may not exist', () => {
    expect(inventory.resources.map((r) => [r.address, r.key, r.values.bucket])).toEqual([
      ['aws_s3_bucket.on', undefined, 'on'],
      ['aws_s3_bucket.maybe[*]', undefined, 'maybe'],
      ['terraform_data.refs', undefined, undefined],
    ]);
    // "When enabled is false, the resource is not created and evaluates to null."
    expect(resource(inventory, 'terraform_data.refs').values.input).toEqual([null, null]);
    expect(inventory.moduleCalls.map((c) => c.address)).toEqual([]);
    expect(inventory.diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'eval-unknown-for-each',
        21,
        'aws_s3_bucket.maybe: enabled is not known (variable unset has no value); scanned as one instance aws_s3_bucket.maybe[*]',
      ],
    ]);
  });
});

describe('data "aws_iam_policy_document"', () => {
  const inventory = loadFixture('references');
  const policyOf = (address: string): Value => resource(inventory, address).values.policy ?? null;

  it('renders as the AWS provider does when its inputs are known', () => {
    const json = policyOf('aws_s3_bucket_policy.public');
    expect(typeof json).toBe('string');
    expect(JSON.parse(json as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PublicRead',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::release-artifacts/*',
          Principal: '*',
        },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetObject'],
          Resource: 'arn:aws:s3:::release-artifacts',
          Principal: { AWS: '*' },
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
        },
      ],
    });
    expect(resource(inventory, 'aws_s3_bucket_policy.public').references).toEqual([
      'aws_s3_bucket.named',
      'data.aws_iam_policy_document.public',
    ]);
  });

  it('is unknown, naming the document, when an input is computed', () => {
    expect(plain(policyOf('aws_s3_bucket_policy.computed'))).toEqual({
      unknown: ['data.aws_iam_policy_document.computed.json'],
    });
    expect(resource(inventory, 'data.aws_iam_policy_document.computed').references).toEqual([
      'aws_s3_bucket.named',
    ]);
  });

  it('keeps its statements as values for adapters', () => {
    const document = resource(inventory, 'data.aws_iam_policy_document.public');
    expect(document.values.statement).toMatchObject([
      { sid: 'PublicRead', principals: [{ type: '*', identifiers: ['*'] }] },
      { principals: [{ type: 'AWS', identifiers: ['*'] }] },
    ]);
    expect(codes(inventory)).not.toContain('eval-cycle');
  });
});

// The attributes a data source computes are a table by type and name: a type or attribute named
// after an inherited property found Object.prototype's function, and `data.constructor.d.name`
// ended the scan as 'internal error: compute is not a function'.
describe('data sources and attributes named after inherited properties', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s is a reference, not a computed attribute',
    (key) => {
      const inventory = loadTerraform({
        root: tempTree({
          'main.tf': `data "${key}" "d" {
  bucket = "acme"
}
data "aws_s3_bucket" "e" {
  bucket = "acme"
}
resource "aws_s3_bucket" "r" {
  bucket = data.${key}.d.name
  tags   = { a = data.aws_s3_bucket.e.${key} }
}
`,
        }),
      });
      const values = resource(inventory, 'aws_s3_bucket.r').values;
      expect(plain(values.bucket)).toEqual({ unknown: [`data.${key}.d.name`] });
      expect(plain(values.tags)).toEqual({ a: { unknown: [`data.aws_s3_bucket.e.${key}`] } });
    },
  );
});
