import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { LoadCache, loadTerraform } from '@posture/hcl';
import { codes, fixture, loadFixture, resource, tempTree } from './support/fixtures.js';

describe('local modules', () => {
  const inventory = loadFixture('modules');

  it('pass inputs down, through nested modules', () => {
    expect(resource(inventory, 'module.site.aws_s3_bucket.this').values).toEqual({
      bucket: 'docs-bucket',
      tags: { release: 'true' },
    });
    expect(resource(inventory, 'module.site.aws_s3_bucket.this').ranges['']?.file).toBe(
      'modules/site/main.tf',
    );
  });

  it('pass outputs up: computed ones as references, configured ones as values', () => {
    const policy = resource(inventory, 'aws_s3_bucket_policy.site');
    expect(isUnknown(policy.values.bucket) && policy.values.bucket.refs).toEqual([
      'module.site.aws_s3_bucket.this.id',
    ]);
    expect(policy.references).toEqual(['module.site.aws_s3_bucket.this']);
    const versioning = resource(inventory, 'aws_s3_bucket_versioning.site');
    expect(versioning.values.bucket).toBe('docs-bucket');
    expect(versioning.references).toEqual(['module.site.aws_s3_bucket.this']);
  });

  it('expand for_each and count on module calls into keyed instances', () => {
    const addresses = inventory.resources.map((r) => r.address);
    expect(addresses).toContain('module.per_env["dev"].aws_s3_bucket.this');
    expect(addresses).toContain('module.per_env["prod"].aws_s3_bucket.this');
    expect(resource(inventory, 'module.per_env["prod"].aws_s3_bucket.this').values.bucket).toBe(
      'site-prod-bucket',
    );
    const names = resource(inventory, 'terraform_data.names').values.input as Record<
      string,
      unknown
    >;
    expect(names.per_env).toEqual(['site-dev-bucket', 'site-prod-bucket']);
    expect(names.counted).toEqual(['c0-bucket', 'c1-bucket']);
    expect(names.missing).toSatisfy(isUnknown);
  });

  it('list every module call instance with inputs, source and status', () => {
    const calls = inventory.moduleCalls.map((c) => [
      c.address,
      c.module,
      c.key,
      c.status,
      c.sourceKind,
    ]);
    expect(calls).toEqual([
      ['module.site', '', undefined, 'loaded', 'local'],
      ['module.site.module.naming', 'module.site', undefined, 'loaded', 'local'],
      ['module.per_env["dev"]', '', 'dev', 'loaded', 'local'],
      ['module.per_env["prod"]', '', 'prod', 'loaded', 'local'],
      [
        'module.per_env["dev"].module.naming',
        'module.per_env["dev"]',
        undefined,
        'loaded',
        'local',
      ],
      [
        'module.per_env["prod"].module.naming',
        'module.per_env["prod"]',
        undefined,
        'loaded',
        'local',
      ],
      ['module.counted[0]', '', 0, 'loaded', 'local'],
      ['module.counted[1]', '', 1, 'loaded', 'local'],
    ]);
    const site = inventory.moduleCalls[0];
    expect(site?.values).toEqual({ name: 'docs', tags: { release: 'true' } });
    expect(Object.keys(site?.ranges ?? {})).toEqual(['', 'name', 'tags', 'tags.release']);
  });

  it('evaluates called directories only through their calls', () => {
    expect(inventory.resources.filter((r) => r.module === '').map((r) => r.address)).toEqual([
      'aws_s3_bucket_policy.site',
      'aws_s3_bucket_versioning.site',
      'terraform_data.names',
    ]);
    expect(new Set(inventory.resources.map((r) => r.rootModule))).toEqual(new Set(['.']));
  });

  it('reads and parses each file once, however often its module is called', () => {
    const reads: string[] = [];
    loadTerraform({
      root: fixture('modules'),
      readFile: (file) => {
        reads.push(file);
        return readFileSync(file);
      },
    });
    expect(reads.length).toBe(new Set(reads).size);
    expect(reads.map((f) => path.basename(path.dirname(f))).sort()).toEqual([
      'modules',
      'naming',
      'site',
    ]);
  });

  it('with a shared cache, loads the root again with other variables without reading a file', () => {
    const root = tempTree({
      'main.tf': `variable "name" {}
resource "aws_s3_bucket" "b" { bucket = var.name }
module "site" { source = "./site" }`,
      'site/main.tf': 'resource "aws_s3_bucket" "s" { bucket = "site" ',
      'terraform.tfvars': 'name = "from-file"',
    });
    const reads: string[] = [];
    const readFile = (file: string) => {
      reads.push(path.relative(root, file));
      return readFileSync(file);
    };
    const focus = { resourceTypes: new Set(['aws_s3_bucket']) };
    const cache = new LoadCache(root, focus);
    loadTerraform({ root, focus, cache, readFile });
    expect(reads.sort()).toEqual(['main.tf', 'site/main.tf', 'terraform.tfvars']);

    const seen: string[] = [];
    const rootVars = new Map([['.', { name: 'from-plan' }]]);
    const again = loadTerraform({
      root,
      focus,
      cache,
      readFile,
      rootVars,
      onComments: (path) => seen.push(path),
    });
    expect(reads).toHaveLength(3);
    expect(resource(again, 'aws_s3_bucket.b').values.bucket).toBe('from-plan');
    // What the load reports is a fresh load's: its files, and the syntax error it took parsed.
    expect(again).toEqual(loadTerraform({ root, focus, rootVars }));
    expect(codes(again)).toContain('hcl-syntax');
    expect(seen.sort()).toEqual(['main.tf', 'site/main.tf', 'terraform.tfvars']);
  });

  it('refuses a cache made for another root or focus', () => {
    const root = tempTree({ 'main.tf': '' });
    const focus = { resourceTypes: new Set(['aws_s3_bucket']) };
    expect(() => loadTerraform({ root, focus, cache: new LoadCache(root) })).toThrow(/LoadCache/);
    expect(() =>
      loadTerraform({ root: fixture('modules'), focus, cache: new LoadCache(root, focus) }),
    ).toThrow(/LoadCache/);
  });
});

