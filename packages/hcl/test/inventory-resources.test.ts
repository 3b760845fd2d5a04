import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, type Value, type ValueObject } from '@posture/model';
import { loadTerraform } from '@posture/hcl';
import { codes, fixture, loadFixture, resource, tempTree } from './support/fixtures.js';

describe('resource instances', () => {
  const inventory = loadFixture('dynamic');
  const lifecycle = resource(inventory, 'aws_s3_bucket_lifecycle_configuration.l');

  it('hold nested blocks as lists of objects, with dynamic blocks expanded in place', () => {
    expect(lifecycle.values.rule).toEqual([
      { id: 'static', status: 'Enabled' },
      { id: 'a', expiration: [{ days: 1 }] },
      { id: 'b', expiration: [{ days: 2 }] },
    ]);
    expect(lifecycle).toMatchObject({
      mode: 'managed',
      type: 'aws_s3_bucket_lifecycle_configuration',
      name: 'l',
      module: '',
      origin: 'hcl',
      rootModule: '.',
    });
  });

  it('that refer to themselves are a cycle, reported where the resource is, as Terraform rejects it', () => {
    const root = tempTree({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "${aws_s3_bucket.b.id}-releases"\n}\n',
    });
    const loaded = loadTerraform({ root });
    expect(loaded.diagnostics).toMatchObject([
      {
        code: 'eval-cycle',
        severity: 'warning',
        message: 'aws_s3_bucket.b depends on itself',
        range: { file: 'main.tf', start: { line: 1 } },
      },
    ]);
    expect(isUnknown(resource(loaded, 'aws_s3_bucket.b').values.bucket)).toBe(true);
  });

  it('take the blocks of a dynamic block over an unknown collection as unknown, with an info diagnostic', () => {
    expect(isUnknown(lifecycle.values.unknown_rule)).toBe(true);
    const info = inventory.diagnostics.filter((d) => d.code === 'eval-dynamic-unknown');
    expect(info).toMatchObject([{ severity: 'info', range: { start: { line: 26 } } }]);
  });

  it('map every written path to its range', () => {
    const owner = resource(inventory, 'aws_s3_bucket_ownership_controls.o');
    expect(Object.keys(owner.ranges)).toEqual(['', 'bucket', 'rule.0', 'rule.0.object_ownership']);
    expect(owner.ranges['']).toMatchObject({
      start: { line: 34, column: 1 },
      end: { line: 39, column: 2 },
    });
    expect(owner.ranges['rule.0.object_ownership']).toMatchObject({
      start: { line: 37, column: 5 },
      end: { line: 37, column: 45 },
    });
    expect(Object.keys(lifecycle.ranges)).toContain('rule.2.expiration.0.days');
  });

  it('have ranges for literal keys inside object values', () => {
    const json = loadFixture('json');
    const bucket = resource(json, 'aws_s3_bucket.j');
    expect(bucket.values).toEqual({ bucket: 'json-prod', tags: { release: 'true' } });
    expect(Object.keys(bucket.ranges)).toEqual(['', 'bucket', 'tags', 'tags.release']);
    expect(json.files.map((f) => f.kind)).toEqual(['terraform-json']);
  });
});

