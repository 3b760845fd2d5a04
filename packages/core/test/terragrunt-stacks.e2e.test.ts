import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

const MODULE = `variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = "public-read"
}
`;
const UNIT =
  'terraform {\n  source = "${get_repo_root()}/modules/bucket"\n}\ninputs = { name = values.name }\n';

// `stack.<name>.<unit>.path` was an object with no such attribute (an eval-invalid warning saying
// Terraform would refuse it): the bucket named from it was not release-use, and the scan passed.
describe('a stack file naming the directory a nested stack generates a unit in', () => {
  it('reports the public release bucket named from it', async () => {
    const report = await scanFiles({
      'modules/bucket/main.tf': MODULE,
      'units/bucket/terragrunt.hcl': UNIT,
      'stacks/env/terragrunt.stack.hcl':
        'unit "releases" {\n  source = "${get_repo_root()}/units/bucket"\n  path   = "releases"\n  values = { name = "acme-internal" }\n}\n',
      'live/prod/terragrunt.stack.hcl': [
        // Its values name what it generates, which read them again without end.
        'stack "env" {\n  source = "../../stacks/env"\n  path   = "env"\n  values = { p = stack.env.releases.path }\n}',
        'unit "app" {\n  source = "../../units/bucket"\n  path   = "app"',
        '  values = { name = "acme-${basename(stack.env.releases.path)}" }\n}\n',
      ].join('\n'),
    });
    expect(summarize(report)).toContain('s3-public-acl@modules/bucket/main.tf:4');
    expect(report.result.diagnostics.map((d) => d.code)).not.toContain('eval-invalid');
  });
});
