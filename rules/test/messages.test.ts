import { describe, expect, it } from 'vitest';
import { bucketLabel } from '../src/messages.js';
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
