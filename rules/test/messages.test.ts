import { describe, expect, it } from 'vitest';
import { Unknown } from '@posture/model';
import { bucketLabel, unknownValue } from '../src/messages.js';
import { s3Bucket } from './support/facts.js';

describe('how an alert names its bucket', () => {
  it.each([
    ['by its name', s3Bucket(), '"acme-releases" (aws_s3_bucket.releases)'],
    [
      'by what is known of a name known in part before apply',
      s3Bucket({ name: undefined, nameParts: ['acme-cli-', null, '-releases'] }),
      '"acme-cli-*-releases" (aws_s3_bucket.releases)',
    ],
    ['by its address alone', s3Bucket({ name: undefined }), 'aws_s3_bucket.releases'],
    [
      'as not declared',
      s3Bucket({ declaredElsewhere: true }),
      '"acme-releases" (not declared in the Terraform scanned)',
    ],
  ])('%s', (_what, bucket, label) => {
    expect(bucketLabel(bucket)).toBe(label);
  });
});

/** Why a value is not known, said once: a reason that only says so again is left out. */
describe('how a message says a value is not known', () => {
  it.each([
    [
      'with its reason',
      new Unknown([], 'variable env has no value'),
      ' (variable env has no value)',
    ],
    [
      'with no reason, by what it depends on',
      new Unknown(['aws_s3_bucket.b.id']),
      ' (it depends on aws_s3_bucket.b.id)',
    ],
    ['known after apply, once', new Unknown(['aws_s3_bucket.b.id'], 'known after apply'), ''],
  ])('%s', (_what, value, because) => {
    expect(unknownValue('its origin', value)).toBe(
      `its origin is not known before apply${because}`,
    );
  });
});