describe('module cycles', () => {
  const inventory = loadFixture('cycle');

  it('stop a module calling itself, directly or through others', () => {
    const statuses = Object.fromEntries(inventory.moduleCalls.map((c) => [c.address, c.status]));
    expect(statuses).toEqual({
      'module.a': 'loaded',
      'module.a.module.b': 'loaded',
      'module.a.module.b.module.a': 'cycle',
      'module.me': 'cycle',
    });
    expect(codes(inventory).filter((c) => c === 'module-cycle')).toHaveLength(2);
    expect(inventory.resources.map((r) => r.address)).toEqual([
      'module.a.terraform_data.a',
      'module.a.module.b.terraform_data.b',
      'terraform_data.self',
    ]);
  });
});

describe('module nesting', () => {
  const levels = (depth: number) => Array.from({ length: depth }, (_, i) => `m${i + 1}`);
  const dir = (depth: number) =>
    levels(depth)
      .map((name) => `${name}/`)
      .join('');
  const address = (depth: number) =>
    levels(depth)
      .map((name) => `module.${name}.`)
      .join('');
  /** Local modules m1 … m`depth`, each called by the one above it; the last makes a resource. */
  const chain = (depth: number) => {
    const files = Object.fromEntries(
      levels(depth).map((name, i) => [
        `${dir(i)}main.tf`,
        `module "${name}" {\n  source = "./${name}"\n}\n`,
      ]),
    );
    files[`${dir(depth)}main.tf`] = 'resource "terraform_data" "bottom" {}\n';
    return loadTerraform({ root: tempTree(files) });
  };

  it('expands 32 calls deep', () => {
    const inventory = chain(32);
    expect(inventory.diagnostics).toEqual([]);
    expect(inventory.resources.map((r) => r.address)).toEqual([
      `${address(32)}terraform_data.bottom`,
    ]);
  });

  it('stops deeper with an error at the call, naming its depth: not a cycle', () => {
    const inventory = chain(33);
    const statuses = new Map(inventory.moduleCalls.map((c) => [c.address, c.status]));
    expect(statuses.get(address(33).slice(0, -1))).toBe('too-deep');
    expect(inventory.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'module-too-deep',
        message:
          'module "m33" (source "./m33") is nested 33 module calls deep, deeper than the 32 that are expanded; it is not expanded, so what it makes for this call is not checked',
        range: expect.objectContaining({
          file: `${dir(32)}main.tf`,
          start: expect.objectContaining({ line: 2, column: 3 }),
        }),
      },
    ]);
    expect(inventory.resources.map((r) => r.address)).not.toContain(
      `${address(33)}terraform_data.bottom`,
    );
  });
});

