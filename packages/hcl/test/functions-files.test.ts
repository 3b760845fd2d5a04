import { describe, expect, it } from 'vitest';
import { isUnknown } from '@posture/model';
import { DiagnosticLog } from '../src/diagnostics.js';
import { Invalid } from '../src/eval/unknowns.js';
import { LoadSession } from '../src/loader/session.js';
import { evalHcl } from './support/evaluate.js';
import { tempTree } from './support/fixtures.js';

describe('file functions', () => {
  const root = tempTree({
    'env/main.tf': '',
    'env/hello.txt': 'hello',
    'env/t.tftpl': '%{ for n in names ~}\n${n}\n%{ endfor ~}',
    'shared/policy.json': '{"a": 1}',
  });
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

  it('refuses to read outside the root, with a diagnostic', () => {
    const diagnostics = new DiagnosticLog();
    const outside = new LoadSession(root);
    for (const source of [
      'file("../../etc/passwd")',
      'file("/etc/passwd")',
      'fileexists("/etc/passwd")',
    ]) {
      const value = evalHcl(source, { files: outside.fileAccess('env'), diagnostics });
      expect(isUnknown(value)).toBe(true);
    }
    expect(outside.diagnostics.all.map((d) => [d.code, d.severity])).toEqual([
      ['path-outside-root', 'warning'],
      ['path-outside-root', 'warning'],
      ['path-outside-root', 'warning'],
    ]);
  });

  it('has no file access where Terraform allows none', () => {
    expect(evalHcl('file("hello.txt")')).toBeInstanceOf(Invalid);
    expect(isUnknown(evalHcl('pathexpand("~/x")'))).toBe(true);
  });
});
