import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, Unknown } from '@posture/model';
import { Invalid, Reported } from '../src/eval/unknowns.js';
import { LoadSession } from '../src/loader/session.js';
import { evalHcl } from './support/evaluate.js';
import { tempTree } from './support/fixtures.js';

describe('file functions', () => {
  const root = tempTree({
    'env/main.tf': '',
    'env/hello.txt': 'hello',
    'env/t.tftpl': '%{ for n in names ~}\n${n}\n%{ endfor ~}',
    'env/public.tftpl': '%{ if public }"*"%{ else }"${account}"%{ endif }\n',
    'env/loop.tftpl':
      '%{ for b in buckets ~}\n${b.name}: ${owner.team[0]} ${upper(b.x[k])}\n%{ endfor ~}\n',
    'shared/policy.json': '{"a": 1}',
    'env/json.tftpl': '${jsonencode({ Principal = "*", Resource = "${arn}/*" })}',
    'env/json-newline.tftpl': '${jsonencode({ Principal = "*", Resource = "${arn}/*" })}\n',
    // A million items, each a reference: their names were spread into one call, overflowing the stack.
    'env/wide-tuple.tftpl': `\${length([${'n,'.repeat(1_000_000)}])}`,
    'env/wide-call.tftpl': `\${max(${'n,'.repeat(1_000_000)})}`,
    'env/json-amid-text.tftpl': 'x${jsonencode({ Principal = "*", Resource = "${arn}/*" })}',
  });
  const away = tempTree({ x: 'outside-secret-releases' });
  symlinkSync(away, path.join(root, 'env/linked'));
  const session = new LoadSession(root);
  const files = session.fileAccess('env');
  const run = (source: string) => evalHcl(source, { files, diagnostics: session.diagnostics });

  it.each([
    ['file("hello.txt")', 'hello'],
    ['file("../shared/policy.json")', '{"a": 1}'],
    ['jsondecode(file("../shared/policy.json")).a', 1],
    ['filebase64("hello.txt")', 'aGVsbG8='],
    ['filemd5("hello.txt")', '5d41402abc4b2a76b9719d911017c592'],
    ['filesha256("hello.txt")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ['fileexists("hello.txt")', true],
    ['fileexists("nope.txt")', false],
    ['templatefile("t.tftpl", { names = ["a", "b"] })', 'a\nb\n'],
    ['templatestring("x=${"$"}{v}", { v = 1 })', 'x=1'],
    ['dirname("a/b/c.txt")', 'a/b'],
    ['basename("a/b/c.txt")', 'c.txt'],
    ['pathexpand("a/b")', 'a/b'],
  ])('%s', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it.each(['file("nope.txt")', 'templatefile("hello.txt")'])('%s is invalid', (source) => {
    expect(run(source)).toBeInstanceOf(Invalid);
  });

  // Terraform's messages, for the same templates and calls.
  it.each([
    [
      'templatefile("public.tftpl", { public = true })',
      'vars map does not contain key "account", referenced at public.tftpl:1,30-37',
    ],
    [
      'templatefile("./loop.tftpl", { buckets = [] })',
      'vars map does not contain key "owner", referenced at ./loop.tftpl:2,14-19',
    ],
    [
      'templatefile("loop.tftpl", { buckets = [], owner = {} })',
      'vars map does not contain key "k", referenced at loop.tftpl:2,41-42',
    ],
    [
      'templatestring(var.template, {})',
      'vars map does not contain key "a", referenced at <templatestring argument>:2,4-5',
    ],
  ])('%s fails, as Terraform does, on the variable it does not pass', (source, reason) => {
    const value = evalHcl(source, { files, vars: { template: 'x\n ${a}' } });
    expect(value).toBeInstanceOf(Invalid);
    const called = `${source.slice(0, source.indexOf('('))}(…) (written at test.tf:1)`;
    expect((value as Invalid).reason).toBe(`${called}: ${reason}`);
  });

  it.each([
    ['templatefile("wide-tuple.tftpl", { n = 1 })', '1000000'],
    ['templatefile("wide-call.tftpl", { n = 1 })', '1'],
  ])('%s: a template of a million references is read', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('renders a template whose variables are all passed, a null one too', () => {
    expect(run('templatefile("public.tftpl", { public = true, account = null })')).toBe('"*"\n');
  });

  // Terraform's docs recommend `${jsonencode(…)}` templates for JSON: with an ARN known after apply,
  // the policy it encodes is still read, as the same jsonencode in the configuration is.
  it.each([
    ['templatefile("json.tftpl", { arn = var.arn })', true],
    ['templatefile("json-newline.tftpl", { arn = var.arn })', true],
    ['"\\n ${jsonencode({ Principal = "*", Resource = "${var.arn}/*" })}\\n"', true],
    ['templatefile("json-amid-text.tftpl", { arn = var.arn })', false],
    ['"${jsonencode({ Principal = "*" })}${var.arn}"', false],
  ])('%s keeps what it encodes: %s', (source, kept) => {
    const arn = new Unknown(['aws_s3_bucket.b.arn'], 'known after apply');
    const value = evalHcl(source, { files, vars: { arn } });
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).refs).toEqual(['aws_s3_bucket.b.arn']);
    const encodes = kept ? { Principal: '*', Resource: expect.any(Unknown) } : undefined;
    expect((value as Unknown).encodes).toEqual(encodes);
  });

  // fileexists said 'cannot check files here' as if Terraform would refuse the call (an
  // eval-invalid warning besides the path-outside-root one), and fileset's path was never looked
  // at: its result was not known with no word of why.
  it.each([
    ['file("../../etc/passwd")', 'file: cannot read ../../etc/passwd'],
    ['file("/etc/passwd")', 'file: cannot read /etc/passwd'],
    ['filebase64("linked/x")', 'filebase64: cannot read linked/x'],
    ['templatefile("/etc/passwd", {})', 'templatefile: cannot read /etc/passwd'],
    ['fileexists("/etc/passwd")', 'fileexists: /etc/passwd is outside the scan root'],
    ['fileexists("linked/x")', 'fileexists: linked/x is outside the scan root'],
    ['fileset("/etc", "*")', 'fileset: /etc is outside the scan root'],
    ['fileset("linked", "**")', 'fileset: linked is outside the scan root'],
  ])('refuses %s, said once where it is named', (source, reason) => {
    const outside = new LoadSession(root);
    const value = evalHcl(source, {
      files: outside.fileAccess('env'),
      diagnostics: outside.diagnostics,
    });
    expect(value).toBeInstanceOf(Reported);
    expect((value as Reported).reason).toBe(reason);
    expect(outside.diagnostics.all.map((d) => [d.code, d.severity])).toEqual([
      ['path-outside-root', 'warning'],
    ]);
  });

  // It reads nothing; its result begins with the directory Terraform runs in, on the machine that
  // deploys, which a value the scan judges must not depend on.
  it.each(['abspath("x")', 'abspath("/etc/passwd")'])(
    '%s is not known, with nothing said',
    (source) => {
      const inside = new LoadSession(root);
      const value = evalHcl(source, {
        files: inside.fileAccess('env'),
        diagnostics: inside.diagnostics,
      });
      expect(isUnknown(value) && !(value instanceof Invalid)).toBe(true);
      expect(inside.diagnostics.all).toEqual([]);
    },
  );

  it('has no file access where Terraform allows none', () => {
    expect(evalHcl('file("hello.txt")')).toBeInstanceOf(Invalid);
    expect(isUnknown(evalHcl('pathexpand("~/x")'))).toBe(true);
  });
});