describe('registry and git modules', () => {
  const main = [
    'module "s3" {',
    '  source  = "terraform-aws-modules/s3-bucket/aws"',
    '  version = "4.1.0"',
    '  bucket  = "reg-bucket"',
    '}',
    'module "gh" {',
    '  source = "git::https://github.com/x/y.git?ref=v1"',
    '}',
    'resource "aws_s3_bucket_policy" "p" {',
    '  bucket = module.s3.s3_bucket_id',
    '}',
  ].join('\n');

  it('are unresolved, never fetched, when not installed', () => {
    const inventory = loadTerraform({ root: tempTree({ 'main.tf': main }) });
    expect(
      inventory.moduleCalls.map((c) => [c.address, c.status, c.sourceKind, c.version]),
    ).toEqual([
      ['module.s3', 'unresolved', 'registry', '4.1.0'],
      ['module.gh', 'unresolved', 'git', undefined],
    ]);
    const warnings = inventory.diagnostics.filter((d) => d.code === 'module-unresolved');
    expect(warnings.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(warnings[0]?.message).toContain('module "s3"');
    expect(warnings[0]?.message).toContain('terraform-aws-modules/s3-bucket/aws');
    const policy = resource(inventory, 'aws_s3_bucket_policy.p');
    expect(isUnknown(policy.values.bucket) && policy.values.bucket.refs).toEqual([
      'module.s3.s3_bucket_id',
    ]);
  });

  it('are not reported when the focus says the load can do without them', () => {
    const inventory = loadTerraform({
      root: tempTree({ 'main.tf': main }),
      focus: {
        resourceTypes: new Set(['aws_s3_bucket_policy']),
        unneededSources: (source) => source.startsWith('terraform-aws-modules/'),
      },
    });
    const warnings = inventory.diagnostics.filter((d) => d.code === 'module-unresolved');
    expect(warnings.map((d) => d.message)).toEqual([expect.stringContaining('module "gh"')]);
    // Still unresolved: the adapters read such a module by its inputs.
    expect(inventory.moduleCalls.map((c) => c.status)).toEqual(['unresolved', 'unresolved']);
  });

  it('are read from .terraform/modules when modules.json lists them', () => {
    const root = tempTree({
      'main.tf': main,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 's3',
            Source: 'registry.terraform.io/terraform-aws-modules/s3-bucket/aws',
            Dir: '.terraform/modules/s3',
          },
        ],
      }),
      '.terraform/modules/s3/main.tf': [
        'variable "bucket" {}',
        'resource "aws_s3_bucket" "this" { bucket = var.bucket }',
        'output "s3_bucket_id" { value = aws_s3_bucket.this.id }',
      ].join('\n'),
    });
    const inventory = loadTerraform({ root });
    expect(inventory.moduleCalls.map((c) => [c.address, c.status])).toEqual([
      ['module.s3', 'installed'],
      ['module.gh', 'unresolved'],
    ]);
    const bucket = resource(inventory, 'module.s3.aws_s3_bucket.this');
    expect(bucket.values.bucket).toBe('reg-bucket');
    expect(bucket.ranges['']?.file).toBe('.terraform/modules/s3/main.tf');
    expect(resource(inventory, 'aws_s3_bucket_policy.p').references).toEqual([
      'module.s3.aws_s3_bucket.this',
    ]);
  });
});

