import { describe, expect, it } from 'vitest';
import { bucketDisplayName, nameShape } from '../src/bucket-name.js';

describe('what a bucket is called', () => {
  const address = 'aws_s3_bucket.releases';
  it.each([
    ['a known name', { name: 'acme-releases' }, 'acme-releases', 'acme-releases'],
    [
      'a name known in part before apply ("acme-cli-${var.env}-releases")',
      { name: undefined, nameParts: ['acme-cli-', null, '-releases'] },
      'acme-cli-*-releases',
      'acme-cli-*-releases',
    ],
    [
      'a name AWS completes from bucket_prefix = "acme-"',
      { name: undefined, nameParts: ['acme-', null] },
      'acme-*',
      'acme-*',
    ],
    ['nothing known of the name', { name: undefined }, undefined, address],
  ])('%s', (_what, named, shape, display) => {
    expect(nameShape({ address, ...named })).toBe(shape);
    expect(bucketDisplayName({ address, ...named })).toBe(display);
  });
});
