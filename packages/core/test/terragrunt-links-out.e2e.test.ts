import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../../../test/support/temp-dirs.js';
import { scan } from '../src/index.js';
import { summarize } from './support/scan-files.js';

// The root.hcl a unit includes (found with find_in_parent_folders, or named) or reads, linked out
// of the root, was not read, as it must not be; but the scan passed the gate (exit 0) with at most
// a warning, though the file it did not read set `public = true`.
describe('a file a Terragrunt unit includes or reads through a symlink out of the root', () => {
  it.each([
    'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}',
    'include "root" {\n  path = "../root.hcl"\n}',
    'locals {\n  root = read_terragrunt_config("../root.hcl", { inputs = {} })\n}\ninputs = local.root.inputs',
  ])('fails the gate at the link, never reading it: %s', async (unit) => {
    const tree = tempTree('core', {
      'outside/root.hcl': 'inputs = { public = true, name = "outside-secret-releases" }\n',
      'repo/modules/bucket/main.tf':
        'variable "public" {\n  default = false\n}\nvariable "name" {\n  default = "acme-releases"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n  acl    = var.public ? "public-read" : "private"\n}\n',
      'repo/live/prod/terragrunt.hcl': `terraform {\n  source = "../../modules/bucket"\n}\n${unit}\n`,
    });
    const root = join(tree, 'repo');
    symlinkSync(join(tree, 'outside/root.hcl'), join(root, 'live/root.hcl'));
    const report = await scan({ root });
    expect(summarize(report)).toContain('input-unreadable@live/root.hcl:1');
    expect(JSON.stringify(report)).not.toContain('outside-secret-releases');
  });
});

// Named outside the root, it was a path-outside-root warning, and the unit was judged on the
// module's defaults (public = false): no finding, exit 0, though the file it did not read set
// `public = true`. Terragrunt reads it as any include: it is an error where it is named.
describe('a file a Terragrunt unit includes by a name outside the root', () => {
  it.each([
    ['relative', () => '../../../outside/root.hcl'],
    ['absolute', (tree: string) => join(tree, 'outside/root.hcl')],
  ])('fails the gate where it is named, never reading it: %s', async (_kind, named) => {
    const tree = tempTree('core', {
      'outside/root.hcl': 'inputs = { public = true, name = "outside-secret-releases" }\n',
      'repo/modules/bucket/main.tf':
        'variable "public" {\n  default = false\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n  acl    = var.public ? "public-read" : "private"\n}\n',
      'repo/live/prod/.keep': '',
    });
    const root = join(tree, 'repo');
    writeFileSync(
      join(root, 'live/prod/terragrunt.hcl'),
      `terraform {\n  source = "../../modules/bucket"\n}\ninclude "root" {\n  path = "${named(tree)}"\n}\n`,
    );
    const report = await scan({ root });
    expect(summarize(report)).toContain('input-unreadable@live/prod/terragrunt.hcl:5');
    expect(JSON.stringify(report)).not.toContain('outside-secret-releases');
  });
});