describe('a modules.json entry terraform init did not write', () => {
  /** One call `m` to `source` at `version`, and modules.json's entry for it, a module at its Dir. */
  const load = (
    call: { source: string; version?: string },
    entry: { Source: string; Version?: string; Dir: string },
  ) =>
    loadTerraform({
      root: tempTree({
        'main.tf': [
          'module "m" {',
          `  source = "${call.source}"`,
          ...(call.version === undefined ? [] : [`  version = "${call.version}"`]),
          '}',
        ].join('\n'),
        '.terraform/modules/modules.json': `{"Modules":[\n  {"Key":"","Source":"","Dir":"."},\n  ${JSON.stringify({ Key: 'm', ...entry })}\n]}`,
        [`${path.posix.normalize(entry.Dir)}/main.tf`]: 'resource "aws_s3_bucket" "decoy" {}',
      }),
    });
  const S3 = 'terraform-aws-modules/s3-bucket/aws';
  const REGISTRY_S3 = `registry.terraform.io/${S3}`;

  it.each([
    [
      'a Dir outside .terraform/modules',
      { source: S3, version: '4.1.0' },
      { Source: REGISTRY_S3, Version: '4.1.0', Dir: 'test/fixture' },
      'its Dir "test/fixture" is not under .terraform/modules',
    ],
    [
      'a Dir that climbs out of .terraform/modules',
      { source: S3 },
      { Source: REGISTRY_S3, Dir: '.terraform/modules/../../decoy' },
      'its Dir ".terraform/modules/../../decoy" is not under .terraform/modules',
    ],
    [
      'the Source of another module',
      { source: S3 },
      { Source: 'registry.terraform.io/acme/decoy/aws', Dir: '.terraform/modules/m' },
      'its Source "registry.terraform.io/acme/decoy/aws" is not the call\'s',
    ],
    [
      'a Version the call does not allow',
      { source: S3, version: '~> 4.1' },
      { Source: REGISTRY_S3, Version: '3.15.0', Dir: '.terraform/modules/m' },
      'its Version "3.15.0" is not one the call\'s version "~> 4.1" allows',
    ],
  ])('with %s does not redirect the call, and is warned of', (_what, call, entry, why) => {
    const inventory = load(call, entry);
    expect(inventory.moduleCalls.map((c) => [c.address, c.status])).toEqual([
      ['module.m', 'unresolved'],
    ]);
    expect(inventory.resources.map((r) => r.address)).not.toContain('module.m.aws_s3_bucket.decoy');
    const warning = inventory.diagnostics.find((d) => d.code === 'module-manifest-mismatch');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain(`(${why}`);
    expect([warning?.range.file, warning?.range.start.line]).toEqual([
      '.terraform/modules/modules.json',
      3,
    ]);
  });

  it.each([
    [
      'a registry address with its host',
      { source: S3, version: '>= 4.0, < 5.0' },
      { Source: REGISTRY_S3, Version: '4.1.0', Dir: '.terraform/modules/m' },
    ],
    [
      'a registry address as written (Terraform 0.12), in a directory of its version',
      { source: S3, version: '~> 4.0' },
      { Source: S3, Version: '4.1.0', Dir: '.terraform/modules/m/terraform-aws-s3-bucket-4.1.0' },
    ],
    [
      'a submodule',
      { source: `${S3}//modules/object` },
      {
        Source: `${REGISTRY_S3}//modules/object`,
        Version: '4.1.0',
        Dir: '.terraform/modules/m/modules/object',
      },
    ],
    [
      'a GitHub shorthand as go-getter records it',
      { source: 'github.com/x/y?ref=v1' },
      { Source: 'git::https://github.com/x/y.git?ref=v1', Dir: '.terraform/modules/m' },
    ],
    [
      'an scp-like git address as go-getter records it',
      { source: 'git@github.com:x/y.git?ref=v1' },
      { Source: 'git::ssh://git@github.com/x/y.git?ref=v1', Dir: '.terraform/modules/m' },
    ],
  ])('as terraform init writes it, for %s, is read', (_what, call, entry) => {
    const inventory = load(call, entry);
    expect(inventory.moduleCalls.map((c) => [c.address, c.status])).toEqual([
      ['module.m', 'installed'],
    ]);
    expect(inventory.resources.map((r) => r.address)).toContain('module.m.aws_s3_bucket.decoy');
    expect(codes(inventory)).not.toContain('module-manifest-mismatch');
    // A committed .terraform passes these checks with benign copies: the report says where it read.
    const notice = inventory.diagnostics.find((d) => d.code === 'module-read-from-init-dir');
    expect(notice?.severity).toBe('info');
    expect(notice?.message).toContain(
      `module "m" is read from ${path.posix.normalize(entry.Dir)},`,
    );
    expect([notice?.range.file, notice?.range.start.line]).toEqual([
      '.terraform/modules/modules.json',
      3,
    ]);
  });
});

