import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, type Value } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { loadFixture, tempTree } from './support/fixtures.js';

/**
 * The terragrunt fixture: units under live/prod that deploy modules/bucket with inputs (one through
 * an included root.hcl and read_terragrunt_config, one with a dependency), a unit whose own .tf files
 * are its module, one deploying a registry module, one pointing outside the root, and a
 * .terragrunt-cache copy that must not be scanned.
 */
const inventory = loadFixture('terragrunt');
const bucket = (rootModule: string, address = 'module.terragrunt.aws_s3_bucket.this') => {
  const found = inventory.resources.find(
    (r) => r.rootModule === rootModule && r.address === address,
  );
  if (!found) throw new Error(`no ${address} in ${rootModule}`);
  return found;
};

describe('Terragrunt units', () => {
  it('evaluate the module they deploy as module.terragrunt of the unit, the inputs its arguments', () => {
    const releases = bucket('live/prod/releases');
    // include.root.locals.org from root.hcl, local.env from env.hcl through read_terragrunt_config.
    expect(releases.values.bucket).toBe('acme-prod-cli-bin');
    // Inputs of the included root.hcl, under the unit's own.
    expect(releases.values.tags).toEqual({ team: 'platform', purpose: 'release' });
    expect(
      inventory.resources.find(
        (r) =>
          r.rootModule === 'live/prod/releases' && r.type === 'aws_s3_bucket_public_access_block',
      )?.values.block_public_acls,
    ).toBe(false);
  });

  it('keep each unit its own root, and the deployed module is no root of its own', () => {
    expect(bucket('live/prod/logs').values.bucket).toBe('acme-prod-logs');
    expect(inventory.resources.some((r) => r.rootModule === 'modules/bucket')).toBe(false);
    // The unit is the call: findings in the module point back at it.
    const call = inventory.moduleCalls.find((c) => c.rootModule === 'live/prod/releases');
    expect(call).toMatchObject({
      address: 'module.terragrunt',
      source: 'modules/bucket',
      status: 'loaded',
    });
    expect(call?.ranges['']?.file).toBe('live/prod/releases/terragrunt.hcl');
  });

  it('know dependency outputs only after apply, and the environment only by its defaults', () => {
    expect(isUnknown((bucket('live/prod/logs').values.tags as Record<string, unknown>).key)).toBe(
      true,
    );
    const site = bucket('live/prod/site', 'aws_s3_bucket.site');
    // get_env's default; terraform.tfvars over the inputs for what both set.
    expect(site.values.bucket).toBe('acme-prod-site-www');
    expect(isUnknown((site.values.tags as Record<string, unknown>).region)).toBe(true);
  });

  it("are evaluated with the variables a plan of the unit was made with, by the unit's directory", () => {
    // What the dependency's output was when the plan was made; the module's directory is no root.
    const tags = { purpose: 'logs', key: 'arn:aws:kms:us-east-1:111122223333:key/plan' };
    const planned = loadFixture('terragrunt', {
      rootVars: new Map<string, Record<string, Value>>([
        ['live/prod/logs', { name: 'acme-prod-logs', tags }],
        ['modules/bucket', { name: 'not-a-root' }],
      ]),
    });
    const of = (root: string) =>
      planned.resources.find(
        (r) => r.rootModule === root && r.address === 'module.terragrunt.aws_s3_bucket.this',
      )?.values;
    expect(of('live/prod/logs')).toMatchObject({ bucket: 'acme-prod-logs', tags });
    expect(of('live/prod/releases')?.bucket).toBe('acme-prod-cli-bin');
  });

  it('read a registry module they fetch by its inputs, as an uninstalled module call', () => {
    const call = inventory.moduleCalls.find((c) => c.rootModule === 'live/prod/registry');
    expect(call).toMatchObject({
      source: 'terraform-aws-modules/s3-bucket/aws',
      version: '4.1.0',
      status: 'unresolved',
      values: { bucket: 'acme-prod-downloads', acl: 'public-read' },
    });
    expect(call?.ranges.acl?.start.line).toBe(6);
  });

  it("never read outside the root, nor Terragrunt's cache", () => {
    expect(inventory.diagnostics.map((d) => [d.code, d.range.file])).toEqual(
      expect.arrayContaining([
        ['path-outside-root', 'live/prod/escape/terragrunt.hcl'],
        ['module-unresolved', 'live/prod/escape/terragrunt.hcl'],
      ]),
    );
    expect(inventory.files.some((f) => f.path.includes('.terragrunt-cache'))).toBe(false);
  });

  it('survive includes of each other and calls to what Posture does not run', () => {
    const root = tempTree({
      'a/terragrunt.hcl':
        'include "b" {\n  path = "../b/terragrunt.hcl"\n}\ninputs = { x = run_cmd("id") }\n',
      'b/terragrunt.hcl': 'include "a" {\n  path = "../a/terragrunt.hcl"\n}\n',
      'c/terragrunt.hcl': 'include "self" {\n  path = include.self.locals.x\n}\n',
      'a/main.tf': 'variable "x" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.x\n}\n',
    });
    const loaded = loadTerraform({ root });
    expect(isUnknown(loaded.resources[0]?.values.bucket)).toBe(true);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('Terragrunt generate blocks', () => {
  const module = ['resource "aws_s3_bucket" "this" {', '  bucket = "acme-cli-bin"', '}', ''].join(
    '\n',
  );
  const rootHcl = [
    'locals {',
    '  region = "eu-west-1"',
    '}',
    'generate "provider" {',
    '  path      = "provider.tf"',
    '  if_exists = "overwrite_terragrunt"',
    '  contents  = <<-EOF',
    '    provider "aws" {',
    '      default_tags {',
    '        tags = { purpose = "release" }',
    '      }',
    '    }',
    '  EOF',
    '}',
    'generate "region" {',
    '  path     = "region.tf"',
    '  contents = "locals { region = \\"${local.region}\\" }"',
    '}',
    '',
  ].join('\n');
  const unit = (extra = '') =>
    [
      'include "root" {',
      '  path = find_in_parent_folders("root.hcl")',
      '}',
      'terraform {',
      '  source = "../../modules/bucket"',
      '}',
      extra,
    ].join('\n');

  it('add the files they write to the module the unit deploys, ranges in the file that writes them', () => {
    const root = tempTree({
      'modules/bucket/main.tf': module,
      'live/root.hcl': rootHcl,
      'live/prod/terragrunt.hcl': unit(),
    });
    const loaded = loadTerraform({ root });
    const provider = loaded.providers.find((p) => p.rootModule === 'live/prod');
    expect(provider).toMatchObject({
      name: 'aws',
      module: 'module.terragrunt',
      values: { default_tags: [{ tags: { purpose: 'release' } }] },
    });
    // The provider block is line 8 of root.hcl, inside the heredoc.
    expect(provider?.ranges['']).toMatchObject({ file: 'live/root.hcl', start: { line: 8 } });
    expect(provider?.ranges['default_tags.0.tags.purpose']).toMatchObject({
      start: { line: 10, column: 18 },
    });
    const bucket = loaded.resources.find(
      (r) => r.address === 'module.terragrunt.aws_s3_bucket.this',
    );
    expect(bucket?.provider).toMatchObject({ name: 'aws', module: 'module.terragrunt' });
    expect(loaded.diagnostics).toEqual([]);
  });

  it("a unit's block of the same name turns an included one off or replaces it; skip keeps the module's file", () => {
    const root = tempTree({
      'modules/bucket/main.tf': module,
      'modules/bucket/provider.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
      'live/root.hcl': rootHcl,
      'live/off/terragrunt.hcl': unit(
        'generate "provider" {\n  disable = true\n  contents = ""\n}',
      ),
      'live/skip/terragrunt.hcl': unit(
        'generate "provider" {\n  path = "provider.tf"\n  if_exists = "skip"\n  contents = "provider \\"aws\\" {}"\n}',
      ),
      'live/over/terragrunt.hcl': unit(),
    });
    const loaded = loadTerraform({ root });
    const values = (unitDir: string) =>
      loaded.providers.filter((p) => p.rootModule === unitDir).map((p) => p.values);
    expect(values('live/off')).toEqual([{ region: 'us-east-1' }]);
    expect(values('live/skip')).toEqual([{ region: 'us-east-1' }]);
    expect(values('live/over')).toEqual([{ default_tags: [{ tags: { purpose: 'release' } }] }]);
  });

  // Terragrunt never writes what a skipped block holds, and Terraform never parses it.
  it.each([
    ['a module file of its name: it is skipped, its errors unreported', true, []],
    ['no module file of its name: it is written, its errors reported', false, [11, 13]],
  ])('with if_exists = "skip" and %s', (_name, existing, lines) => {
    const root = tempTree({
      'modules/bucket/main.tf': module,
      ...(existing && { 'modules/bucket/provider.tf': 'provider "aws" {}\n' }),
      'live/root.hcl': rootHcl,
      'live/prod/terragrunt.hcl': unit(
        [
          'generate "provider" {',
          '  path      = "provider.tf"',
          '  if_exists = "skip"',
          '  contents  = <<EOF',
          'provider "aws" {',
          '  region = "us-east-1"',
          '  default_tags { tags = { purpose = "release" }',
          '}',
          'EOF',
          '}',
        ].join('\n'),
      ),
    });
    const loaded = loadTerraform({ root });
    const errors = loaded.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(errors.map((d) => d.range.start.line)).toEqual(lines);
  });

  it('report a syntax error in what they write at its line, and pass by what Terraform does not read', () => {
    const root = tempTree({
      'modules/bucket/main.tf': module,
      'live/prod/terragrunt.hcl': unit(
        [
          'generate "broken" {',
          '  path = "broken.tf"',
          '  contents = <<EOF',
          'provider "aws" {',
          '  region = ',
          '}',
          'EOF',
          '}',
          'generate "vars" {',
          '  path = "terraform.tfvars"',
          '  contents = "x = 1"',
          '}',
        ].join('\n'),
      ),
    });
    const loaded = loadTerraform({ root });
    const errors = loaded.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(errors.map((d) => [d.range.file, d.range.start.line])).toEqual([
      ['live/prod/terragrunt.hcl', 11],
    ]);
    expect(errors[0]?.message).toMatch(/^in the file generate writes: /);
  });
});

describe('Terragrunt hooks', () => {
  const root = tempTree({
    'root.hcl': [
      'locals {',
      '  bucket = "acme-releases"',
      '}',
      'terraform {',
      '  after_hook "publish" {',
      '    commands = ["apply"]',
      '    execute  = ["aws", "s3api", "put-bucket-acl", "--bucket", local.bucket, "--acl", "public-read"]',
      '  }',
      '  after_hook "notify" {',
      '    commands = ["apply"]',
      '    execute  = ["echo", "done"]',
      '  }',
      '}',
      '',
    ].join('\n'),
    'live/prod/terragrunt.hcl': [
      'include "root" {',
      '  path = find_in_parent_folders("root.hcl")',
      '}',
      'terraform {',
      '  after_hook "notify" {',
      '    commands = ["apply"]',
      '    execute  = ["curl", "-X", "POST", get_env("HOOK_URL")]',
      '  }',
      '}',
      '',
    ].join('\n'),
    'live/prod/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n',
  });
  const { commands } = loadTerraform({ root });

  it("are the unit's commands, each line its execute's arguments, the unit's own over the included", () => {
    expect(commands.map((c) => [c.runner, c.from, c.rootModule, c.range.file])).toEqual([
      ['after_hook "publish"', 'terragrunt-hook', 'live/prod', 'root.hcl'],
      ['after_hook "notify"', 'terragrunt-hook', 'live/prod', 'live/prod/terragrunt.hcl'],
    ]);
    expect(commands[0]).toMatchObject({
      command: 'aws s3api put-bucket-acl --bucket acme-releases --acl public-read',
      textStart: { line: 7, column: 18 },
    });
    // An argument not known before the run keeps the rest of the line.
    const notify = commands[1]?.command;
    expect(isUnknown(notify) && notify.pieces?.[0]).toBe('curl -X POST ');
  });
});

describe('Terragrunt include merge strategies', () => {
  const common = [
    'inputs = {',
    '  tags     = { purpose = "releases", owner = "platform" }',
    '  aliases  = ["a"]',
    '  name     = "from-include"',
    '  included = "only here"',
    '}',
    '',
  ].join('\n');
  const unit = (strategy: string) =>
    [
      'include "common" {',
      '  path = find_in_parent_folders("common.hcl")',
      ...(strategy ? [`  merge_strategy = "${strategy}"`] : []),
      '}',
      'inputs = {',
      '  tags    = { team = "cli", owner = "cli" }',
      '  aliases = ["b"]',
      '  name    = "own"',
      '}',
      '',
    ].join('\n');
  const module =
    'variable "tags" {\n  default = {}\n}\nvariable "aliases" {\n  default = []\n}\nvariable "name" {}\nvariable "included" {\n  default = "unset"\n}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n  tags   = merge(var.tags, { aliases = join(",", var.aliases), included = var.included })\n}\n';
  const inputsOf = (strategy: string) => {
    const root = tempTree({
      'common.hcl': common,
      'live/app/terragrunt.hcl': unit(strategy),
      'live/app/main.tf': module,
    });
    const bucket = loadTerraform({ root }).resources.find((r) => r.type === 'aws_s3_bucket');
    return bucket?.values;
  };

  it.each([
    // The default: the unit's top-level inputs replace the included ones.
    ['', { team: 'cli', owner: 'cli', aliases: 'b', included: 'only here' }],
    ['shallow', { team: 'cli', owner: 'cli', aliases: 'b', included: 'only here' }],
    // Maps merge recursively, lists concatenate, the unit's scalars win.
    [
      'deep',
      { purpose: 'releases', owner: 'cli', team: 'cli', aliases: 'a,b', included: 'only here' },
    ],
    [
      'deep_map_only',
      { purpose: 'releases', owner: 'cli', team: 'cli', aliases: 'b', included: 'only here' },
    ],
    // The included file's inputs do not reach the unit at all.
    ['no_merge', { team: 'cli', owner: 'cli', aliases: 'b', included: 'unset' }],
  ])('merge_strategy "%s"', (strategy, tags) => {
    const values = inputsOf(strategy);
    expect(values?.bucket).toBe('own');
    expect(values?.tags).toEqual(tags);
  });

  // `key in own` found what every object inherits: an included `constructor` was dropped.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'deep merges an included key named %s',
    (key) => {
      const root = tempTree({
        'common.hcl': `inputs = { tags = { ${key} = "included", a = "1" } }\n`,
        'live/app/terragrunt.hcl': `include "common" {\n  path = find_in_parent_folders("common.hcl")\n  merge_strategy = "deep"\n}\ninputs = { tags = { b = "2" } }\n`,
        'live/app/main.tf':
          'variable "tags" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "b"\n  tags   = var.tags\n}\n',
      });
      const bucket = loadTerraform({ root }).resources.find((r) => r.type === 'aws_s3_bucket');
      expect(Object.entries(bucket?.values.tags ?? {})).toEqual([
        [key, 'included'],
        ['a', '1'],
        ['b', '2'],
      ]);
    },
  );
});

describe('Terragrunt includes that cannot be read', () => {
  it('are warnings on the include block: what they set is not read', () => {
    const root = tempTree({
      'live/a/terragrunt.hcl': 'include "root" {\n  path = "../../missing.hcl"\n}\n',
      'live/b/terragrunt.hcl':
        'include "root" {\n  path = find_in_parent_folders("nothere.hcl")\n}\n',
      'live/a/main.tf': '',
      'live/b/main.tf': '',
    });
    const unread = loadTerraform({ root }).diagnostics.filter(
      (d) => d.code === 'terragrunt-include-unread',
    );
    expect(unread.map((d) => [d.severity, d.range.file, d.range.start.line])).toEqual([
      ['warning', 'live/a/terragrunt.hcl', 1],
      ['warning', 'live/b/terragrunt.hcl', 1],
    ]);
    expect(unread[0]?.message).toContain(
      '../../missing.hcl, which is not a file inside the scan root',
    );
    expect(unread[1]?.message).toContain('no nothere.hcl above live/b');
  });

  // Terragrunt reads them; what they set (a public = true over the module's default) was not
  // read, and the unit was judged on the module's defaults, with only a warning.
  it.each([
    ['../../../outside.hcl', '../../../outside.hcl'],
    ['an absolute path elsewhere', 'ABSOLUTE'],
  ])('named outside the root (%s), are errors where they are named', (_name, named) => {
    const tree = tempTree({ 'repo/live/a/main.tf': '', 'outside.hcl': 'inputs = {}\n' });
    const target = named === 'ABSOLUTE' ? path.join(tree, 'outside.hcl') : named;
    writeFileSync(
      path.join(tree, 'repo/live/a/terragrunt.hcl'),
      `include "root" {\n  path = "${target}"\n}\n`,
    );
    const said = loadTerraform({ root: path.join(tree, 'repo') }).diagnostics.map(
      (d) => `${d.code} ${d.severity} ${d.range.file}:${d.range.start.line} ${d.message}`,
    );
    expect(said).toEqual([
      `path-outside-root error live/a/terragrunt.hcl:2 ${target} is outside the scan root and is not read`,
    ]);
  });
});

// A unit's file that is a symlink is read as a `.tf` file is: where it leads when that is inside
// the root (it was left out, with the bucket its inputs make), refused with an error when outside.
describe('a terragrunt.hcl that is a symlink', () => {
  const UNIT =
    'terraform { source = "../../modules/bucket" }\ninputs = { name = "acme-releases" }\n';
  it.each([
    ['inside the root', 'shared/unit.hcl', ['acme-releases'], []],
    ['out of the root', '../outside/unit.hcl', [], [['live/app/terragrunt.hcl', 'error']]],
  ])('%s', (_where, target, buckets, refused) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf':
        'variable "name" {}\nresource "aws_s3_bucket" "this" { bucket = var.name }\n',
      'repo/shared/unit.hcl': UNIT,
      'repo/live/app/keep.txt': '',
      'outside/unit.hcl': UNIT,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(root, target), path.join(root, 'live/app/terragrunt.hcl'));
    const inventory = loadTerraform({ root });
    const units = inventory.resources.filter((r) => r.rootModule === 'live/app');
    expect(units.map((r) => r.values.bucket)).toEqual(buckets);
    const diagnostics = inventory.diagnostics.filter((d) => d.code === 'path-outside-root');
    expect(diagnostics.map((d) => [d.range.file, d.severity])).toEqual(refused);
  });
});

// A source that names a symlinked directory leading out of the root was reported twice: an error
// at the link (the walk's) and a warning at the source; with the link's directory excluded, the
// warning alone, which passes the gate.
describe('a terraform { source } through a symlink out of the root', () => {
  const MODULE = 'variable "name" {}\nresource "aws_s3_bucket" "this" { bucket = var.name }\n';
  it.each<[string, string[], string[], string[]]>([
    ['modules//linked', [], [], ['modules/linked error']],
    ['modules//linked/sub', [], [], ['modules/linked error']],
    ['modules//linked', ['modules'], [], ['modules/linked error']],
    // The link out is still there, and still an error: it is not what the unit deploys.
    ['modules//inside', [], ['acme-releases'], ['modules/linked error']],
  ])('%s, skipping %j: buckets %j, reported %j', (source, skipped, buckets, reported) => {
    const tree = tempTree({
      'repo/modules/real/main.tf': MODULE,
      'repo/live/app/terragrunt.hcl': `terraform { source = "../..//${source}" }\ninputs = { name = "acme-releases" }\n`,
      'outside/bucket/main.tf': MODULE,
      'outside/bucket/sub/main.tf': MODULE,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, 'outside/bucket'), path.join(root, 'modules/linked'));
    symlinkSync(path.join(root, 'modules/real'), path.join(root, 'modules/inside'));
    const skip = (dir: string) => skipped.includes(dir);
    const inventory = loadTerraform({ root, skip });
    const units = inventory.resources.filter((r) => r.rootModule === 'live/app');
    expect(units.map((r) => r.values.bucket)).toEqual(buckets);
    const outside = inventory.diagnostics.filter((d) => d.code === 'path-outside-root');
    expect(outside.map((d) => `${d.range.file} ${d.severity}`)).toEqual(reported);
  });
});

// A file a unit includes or reads through a symlink out of the root was refused with a warning
// (`include`), said to be no file (`find_in_parent_folders`), or taken for its fallback in silence
// (`read_terragrunt_config`): what it sets (`public = true`) was not read, and the gate passed. It
// is an error at the link, as a module source through one is; the file is never read.
describe('a file a unit includes or reads through a symlink out of the root', () => {
  const MODULE =
    'variable "public" {\n  default = false\n}\nresource "aws_s3_bucket" "this" {\n  bucket = "acme-releases"\n  acl    = var.public ? "public-read" : "private"\n}\n';
  const SOURCE = 'terraform {\n  source = "../../modules/bucket"\n}\n';
  it.each<[string, string, string]>([
    ['found above', 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}', 'root.hcl'],
    ['included', 'include "root" {\n  path = "../root.hcl"\n}', 'root.hcl'],
    [
      'read',
      'locals {\n  root = read_terragrunt_config("../root.hcl", { inputs = { public = false } })\n}\ninputs = { public = local.root.inputs.public }',
      'root.hcl',
    ],
    ['through a linked directory', 'include "root" {\n  path = "../shared/root.hcl"\n}', 'shared'],
    [
      'passed as a variable file',
      'terraform {\n  extra_arguments "vars" {\n    commands  = ["plan"]\n    arguments = ["-var-file=../root.tfvars"]\n  }\n}',
      'root.tfvars',
    ],
  ])('%s', (_how, unit, link) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/live/app/terragrunt.hcl': `${SOURCE}${unit}\n`,
      'outside/root.hcl': 'inputs = { public = true }\n',
      'outside/root.tfvars': 'public = true\n',
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, 'outside', link === 'shared' ? '' : link), `${root}/live/${link}`);
    const inventory = loadTerraform({ root });
    const said = inventory.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.file}`);
    expect(said).toEqual([`path-outside-root error live/${link}`]);
    // Not read: `public = true` is not taken, nor, for what it was read for, the fallback.
    expect(inventory.resources[0]?.values.acl).not.toBe('public-read');
  });
});

// read_terragrunt_config of a file outside the root by its name took its fallback, which Terragrunt
// takes only where there is no file, with nothing said (without one: an error Terragrunt would not
// make). It is said where it is named, and what it reads is not known.
describe('read_terragrunt_config of a file outside the root by its name', () => {
  it.each(['', ', { inputs = { name = "acme-logs" } }'])('with a fallback "%s"', (fallback) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf':
        'variable "name" {}\nresource "aws_s3_bucket" "this" { bucket = var.name }\n',
      'repo/live/app/terragrunt.hcl': `terraform { source = "../../modules/bucket" }\nlocals { other = read_terragrunt_config("../../../outside.hcl"${fallback}) }\ninputs = { name = local.other.inputs.name }\n`,
      'outside.hcl': 'inputs = { name = "acme-releases" }\n',
    });
    const inventory = loadTerraform({ root: path.join(tree, 'repo') });
    const said = inventory.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message}`);
    expect(said).toEqual([
      'path-outside-root warning ../../../outside.hcl is outside the scan root and is not read',
    ]);
    expect(isUnknown(inventory.resources[0]?.values.bucket)).toBe(true);
  });
});