// A dynamic block over a collection not known before apply made no block, read as none: a
// distribution with no origin, a policy document with no statement, an ACL with no grant. The
// blocks not known had the range of the resource, so what they cause was not at the dynamic block.
describe('blocks of a type a dynamic block over a collection not known makes', () => {
  const grant = (forEach: string) => `dynamic "grant" {
      for_each = ${forEach}
      content {
        permission = grant.value
      }
    }`;
  const staticGrant = 'grant {\n      permission = "READ"\n    }';
  // The blocks start on line 5; the range of the grants is the line of the first unknown one.
  it.each<[string, string[], 'unknown' | number, number | undefined]>([
    ['alone', [grant('var.grants')], 'unknown', 5],
    ['after a written block', [staticGrant, grant('var.grants')], 'unknown', 8],
    ['before a written block', [grant('var.grants'), staticGrant], 'unknown', 5],
    [
      'beside a dynamic block over a known collection',
      [grant('["WRITE"]'), grant('var.grants')],
      'unknown',
      11,
    ],
    ['two of them: the first', [grant('var.grants'), grant('var.more')], 'unknown', 5],
    [
      'none: a known collection beside a written block',
      [staticGrant, grant('["WRITE"]')],
      2,
      undefined,
    ],
  ])('%s', (_name, blocks, expected, line) => {
    const main = `variable "grants" {}
resource "aws_s3_bucket_acl" "a" {
  bucket = "x"
  access_control_policy {
    ${blocks.join('\n    ')}
  }
}
variable "more" {}
`;
    const inventory = loadTerraform({ root: tempTree({ 'main.tf': main }) });
    const acl = resource(inventory, 'aws_s3_bucket_acl.a');
    const grants = (acl.values.access_control_policy as ValueObject[])[0]?.grant;
    expect(isUnknown(grants) ? 'unknown' : (grants as Value[]).length).toBe(expected);
    expect(acl.ranges['access_control_policy.0.grant']?.start.line).toBe(line);
    const notes = inventory.diagnostics.filter((d) => d.code === 'eval-dynamic-unknown');
    // One for each dynamic block over a variable with no value.
    expect(notes).toHaveLength(blocks.filter((block) => block.includes('var.')).length);
  });
});

describe('syntax errors', () => {
  const inventory = loadFixture('syntax-error');

  it('are error diagnostics with a range, and the recovered blocks stay', () => {
    const errors = inventory.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({
      severity: 'error',
      range: { file: 'main.tf', start: { line: 6 } },
    });
    // Each says the parser read on past it, so no finding claims the whole file went unchecked.
    for (const e of errors) expect(e.message).toMatch(/, and read the rest of the file$/);
    const addresses = inventory.resources.map((r) => r.address);
    expect(addresses).toContain('aws_s3_bucket.ok');
    expect(addresses).toContain('aws_s3_bucket.after');
    expect(resource(inventory, 'aws_s3_bucket.after').values.bucket).toBe('after');
  });
});

// Terraform refuses a .tf or .tfvars file holding bytes that are not UTF-8 but in comments
// ("Invalid character encoding"); it reads a .tf.json file with U+FFFD in their place.
describe('bytes that are not UTF-8', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  it.each([
    [
      'in a string',
      { 'main.tf': latin1('resource "aws_s3_bucket" "b" {\n  bucket = "acme-rel\xffeases"\n}\n') },
      ['main.tf:2:21'],
    ],
    [
      'in a heredoc',
      { 'main.tf': latin1('locals {\n  x = <<EOT\ncaf\xe9\nEOT\n}\n') },
      ['main.tf:3:4'],
    ],
    ['in a block label', { 'main.tf': latin1('variable "caf\xe9" {}\n') }, ['main.tf:1:14']],
    [
      'a cut sequence, the first of several',
      { 'main.tf': latin1('locals {\n  x = "\xc3"\n  y = "\xe9"\n}\n') },
      ['main.tf:2:8'],
    ],
    [
      'in a .tfvars value',
      { 'main.tf': 'variable "a" {}\n', 'terraform.tfvars': latin1('a = "caf\xe9"\n') },
      ['terraform.tfvars:1:9'],
    ],
    [
      'only in comments',
      {
        'main.tf': latin1(
          '# caf\xe9\n// caf\xe9\n/* caf\xe9 */\nlocals {\n  x = "a" # caf\xe9\n}\n',
        ),
      },
      [],
    ],
    ['in a .tf.json string', { 'main.tf.json': latin1('{"locals": {"x": "caf\xe9"}}') }, []],
    ['none: U+FFFD written as UTF-8', { 'main.tf': 'locals {\n  x = "\ufffd"\n}\n' }, []],
  ])('%s', (_where, files, errors) => {
    const inventory = loadTerraform({ root: tempTree(files) });
    const syntax = inventory.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(
      syntax.map((d) => `${d.range.file}:${d.range.start.line}:${d.range.start.column}`),
    ).toEqual(errors);
    for (const d of syntax) expect(d.message).toMatch(/^invalid character encoding/);
  });

  it('still reads the rest of the file', () => {
    const text =
      'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n# caf\xe9\nlocals {\n  x = "\xe9"\n}\n';
    const inventory = loadTerraform({ root: tempTree({ 'main.tf': latin1(text) }) });
    expect(resource(inventory, 'aws_s3_bucket.b').values.bucket).toBe('acme-releases');
  });
});