describe('module sources computed from variables and locals', () => {
  const root = tempTree({
    'main.tf': `variable "module_dir" {
  default = "bucket"
  const   = true
}
variable "org" {}
locals {
  modules = "./modules"
}
module "from_var" {
  source = "./modules/\${var.module_dir}"
  name   = "from-var"
}
module "from_local" {
  source  = "\${local.modules}/bucket"
  version = var.module_dir
  name    = "from-local"
}
module "unknown" {
  source = "app.terraform.io/\${var.org}/s3/aws"
}
module "from_resource" {
  source = "./modules/\${aws_s3_bucket.b.bucket}"
}
module "outside" {
  source = "\${local.modules}/../../elsewhere"
}
resource "aws_s3_bucket" "b" {
  bucket = "bucket"
}
`,
    'modules/bucket/main.tf':
      'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n',
  });
  const inventory = loadTerraform({ root });

  it('are evaluated as terraform init does, then resolved as a literal source is', () => {
    expect(
      inventory.moduleCalls.map((c) => [c.address, c.source, c.sourceKind, c.status, c.version]),
    ).toEqual([
      ['module.from_var', './modules/bucket', 'local', 'loaded', undefined],
      ['module.from_local', './modules/bucket', 'local', 'loaded', 'bucket'],
      ['module.unknown', '', 'other', 'unresolved', undefined],
      ['module.from_resource', '', 'other', 'unresolved', undefined],
      ['module.outside', './modules/../../elsewhere', 'local', 'outside-root', undefined],
    ]);
    // The called directory is not scanned again as a root of its own.
    expect(inventory.resources.map((r) => [r.address, r.values.bucket])).toEqual([
      ['aws_s3_bucket.b', 'bucket'],
      ['module.from_var.aws_s3_bucket.this', 'from-var'],
      ['module.from_local.aws_s3_bucket.this', 'from-local'],
    ]);
  });

  it('are shown as written when they cannot be, and why', () => {
    expect(inventory.diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      [
        'module-unresolved',
        19,
        'module "unknown" (source "app.terraform.io/${var.org}/s3/aws") has a source not known before init (variable org has no value) and is not installed in .terraform/modules; its resources are not scanned',
      ],
      [
        'module-unresolved',
        22,
        'module "from_resource" (source "./modules/${aws_s3_bucket.b.bucket}") has a source not known before init (it reads aws_s3_bucket.b) and is not installed in .terraform/modules; its resources are not scanned',
      ],
      [
        'module-outside-root',
        25,
        'module "outside" (source "./modules/../../elsewhere") is outside the scan root and is not read',
      ],
    ]);
  });
});

