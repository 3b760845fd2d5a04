import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

// fileexists with a path outside the root was said to be a call Terraform refuses (an eval-invalid
// warning, 'cannot check files here'); fileset's path was not looked at, its result not known with
// no word of why. Each is a path-outside-root warning where it is named, and nothing else.
describe('file functions naming a path outside the scan root', () => {
  it.each([
    ['fileexists("/etc/hostname") ? "acme-releases" : "acme-logs"', 'main.tf:2'],
    ['join(",", fileset("../outside", "*.json"))', 'main.tf:2'],
    ['file("/etc/hostname")', 'main.tf:2'],
  ])('%s is said at its line', async (expression, at) => {
    const report = await scanFiles({
      'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = ${expression}\n}\n`,
    });
    const said = report.result.diagnostics.map(
      (d) => `${d.code} ${d.severity} ${d.range.file}:${d.range.start.line}`,
    );
    expect(said).toEqual([`path-outside-root warning ${at}`]);
  });
});

// Its fallback was taken in silence: a private name for a bucket the outside file may name.
describe('read_terragrunt_config naming a file outside the scan root', () => {
  it('is said at its line, and what it reads is not known', async () => {
    const report = await scanFiles({
      'modules/bucket/main.tf':
        'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n',
      'live/terragrunt.hcl': [
        'terraform {\n  source = "../modules/bucket"\n}',
        'locals {\n  other = read_terragrunt_config("/etc/x.hcl", { inputs = { name = "acme-logs" } })\n}',
        'inputs = { name = local.other.inputs.name }\n',
      ].join('\n'),
    });
    const said = report.result.diagnostics.map(
      (d) => `${d.code} ${d.severity} ${d.range.file}:${d.range.start.line}`,
    );
    expect(said).toContain('path-outside-root warning live/terragrunt.hcl:5');
    expect(JSON.stringify(report.result)).not.toContain('acme-logs');
  });
});
