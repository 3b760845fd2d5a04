import { describe, expect, it } from 'vitest';
import { resolveReferences, whatItReads } from '../src/references.js';
import { sourceKind } from '../src/module-calls.js';
import { ModuleTree } from '../src/module-tree.js';
import type { ConfigModule } from '../src/plan-json.js';
import { providerRef } from '../src/providers.js';

describe('whatItReads', () => {
  it.each([
    [['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'], 'resources'],
    [['data.aws_caller_identity.me.account_id'], 'resources'],
    [['aws_s3_bucket.b[each.key]', 'each.key', 'count.index', 'path.module'], 'resources'],
    [['aws_s3_bucket.b.arn', 'var.reader'], 'variables'],
    [['local.principals'], 'variables'],
    [['module.roles.reader_arn'], 'variables'],
    [['var.reader', 'terraform.workspace'], 'more'],
  ])('%j: %s', (references, expected) => {
    expect(whatItReads(references)).toBe(expected);
  });
});

describe('resolveReferences', () => {
  const instances = new Set(['aws_s3_bucket.b[0]', 'module.m["x"].aws_s3_bucket.b["k"]']);
  const tree = new ModuleTree(undefined, [], instances);

  it('keeps the longest form of each reference and drops non-resources', () => {
    expect(
      resolveReferences(['aws_s3_bucket.b.id', 'aws_s3_bucket.b', 'var.name', 'local.x'], {
        module: '',
        tree,
      }),
    ).toEqual(['aws_s3_bucket.b.id']);
  });

  it('qualifies references made inside a module instance', () => {
    expect(
      resolveReferences(['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'], {
        module: 'module.m["x"]',
        tree,
      }),
    ).toEqual(['module.m["x"].data.aws_iam_policy_document.p.json']);
  });

  it('narrows to the instance with the same key, only when it exists', () => {
    const refs = ['aws_s3_bucket.b', 'count.index'];
    expect(resolveReferences(refs, { module: '', key: 0, tree })).toEqual(['aws_s3_bucket.b[0]']);
    expect(resolveReferences(refs, { module: '', key: 3, tree })).toEqual(['aws_s3_bucket.b']);
    expect(
      resolveReferences(['aws_s3_bucket.b', 'each.key'], {
        module: 'module.m["x"]',
        key: 'k',
        tree,
      }),
    ).toEqual(['module.m["x"].aws_s3_bucket.b["k"]']);
    // Without each.key or count.index the index is something else: no narrowing.
    expect(resolveReferences(['aws_s3_bucket.b'], { module: '', key: 0, tree })).toEqual([
      'aws_s3_bucket.b',
    ]);
  });
});

