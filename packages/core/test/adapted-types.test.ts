import { describe, expect, it } from 'vitest';
import { ADAPTED_TYPES } from '../src/index.js';
import { AdapterContext } from '../src/adapters/context.js';
import { inventory } from './support/inventory.js';
import { scanFiles, summarize } from './support/scan-files.js';

/** A scan evaluates only the resource types adapters read (`ADAPTED_TYPES`). */
describe('adapted types', () => {
  it('leave other resources out of the inventory, while a bucket still sees what it refers to', async () => {
    const report = await scanFiles({
      'main.tf': `
resource "aws_kms_key" "k" {
  description = "release key"
}
resource "aws_iam_role" "ci" {
  name = "ci"
}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases-\${aws_iam_role.ci.name}"
  tags   = { purpose = "release" }
}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}`,
    });
    expect(report.facts.inventory.resources.map((r) => r.type)).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_acl',
    ]);
    expect(report.facts.buckets.map((b) => b.name)).toEqual(['acme-releases-ci']);
    expect(summarize(report)).toContain('s3-public-acl@main.tf:14');
  });

  it('are the only types an adapter may ask for', () => {
    const ctx = new AdapterContext(inventory({}), ADAPTED_TYPES);
    expect(ctx.managed('aws_s3_bucket')).toEqual([]);
    expect(() => ctx.managed('aws_instance')).toThrow(/not declared in ADAPTED_TYPES/);
  });
});
