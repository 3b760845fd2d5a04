import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Provisioners run commands while Terraform applies, where no plan shows what they do. A command
 * that opens a bucket is read as a build step's is; the bucket attribute it interpolates is the
 * bucket the Terraform declares.
 */
const BUCKETS = [
  'resource "aws_s3_bucket" "releases" {',
  '  bucket = "acme-releases"',
  '}',
  'resource "google_storage_bucket" "dist" {',
  '  name                        = "acme-dist"',
  '  location                    = "US"',
  '  uniform_bucket_level_access = true',
  '}',
  '',
].join('\n');

const PROVISIONERS = [
  'resource "null_resource" "publish" {',
  '  for_each = toset(["a"])',
  '  provisioner "local-exec" {',
  '    command = <<-EOT',
  '      aws s3 cp dist s3://${aws_s3_bucket.releases.id}/${each.key}/ --recursive --acl public-read',
  '      aws s3api delete-public-access-block --bucket ${aws_s3_bucket.releases.bucket}',
  '    EOT',
  '  }',
  '}',
  'resource "aws_instance" "web" {',
  '  provisioner "remote-exec" {',
  '    inline = ["gsutil iam ch allUsers:objectViewer ${google_storage_bucket.dist.url}"]',
  '  }',
  '}',
  '',
].join('\n');

describe('Terraform provisioners', () => {
  it('that open a bucket or upload to it publicly are findings, on the lines they are written', async () => {
    const report = await scanFiles({ 'main.tf': BUCKETS, 'publish.tf': PROVISIONERS });
    expect(summarize(report).filter((s) => s.includes('publish.tf'))).toEqual([
      'link-opens-bucket@publish.tf:12',
      'link-opens-bucket@publish.tf:6',
      'link-public-upload@publish.tf:5',
    ]);
    const upload = report.result.findings.find((f) => f.ruleId === 'link-public-upload');
    expect(upload).toMatchObject({
      severity: 'critical',
      location: { start: { line: 5, column: 22 } },
    });
    expect(upload?.message).toContain('null_resource.publish["a"] provisioner "local-exec"');
    expect(upload?.message).toContain('aws_s3_bucket.releases');
    const opened = report.result.findings.find(
      (f) => f.ruleId === 'link-opens-bucket' && f.location.start.line === 12,
    );
    // Uniform bucket-level access refuses ACLs, not an IAM binding to allUsers: it opens the bucket.
    expect(opened?.message).toContain('release bucket "acme-dist" (google_storage_bucket.dist)');
    expect(opened?.message).toContain('a command that a Terraform provisioner runs');
  });

  it('that only download, or upload privately, are no findings', async () => {
    const quiet = [
      'resource "null_resource" "fetch" {',
      '  provisioner "local-exec" {',
      '    command = "curl -O https://acme-releases.s3.amazonaws.com/cli.tgz && aws s3 cp cli.tgz s3://${aws_s3_bucket.releases.id}/"',
      '  }',
      '}',
      '',
    ].join('\n');
    const report = await scanFiles({ 'main.tf': BUCKETS, 'fetch.tf': quiet });
    expect(summarize(report).filter((s) => s.includes('fetch.tf'))).toEqual([]);
  });

  it('naming a bucket through a reference the scan cannot resolve open it as written, lower', async () => {
    const unknown = [
      'resource "null_resource" "open" {',
      '  provisioner "local-exec" {',
      '    command = "aws s3api put-bucket-acl --bucket ${aws_s3_bucket.elsewhere.id} --acl public-read-write"',
      '  }',
      '}',
      '',
    ].join('\n');
    const report = await scanFiles({ 'main.tf': BUCKETS, 'open.tf': unknown });
    const opened = report.result.findings.filter((f) => f.location.file === 'open.tf');
    // A public ACL on a bucket that is not release-use is high; medium, as its bucket's controls cannot be checked.
    expect(opened.map((f) => [f.ruleId, f.severity])).toEqual([['link-opens-bucket', 'medium']]);
    expect(opened[0]?.message).toContain('a bucket named only as ${aws_s3_bucket.elsewhere.id}');
  });

  it('are read from the configuration when a plan is scanned: a plan does not carry them', async () => {
    const fixture = new URL(
      '../../plan/test/fixtures/hand-written/gcs-public-iam/',
      import.meta.url,
    );
    const open = [
      'resource "null_resource" "open" {',
      '  provisioner "local-exec" {',
      '    command = "gsutil pap set unspecified gs://some-releases"',
      '  }',
      '}',
      '',
    ].join('\n');
    const files = {
      'main.tf': readFileSync(new URL('main.tf', fixture), 'utf8'),
      'plan.json': readFileSync(new URL('plan.json', fixture), 'utf8'),
      'open.tf': open,
    };
    const withPlan = await scanFiles(files, { plans: ['plan.json'] });
    expect(withPlan.facts.inventory.resources.some((r) => r.origin === 'plan')).toBe(true);
    expect(summarize(withPlan).filter((s) => s.includes('open.tf'))).toEqual([
      'link-opens-bucket@open.tf:3',
    ]);
  });

  it('Terragrunt hooks that open a bucket are findings where the hook is written', async () => {
    const report = await scanFiles({
      'root.hcl': [
        'terraform {',
        '  after_hook "site" {',
        '    commands = ["apply"]',
        '    execute  = ["bash", "-c", "aws s3 website s3://acme-releases/ --index-document index.html"]',
        '  }',
        '}',
        '',
      ].join('\n'),
      'live/prod/terragrunt.hcl':
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
      'live/prod/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n',
      // A second unit runs the same included hook: one command, one finding.
      'live/staging/terragrunt.hcl':
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
    });
    const opened = report.result.findings.filter((f) => f.ruleId === 'link-opens-bucket');
    expect(opened.map((f) => [f.location.file, f.location.start.line, f.severity])).toEqual([
      ['root.hcl', 4, 'high'],
    ]);
    expect(opened[0]?.message).toMatch(
      /^Terragrunt \(after_hook "site"\) opens release bucket "acme-releases".*a command that a Terragrunt hook runs/,
    );
  });
});
