/**
 * What Terraform refuses at the top of a configuration file (an unknown block type, an argument
 * outside any block, a plan saved as `.tf.json`) is an error at its line: Terraform would not apply
 * the configuration, and a block it refuses may hide a bucket. Terragrunt's files and `.tfvars`
 * have blocks of their own, which are not Terraform's.
 */
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n';
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.11.4',
  planned_values: { root_module: { resources: [] } },
});

describe('what Terraform refuses at the top of a file', () => {
  const cases: [name: string, files: Record<string, string>, said: string[]][] = [
    [
      'a misspelt resource block',
      { 'main.tf': `${BUCKET}resourse "aws_s3_bucket" "c" {\n  bucket = "acme-releases-2"\n}\n` },
      [
        'main.tf:4 error a block of type "resourse" (Unsupported block type), which was not scanned (the rest of the file was)',
      ],
    ],
    [
      'an unlabelled unknown block',
      { 'main.tf': 'foo {}\n' },
      ['main.tf:1 error a block of type "foo"'],
    ],
    [
      'an argument outside any block',
      { 'main.tf': 'bucket = "x"\n' },
      ['main.tf:1 error the argument "bucket" outside any block'],
    ],
    [
      'an unknown key of a .tf.json',
      { 'main.tf.json': '{\n  "resourse": {"aws_s3_bucket": {"c": {}}}\n}\n' },
      [
        'main.tf.json:2 error the argument "resourse" outside any block (Unsupported argument), which was not read (the rest of the file was)',
      ],
    ],
    [
      'a plan saved as main.tf.json, said once',
      { 'main.tf.json': PLAN },
      [
        'main.tf.json:1 error it is a plan or state that terraform show -json wrote, not configuration',
      ],
    ],
    [
      'an override file alike',
      { 'main.tf': BUCKET, 'override.tf': 'foo {}\n' },
      ['override.tf:1 error a block of type "foo"'],
    ],
    [
      "every block Terraform takes, and a .tf.json's comment",
      {
        'main.tf': [
          'terraform {}',
          'provider "aws" {}',
          'variable "v" {}',
          'locals {}',
          'output "o" {\n  value = 1\n}',
          'module "m" {\n  source = "./m"\n}',
          'data "aws_caller_identity" "c" {}',
          'ephemeral "random_password" "p" {}',
          'action "aws_lambda_invoke" "a" {}',
          'moved {}',
          'import {}',
          'removed {}',
          'check "c" {}',
          BUCKET,
        ].join('\n'),
        'm/main.tf': '',
        'x.tf.json': '{"//": "a comment", "locals": {"a": 1}}',
      },
      [],
    ],
    [
      "Terragrunt's files and .tfvars, whose blocks are their own",
      {
        'terragrunt.hcl':
          'terraform {\n  source = "."\n}\ninputs = {}\ninclude "root" {\n  path = "x.hcl"\n}\n',
        'main.tf': BUCKET,
        'terraform.tfvars': 'foo = 1\n',
        'x.hcl': 'remote_state {}\n',
      },
      [],
    ],
    // What a generate block writes is a file of the module Terraform reads: it was not checked.
    [
      'a misspelt block in the file a Terragrunt generate block writes, at its line',
      {
        'm/main.tf': BUCKET,
        'live/terragrunt.hcl': [
          'terraform {\n  source = "../m"\n}',
          'generate "b" {\n  path = "b.tf"\n  if_exists = "overwrite"\n  contents = <<EOF',
          'resourse "aws_s3_bucket" "c" {\n  bucket = "acme-releases-2"\n}\nEOF\n}',
          'generate "v" {\n  path = "v.tf"\n  contents = "bucket = \\"x\\""\n}',
          'generate "t" {\n  path = "terraform.tfvars"\n  contents = "bucket = \\"x\\""\n}\n',
        ].join('\n'),
      },
      [
        'live/terragrunt.hcl:8 error in the file generate writes: a block of type "resourse"',
        'live/terragrunt.hcl:15 error in the file generate writes: the argument "bucket" outside any block',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, files, said) => {
    const inventory = loadTerraform({ root: tempTree(files) });
    const refused = inventory.diagnostics
      .filter((d) => d.code === 'terraform-unsupported')
      .map((d) => `${d.range.file}:${d.range.start.line} ${d.severity} ${d.message}`);
    expect(refused).toHaveLength(said.length);
    said.forEach((start, i) => expect(refused[i]).toContain(start));
  });

  it('reads the rest of the file still', () => {
    const inventory = loadTerraform({ root: tempTree({ 'main.tf': `foo {}\n${BUCKET}` }) });
    expect(inventory.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
  });
});