// A path a Terragrunt function makes is absolute, a directory of the machine that scans, which the
// warnings about it printed (`/home/ci/repo/live/../modules//x is outside the scan root`): reports
// are uploaded elsewhere. Each is shown by its path from the scan root.
describe('paths Terragrunt functions make, in what is reported', () => {
  const MODULE = 'variable "name" {}\nresource "aws_s3_bucket" "this" { bucket = var.name }\n';
  it.each([
    [
      'a source outside the root',
      'terraform { source = "${get_repo_root()}/../modules//x" }',
      '../modules/x is outside the scan root and is not read',
    ],
    [
      'an include that is no file',
      'include "up" { path = "${get_terragrunt_dir()}/../missing.hcl" }',
      'live/app/terragrunt.hcl includes live/missing.hcl, which is not a file inside the scan root; what it sets is not read',
    ],
    [
      'a read_terragrunt_config outside the root, as the bucket name it leaves unknown',
      [
        'terraform { source = "${get_repo_root()}/modules//bucket" }',
        'locals { other = read_terragrunt_config("${get_repo_root()}/../outside.hcl") }',
        'inputs = { name = local.other.inputs.name }',
      ].join('\n'),
      '../outside.hcl is outside the scan root and is not read',
    ],
  ])('%s', (_what, unit, shown) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/live/app/terragrunt.hcl': `${unit}\n`,
      'outside.hcl': 'inputs = { name = "acme-releases" }\n',
    });
    const root = path.join(tree, 'repo');
    const inventory = loadTerraform({ root });
    const reasons = inventory.resources.flatMap(({ values }) => {
      const name = values.bucket;
      return isUnknown(name) && name.reason !== undefined ? [name.reason] : [];
    });
    const said = [...inventory.diagnostics.map((d) => d.message), ...reasons];
    expect(said).toContain(shown);
    // Nothing but the root itself names the machine's directories.
    expect(JSON.stringify({ ...inventory, root: '' })).not.toContain(tree);
  });
});

