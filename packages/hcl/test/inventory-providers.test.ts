import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import { loadFixture, resource, tempTree } from './support/fixtures.js';

describe('providers', () => {
  const inventory = loadFixture('providers');

  it('are collected with evaluated values, nested blocks as lists, and ranges', () => {
    expect(inventory.providers.map((p) => [p.name, p.alias, p.module])).toEqual([
      ['aws', undefined, ''],
      ['aws', 'west', ''],
      ['google', undefined, ''],
      ['aws', undefined, 'module.own'],
    ]);
    const [aws, west, google] = inventory.providers;
    expect(aws?.values).toEqual({
      region: 'us-east-1',
      default_tags: [{ tags: { release: 'true', team: 'web' } }],
    });
    expect(aws?.ranges['default_tags.0.tags.release']?.start.line).toBe(5);
    expect(west?.values.endpoints).toEqual([{ s3: 'https://acc.r2.cloudflarestorage.com' }]);
    expect(google?.values.default_labels).toEqual({ purpose: 'release' });
  });

  it.each([
    ['aws_s3_bucket.default', { name: 'aws', module: '' }],
    ['aws_s3_bucket.west', { name: 'aws', alias: 'west', module: '' }],
    ['google_storage_bucket.g', { name: 'google', module: '' }],
    ['cloudflare_r2_bucket.r', { name: 'cloudflare', module: '' }],
    ['module.inherit.aws_s3_bucket.b', { name: 'aws', module: '' }],
    ['module.inherit.module.nested.aws_s3_bucket.leaf', { name: 'aws', module: '' }],
    ['module.mapped.aws_s3_bucket.b', { name: 'aws', alias: 'west', module: '' }],
    ['module.mapped.module.nested.aws_s3_bucket.leaf', { name: 'aws', alias: 'west', module: '' }],
    ['module.own.aws_s3_bucket.o', { name: 'aws', module: 'module.own' }],
    ['module.own.module.nested.aws_s3_bucket.leaf', { name: 'aws', module: 'module.own' }],
    ['module.aliased.module.nested.aws_s3_bucket.leaf', { name: 'aws', alias: 'west', module: '' }],
  ])('%s uses %j', (address, provider) => {
    expect(resource(inventory, address).provider).toEqual(provider);
  });
});

describe('module calls', () => {
  it('keep the providers they pass, resolved in the caller, for a module that is not read', () => {
    const inventory = loadTerraform({
      root: tempTree({
        'main.tf': [
          'provider "aws" {',
          '  alias = "replica"',
          '}',
          'module "storage" {',
          '  source    = "./storage"',
          '  providers = { aws = aws.replica }',
          '}',
        ].join('\n'),
        'storage/main.tf': [
          'module "inherits" {',
          '  source = "terraform-aws-modules/s3-bucket/aws"',
          '}',
          'module "passes" {',
          '  source    = "terraform-aws-modules/s3-bucket/aws"',
          '  providers = { aws = aws, aws.west = aws }',
          '}',
        ].join('\n'),
      }),
    });
    const replica = { name: 'aws', alias: 'replica', module: '' };
    const providers = (address: string) =>
      inventory.moduleCalls.find((call) => call.address === address)?.providers;
    expect(providers('module.storage')).toEqual({ aws: replica });
    expect(providers('module.storage.module.inherits')).toBeUndefined();
    // `aws` of module.storage is the root's aws.replica, which it was given.
    expect(providers('module.storage.module.passes')).toEqual({
      aws: replica,
      'aws.west': replica,
    });
  });
});

describe("OpenTofu's providers with for_each", () => {
  it('a resource or module call naming one instance (`aws.by_region[each.key]`) uses that configuration', () => {
    const inventory = loadTerraform({
      root: tempTree({
        'main.tofu': [
          'provider "aws" {',
          '  alias    = "by_region"',
          '  for_each = toset(["eu-west-1", "us-east-1"])',
          '  region   = each.value',
          '  default_tags {',
          '    tags = { purpose = "release" }',
          '  }',
          '}',
          'resource "aws_s3_bucket" "b" {',
          '  for_each = toset(["eu-west-1"])',
          '  provider = aws.by_region[each.key]',
          '}',
          'module "m" {',
          '  source    = "./m"',
          '  providers = { aws = aws.by_region["us-east-1"] }',
          '}',
        ].join('\n'),
        'm/main.tf': 'resource "aws_s3_bucket" "inner" {}\n',
      }),
    });
    const byRegion = { name: 'aws', alias: 'by_region', module: '' };
    expect(resource(inventory, 'aws_s3_bucket.b["eu-west-1"]').provider).toEqual(byRegion);
    expect(resource(inventory, 'module.m.aws_s3_bucket.inner').provider).toEqual(byRegion);
    expect(inventory.providers[0]?.values.default_tags).toEqual([{ tags: { purpose: 'release' } }]);
  });
});
