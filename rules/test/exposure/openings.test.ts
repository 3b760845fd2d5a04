import { expect, it } from 'vitest';
import type { BucketOpening, StorageLink } from '@posture/model';
import linkOpensBucket from '../../src/link/link-opens-bucket.js';
import linkPublicBucket from '../../src/link/link-public-bucket.js';
import { facts, link, pab, s3Bucket } from '../support/facts.js';

it("reads a build's openings once for all the links checked against them", () => {
  const count = 1000;
  let reads = 0;
  const counted = (over: Partial<StorageLink>): StorageLink => {
    const { opening, ...rest } = link({ bucket: 'acme-assets', ...over });
    return Object.defineProperty(rest, 'opening', {
      get: () => (reads++, opening),
      enumerable: true,
    });
  };
  const publicRead: BucketOpening = { kind: 'grant', through: 'acl', access: ['read'] };
  const downloads = Array.from({ length: count }, (_, i) =>
    counted({ url: `https://acme-assets.s3.amazonaws.com/v${i}/app.tgz` }),
  );
  const commands = Array.from({ length: count }, () =>
    counted({ url: 's3://acme-assets', usage: 'opens', opening: publicRead }),
  );
  // Its public access block refuses every command's ACL: none opens the bucket.
  const bucket = s3Bucket({ name: 'acme-assets', release: [], publicAccessBlock: pab() });
  const build = facts([...downloads, ...commands]);
  const found = [
    ...downloads.flatMap((download) => linkPublicBucket.check(download, bucket, build)),
    ...commands.flatMap((command) => linkOpensBucket.check(command, bucket, build)),
  ];
  expect(found.map((f) => f.message)).toEqual(
    commands.map(() => expect.stringMatching(/tries to open bucket "acme-assets"/)),
  );
  expect(reads).toBeLessThan(20 * 2 * count);
});