// The same paths in what a unit passes to Terraform reached its resources, and through them the
// reports: a tag `source = get_terragrunt_dir()` was `/home/ci/repo/live/app`, release evidence
// wherever the checkout's path says `releases`. They are passed relative to the unit, where the
// module's file functions still find what they name.
describe('paths Terragrunt functions make, in what a unit passes to Terraform', () => {
  const tree = tempTree({
    'repo/modules/bucket/main.tf': `variable "tags" {}
variable "policy" {}
resource "aws_s3_bucket" "this" {
  bucket = "acme-releases"
  tags   = var.tags
}
resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = file(var.policy)
}
`,
    'repo/live/root.hcl': '',
    'repo/live/common/dirs.hcl':
      'locals {\n  here     = get_terragrunt_dir()\n  original = get_original_terragrunt_dir()\n}\n',
    'repo/live/app/policy.json': '{"Statement":[]}',
    'repo/live/app/terragrunt.hcl': `terraform { source = "\${get_repo_root()}/modules//bucket" }
generate "provider" {
  path     = "provider.tf"
  contents = "provider \\"aws\\" {\\n  default_tags {\\n    tags = { src = \\"\${get_repo_root()}\\" }\\n  }\\n}\\n"
}
inputs = {
  policy = "\${get_terragrunt_dir()}/policy.json"
  tags = {
    unit    = get_terragrunt_dir()
    repo    = get_repo_root()
    parent  = find_in_parent_folders("root.hcl")
    partly  = "\${get_repo_root()}/\${get_env("NOT_SET")}"
    read    = read_terragrunt_config("../common/dirs.hcl").locals.here
    origin  = read_terragrunt_config("../common/dirs.hcl").locals.original
  }
}
`,
  });
  const inventory = loadTerraform({ root: path.join(tree, 'repo') });
  const found = (address: string) =>
    inventory.resources.find((r) => r.address === `module.terragrunt.${address}`)?.values;
  const tags = () => found('aws_s3_bucket.this')?.tags as Record<string, unknown> | undefined;

  it.each<[string, () => unknown, unknown]>([
    ['get_terragrunt_dir()', () => tags()?.unit, '../../live/app'],
    ['get_repo_root()', () => tags()?.repo, '../..'],
    ['find_in_parent_folders()', () => tags()?.parent, '../../live/root.hcl'],
    // Terragrunt reads the file as a config of its own path, keeping the unit as the original.
    ['get_terragrunt_dir() in a file read', () => tags()?.read, '../../live/common'],
    ['get_original_terragrunt_dir() in a file read', () => tags()?.origin, '../../live/app'],
    [
      'the known text of a value partly known',
      () => (tags()?.partly as { pieces?: unknown[] } | undefined)?.pieces?.[0],
      '../../',
    ],
    // The module reads the file the input names, as before.
    [
      'a file the module reads',
      () => found('aws_s3_bucket_policy.this')?.policy,
      '{"Statement":[]}',
    ],
    [
      'a file generate writes',
      () => inventory.providers.find((p) => p.rootModule === 'live/app')?.values.default_tags,
      [{ tags: { src: '../..' } }],
    ],
  ])('%s', (_what, value, expected) => {
    expect(value()).toEqual(expected);
  });

  it('name no directory of the machine that scans', () => {
    expect(JSON.stringify({ ...inventory, root: '' })).not.toContain(tree);
  });
});