describe('references across modules', () => {
  const refs = (...references: string[]) => ({ references });
  // root: bucket b; module "lock" gets its id as var.bucket and passes it on to module "inner";
  // module "store" (for_each) creates buckets and outputs their ids; module "loop" feeds itself.
  const root: ConfigModule = {
    module_calls: {
      lock: {
        source: './lock',
        expressions: { bucket: refs('aws_s3_bucket.b.id', 'aws_s3_bucket.b') },
        module: {
          module_calls: {
            inner: {
              source: './inner',
              expressions: { target: refs('var.bucket') },
              module: { resources: [] },
            },
          },
        },
      },
      store: {
        source: './store',
        for_each_expression: refs('local.names'),
        expressions: {},
        module: {
          outputs: { id: { expression: refs('aws_s3_bucket.this.id', 'aws_s3_bucket.this') } },
        },
      },
      loop: {
        source: './loop',
        expressions: { x: refs('module.loop.out', 'module.loop') },
        module: { outputs: { out: { expression: refs('var.x') } } },
      },
    },
  };
  const tree = new ModuleTree(
    root,
    [
      'module.lock',
      'module.lock.module.inner',
      'module.store["a"]',
      'module.store["b"]',
      'module.loop',
    ],
    new Set([
      'aws_s3_bucket.b',
      'module.store["a"].aws_s3_bucket.this',
      'module.store["b"].aws_s3_bucket.this',
    ]),
  );

  it('follows var.x up to the argument of the call, through every level', () => {
    expect(resolveReferences(['var.target'], { module: 'module.lock.module.inner', tree })).toEqual(
      ['aws_s3_bucket.b.id'],
    );
  });

  it('follows module.c.o down to the output, to one instance or to all', () => {
    expect(
      resolveReferences(['module.store["b"].id', 'module.store["b"]'], { module: '', tree }),
    ).toEqual(['module.store["b"].aws_s3_bucket.this.id']);
    expect(resolveReferences(['module.store'], { module: '', tree })).toEqual([]);
    expect(resolveReferences(['module.store.id'], { module: '', tree })).toEqual([
      'module.store["a"].aws_s3_bucket.this.id',
      'module.store["b"].aws_s3_bucket.this.id',
    ]);
  });

  it('stops on a module that feeds its own output back to itself, and on a root variable', () => {
    expect(resolveReferences(['module.loop.out'], { module: '', tree })).toEqual([]);
    expect(resolveReferences(['var.anything'], { module: '', tree })).toEqual([]);
  });

  it('follows each reference once per module instance, so a crafted plan cannot make it explode', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `module.fan[${i}]`);
    const fan: ConfigModule = {
      module_calls: {
        fan: {
          source: './fan',
          count_expression: refs(),
          expressions: { x: refs('module.fan.out', 'module.fan') },
          module: {
            outputs: { out: { expression: refs('var.x', 'module.fan.out') } },
            module_calls: {
              fan: { source: './fan', expressions: { x: refs('var.x') }, module: {} },
            },
          },
        },
      },
    };
    const big = new ModuleTree(fan, keys, new Set());
    expect(resolveReferences(['module.fan.out'], { module: '', tree: big })).toEqual([]);
  });
});

describe('each.value', () => {
  const refs = (...references: string[]) => ({ references });
  // root: buckets b["x"] and b["y"]; module "lock" is called for_each = aws_s3_bucket.b with
  // bucket = each.value.id, and with all of them as buckets = aws_s3_bucket.b.
  const root: ConfigModule = {
    module_calls: {
      lock: {
        source: './lock',
        for_each_expression: refs('aws_s3_bucket.b'),
        expressions: {
          bucket: refs('each.value.id', 'each.value'),
          buckets: refs('aws_s3_bucket.b'),
        },
        module: {},
      },
    },
  };
  const tree = new ModuleTree(
    root,
    ['module.lock["x"]', 'module.lock["y"]'],
    new Set(['aws_s3_bucket.b["x"]', 'aws_s3_bucket.b["y"]']),
  );
  const forEach = ['aws_s3_bucket.b'];

  it.each([
    {
      what: 'is the instance of the for_each target with the same key, and its attribute',
      references: ['each.value.id', 'each.value'],
      context: { module: '', key: 'y', forEach },
      expected: ['aws_s3_bucket.b["y"].id'],
    },
    {
      what: 'is the whole target when it has no instance with that key',
      references: ['each.value.arn', 'each.value'],
      context: { module: '', key: 'z', forEach },
      expected: ['aws_s3_bucket.b'],
    },
    {
      what: "follows a for_each of var.x to the caller's argument",
      references: ['each.value.id', 'each.value'],
      context: { module: 'module.lock["x"]', key: 'y', forEach: ['var.buckets'] },
      expected: ['aws_s3_bucket.b["y"].id'],
    },
    {
      what: 'is followed through a module call that passes it on as var.x',
      references: ['var.bucket'],
      context: { module: 'module.lock["x"]' },
      expected: ['aws_s3_bucket.b["x"].id'],
    },
    {
      what: 'reads nothing without a for_each',
      references: ['each.value.id', 'each.value'],
      context: { module: '', key: 'x' },
      expected: [],
    },
    {
      what: 'never loops on a crafted for_each that reads each.value',
      references: ['each.value.id'],
      context: { module: '', key: 'x', forEach: ['each.value', 'aws_s3_bucket.b'] },
      expected: ['aws_s3_bucket.b["x"].id'],
    },
  ])('$what', ({ references, context, expected }) => {
    expect(resolveReferences(references, { ...context, tree })).toEqual(expected);
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
