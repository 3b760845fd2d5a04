import { describe, expect, it, vi } from 'vitest';
import type { Bucket, StorageLink } from '@posture/model';
import { LinkMatcher } from '../src/link-match.js';

/** An S3 bucket whose name is known only in part, as `nameParts` writes it. */
const shaped = (address: string, ...nameParts: (string | null)[]) =>
  ({ address, service: 's3', name: undefined, nameParts, endpoints: [] }) as unknown as Bucket;
const download = (bucket: string) =>
  ({ bucket, service: 's3', form: 's3-virtual-hosted', usage: 'download' }) as StorageLink;

describe('LinkMatcher: a link to a bucket whose name is known only in part', () => {
  const buckets = [
    shaped('releases', 'acme-', null, '-releases'),
    shaped('prefixed', 'tools-', null),
    shaped('suffixed', null, '-artifacts-eu'),
    shaped('both', 'acme-', null, '-dist'),
    shaped('also-both', 'acme-prod-', null),
    shaped('unicode', 'ünïcode-', null),
  ];
  const matcher = new LinkMatcher(buckets);

  it.each([
    ['the one shape that fits', 'acme-staging-releases', 'releases'],
    ['in any case, as shapes match', 'ACME-Staging-Releases', 'releases'],
    ['a shape known at its start only', 'tools-cache-1', 'prefixed'],
    ['a shape known at its end only', 'web-artifacts-eu', 'suffixed'],
    ['none when two shapes fit', 'acme-prod-dist', undefined],
    ['none when only the edges fit, not the gap', 'acme-pr/od-releases', undefined],
    ['none when the edges overlap', 'acme-releases', undefined],
    ['none when no shape fits', 'other-releases', undefined],
    ['the shape of other text than ASCII, tested against every name', 'ünïcode-1', 'unicode'],
    ['and in any case', 'ÜNÏCODE-1', 'unicode'],
  ])('%s: %s', (_case, name, address) => {
    expect(matcher.match(download(name))?.address).toBe(address);
  });

  it('tests each name only against the shapes with its start and end', () => {
    const many = Array.from({ length: 1000 }, (_, i) => shaped(`b${i}`, 'acme-', null, `-r${i}`));
    const tested = vi.spyOn(RegExp.prototype, 'test');
    try {
      const found = new LinkMatcher(many);
      const matched = many.map((_, i) => found.match(download(`acme-prod-r${i}`))?.address);
      expect(matched).toEqual(many.map((b) => b.address));
      const shapes = tested.mock.contexts.filter((regex) => String(regex).startsWith('/^acme-'));
      expect(shapes).toHaveLength(many.length);
    } finally {
      tested.mockRestore();
    }
  });
});