// The variable files a unit's extra_arguments pass to plan and apply were not read: a module whose
// defaults are private, deployed with `public = true` from `prod.tfvars` through
// `required_var_files`, the idiom of Terragrunt's own examples, scanned as private.
describe('Terragrunt extra_arguments', () => {
  const MODULE = [
    'variable "name" {}',
    'variable "acl" {\n  default = "private"\n}',
    'resource "aws_s3_bucket" "this" { bucket = var.name }',
    'resource "aws_s3_bucket_acl" "this" {',
    '  bucket = aws_s3_bucket.this.id',
    '  acl    = var.acl',
    '}',
    '',
  ].join('\n');
  const ROOT = [
    'terraform {',
    '  extra_arguments "env" {',
    '    commands           = get_terraform_commands_that_need_vars()',
    '    required_var_files = ["${get_terragrunt_dir()}/env.tfvars"]',
    '  }',
    '}',
    '',
  ].join('\n');
  const unit = (terraform: string) =>
    [
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}',
      `terraform {\n  source = "../../modules/bucket"\n${terraform}}`,
      'inputs = {\n  name = "acme-releases"\n  acl  = "authenticated-read"\n}',
      '',
    ].join('\n');
  const extra = (name: string, body: string) =>
    `  extra_arguments "${name}" {\n    commands = ["plan", "apply"]\n    ${body}\n  }\n`;
  const load = (terraform: string, files: Record<string, string> = {}) => {
    const tree = tempTree({
      'repo/root.hcl': ROOT,
      'repo/modules/bucket/main.tf': MODULE,
      'repo/live/prod/terragrunt.hcl': unit(terraform),
      'repo/live/prod/env.tfvars': 'acl = "public-read"\n',
      'outside.tfvars': 'acl = "public-read-write"\n',
      ...files,
    });
    const inventory = loadTerraform({ root: path.join(tree, 'repo') });
    const acl = inventory.resources.find((r) => r.type === 'aws_s3_bucket_acl')?.values.acl;
    const said = inventory.diagnostics
      .filter((d) => d.code !== 'module-unresolved')
      .map((d) => `${d.code}@${d.range.file}:${d.range.start.line}`);
    return { acl, said, inventory };
  };

  it.each<[string, string, Record<string, string>, unknown, string[]]>([
    ["an included block's required_var_files, over the inputs", '', {}, 'public-read', []],
    [
      'a -var-file in arguments, from the unit, after the included files',
      extra('flags', 'arguments = ["-var-file", "more.tfvars"]'),
      { 'repo/live/prod/more.tfvars': 'acl = "public-read-write"\n' },
      'public-read-write',
      [],
    ],
    [
      'an optional file that exists',
      extra('opt', 'optional_var_files = ["${get_terragrunt_dir()}/../common.tfvars"]'),
      { 'repo/live/common.tfvars': 'acl = "public-read-write"\n' },
      'public-read-write',
      [],
    ],
    [
      'none: an optional file that does not exist',
      extra('opt', 'optional_var_files = ["nothere.tfvars"]'),
      {},
      'public-read',
      [],
    ],
    [
      'none, with a warning: a required file not in the checkout',
      extra('req', 'required_var_files = ["nothere.tfvars"]'),
      {},
      'public-read',
      ['terragrunt-var-file-unread@live/prod/terragrunt.hcl:8'],
    ],
    [
      'none, with a warning: a file outside the scan root',
      extra('out', 'arguments = ["-var-file=../../../outside.tfvars"]'),
      {},
      'public-read',
      ['path-outside-root@live/prod/terragrunt.hcl:8'],
    ],
    [
      'a -var in arguments, after the included files',
      extra('flags', 'arguments = ["-var", "acl=public-read-write"]'),
      {},
      'public-read-write',
      [],
    ],
    // As Go's flag parses it (and a CI's command line was read): `-var` is the first one's value,
    // which sets nothing, and `acl=…` no option; it was read as a -var acl=public-read-write.
    [
      'a -var whose value is the word -var',
      extra('flags', 'arguments = ["-var", "-var", "acl=public-read-write"]'),
      {},
      'public-read',
      [],
    ],
    // Terraform reads a -var's text by the variable's type: `acl` has none, so it is the text.
    [
      'a -var that opens as a map, to a variable of no type: the text',
      extra('flags', 'arguments = ["-var", "acl={public-read"]'),
      {},
      '{public-read',
      [],
    ],
    [
      'a -var=name=value, then a -var-file that sets it again, the later one winning',
      extra('flags', 'arguments = ["-var=acl=public-read-write", "-var-file=more.tfvars"]'),
      { 'repo/live/prod/more.tfvars': 'acl = "log-delivery-write"\n' },
      'log-delivery-write',
      [],
    ],
    [
      'a -var-file, then a -var that sets it again',
      extra('flags', 'arguments = ["-var-file=more.tfvars", "-var=acl=public-read-write"]'),
      { 'repo/live/prod/more.tfvars': 'acl = "log-delivery-write"\n' },
      'public-read-write',
      [],
    ],
    [
      'a TF_VAR_ of env_vars, over the inputs, in the block that replaces the included one',
      extra('env', 'env_vars = { TF_VAR_acl = "public-read-write", AWS_PROFILE = "prod" }'),
      {},
      'public-read-write',
      [],
    ],
    [
      'a TF_VAR_ of env_vars, under a var file that sets it',
      extra('envs', 'env_vars = { TF_VAR_acl = "public-read-write" }'),
      {},
      'public-read',
      [],
    ],
    ...[
      'arguments = ["-var-file=${get_env("ENV")}.tfvars"]',
      'arguments = ["-var", get_env("ACL_VAR")]',
      'arguments = [get_env("TF_ARGS")]',
      'arguments = split(" ", get_env("TF_ARGS"))',
      'required_var_files = [get_env("VARS")]',
      'optional_var_files = get_env("VARS")',
      'env_vars = jsondecode(get_env("TF_ENV"))',
    ].map((body): [string, string, Record<string, string>, unknown, string[]] => [
      `none, with a warning: what may set any variable is not known, ${body}`,
      extra('unknown', body),
      {},
      'public-read',
      ['terragrunt-var-file-unread@live/prod/terragrunt.hcl:8'],
    ]),
    [
      "none: the unit's block of the same name, for commands other than plan and apply",
      '  extra_arguments "env" {\n    commands = ["init"]\n    arguments = ["-upgrade"]\n  }\n',
      {},
      'authenticated-read',
      [],
    ],
  ])('%s', (_name, terraform, files, acl, said) => {
    const loaded = load(terraform, files);
    expect(loaded.acl).toBe(acl);
    expect(loaded.said).toEqual(said);
  });

  it('read a -var whose value is not known as a variable not known, not one left out', () => {
    const flags = extra('env', 'arguments = ["-var=acl=${get_env("BUCKET_ACL")}"]');
    expect(load(flags).acl).toMatchObject({ reason: 'environment variable BUCKET_ACL' });
  });

  it('say where a -var and a TF_VAR_ of env_vars set the value', () => {
    const extras = [
      extra('env', 'env_vars = { TF_VAR_name = "acme-downloads" }'),
      extra('flags', 'arguments = [\n      "-var", "acl=public-read-write",\n    ]'),
    ].join('');
    const fetched = unit(extras).replace('../../modules/bucket', 'tfr:///acme/s3/aws?version=1.0');
    const { inventory } = load('', { 'repo/live/prod/terragrunt.hcl': fetched });
    const call = inventory.moduleCalls.find((c) => c.rootModule === 'live/prod');
    expect(call?.values).toMatchObject({ name: 'acme-downloads', acl: 'public-read-write' });
    const line = (name: string) => call?.ranges[name]?.start.line;
    expect([line('name'), line('acl')]).toEqual([8, 13]);
  });

  it('give a module fetched at deploy time its inputs, where the file sets them', () => {
    const { inventory } = load('', {
      'repo/live/prod/terragrunt.hcl': unit('').replace(
        '../../modules/bucket',
        'tfr:///terraform-aws-modules/s3-bucket/aws?version=4.1.0',
      ),
    });
    const call = inventory.moduleCalls.find((c) => c.rootModule === 'live/prod');
    expect(call?.values).toMatchObject({ name: 'acme-releases', acl: 'public-read' });
    expect(call?.ranges.acl).toMatchObject({ file: 'live/prod/env.tfvars', start: { line: 1 } });
  });
});

