import type { ResourceInstance } from '@posture/model';
import { describe, expect, it } from 'vitest';
import type { BucketKey } from '../src/adapters/context.js';
import { withStandIns } from '../src/adapters/external.js';

const key = (address: string): BucketKey => ({ address, name: undefined, module: '' });
const standIn = (address: string) => ({ address }) as ResourceInstance;
const keyOf = (resource: ResourceInstance) => key(resource.address);
const DECLARED = [key('aws_s3_bucket.a'), key('aws_s3_bucket.b')];

/**
 * The buckets the settings resources are joined against: the declared ones, then the stand-ins.
 * With no stand-in they are the declared list itself, which `AdapterContext.targets` has indexed
 * already: a copy was indexed again, a tenth of the S3 adapter's time on 60,000 buckets.
 */
const CASES: [what: string, standIns: ResourceInstance[], addresses: string[]][] = [
  ['no stand-in', [], ['aws_s3_bucket.a', 'aws_s3_bucket.b']],
  [
    'a stand-in',
    [standIn('bucket "acme-releases"')],
    ['aws_s3_bucket.a', 'aws_s3_bucket.b', 'bucket "acme-releases"'],
  ],
];

describe('withStandIns', () => {
  it.each(CASES)('%s', (_, standIns, addresses) => {
    const keys = withStandIns(DECLARED, standIns, keyOf);
    expect(keys.map((k) => k.address)).toEqual(addresses);
    // The same list when it holds the same keys, so its index is built once.
    expect(keys === DECLARED).toBe(standIns.length === 0);
  });
});