describe('the scan root is a boundary', () => {
  it('module sources outside it are not read', () => {
    const inventory = loadFixture('outside/root');
    expect(inventory.moduleCalls.map((c) => c.status)).toEqual(['outside-root']);
    expect(inventory.resources).toEqual([]);
    expect(inventory.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['module-outside-root', 'warning'],
    ]);
  });

  it('symlinks that lead outside are not followed', () => {
    const outside = tempTree({
      'secret.tf': 'resource "aws_s3_bucket" "secret" { bucket = "outside" }',
      'mod/main.tf': 'resource "aws_s3_bucket" "mod" { bucket = "outside-mod" }',
      'data.json': '{"secret": true}',
    });
    const root = tempTree({
      'main.tf': [
        'module "linked" { source = "./linked-dir" }',
        'resource "aws_s3_bucket_policy" "p" { policy = file("linked.json") }',
        'resource "aws_s3_bucket" "in" { bucket = "inside" }',
      ].join('\n'),
      'sub/inner.tf': 'resource "aws_s3_bucket" "sub" { bucket = "sub" }',
    });
    symlinkSync(path.join(outside, 'secret.tf'), path.join(root, 'linked.tf'));
    symlinkSync(path.join(outside, 'mod'), path.join(root, 'linked-dir'));
    symlinkSync(path.join(outside, 'data.json'), path.join(root, 'linked.json'));
    symlinkSync(path.join(root, 'sub'), path.join(root, 'inside-link'));
    const inventory = loadTerraform({ root });
    expect(inventory.resources.map((r) => r.address).sort()).toEqual([
      'aws_s3_bucket.in',
      'aws_s3_bucket.sub',
      'aws_s3_bucket_policy.p',
    ]);
    expect(inventory.moduleCalls.map((c) => c.status)).toEqual(['outside-root']);
    expect(isUnknown(resource(inventory, 'aws_s3_bucket_policy.p').values.policy)).toBe(true);
    // A symlinked directory inside the root is not walked twice: its real path is.
    expect(inventory.files.map((f) => f.path)).toEqual(['main.tf', 'sub/inner.tf']);
    const refused = inventory.diagnostics.filter((d) => d.code === 'path-outside-root');
    expect(refused.map((d) => d.message.split(' ')[0]).sort()).toEqual([
      'it',
      'linked-dir',
      'linked.json',
    ]);
  });

  // A configuration file not read may declare a public bucket: unread input, an error that fails
  // the gate as a syntax error does. A value a function reads is one the load does not know.
  it.each([
    ['a .tf file', 'linked.tf', 'resource "aws_s3_bucket" "s" {}', 'linked.tf', 'error'],
    ['a .tf.json file', 'linked.tf.json', '{"resource": {}}', 'linked.tf.json', 'error'],
    ['a .tofu file', 'linked.tofu', 'resource "aws_s3_bucket" "s" {}', 'linked.tofu', 'error'],
    ['terraform.tfvars', 'terraform.tfvars', 'public = true', 'terraform.tfvars', 'error'],
    ['a *.auto.tfvars file', 'prod.auto.tfvars', 'public = true', 'prod.auto.tfvars', 'error'],
    ['what file() reads', 'linked.json', '{}', 'main.tf', 'warning'],
  ])('a symlink out of the root to %s is not read', (_what, link, text, at, severity) => {
    const outside = tempTree({ target: text });
    const root = tempTree({
      'main.tf': 'variable "public" { default = false }\nlocals { x = file("linked.json") }\n',
    });
    symlinkSync(path.join(outside, 'target'), path.join(root, link));
    const inventory = loadTerraform({ root });
    expect(inventory.files.map((f) => f.path)).toEqual(['main.tf']);
    const refused = inventory.diagnostics.filter((d) => d.code === 'path-outside-root');
    expect(refused.map((d) => [d.range.file, d.severity])).toEqual([[at, severity]]);
  });

  // A directory the walk does not enter may hold configuration too. One a call names is reported
  // at the call (module-unresolved); one the policy excludes is left out with no word.
  it.each([
    ['no call names', '', {}, [['linked', 'error']]],
    ['a module call names', 'module "m" { source = "./linked" }', {}, [['linked', 'warning']]],
    ['the scan excludes', '', { skip: (dir: string) => dir === 'linked' }, []],
  ])('a symlinked directory out of the root that %s is not read', (_what, main, options, want) => {
    const outside = tempTree({ 'main.tf': 'resource "aws_s3_bucket" "s" { bucket = "out" }' });
    const root = tempTree({ 'main.tf': main });
    symlinkSync(outside, path.join(root, 'linked'));
    const inventory = loadTerraform({ root, ...options });
    expect(inventory.resources).toEqual([]);
    const refused = inventory.diagnostics.filter((d) => d.code === 'path-outside-root');
    expect(refused.map((d) => [d.range.file, d.severity])).toEqual(want);
  });

  it('a scan path that is a symlink out of the root is not read, nor the directories below it', () => {
    const outside = tempTree({
      'main.tf': 'resource "aws_s3_bucket" "top" {}',
      'nested/main.tf': 'resource "aws_s3_bucket" "nested" {}',
    });
    const root = tempTree({ 'main.tf': 'module "m" { source = "./link/nested" }' });
    symlinkSync(outside, path.join(root, 'link'));
    const inventory = loadTerraform({ root, paths: ['link', '.'] });
    expect(inventory.resources).toEqual([]);
    expect(inventory.files.map((f) => f.path)).toEqual(['main.tf']);
    expect(inventory.moduleCalls.map((c) => c.status)).toEqual(['outside-root']);
  });
});