// Inputs not known before apply (secrets merged in) were dropped whole: the module's variables took
// their defaults, `public = false`, and the bucket lost its name and with it its release-use.
describe('Terragrunt inputs not known before apply', () => {
  const MODULE = [
    'variable "name" {\n  default = "unnamed"\n}',
    'variable "public" {\n  default = false\n}',
    'variable "owner" {\n  default = "nobody"\n}',
    'resource "aws_s3_bucket" "this" {',
    '  bucket = var.name',
    '  tags   = { public = var.public, owner = var.owner }',
    '}',
    '',
  ].join('\n');
  const SECRETS = 'yamldecode(sops_decrypt_file("secrets.enc.yaml"))';
  const load = (unit: string, common = 'inputs = { owner = "platform" }\n') => {
    const root = tempTree({
      'modules/bucket/main.tf': MODULE,
      'live/common.hcl': common,
      'live/prod/terragrunt.hcl': [
        'include "common" {\n  path = find_in_parent_folders("common.hcl")\n}',
        'terraform {\n  source = "../../modules/bucket"\n}',
        unit,
        '',
      ].join('\n'),
    });
    const inventory = loadTerraform({ root });
    const bucket = inventory.resources.find((r) => r.type === 'aws_s3_bucket')?.values;
    const tags = bucket?.tags as Record<string, unknown> | undefined;
    const shown = (v: unknown) => (isUnknown(v) ? 'unknown' : v);
    const said = inventory.diagnostics.map(
      (d) => `${d.code}@${d.range.file}:${d.range.start.line}`,
    );
    return [shown(bucket?.bucket), shown(tags?.public), shown(tags?.owner), said];
  };

  it.each([
    [
      'those known all the same are known; the rest are not known, not their defaults',
      `inputs = merge(${SECRETS}, { name = "acme-releases" })`,
      [
        'acme-releases',
        'unknown',
        'unknown',
        ['terragrunt-inputs-unknown@live/prod/terragrunt.hcl:7'],
      ],
    ],
    [
      'wholly: every variable not known',
      `inputs = ${SECRETS}`,
      ['unknown', 'unknown', 'unknown', ['terragrunt-inputs-unknown@live/prod/terragrunt.hcl:7']],
    ],
    [
      "an included file's: the unit's own inputs over them are known",
      'inputs = { name = "acme-releases", public = true }',
      ['acme-releases', true, 'unknown', ['terragrunt-inputs-unknown@live/common.hcl:1']],
      `inputs = ${SECRETS}\n`,
    ],
    [
      'none: known inputs, the defaults of the rest',
      'inputs = { name = "acme-releases" }',
      ['acme-releases', false, 'platform', []],
    ],
  ])('%s', (_name, unit, expected, common?: string) => {
    expect(load(unit, common)).toEqual(expected);
  });
});

