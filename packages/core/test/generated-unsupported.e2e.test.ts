import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

// A block Terraform refuses in what a Terragrunt generate block writes was not checked: the
// misspelt bucket below passed the scan with no finding and no word.
describe('a block Terraform refuses in a file a generate block writes', () => {
  it('fails the gate at its line, as in a .tf file', async () => {
    const report = await scanFiles({
      'modules/app/main.tf': 'variable "name" {}\n',
      'live/terragrunt.hcl': [
        'terraform {\n  source = "../modules/app"\n}',
        'generate "bucket" {\n  path      = "bucket.tf"\n  if_exists = "overwrite"\n  contents  = <<EOT',
        'resourse "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\nEOT\n}',
        'inputs = { name = "x" }\n',
      ].join('\n'),
    });
    expect(summarize(report)).toEqual(['input-unreadable@live/terragrunt.hcl:8']);
  });
});