describe('scan paths', () => {
  it('restrict discovery to the given directories', () => {
    const root = tempTree({
      'a/main.tf': 'resource "aws_s3_bucket" "a" { bucket = "a" }',
      'b/main.tf': 'resource "aws_s3_bucket" "b" { bucket = "b" }',
    });
    mkdirSync(path.join(root, 'node_modules/x'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/x/main.tf'), 'resource "aws_s3_bucket" "nm" {}');
    expect(loadTerraform({ root, paths: ['b'] }).resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket.b',
    ]);
    expect(loadTerraform({ root }).resources.map((r) => [r.address, r.rootModule])).toEqual([
      ['aws_s3_bucket.a', 'a'],
      ['aws_s3_bucket.b', 'b'],
    ]);
  });

  // It was a warning: a caller gating on errors passed a load of nothing, which scan() refuses.
  it.each(['../infra', '/etc'])(
    'refuse %s, outside the root, with an error that fails a gate',
    (given) => {
      const root = tempTree({
        'repo/main.tf': '',
        'infra/main.tf': 'resource "aws_s3_bucket" "b" {}',
      });
      const inventory = loadTerraform({ root: path.join(root, 'repo'), paths: [given] });
      expect(inventory.resources).toEqual([]);
      expect(inventory.diagnostics.map((d) => [d.severity, d.code, d.range.file])).toEqual([
        ['error', 'path-outside-root', given],
      ]);
    },
  );

  it.each([
    ['a Terraform file', 'a/extra.tf', ['aws_s3_bucket.a', 'aws_s3_bucket.extra']],
    ['a Terragrunt file', 'unit/terragrunt.hcl', ['module.terragrunt.aws_s3_bucket.m']],
  ])('take %s for its whole directory, as Terraform reads one', (_kind, file, addresses) => {
    const root = tempTree({
      'a/main.tf': 'resource "aws_s3_bucket" "a" {}',
      'a/extra.tf': 'resource "aws_s3_bucket" "extra" {}',
      'b/main.tf': 'resource "aws_s3_bucket" "b" {}',
      'mod/main.tf': 'resource "aws_s3_bucket" "m" {}',
      'unit/terragrunt.hcl': 'terraform {\n  source = "../mod"\n}\n',
    });
    const inventory = loadTerraform({ root, paths: [file] });
    expect(inventory.resources.map((r) => r.address).sort()).toEqual(addresses);
  });

  it.each(['node_modules', '.git', '.terraform', '.terragrunt-cache', '.venv', 'site-packages'])(
    "never enter %s, which holds other projects' files",
    (dir) => {
      const root = tempTree({
        'main.tf': 'resource "aws_s3_bucket" "own" {}',
        [`${dir}/checkov/tests/main.tf`]: 'resource "aws_s3_bucket" "theirs" {}',
      });
      expect(loadTerraform({ root }).resources.map((r) => r.address)).toEqual([
        'aws_s3_bucket.own',
      ]);
    },
  );
});

describe('OpenTofu files', () => {
  const tree = (lock?: string) =>
    tempTree({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "for-terraform"\n}\n',
      'main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "for-opentofu"\n}\n',
      'extra.tofu.json':
        '{ "resource": { "aws_s3_bucket": { "j": { "bucket": "from-json" } } } }\n',
      'tags_override.tofu': 'resource "aws_s3_bucket" "b" {\n  tags = { purpose = "release" }\n}\n',
      ...(lock !== undefined && { '.terraform.lock.hcl': lock }),
    });
  const lockOf = (registry: string) =>
    `provider "${registry}/hashicorp/aws" {\n  version = "5.100.0"\n}\n`;

  it('in an OpenTofu repository, reads .tofu and .tofu.json, each in place of the .tf file of the same name', () => {
    const inventory = loadTerraform({ root: tree(lockOf('registry.opentofu.org')) });
    expect(inventory.resources.map((r) => [r.address, r.values.bucket]).sort()).toEqual([
      ['aws_s3_bucket.b', 'for-opentofu'],
      ['aws_s3_bucket.j', 'from-json'],
    ]);
    expect(resource(inventory, 'aws_s3_bucket.b').values.tags).toEqual({ purpose: 'release' });
    expect(inventory.files.map((f) => f.path)).not.toContain('main.tf');
    expect(inventory.diagnostics).toEqual([]);
  });

  // Terraform never reads a .tofu file: one added beside main.tf must not hide what it applies.
  // With no lock file, OpenTofu may be the tool that applies it: the file left out fails closed.
  it.each([
    ['no lock file', undefined, 'error'],
    ["Terraform's lock file", lockOf('registry.terraform.io'), 'warning'],
  ])(
    'elsewhere (%s), reads the .tf file, and says which .tofu file it leaves out',
    (_, lock, severity) => {
      const inventory = loadTerraform({ root: tree(lock) });
      expect(inventory.resources.map((r) => [r.address, r.values.bucket]).sort()).toEqual([
        ['aws_s3_bucket.b', 'for-terraform'],
        ['aws_s3_bucket.j', 'from-json'],
      ]);
      expect(resource(inventory, 'aws_s3_bucket.b').values.tags).toEqual({ purpose: 'release' });
      expect(inventory.files.map((f) => f.path)).not.toContain('main.tofu');
      expect(inventory.diagnostics.map((d) => [d.severity, d.code, d.range.file])).toEqual([
        [severity, 'tofu-file-ignored', 'main.tofu'],
      ]);
    },
  );
});