// Terraform skips a byte order mark in native syntax and refuses one in JSON ("Invalid start of
// value", checked with Terraform 1.11: validate for .tf.json, console for .tfvars.json).
describe('a byte order mark', () => {
  const BOM = '\ufeff';
  const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n';
  const bucketJson = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "acme-releases"}}}}\n';
  const variable = 'variable "a" {\n  default = "x"\n}\n';
  it.each([
    ['in a .tf file is skipped', { 'main.tf': BOM + bucket }, []],
    [
      'in a .tfvars file is skipped',
      { 'main.tf': variable, 'terraform.tfvars': `${BOM}a = "y"\n` },
      [],
    ],
    ['in a .tf.json file is refused', { 'main.tf.json': BOM + bucketJson }, ['main.tf.json:1:1']],
    [
      'in a .tfvars.json file is refused',
      { 'main.tf': variable, 'terraform.tfvars.json': `${BOM}{"a": "y"}\n` },
      ['terraform.tfvars.json:1:1'],
    ],
  ])('%s', (_where, files, errors) => {
    const inventory = loadTerraform({ root: tempTree(files) });
    const syntax = inventory.diagnostics.filter((d) => d.code === 'hcl-syntax');
    expect(
      syntax.map((d) => `${d.range.file}:${d.range.start.line}:${d.range.start.column}`),
    ).toEqual(errors);
    for (const d of syntax)
      expect(d.message).toMatch(
        /^the file starts with a byte order mark.*\(its blocks were read past the mark\)$/,
      );
  });

  it('in a .tf.json file is refused, and the file still read', () => {
    const inventory = loadTerraform({ root: tempTree({ 'main.tf.json': BOM + bucketJson }) });
    expect(resource(inventory, 'aws_s3_bucket.b').values.bucket).toBe('acme-releases');
  });
});