// Terragrunt's functions are a table: a call named after an inherited property found Object
// prototype's function, an invalid value ('def.impl is not a function') that made the unit's
// bucket lose the name that made it release-use: a public-read release bucket gave no findings.
describe('a Terragrunt call named after an inherited property', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s() is a function not known, its result unknown',
    (name) => {
      const root = tempTree({
        'modules/bucket/main.tf':
          'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "acme-releases-${var.name}"\n}\n',
        'live/terragrunt.hcl': `terraform {\n  source = "../modules/bucket"\n}\ninputs = { name = ${name}("x") }\n`,
      });
      const inventory = loadTerraform({ root });
      const bucket = inventory.resources.find((r) => r.type === 'aws_s3_bucket')?.values.bucket;
      expect(isUnknown(bucket) && bucket.pieces?.[0]).toBe('acme-releases-');
      expect(inventory.diagnostics.map((d) => d.code)).toEqual(['eval-unknown-function']);
    },
  );
});

// Terragrunt evaluates Terraform's file functions from the directory of the file that calls them;
// they were errors, "files cannot be read here", so `yamldecode(file("env.yaml"))` left the
// unit's bucket without the name that made it release-use and its module without its settings.
describe('file functions in Terragrunt files', () => {
  const MODULE =
    'variable "name" {}\nvariable "acl" {\n  default = "private"\n}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n  tags   = { acl = var.acl }\n}\n';
  const load = (locals: string, files: Record<string, string> = {}) => {
    const tree = tempTree({
      'repo/modules/bucket/main.tf': MODULE,
      'repo/root.hcl': `locals {\n  common = yamldecode(file("common.yaml"))\n}\n`,
      'repo/common.yaml': 'acl: public-read\n',
      'repo/live/prod/terragrunt.hcl': [
        'include "root" {\n  path   = find_in_parent_folders("root.hcl")\n  expose = true\n}',
        'terraform {\n  source = "../../modules/bucket"\n}',
        `locals {\n  ${locals}\n}`,
        'inputs = { name = local.env.name, acl = include.root.locals.common.acl }',
        '',
      ].join('\n'),
      'repo/live/prod/env.yaml': 'name: acme-releases\n',
      'outside.yaml': 'name: acme-outside\n',
      ...files,
    });
    const inventory = loadTerraform({ root: path.join(tree, 'repo') });
    const bucket = inventory.resources.find((r) => r.type === 'aws_s3_bucket')?.values;
    const shown = (v: unknown) => (isUnknown(v) ? 'unknown' : v);
    const said = inventory.diagnostics
      .filter((d) => d.range.file.endsWith('.hcl'))
      .map((d) => `${d.code}@${d.range.file}:${d.range.start.line}`);
    return [shown(bucket?.bucket), shown((bucket?.tags as Record<string, unknown>).acl), said];
  };

  it.each([
    [
      "from the unit's directory, and from an included file's",
      'env = yamldecode(file("env.yaml"))',
      ['acme-releases', 'public-read', []],
    ],
    [
      'a path a Terragrunt function makes',
      'env = jsondecode(jsonencode(yamldecode(file("${get_terragrunt_dir()}/env.yaml"))))',
      ['acme-releases', 'public-read', []],
    ],
    [
      'none: a file outside the scan root',
      'env = yamldecode(file("../../../outside.yaml"))',
      ['unknown', 'public-read', ['path-outside-root@live/prod/terragrunt.hcl:9']],
    ],
  ])('%s', (_name, locals, expected) => {
    expect(load(locals)).toEqual(expected);
  });
});
