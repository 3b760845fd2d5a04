import { describe, expect, it } from 'vitest';
import type { Bucket, StorageLink } from '@posture/model';
import { builtinRules } from '../../src/index.js';
import {
  R2_DEV_URL,
  link,
  policy,
  r2Bucket,
  r2Domain,
  ownership,
  pab,
  s3Bucket,
  statement,
} from '../support/facts.js';
import { run } from '../support/tester.js';

const linkRules = builtinRules.filter((r) => r.kind === 'link');
const publicRelease = s3Bucket({ policies: [policy([statement()])] });
const publicOther = s3Bucket({
  name: 'acme-assets',
  release: [],
  policies: [policy([statement()])],
});
const r2Dev = link({ url: R2_DEV_URL, service: 'r2', form: 'r2-dev', bucket: undefined });

/** Which link rules report a link: there must be exactly one alert per link that is a finding. */
function reporters(subject: { link: StorageLink; bucket?: Bucket }): string[] {
  return linkRules.filter((rule) => run(rule, subject).length > 0).map((rule) => rule.meta.id);
}

describe('one alert per link', () => {
  it.each([
    [
      'a source-map link to a public release bucket',
      { link: link({ sourceMap: true }), bucket: publicRelease },
      'link-source-map',
    ],
    [
      'a download link of a public release bucket',
      { link: link(), bucket: publicRelease },
      'link-release-bucket',
    ],
    [
      'a public upload to a public release bucket',
      { link: link({ usage: 'public-upload' }), bucket: publicRelease },
      'link-public-upload',
    ],
    [
      'a public upload that clients download from (node-pre-gyp) to a public release bucket',
      { link: link({ usage: 'public-upload', downloaded: true }), bucket: publicRelease },
      'link-public-upload',
    ],
    [
      'a public upload that clients download from, to a release bucket blocking public ACLs',
      {
        link: link({ usage: 'public-upload', downloaded: true, releaseStep: 'release' }),
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      'link-release-bucket',
    ],
    [
      'a public upload that clients download from, to a release bucket with ACLs disabled',
      {
        link: link({ usage: 'public-upload', downloaded: true, releaseStep: 'release' }),
        bucket: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }),
      },
      'link-release-bucket',
    ],
    [
      'a private upload that clients download from (an app updating itself), to a private release bucket',
      {
        link: link({ usage: 'upload', downloaded: true, releaseStep: 'release' }),
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      'link-release-bucket',
    ],
    [
      'a private upload that clients download from, to a public bucket that is not release-use',
      { link: link({ usage: 'upload', downloaded: true }), bucket: publicOther },
      'link-public-bucket',
    ],
    [
      'a public upload to a release bucket blocking public ACLs, that no client downloads from',
      {
        link: link({ usage: 'public-upload', releaseStep: 'release' }),
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      'link-public-upload',
    ],
    [
      'a command that opens a public release bucket',
      {
        link: link({ usage: 'opens', opening: { kind: 'grant' } }),
        bucket: publicRelease,
      },
      'link-opens-bucket',
    ],
    [
      'a command that opens a public bucket that is not release-use',
      {
        link: link({ usage: 'opens', opening: { kind: 'r2-dev' } }),
        bucket: publicOther,
      },
      'link-opens-bucket',
    ],
    [
      'a download link of a public bucket that is not release-use',
      { link: link(), bucket: publicOther },
      'link-public-bucket',
    ],
    [
      'an r2.dev link of a release bucket',
      { link: r2Dev, bucket: r2Bucket({ managedDomain: r2Domain('managed', true) }) },
      'link-release-bucket',
    ],
    [
      'an r2.dev source-map link with no bucket',
      { link: { ...r2Dev, sourceMap: true } },
      'link-source-map',
    ],
  ])('%s is reported once, by %s', (_name, subject, expected) => {
    expect(reporters(subject)).toEqual([expected]);
  });
});