describe('scanned files', () => {
  it('are hashed as read', () => {
    const inventory = loadFixture('locals');
    const bytes = readFileSync(path.join(fixture('locals'), 'main.tf'));
    expect(inventory.files).toEqual([
      {
        path: 'main.tf',
        kind: 'terraform',
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);
  });
});

describe('file functions', () => {
  const inventory = loadFixture('files');

  it('read files inside the root, relative to the root module directory', () => {
    expect(resource(inventory, 'aws_s3_bucket_policy.p').values.policy).toBe(
      '{"Statement": [{"Effect": "Allow", "Principal": "*"}]}\n',
    );
    expect(resource(inventory, 'module.child.terraform_data.c').values.input).toBe('child data');
  });

  it('render templatefile with its variables', () => {
    const object = resource(inventory, 'aws_s3_object.o');
    expect(object.values.content).toBe('<h1>docs</h1>\n<li>a</li>\n<li>b</li>\n');
    expect(object.values.exists).toBe(true);
    expect(object.values.missing).toBe(false);
  });

  it('refuse paths outside the root', () => {
    const object = resource(inventory, 'aws_s3_object.o');
    expect(isUnknown(object.values.escape)).toBe(true);
    expect(isUnknown(object.values.abs)).toBe(true);
    expect(codes(inventory).filter((c) => c === 'path-outside-root')).toHaveLength(2);
  });
});

describe('focus on resource types', () => {
  const root = tempTree({
    'main.tf': `
resource "random_id" "suffix" {
  byte_length = 4
  keepers     = { name = "releases" }
}
resource "aws_instance" "web" {
  for_each = toset(data.aws_availability_zones.all.names)
  ami      = "ami-123"
}
resource "aws_s3_bucket" "b" {
  bucket = "releases-\${random_id.suffix.keepers.name}"
}
`,
  });
  const only = loadTerraform({ root, focus: { resourceTypes: new Set(['aws_s3_bucket']) } });

  it('lists only resources of the given types', () => {
    expect(only.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
  });

  it('still reports syntax errors in bodies it does not read, and reads those it needs', () => {
    const tree = tempTree({
      'main.tf': `
variable "name" {
  default = "releases"
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
`,
      'outputs.tf': `
output "broken" {
  value = aws_s3_bucket.b.id +
}
`,
    });
    const focused = loadTerraform({
      root: tree,
      focus: { resourceTypes: new Set(['aws_s3_bucket']) },
    });
    expect(resource(focused, 'aws_s3_bucket.b').values.bucket).toBe('releases');
    expect(
      focused.diagnostics.map((d) => `${d.code}@${d.range.file}:${d.range.start.line}`),
    ).toEqual(['hcl-syntax@outputs.tf:3']);
  });

  it('still evaluates unlisted resources that a listed one refers to', () => {
    expect(resource(only, 'aws_s3_bucket.b').values.bucket).toBe('releases-releases');
    expect(resource(only, 'aws_s3_bucket.b').references).toEqual(['random_id.suffix']);
  });

  it('does not evaluate the others, so they add no diagnostics', () => {
    expect(codes(only)).not.toContain('eval-unknown-for-each');
    expect(codes(loadTerraform({ root }))).toContain('eval-unknown-for-each');
  });

  const calls = tempTree({
    'main.tf': `
locals {
  a = local.b
  b = local.a
  name = "releases"
}
module "local_bucket" {
  source = "./bucket"
  name   = local.name
}
module "registry_bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = local.name
}
module "registry_vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
}
`,
    'bucket/main.tf': `
variable "name" {}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
`,
  });
  const focused = loadTerraform({
    root: calls,
    focus: { resourceTypes: new Set(['aws_s3_bucket']) },
  });

  it('evaluates locals only where used, so a cycle among unused ones goes unreported', () => {
    expect(codes(focused)).not.toContain('eval-cycle');
    expect(codes(loadTerraform({ root: calls }))).toContain('eval-cycle');
    expect(resource(focused, 'module.local_bucket.aws_s3_bucket.b').values.bucket).toBe('releases');
  });

  it('leaves the inputs of a call whose module is read to that module, and reads the others', () => {
    const call = (name: string) => focused.moduleCalls.find((c) => c.name === name);
    expect(call('local_bucket')).toMatchObject({ status: 'loaded', values: {} });
    expect(call('local_bucket')?.ranges['']?.start.line).toBe(7);
    expect(call('registry_bucket')).toMatchObject({
      status: 'unresolved',
      values: { bucket: 'releases' },
    });
  });

  it('reads the inputs of a call whose module is not read only when its source is wanted', () => {
    const wanted = loadTerraform({
      root: calls,
      focus: {
        resourceTypes: new Set(['aws_s3_bucket']),
        moduleSources: (source) => source.includes('s3-bucket'),
      },
    });
    const call = (name: string) => wanted.moduleCalls.find((c) => c.name === name);
    expect(call('registry_bucket')?.values).toEqual({ bucket: 'releases' });
    expect(call('registry_vpc')).toMatchObject({ status: 'unresolved', values: {} });
    expect(call('registry_vpc')?.ranges['']?.start.line).toBe(15);
    expect(focused.moduleCalls.find((c) => c.name === 'registry_vpc')?.values).toEqual({
      cidr: '10.0.0.0/16',
    });
  });
});

describe('import blocks', () => {
  const inventory = loadTerraform({
    root: tempTree({
      'main.tf': `
locals {
  buckets = { stable = "acme-cli-releases", nightly = "acme-cli-releases-nightly" }
}
variable "unset" {}
resource "aws_s3_bucket" "each" {
  for_each = local.buckets
}
resource "aws_s3_bucket" "named" {
  bucket = "written-name"
}
resource "aws_s3_bucket" "prefixed" {
  bucket_prefix = "acme-"
}
resource "aws_s3_bucket" "by_identity" {}
resource "aws_s3_bucket" "unknown_id" {}
resource "aws_s3_bucket" "not_imported" {}
module "m" {
  source = "./m"
}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.by_identity.bucket
  acl    = "private"
}
`,
      'imports.tf': `
import {
  for_each = local.buckets
  to       = aws_s3_bucket.each[each.key]
  id       = each.value
}
import {
  to = aws_s3_bucket.named
  id = "imported-name"
}
import {
  to = aws_s3_bucket.prefixed
  id = "acme-123"
}
import {
  to       = aws_s3_bucket.by_identity
  identity = { bucket = "acme-downloads", region = "eu-west-1" }
}
import {
  to = aws_s3_bucket.unknown_id
  id = var.unset
}
import {
  to = module.m.aws_s3_bucket.b[0]
  id = "in-module"
}
`,
      'm/main.tf': 'resource "aws_s3_bucket" "b" {\n  count = 1\n}\n',
    }),
  });
  const name = (address: string) => {
    const found = resource(inventory, address);
    return [found.values.bucket, found.ranges.bucket?.file, found.ranges.bucket?.start.line];
  };

  it('name an S3 bucket that leaves its name out by the ID they adopt it by', () => {
    expect(name('aws_s3_bucket.each["stable"]')).toEqual(['acme-cli-releases', 'imports.tf', 5]);
    expect(name('aws_s3_bucket.each["nightly"]')[0]).toBe('acme-cli-releases-nightly');
    expect(name('aws_s3_bucket.by_identity')).toEqual(['acme-downloads', 'imports.tf', 17]);
    expect(name('module.m.aws_s3_bucket.b[0]')[0]).toBe('in-module');
    expect(resource(inventory, 'aws_s3_bucket_acl.a').values.bucket).toBe('acme-downloads');
  });

  it('leave a written name or prefix, an unknown ID and a bucket not imported as they are', () => {
    expect(name('aws_s3_bucket.named')).toEqual(['written-name', 'main.tf', 10]);
    expect(resource(inventory, 'aws_s3_bucket.prefixed').values.bucket).toBeUndefined();
    expect(resource(inventory, 'aws_s3_bucket.unknown_id').values.bucket).toBeUndefined();
    expect(resource(inventory, 'aws_s3_bucket.not_imported').values.bucket).toBeUndefined();
  });

  // The types they name are a table: one named after an inherited property found Object
  // prototype's function, and the ID went into an argument named "undefined".
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'leave a resource of type %s as written',
    (type) => {
      const loaded = loadTerraform({
        root: tempTree({
          'main.tf': `resource "${type}" "r" {}\nimport {\n  to = ${type}.r\n  id = "x"\n}\n`,
        }),
      });
      expect(Object.keys(resource(loaded, `${type}.r`).values)).toEqual([]);
    },
  );
});

describe('entries that stand for instances not known', () => {
  const unexpanded = (files: Record<string, string>) => {
    const loaded = loadTerraform({ root: tempTree(files) });
    return [...loaded.resources, ...loaded.moduleCalls]
      .filter((e) => !e.address.startsWith('data.'))
      .map((e) => [
        e.address,
        e.unexpanded && {
          ...e.unexpanded,
          range: `${e.unexpanded.range.file}:${e.unexpanded.range.start.line}`,
        },
      ]);
  };
  const CALL = (forEach: string, count = '1') => ({
    'main.tf': `variable "buckets" {}
data "aws_s3_objects" "o" {
  bucket = "acme-catalogue"
}
module "m" {
  source   = "./m"
  for_each = ${forEach}
}
`,
    'm/main.tf': `variable "n" {}
resource "aws_s3_bucket" "b" {
  count = ${count}
}
`,
  });

  it.each([
    [
      "a module call's for_each over a variable with no value, for the call and what it holds",
      CALL('var.buckets'),
      [
        [
          'module.m[*].aws_s3_bucket.b[0]',
          {
            what: 'the for_each of module.m',
            reason: 'variable buckets has no value',
            variable: 'buckets',
            range: 'main.tf:7',
            written: 'for_each = var.buckets',
          },
        ],
        [
          'module.m[*]',
          {
            what: 'the for_each of module.m',
            reason: 'variable buckets has no value',
            variable: 'buckets',
            range: 'main.tf:7',
            written: 'for_each = var.buckets',
          },
        ],
      ],
    ],
    [
      "the call's, over the block's own not known for another reason",
      CALL('var.buckets', 'length(data.aws_s3_objects.o.keys)'),
      [
        ['module.m[*].aws_s3_bucket.b[*]', expect.objectContaining({ variable: 'buckets' })],
        ['module.m[*]', expect.objectContaining({ variable: 'buckets' })],
      ],
    ],
    [
      "the block's own, over the call's not known for another reason",
      CALL('toset(data.aws_s3_objects.o.keys)', 'var.n'),
      [
        [
          'module.m[*].aws_s3_bucket.b[*]',
          expect.objectContaining({
            what: 'the count of module.m[*].aws_s3_bucket.b',
            variable: 'n',
          }),
        ],
        ['module.m[*]', expect.not.objectContaining({ variable: expect.anything() })],
      ],
    ],
    [
      'none where every expansion is known',
      CALL('{ a = 1 }'),
      [
        ['module.m["a"].aws_s3_bucket.b[0]', undefined],
        ['module.m["a"]', undefined],
      ],
    ],
  ])('%s', (_what, files, expected) => {
    expect(unexpanded(files)).toEqual(expected);
  });
});

describe('a bucket named from a for_each over partly known names', () => {
  // Each name is known only after apply (a double does not hold it), but its text around it is.
  const named = (meta: string, bucket = 'each.key') => {
    const inventory = loadTerraform({
      root: tempTree({
        'main.tf': `locals { n = 9007199254740992 + 1 }
resource "aws_s3_bucket" "rel" {
  ${meta}
  bucket = ${bucket}
}
`,
      }),
    });
    const names = inventory.resources.map(({ address, values: { bucket: name } }) => [
      address,
      isUnknown(name) ? name.pieces?.map((p) => (typeof p === 'string' ? p : null)) : name,
    ]);
    return [names, codes(inventory)];
  };
  const UNKNOWN_SET = ['eval-unknown-for-each'];

  it.each([
    [
      'a set of one keeps its known text, as one instance named for it',
      'for_each = toset(["acme-releases-${local.n}"])',
      [[['aws_s3_bucket.rel["acme-releases-*"]', ['acme-releases-', null]]], UNKNOWN_SET],
    ],
    [
      'and each.value too',
      'for_each = toset(["acme-releases-${local.n}"])',
      [[['aws_s3_bucket.rel["acme-releases-*"]', ['acme-releases-', null]]], UNKNOWN_SET],
      'each.value',
    ],
    [
      'a set of more is one instance for each, though some may turn out the same',
      'for_each = toset(["acme-releases-${local.n}", "acme-artifacts-${local.n}"])',
      [
        [
          ['aws_s3_bucket.rel["acme-artifacts-*"]', ['acme-artifacts-', null]],
          ['aws_s3_bucket.rel["acme-releases-*"]', ['acme-releases-', null]],
        ],
        UNKNOWN_SET,
      ],
    ],
    [
      'a known element among them is an instance as any known key is',
      'for_each = toset(["acme-dist", "acme-${local.n}"])',
      [
        [
          ['aws_s3_bucket.rel["acme-*"]', ['acme-', null]],
          ['aws_s3_bucket.rel["acme-dist"]', 'acme-dist'],
        ],
        UNKNOWN_SET,
      ],
    ],
    [
      'so is an element of a list, a set as for_each reads it',
      'for_each = ["x-${local.n}", "y-${local.n}"]',
      [
        [
          ['aws_s3_bucket.rel["x-*"]', ['x-', null]],
          ['aws_s3_bucket.rel["y-*"]', ['y-', null]],
        ],
        UNKNOWN_SET,
      ],
    ],
    [
      'a key not known at all is the instance [*]',
      'for_each = toset(["acme-${local.n}", "${local.n}"])',
      [
        [
          ['aws_s3_bucket.rel["acme-*"]', ['acme-', null]],
          ['aws_s3_bucket.rel[*]', undefined],
        ],
        UNKNOWN_SET,
      ],
    ],
    [
      'keys of the same shape are one instance, with all their known text',
      'for_each = ["${local.n}-releases-${local.n}", "${local.n}-releases-${local.n}"]',
      [[['aws_s3_bucket.rel["*-releases-*"]', [null, '-releases-', null]]], UNKNOWN_SET],
    ],
    [
      'else with the text they all start and end with, which overlap in no known key',
      'for_each = ["a*b", "a${local.n}b"]',
      [[['aws_s3_bucket.rel["a*b"]', ['a', null, 'b']]], UNKNOWN_SET],
    ],
    [
      'a map whose keys are known in part is one instance for each too',
      'for_each = { for n in ["acme-releases-${local.n}", "acme-dist"] : n => n }',
      [
        [
          ['aws_s3_bucket.rel["acme-dist"]', 'acme-dist'],
          ['aws_s3_bucket.rel["acme-releases-*"]', ['acme-releases-', null]],
        ],
        UNKNOWN_SET,
      ],
    ],
    [
      'and its each.value is the value of the key',
      'for_each = { for n in ["acme-releases-${local.n}"] : n => "${n}-eu" }',
      [[['aws_s3_bucket.rel["acme-releases-*"]', ['acme-releases-', null, '-eu']]], UNKNOWN_SET],
      'each.value',
    ],
    [
      'of keys of one shape, its each.value is theirs when they all have the same',
      'for_each = { for i in [1, 2] : "acme-${local.n}" => "acme-releases" }',
      [[['aws_s3_bucket.rel["acme-*"]', 'acme-releases']], UNKNOWN_SET],
      'each.value',
    ],
    [
      'else the text they share',
      'for_each = { for i in [1, 2] : "acme-${local.n}" => "acme-releases-${i}" }',
      [[['aws_s3_bucket.rel["acme-*"]', ['acme-releases-', null]]], UNKNOWN_SET],
      'each.value',
    ],
    [
      'a count of a set of one such element is known',
      'count = length(toset(["acme-releases-${local.n}"]))',
      [[['aws_s3_bucket.rel[0]', ['acme-releases-', null]]], []],
      'tolist(toset(["acme-releases-${local.n}"]))[count.index]',
    ],
    [
      'of more, not: some may turn out the same',
      'count = length(toset(["acme-releases-${local.n}", "acme-dist"]))',
      [[['aws_s3_bucket.rel[*]', 'acme-dist']], ['eval-unknown-for-each']],
      '"acme-dist"',
    ],
  ])('%s', (_what, meta, expected, bucket?: string) => {
    expect(named(meta, bucket)).toEqual(expected);
  });
});

// cty converts a list to a set(string) as toset does: of values known in part, some may turn out
// the same, so how many it holds is not known; a list kept them all, and length() counted them.
describe('a set(string) variable given values known only in part', () => {
  const inventory = loadTerraform({
    root: tempTree({
      'main.tf': `module "m" {
  source = "./child"
  names  = ["acme-releases-\${random_id.x.hex}", "acme-dist-\${random_id.x.hex}"]
}
`,
      'child/main.tf': `variable "names" { type = set(string) }
resource "aws_s3_bucket" "named" {
  for_each = var.names
  bucket   = each.key
}
resource "aws_s3_bucket" "counted" {
  count  = length(var.names)
  bucket = "acme-\${count.index}"
}
`,
    }),
  });

  it.each([
    [
      'is one instance for each of them',
      'module.m.aws_s3_bucket.named',
      ['["acme-dist-*"]', '["acme-releases-*"]'],
    ],
    ['has a length not known', 'module.m.aws_s3_bucket.counted', ['[*]']],
  ])('%s', (_what, block, suffixes) => {
    const addresses = inventory.resources
      .map((r) => r.address)
      .filter((a) => a.startsWith(`${block}[`));
    expect(addresses).toEqual(suffixes.map((suffix) => block + suffix));
  });
});
