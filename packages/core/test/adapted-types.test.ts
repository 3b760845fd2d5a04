import { describe, expect, it } from 'vitest';
import { ADAPTED_TYPES } from '../src/index.js';
import { readsModuleSource } from '../src/adapters/modules/index.js';
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

  it('with the registry modules adapters read, whose inputs alone are evaluated', async () => {
    const report = await scanFiles({
      'main.tf': `
module "releases" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v4.1.0"
  bucket = "acme-releases"
  acl    = "public-read"
}
module "network" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
}`,
    });
    const values = (name: string) =>
      report.facts.inventory.moduleCalls.find((c) => c.name === name)?.values;
    expect(values('releases')).toMatchObject({ bucket: 'acme-releases', acl: 'public-read' });
    expect(values('network')).toEqual({});
    expect(summarize(report)).toContain('s3-public-acl(low)@main.tf:5');
  });

  it.each([
    ['terraform-aws-modules/s3-bucket/aws', true],
    ['app.terraform.io/terraform-aws-modules/s3-bucket/aws', true],
    ['terraform-google-modules/cloud-storage/google//modules/simple_bucket', true],
    ['terraform-aws-modules/s3-bucket/aws//modules/notification', false],
    ['terraform-aws-modules/vpc/aws', false],
    ['./modules/bucket', false],
  ])('reads the inputs of calls to %s: %s', (source, reads) => {
    expect(readsModuleSource(source)).toBe(reads);
  });

  it('are the only types an adapter may ask for', () => {
    const ctx = new AdapterContext(inventory({}), ADAPTED_TYPES);
    expect(ctx.managed('aws_s3_bucket')).toEqual([]);
    expect(() => ctx.managed('aws_instance')).toThrow(/not declared in ADAPTED_TYPES/);
  });
});
