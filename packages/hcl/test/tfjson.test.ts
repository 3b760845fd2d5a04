import { describe, expect, it } from 'vitest';
import type { Attribute, Block, ConfigFile, TemplateExpr } from '../src/ast.js';
import { parseTfJson } from '../src/parser/index.js';
import { at, show } from './support/show.js';

function parseOk(text: string, path = 'main.tf.json'): ConfigFile {
  const file = parseTfJson(text, path);
  expect(file.diagnostics).toEqual([]);
  return file;
}

function outline(file: ConfigFile): string[] {
  const out: string[] = [];
  const walk = (items: readonly (Attribute | Block)[], indent: string): void => {
    for (const item of items) {
      if (item.kind === 'attribute') out.push(`${indent}${item.name} = ${show(item.expr)}`);
      else {
        out.push(
          `${indent}${[item.type, ...item.labels.map((l) => JSON.stringify(l.value))].join(' ')}`,
        );
        walk(item.body.items, indent + '  ');
      }
    }
  };
  walk(file.body.items, '');
  return out;
}

describe('Terraform JSON syntax', () => {
  it('turns top-level objects into blocks with the right number of labels', () => {
    const file = parseOk(
      JSON.stringify({
        resource: { aws_s3_bucket: { b: { bucket: 'x', force_destroy: true } } },
        data: { aws_iam_policy_document: { p: { version: '2012-10-17' } } },
        module: { m: { source: './m', n: 1 } },
        variable: { v: { type: 'list(string)', default: ['${not.a.template}'] } },
        output: { o: { value: '${aws_s3_bucket.b.id}', depends_on: ['aws_s3_bucket.b'] } },
        locals: { a: null },
        terraform: { required_version: '>= 1.5', backend: { s3: { bucket: 'state' } } },
      }),
    );
    expect(outline(file)).toEqual([
      'resource "aws_s3_bucket" "b"',
      '  bucket = tpl["x"]',
      '  force_destroy = true',
      'data "aws_iam_policy_document" "p"',
      '  version = tpl["2012-10-17"]',
      'module "m"',
      '  source = tpl["./m"]',
      '  n = 1',
      'variable "v"',
      '  type = list(string)',
      '  default = [tpl["${not.a.template}"]]',
      'output "o"',
      '  value = tpl[${aws_s3_bucket.b.id}]',
      '  depends_on = [aws_s3_bucket.b]',
      'locals',
      '  a = null',
      'terraform',
      '  required_version = tpl[">= 1.5"]',
      '  backend "s3"',
      '    bucket = tpl["state"]',
    ]);
  });

  it('reads arrays as repeated blocks, for provider aliases and nested blocks', () => {
    const file = parseOk(
      JSON.stringify({
        provider: {
          aws: [
            { region: 'us-east-1' },
            { alias: 'west', region: 'us-west-2', default_tags: { tags: { release: 'true' } } },
          ],
        },
        resource: {
          aws_s3_bucket: {
            b: [{ bucket: 'one' }, { bucket: 'two' }],
          },
        },
      }),
    );
    expect(outline(file)).toEqual([
      'provider "aws"',
      '  region = tpl["us-east-1"]',
      'provider "aws"',
      '  alias = tpl["west"]',
      '  region = tpl["us-west-2"]',
      '  default_tags = {tpl["tags"]={tpl["release"]=tpl["true"]}}',
      'resource "aws_s3_bucket" "b"',
      '  bucket = tpl["one"]',
      'resource "aws_s3_bucket" "b"',
      '  bucket = tpl["two"]',
    ]);
  });

  it('knows the nested meta blocks and keeps other objects as attributes', () => {
    const file = parseOk(
      JSON.stringify({
        resource: {
          aws_s3_bucket: {
            b: {
              versioning: { enabled: true },
              lifecycle: { prevent_destroy: true, ignore_changes: ['tags'] },
              provisioner: [{ 'local-exec': { command: 'echo ${self.id}' } }],
              connection: { host: 'h' },
              dynamic: {
                rule: { for_each: '${var.rules}', content: { id: '${rule.value}' } },
              },
            },
          },
        },
      }),
    );
    expect(outline(file)).toEqual([
      'resource "aws_s3_bucket" "b"',
      '  versioning = {tpl["enabled"]=true}',
      '  lifecycle',
      '    prevent_destroy = true',
      '    ignore_changes = [tags]',
      '  provisioner "local-exec"',
      '    command = tpl["echo " ${self.id}]',
      '  connection',
      '    host = tpl["h"]',
      '  dynamic "rule"',
      '    for_each = tpl[${var.rules}]',
      '    content',
      '      id = tpl[${rule.value}]',
    ]);
  });

  // The block schemas are plain objects: a key named after an inherited property once found
  // Object.prototype's function as its "block" and ended the file as 'cannot parse: TypeError'.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'keeps a key named %s as an attribute, at the top and in a block',
    (key) => {
      const file = parseOk(
        `{"${key}": {"x": 1}, "resource": {"aws_s3_bucket": {"b": {"${key}": {"y": 2}}}}}`,
      );
      expect(outline(file)).toEqual([
        `${key} = {tpl["x"]=1}`,
        'resource "aws_s3_bucket" "b"',
        `  ${key} = {tpl["y"]=2}`,
      ]);
    },
  );
  it('reads .tfvars.json as plain attributes', () => {
    const file = parseOk('{"region": "eu-west-1", "resource": {"a": 1}}', 'prod.tfvars.json');
    expect(outline(file)).toEqual(['region = tpl["eu-west-1"]', 'resource = {tpl["a"]=1}']);
  });

  it('collects "//" properties as comments', () => {
    const file = parseOk('{\n  "//": "posture:release",\n  "locals": {"//": "inner", "a": 1}\n}');
    expect(file.comments.map((c) => [c.text, c.style, at(c)])).toEqual([
      ['posture:release', '//', '2:3-2:26'],
      ['inner', '//', '3:14-3:27'],
    ]);
    expect(outline(file)).toEqual(['locals', '  a = 1']);
  });

  it('gives blocks, attributes and template parts ranges in the JSON text', () => {
    const text =
      '{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "bucket": "x-${var.env}"\n      }\n    }\n  }\n}\n';
    const file = parseOk(text);
    const block = file.body.items[0] as Block;
    expect(at(block.typeSpan)).toBe('2:3-2:13');
    expect(block.labels.map(at)).toEqual(['3:5-3:20', '4:7-4:10']);
    expect(at(block)).toBe('4:7-6:8');
    const bucket = block.body.items[0] as Attribute;
    expect(at(bucket)).toBe('5:9-5:33');
    expect(at(bucket.nameSpan)).toBe('5:9-5:17');
    const tpl = bucket.expr as TemplateExpr;
    expect(at(tpl)).toBe('5:19-5:33');
    expect(tpl.parts.map(at)).toEqual(['5:20-5:22', '5:22-5:32']);
    const interpolation = tpl.parts[1];
    expect(interpolation?.type === 'interpolation' && at(interpolation.expr)).toBe('5:24-5:31');
  });

  it('maps ranges inside strings through JSON escapes', () => {
    const file = parseOk('{"locals": {"a": "\\"q\\" \\u00e9 ${var.x}"}}');
    const a = (file.body.items[0] as Block).body.items[0] as Attribute;
    const tpl = a.expr as TemplateExpr;
    expect(show(tpl)).toBe('tpl["\\"q\\" é " ${var.x}]');
    const interpolation = tpl.parts[1];
    // `${` sits at column 32: the escapes take 10 characters of source for 3 of value.
    expect(interpolation && at(interpolation)).toBe('1:32-1:40');
    expect(interpolation?.type === 'interpolation' && at(interpolation.expr)).toBe('1:34-1:39');
  });

  it('ends a splat in a string where its last step ends', () => {
    // `[*].id` ends at column 41, inside the string; `.*` with no step ends at its `*`.
    const text =
      '{\n  "output": {\n    "o": {\n      "value": "${aws_instance.web[*].id}",\n      "v2": "${aws_instance.web.*}"\n    }\n  }\n}\n';
    const output = parseOk(text).body.items[0] as Block;
    const splats = output.body.items.map((item) => {
      const tpl = (item as Attribute).expr as TemplateExpr;
      const part = tpl.parts[0];
      return part?.type === 'interpolation' ? at(part.expr) : undefined;
    });
    expect(splats).toEqual(['4:19-4:41', '5:16-5:34']);
  });

  it('reports JSON syntax errors and template errors with positions', () => {
    const broken = parseTfJson('{\n  "locals": {\n    "a": 1,\n  }\n}', 'main.tf.json');
    expect(broken.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`)).toEqual(
      ['4:3 expected a property name in double quotes'],
    );
    const template = parseTfJson('{"locals": {"a": "${var.x"}}', 'main.tf.json');
    expect(template.diagnostics[0]?.start.column).toBe(26);
    expect(template.diagnostics[0]?.message).toMatch(/expected '\}' to close the interpolation/);
    const notObject = parseTfJson('[1]', 'main.tf.json');
    expect(notObject.diagnostics[0]?.message).toBe('expected a JSON object at the top level');
    const badBlock = parseTfJson('{"resource": {"a": {"b": 1}}}', 'main.tf.json');
    expect(badBlock.diagnostics[0]?.message).toBe(`expected an object for the block 'resource'`);
    const badLocals = parseTfJson('{"locals": 1}', 'main.tf.json');
    expect(badLocals.diagnostics[0]?.message).toBe(`expected an object for the block 'locals'`);
    const twice = parseTfJson('{"locals": {"a": 1,\n "a": 2}}', 'main.tf.json');
    expect(twice.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`)).toEqual([
      "2:2 attribute 'a' is set twice; it was first set at line 1",
    ]);
  });
});
