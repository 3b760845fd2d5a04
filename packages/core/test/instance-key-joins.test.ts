import { refResource, unknown, type ResourceInstance, type ValueObject } from '@posture/model';
import { describe, expect, it } from 'vitest';
import { AdapterContext, type BucketKey } from '../src/adapters/context.js';
import { ADAPTED_TYPES } from '../src/adapters/index.js';
import { inventory, rangesFor } from './support/inventory.js';

/** A settings resource that names its bucket at `bucket`, referring to what `references` holds. */
function attachment(values: ValueObject, references: readonly string[]): ResourceInstance {
  return {
    address: 'aws_s3_bucket_public_access_block.b',
    mode: 'managed',
    type: 'aws_s3_bucket_public_access_block',
    name: 'b',
    module: '',
    provider: { name: 'aws', module: '' },
    values,
    ranges: rangesFor(values),
    references,
    annotations: [],
    origin: 'hcl',
  };
}

const bucket = (address: string, aliases?: string[]): BucketKey => ({
  address,
  name: undefined,
  module: '',
  ...(aliases && { aliases }),
});

const RELEASES = 'aws_s3_bucket.b["acme-releases-*"]';
const ARTIFACTS = 'aws_s3_bucket.b["acme-artifacts-*"]';

/**
 * Which of the scanned instances a reference by instance key joins: those it could name. One
 * scanned for keys known in part (`["acme-releases-*"]`) or not at all (`[*]`) stands for each key
 * that fits; a key that fits none joins none, not every instance of the resource, which would give
 * one bucket the Block Public Access, policy or ACL of another.
 */
const CASES: [what: string, ref: string, instances: BucketKey[], joined: string[]][] = [
  [
    'a key of one shape of a for_each',
    'aws_s3_bucket.b["acme-releases-123"].id',
    [bucket(ARTIFACTS), bucket(RELEASES)],
    [RELEASES],
  ],
  ['a key of no shape of a for_each', 'aws_s3_bucket.b["acme-site"].id', [bucket(ARTIFACTS)], []],
  [
    'no key, of a for_each',
    'aws_s3_bucket.b.id',
    [bucket(ARTIFACTS), bucket(RELEASES)],
    [ARTIFACTS, RELEASES],
  ],
  [
    'a known key beside a shape it fits',
    'aws_s3_bucket.b["acme-releases-eu"].id',
    [bucket('aws_s3_bucket.b["acme-releases-eu"]'), bucket(RELEASES)],
    ['aws_s3_bucket.b["acme-releases-eu"]'],
  ],
  [
    'a key that two shapes fit',
    'aws_s3_bucket.b["acme-releases-123"].id',
    [bucket('aws_s3_bucket.b[*]'), bucket(RELEASES)],
    ['aws_s3_bucket.b[*]', RELEASES],
  ],
  [
    'a key that only a key not known at all fits',
    'aws_s3_bucket.b["acme-site"].id',
    [bucket('aws_s3_bucket.b[*]'), bucket(RELEASES)],
    ['aws_s3_bucket.b[*]'],
  ],
  ['an index of a for_each', 'aws_s3_bucket.b[0].id', [bucket(RELEASES)], []],
  [
    'an index of a count not known',
    'aws_s3_bucket.b[0].id',
    [bucket('aws_s3_bucket.b[*]')],
    ['aws_s3_bucket.b[*]'],
  ],
  [
    'an index past a count known',
    'aws_s3_bucket.b[2].id',
    [bucket('aws_s3_bucket.b[0]'), bucket('aws_s3_bucket.b[1]')],
    [],
  ],
  [
    "a key of a plan's for_each that names none of its instances",
    'aws_s3_bucket.b["acme-site"].id',
    [bucket('aws_s3_bucket.b["acme-releases"]')],
    [],
  ],
  [
    "a key of a module call's for_each",
    'module.m["acme-releases-1"].aws_s3_bucket.b.id',
    [
      bucket('module.m["acme-artifacts-*"].aws_s3_bucket.b'),
      bucket('module.m["acme-releases-*"].aws_s3_bucket.b'),
    ],
    ['module.m["acme-releases-*"].aws_s3_bucket.b'],
  ],
  [
    'keys of a module call and of its resource, neither known',
    'module.m[0].aws_s3_bucket.b[0].id',
    [bucket('module.m[*].aws_s3_bucket.b[*]')],
    ['module.m[*].aws_s3_bucket.b[*]'],
  ],
  [
    "an output of a registry module's instance, of a for_each known in part",
    'module.releases["acme-artifacts-1"].s3_bucket_id',
    [
      bucket('module.releases["acme-releases-*"]', [
        'module.releases["acme-releases-*"].s3_bucket_id',
      ]),
    ],
    [],
  ],
  [
    "an output of a registry module's instance, of a count not known",
    'module.releases[0].s3_bucket_id',
    [bucket('module.releases[*]', ['module.releases[*].s3_bucket_id'])],
    ['module.releases[*]'],
  ],
];

describe('a settings resource that names an instance by its key', () => {
  const ctx = new AdapterContext(inventory(), ADAPTED_TYPES);
  const joined = (resource: ResourceInstance, all: BucketKey[], alone?: boolean) =>
    ctx.targets(resource, 'bucket', all, { alone }).map((b) => b.address);

  it.each(CASES)('%s: bucket = %s', (_what, ref, instances, expected) => {
    const resource = attachment({ bucket: unknown([ref]) }, [refResource(ref)]);
    expect(joined(resource, instances)).toEqual(expected);
    // A CloudFront origin, which names buckets in several places, joins them the same way.
    expect(joined(resource, instances, false)).toEqual(expected);
  });

  it.each(CASES)(
    '%s: a bucket not known, and %s alone referred to',
    (_what, ref, instances, expected) => {
      // As a bucket policy on var.x whose statements name the ARN of that one bucket.
      const resource = attachment({ bucket: unknown([], 'variable x has no value') }, [
        refResource(ref),
      ]);
      expect(joined(resource, instances)).toEqual(expected.length === 1 ? expected : []);
    },
  );
});
