import { describe, expect, it } from 'vitest';
import { loadFixture, resource } from './support/fixtures.js';

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
  ])('%s uses %j', (address, provider) => {
    expect(resource(inventory, address).provider).toEqual(provider);
  });
});