// A lock file that was a symlink was passed by: an OpenTofu repository sharing one lock file read
// the .tf files, with an error for each .tofu file left out (its public bucket unjudged).
describe('a lock file that is a symlink', () => {
  const OPENTOFU_LOCK =
    'provider "registry.opentofu.org/hashicorp/aws" {\n  version = "5.100.0"\n}\n';
  it.each([
    ['inside the root', 'repo/shared/lock.hcl', 'for-opentofu', []],
    [
      'out of the root',
      'outside/lock.hcl',
      'for-terraform',
      [
        ['error', 'path-outside-root', 'infra/.terraform.lock.hcl'],
        ['warning', 'tofu-file-ignored', 'infra/main.tofu'],
      ],
    ],
    [
      'to nothing',
      'repo/shared/missing.hcl',
      'for-terraform',
      [
        ['error', 'file-unreadable', 'infra/.terraform.lock.hcl'],
        ['warning', 'tofu-file-ignored', 'infra/main.tofu'],
      ],
    ],
  ])('%s is read as a lock file is, or refused', (_where, target, bucket, said) => {
    const tree = tempTree({
      'repo/infra/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "for-terraform"\n}\n',
      'repo/infra/main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "for-opentofu"\n}\n',
      'repo/shared/lock.hcl': OPENTOFU_LOCK,
      'outside/lock.hcl': OPENTOFU_LOCK,
    });
    const root = path.join(tree, 'repo');
    symlinkSync(path.join(tree, target), path.join(root, 'infra/.terraform.lock.hcl'));
    const inventory = loadTerraform({ root });
    expect(inventory.resources.map((r) => r.values.bucket)).toEqual([bucket]);
    expect(inventory.diagnostics.map((d) => [d.severity, d.code, d.range.file])).toEqual(said);
  });
});
