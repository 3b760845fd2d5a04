import { symlinkSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown, readDirectory } from '@posture/model';
import { Invalid, Reported } from '../src/eval/unknowns.js';
import { MAX_FILESET_ENTRIES } from '../src/loader/fileset.js';
import { LoadSession } from '../src/loader/session.js';
import { evalHcl } from './support/evaluate.js';
import { tempTree } from './support/fixtures.js';

// fileset() was never evaluated: a bucket or an object per file of a directory was one unknown
// instance, an object ACL chosen by file name not known. It is Terraform's (doublestar's globs).
describe('fileset', () => {
  const root = tempTree({
    'env/main.tf': '',
    'env/dist/index.html': '',
    'env/dist/.hidden': '',
    'env/dist/app.js': '',
    'env/dist/app.css': '',
    'env/dist/b1.js': '',
    'env/dist/*.txt': '',
    'env/dist/sub/deep/x.js': '',
    'env/dist/sub/y.html': '',
    'env/dist/empty/.keep': '',
    'env/big/.keep': '',
    'env/linked/.keep': '',
    'shared/policy.json': '',
  });
  const away = tempTree({ 'secret.json': '' });
  symlinkSync(path.join(root, 'shared'), path.join(root, 'env/dist/shared'));
  symlinkSync(path.join(root, 'env/dist/index.html'), path.join(root, 'env/dist/home.html'));
  symlinkSync(path.join(away, 'secret.json'), path.join(root, 'env/away.json'));
  symlinkSync(away, path.join(root, 'env/awaydir'));
  symlinkSync(away, path.join(root, 'env/linked/away'));
  symlinkSync(path.join(root, 'nothing'), path.join(root, 'env/broken.json'));
  const run = (source: string) => {
    const session = new LoadSession(root);
    const value = evalHcl(source, {
      files: session.fileAccess('env'),
      diagnostics: session.diagnostics,
    });
    return { value, said: session.diagnostics.all.map((d) => `${d.code} ${d.severity}`) };
  };

  it.each([
    ['fileset("dist", "*.html")', ['home.html', 'index.html']],
    [
      'fileset("dist", "*")',
      ['*.txt', '.hidden', 'app.css', 'app.js', 'b1.js', 'home.html', 'index.html'],
    ],
    [
      'fileset("dist", "**")',
      [
        '*.txt',
        '.hidden',
        'app.css',
        'app.js',
        'b1.js',
        'empty/.keep',
        'home.html',
        'index.html',
        'shared/policy.json',
        'sub/deep/x.js',
        'sub/y.html',
      ],
    ],
    ['fileset("dist", "**/*.js")', ['app.js', 'b1.js', 'sub/deep/x.js']],
    ['fileset("dist", "sub/**/*.js")', ['sub/deep/x.js']],
    ['fileset("dist", "**/sub/*")', ['sub/y.html']],
    ['fileset("dist", "app.?s")', ['app.js']],
    ['fileset("dist", "app.{css,js}")', ['app.css', 'app.js']],
    ['fileset("dist", "[a-b]*.js")', ['app.js', 'b1.js']],
    ['fileset("dist", "[^a]*.js")', ['b1.js']],
    ['fileset("dist", "b[0-9].js")', ['b1.js']],
    ['fileset("dist", "\\\\*.txt")', ['*.txt']],
    ['fileset("dist", "index.html")', ['index.html']],
    ['fileset("dist", "sub")', []],
    ['fileset("dist", "nope/*")', []],
    ['fileset("nope", "*")', []],
    ['fileset("dist/sub", "../*.css")', ['../app.css']],
    ['fileset("./dist/", "./sub//y.html")', ['sub/y.html']],
    ['fileset("${path.module}/dist", "*.css")', ['app.css']],
    ['fileset(".", "dist/sub/*")', ['dist/sub/y.html']],
    ['fileset("dist", "*a*a*a*a*a*a*a*a*a*a*a*a*a*b")', []],
  ])('%s', (source, expected) => {
    const { value, said } = run(source.replace('${path.module}', '.'));
    expect(value).toEqual(expected);
    expect(said).toEqual([]);
  });

  // doublestar refuses them, and Terraform's call fails.
  it.each([
    'fileset("dist", "[a")',
    'fileset("dist", "{a,b")',
    'fileset("dist", "[]")',
    'fileset("dist", "a\\\\")',
  ])('%s fails as Terraform does', (source) => {
    const { value } = run(source);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toMatch(/failed to glob pattern .*: syntax error in pattern/);
  });

  it('leaves a brace inside a brace unknown, which doublestar reads by accident', () => {
    const { value, said } = run('fileset("dist", "{a,{b,c}}")');
    expect(isUnknown(value) && !(value instanceof Invalid)).toBe(true);
    expect(said).toEqual([]);
  });

  // Terraform follows them: what they lead to is a file of the machine that scans.
  it.each([
    ['fileset(".", "away.*")', 'env/away.json is outside the scan root'],
    ['fileset("linked", "**")', 'env/linked/away is outside the scan root'],
    ['fileset(".", "linked/*/*")', 'env/linked/away is outside the scan root'],
    ['fileset("awaydir", "*")', 'awaydir is outside the scan root'],
    ['fileset("/etc", "*")', '/etc is outside the scan root'],
  ])('%s is not known, said once where it is named', (source, reason) => {
    const { value, said } = run(source);
    expect(value).toBeInstanceOf(Reported);
    expect((value as Reported).reason).toBe(`fileset: ${reason}`);
    expect(said).toEqual(['path-outside-root warning']);
  });

  // Every instance of a module calls it alike: the directory is listed once.
  it('walks once per directory and pattern', () => {
    const listed: string[] = [];
    const session = new LoadSession(root, {
      listDirectory: (abs) => {
        listed.push(abs);
        return readDirectory(abs);
      },
    });
    const files = session.fileAccess('env');
    for (const source of ['fileset("dist", "*.js")', 'fileset("./dist/", "*.js")']) {
      expect(evalHcl(source, { files, diagnostics: session.diagnostics })).toEqual([
        'app.js',
        'b1.js',
      ]);
    }
    expect(listed).toEqual([path.join(root, 'env/dist')]);
  });

  it('is not known past its bound on the entries it looks at, and says so', () => {
    const many = Array.from({ length: MAX_FILESET_ENTRIES + 1 }, (_, i) => fakeFile(`f${i}.txt`));
    const session = new LoadSession(root, {
      listDirectory: (abs) => (abs.endsWith('big') ? many : []),
    });
    const value = evalHcl('fileset("big", "*")', {
      files: session.fileAccess('env'),
      diagnostics: session.diagnostics,
    });
    expect(value).toBeInstanceOf(Reported);
    expect(session.diagnostics.all.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'fileset-too-large',
        'warning',
        `fileset() would look at more than ${MAX_FILESET_ENTRIES} entries under env/big, too many to list; its result is not known`,
      ],
    ]);
  });
});

function fakeFile(name: string): Dirent {
  return {
    name,
    isFile: () => true,
    isDirectory: () => false,
    isSymbolicLink: () => false,
  } as Dirent;
}
