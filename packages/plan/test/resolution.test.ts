import { describe, expect, it } from 'vitest';
import { resolveReferences } from '../src/references.js';
import { sourceKind } from '../src/module-calls.js';
import { providerRef } from '../src/providers.js';

describe('resolveReferences', () => {
  const instances = new Set(['aws_s3_bucket.b[0]', 'module.m["x"].aws_s3_bucket.b["k"]']);

  it('keeps the longest form of each reference and drops non-resources', () => {
    expect(
      resolveReferences(['aws_s3_bucket.b.id', 'aws_s3_bucket.b', 'var.name', 'local.x'], {
        module: '',
        instances,
      }),
    ).toEqual(['aws_s3_bucket.b.id']);
  });

  it('qualifies references made inside a module instance', () => {
    expect(
      resolveReferences(['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'], {
        module: 'module.m["x"]',
        instances,
      }),
    ).toEqual(['module.m["x"].data.aws_iam_policy_document.p.json']);
  });

  it('narrows to the instance with the same key, only when it exists', () => {
    const refs = ['aws_s3_bucket.b', 'count.index'];
    expect(resolveReferences(refs, { module: '', key: 0, instances })).toEqual([
      'aws_s3_bucket.b[0]',
    ]);
    expect(resolveReferences(refs, { module: '', key: 3, instances })).toEqual(['aws_s3_bucket.b']);
    expect(
      resolveReferences(['aws_s3_bucket.b', 'each.key'], {
        module: 'module.m["x"]',
        key: 'k',
        instances,
      }),
    ).toEqual(['module.m["x"].aws_s3_bucket.b["k"]']);
    // Without each.key or count.index the index is something else: no narrowing.
    expect(resolveReferences(['aws_s3_bucket.b'], { module: '', key: 0, instances })).toEqual([
      'aws_s3_bucket.b',
    ]);
  });
});

it('sourceKind tells module sources apart as terraform init does', () => {
  expect(sourceKind('./modules/buckets')).toBe('local');
  expect(sourceKind('../shared')).toBe('local');
  expect(sourceKind('terraform-aws-modules/s3-bucket/aws')).toBe('registry');
  expect(sourceKind('app.terraform.io/acme/buckets/aws')).toBe('registry');
  expect(sourceKind('git::https://example.com/buckets.git?ref=v1')).toBe('git');
  expect(sourceKind('github.com/acme/buckets')).toBe('git');
  expect(sourceKind('https://example.com/buckets.zip')).toBe('other');
});

describe('providerRef', () => {
  const configs = {
    'module.site:aws': { name: 'aws', module_address: 'module.site' },
    'aws.west': { name: 'aws', alias: 'west' },
  };

  it('follows provider_config_key to the provider block Terraform resolved', () => {
    expect(providerRef('aws.west', configs, undefined)).toEqual({
      name: 'aws',
      alias: 'west',
      module: '',
    });
    expect(providerRef('module.site:aws', configs, undefined)).toEqual({
      name: 'aws',
      module: 'module.site',
    });
  });

  it('reads a key with no block (an implicit provider) by its parts', () => {
    expect(providerRef('module.a:google.eu', configs, undefined)).toEqual({
      name: 'google',
      alias: 'eu',
      module: 'module.a',
    });
  });

  it('without a configuration (state), takes the provider type from provider_name', () => {
    expect(
      providerRef(undefined, undefined, 'registry.terraform.io/cloudflare/cloudflare'),
    ).toEqual({
      name: 'cloudflare',
      module: '',
    });
  });
});
