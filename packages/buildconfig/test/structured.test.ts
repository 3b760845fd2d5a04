import { findNodeAtOffset, getNodePath, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { entriesAt, formatPath, writtenPath, type Path } from '../src/structured/doc.js';
import { jsTokens, parseJsLiterals } from '../src/structured/js-literals.js';
import { readJsValues } from '../src/structured/js-values.js';
import { COMPOUND, UNKNOWN } from '../src/structured/possible.js';
import { parseStarlarkLiterals } from '../src/structured/starlark.js';
import { parseJson } from '../src/structured/json.js';
import { parseToml } from '../src/structured/toml.js';
import { parseYaml } from '../src/structured/yaml.js';

/** The path at the first occurrence of `needle`, formatted. */
function pathOf(parse: typeof parseYaml, text: string, needle: string): string | undefined {
  const path = parse(text).doc.pathAt(text.indexOf(needle));
  return path && formatPath(path);
}

describe('YAML outline', () => {
  const text = [
    '# comment: not a key',
    'on:',
    '  push:',
    '    tags: ["v*"]',
    'jobs:',
    '  "build and test":',
    '    steps:',
    '    - name: Checkout',
    '      uses: actions/checkout@v4',
    '    - run: |',
    '        echo one: two',
    '        # not a comment here',
    '        aws s3 cp x s3://block-bucket/',
    '',
    '        echo after blank',
    '    - - nested',
    "      - 'quoted: item' # trailing",
    '  deploy:',
    '    env: &env',
    '      BUCKET: plain-value # comment',
    '    matrix: { a: 1,',
    '      b: 2 }',
    'after: end',
  ].join('\n');

  it.each([
    ['tags: ["v*"]', 'on.push.tags'],
    ['Checkout', 'jobs["build and test"].steps[0].name'],
    ['actions/checkout', 'jobs["build and test"].steps[0].uses'],
    ['echo one: two', 'jobs["build and test"].steps[1].run'],
    ['# not a comment here', 'jobs["build and test"].steps[1].run'],
    ['s3://block-bucket', 'jobs["build and test"].steps[1].run'],
    ['echo after blank', 'jobs["build and test"].steps[1].run'],
    ['nested', 'jobs["build and test"].steps[2][0]'],
    ['quoted: item', 'jobs["build and test"].steps[2][1]'],
    ['plain-value', 'jobs.deploy.env.BUCKET'],
    ['b: 2', 'jobs.deploy.matrix.b'],
    ['end', 'after'],
  ])('%s is at %s', (needle, path) => {
    expect(pathOf(parseYaml, text, needle)).toBe(path);
  });

  it('agrees with js-yaml on the data at each path', () => {
    const { doc } = parseYaml(text);
    expect(doc.data).toMatchObject({ jobs: { deploy: { env: { BUCKET: 'plain-value' } } } });
    const span = doc.scalarSpan(['jobs', 'deploy', 'env', 'BUCKET']);
    expect(text.slice(span!.start, span!.end)).toBe('plain-value');
    const quoted = doc.scalarSpan(['jobs', 'build and test', 'steps', 2, 1]);
    expect(text.slice(quoted!.start, quoted!.end)).toBe('quoted: item');
    const block = doc.valueSpan(['jobs', 'build and test', 'steps', 1, 'run'])!;
    expect(text.slice(block.start, block.end)).toMatch(/^ {8}echo one: two\n[^]*echo after blank$/);
    expect(doc.scalarSpan(['jobs', 'build and test', 'steps', 1, 'run'])).toBeUndefined();
  });

  it('gives the text of a quoted value without its quotes, over lines too, and says which fold', () => {
    const yaml = [
      `a: "x \\" y" # comment`,
      `b: 'it''s'`,
      `c: "over`,
      `  lines"`,
      'd: >',
      '  folded',
      'e: |',
      '  literal',
      'f: [1, 2]',
      '',
    ].join('\n');
    const { doc } = parseYaml(yaml);
    const spans = ['a', 'b', 'c', 'd', 'e'].map((key) => doc.valueSpan([key])!);
    expect(spans.map((s) => yaml.slice(s.start, s.end))).toEqual([
      'x \\" y',
      "it''s",
      'over\n  lines',
      '  folded',
      '  literal',
    ]);
    expect(spans.map((s) => s.folded ?? false)).toEqual([true, true, true, true, false]);
    expect(doc.valueSpan(['f'])).toMatchObject({ folded: true });
  });

  it('places a sequence written at its key’s indentation under that key', () => {
    const yaml = 'steps:\n- run: a\n- run: b\nnext: 1\n';
    expect(pathOf(parseYaml, yaml, 'b\n')).toBe('steps[1].run');
    expect(pathOf(parseYaml, yaml, '1\n')).toBe('next');
  });

  it.each([
    ['a key written twice', 'a: 1\nb: x\na: 2\n', ['a'], '2'],
    [
      'a job written twice',
      'jobs:\n  r:\n    steps:\n      - run: one\n  r:\n    steps:\n      - run: two\n',
      ['jobs', 'r', 'steps', 0, 'run'],
      'two',
    ],
    ['a flow key written twice', 'm: { a: 1, a: 2 }\n', ['m', 'a'], '2'],
    // The outline of all a stream's documents goes with the first's data.
    ['a key of a later document', 'a: 1\n---\na: 2\n', ['a'], '1'],
    ['an explicit key', '? a\n: value # c\n', ['a'], 'value'],
    ['a quoted explicit key', '? "a: b" # c\n: value\n', ['a: b'], 'value'],
    [
      'an explicit key in an item',
      'steps:\n  - ? run\n    : aws s3 cp\n',
      ['steps', 0, 'run'],
      'aws s3 cp',
    ],
    ['what an explicit key holds', '? a\n:\n  b: value\n', ['a', 'b'], 'value'],
    ['a key after a key that is no scalar', '? [x, y]\n: 1\nb:\n  c: value\n', ['b', 'c'], 'value'],
    ['a key after an explicit one with no value', '? a\nb: value\n', ['b'], 'value'],
  ])('%s is where js-yaml reads its value', (_name, yaml, path, value) => {
    const { doc, error } = parseYaml(yaml);
    expect(error).toBeUndefined();
    const data = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)[key],
      doc.data,
    );
    expect(String(data)).toBe(value);
    const span = doc.scalarSpan(path);
    expect(span && yaml.slice(span.start, span.end)).toBe(value);
  });

  it('keeps paths when js-yaml rejects the file', () => {
    const yaml = 'a:\n  b: value\n  c: [unclosed\nd: x\n';
    const { doc, error } = parseYaml(yaml);
    expect(error?.offset).toBeGreaterThan(0);
    expect(doc.data).toBeUndefined();
    expect(formatPath(doc.pathAt(yaml.indexOf('value'))!)).toBe('a.b');
    expect(formatPath(doc.pathAt(yaml.indexOf('x\n'))!)).toBe('d');
  });
});

describe('YAML flow collections', () => {
  /**
   * Each value of js-yaml's data but block collections, with the text the outline gives it and
   * whether it is a one-line string.
   */
  const values = (yaml: string): string[] => {
    const { doc, error } = parseYaml(yaml);
    expect(error).toBeUndefined();
    const walk = (path: Path, value: unknown): string[] => {
      const span = doc.valueSpan(path);
      const text = span ? yaml.slice(span.start, span.end) : '(none)';
      const line = `${formatPath(path)} = ${text}${doc.scalarSpan(path) ? ' (scalar)' : ''}`;
      // What an alias names is written at its anchor.
      if (text.startsWith('*')) return [line];
      const inside = entriesAt(value, []).flatMap(([at, child]) => walk([...path, ...at], child));
      const block = typeof value === 'object' && value !== null && !/^[[{]/.test(text);
      return path.length === 0 || block ? inside : [line, ...inside];
    };
    return walk([], doc.data);
  };

  it.each([
    [
      'a flow mapping as a value, each entry with its path (the case reported)',
      ['env: { AWS_S3_BUCKET: my-release-artifacts, SOURCE_DIR: dist } # comment'],
      [
        'env = { AWS_S3_BUCKET: my-release-artifacts, SOURCE_DIR: dist }',
        'env.AWS_S3_BUCKET = my-release-artifacts (scalar)',
        'env.SOURCE_DIR = dist (scalar)',
      ],
    ],
    [
      'a flow sequence of scalars: quoted, plain with spaces, a number',
      [`args: ['-c', "gsutil cp x gs://b", plain item , 3]`],
      [
        `args = ['-c', "gsutil cp x gs://b", plain item , 3]`,
        'args[0] = -c (scalar)',
        'args[1] = gsutil cp x gs://b (scalar)',
        'args[2] = plain item (scalar)',
        'args[3] = 3 (scalar)',
      ],
    ],
    [
      'nested collections, and a pair in a sequence (a mapping of one key)',
      ['m: {a: [x, {b: y}], c: {d: [z]}, p: [k: v]}'],
      [
        'm = {a: [x, {b: y}], c: {d: [z]}, p: [k: v]}',
        'm.a = [x, {b: y}]',
        'm.a[0] = x (scalar)',
        'm.a[1] = {b: y}',
        'm.a[1].b = y (scalar)',
        'm.c = {d: [z]}',
        'm.c.d = [z]',
        'm.c.d[0] = z (scalar)',
        'm.p = [k: v]',
        'm.p[0].k = v (scalar)',
      ],
    ],
    [
      'a collection over lines, with comments, a trailing comma and a plain scalar folded over lines',
      ['run: [ aws s3 cp dist', '        s3://b/x , # the upload', '  "echo done", ]', 'next: 1'],
      [
        'run = [ aws s3 cp dist\n        s3://b/x , # the upload\n  "echo done", ]',
        'run[0] = aws s3 cp dist\n        s3://b/x',
        'run[1] = echo done (scalar)',
        'next = 1 (scalar)',
      ],
    ],
    [
      'quoted keys and values, a value quoted over lines, JSON’s `"key":value`',
      [`{"a b":"x, y", 'c''d': 'it''s', "e":`, `  "over`, `  lines", f: }`],
      ['["a b"] = x, y (scalar)', `c'd = it''s (scalar)`, 'e = over\n  lines', 'f = '],
    ],
    [
      'in a block sequence, on the line after a key, and around block values',
      ['steps:', '  - { run: a, env: { B: c } }', '  - env:', '      { B: d }', '    run: e'],
      [
        'steps[0] = { run: a, env: { B: c } }',
        'steps[0].run = a (scalar)',
        'steps[0].env = { B: c }',
        'steps[0].env.B = c (scalar)',
        'steps[1].env = { B: d }',
        'steps[1].env.B = d (scalar)',
        'steps[1].run = e (scalar)',
      ],
    ],
    [
      'a whole file written as JSON',
      [
        '{',
        '  "jobs": {',
        '    "r": { "steps": [ { "run": "aws s3 cp x s3://b/" } ] }',
        '  }',
        '}',
      ],
      [
        'jobs = {\n    "r": { "steps": [ { "run": "aws s3 cp x s3://b/" } ] }\n  }',
        'jobs.r = { "steps": [ { "run": "aws s3 cp x s3://b/" } ] }',
        'jobs.r.steps = [ { "run": "aws s3 cp x s3://b/" } ]',
        'jobs.r.steps[0] = { "run": "aws s3 cp x s3://b/" }',
        'jobs.r.steps[0].run = aws s3 cp x s3://b/ (scalar)',
      ],
    ],
    [
      'anchors, tags and aliases on flow values',
      ['a: { x: &v !!str one, y: *v, z: &m [two] }', 'b: *m'],
      [
        'a = { x: &v !!str one, y: *v, z: &m [two] }',
        'a.x = one (scalar)',
        'a.y = *v',
        'a.z = [two]',
        'a.z[0] = two (scalar)',
        'b = *m',
      ],
    ],
    [
      'explicit keys (`? key : value`, YAML 1.2 ex. 7.16), in a mapping and as pairs in a sequence',
      ['m: {? a : b, ? c, d: e, ? f', '  : g}', 's: [? h : i, ? j]'],
      [
        'm = {? a : b, ? c, d: e, ? f\n  : g}',
        'm.a = b (scalar)',
        'm.c = ',
        'm.d = e (scalar)',
        'm.f = g (scalar)',
        's = [? h : i, ? j]',
        's[0].h = i (scalar)',
        's[1].j = ',
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(values([...lines, ''].join('\n'))).toEqual(expected);
  });

  it('finds the comments inside and after, and gives what is between entries to the collection', () => {
    const yaml = 'a: { b: [c, "d # no"], e: f } # one\ng: [ # two\n  h ]\n';
    const { doc } = parseYaml(yaml);
    expect(doc.data).toEqual({ a: { b: ['c', 'd # no'], e: 'f' }, g: ['h'] });
    expect(doc.comments!.map((c) => yaml.slice(c.start, c.end))).toEqual(['# one', '# two']);
    // Between entries is the collection's.
    expect(formatPath(doc.pathAt(yaml.indexOf(', e'))!)).toBe('a');
  });

  it('gives values a hundred collections deep their paths and spans', () => {
    const yaml = `a: ${'['.repeat(95)}x, {b: y}${']'.repeat(95)}\n`;
    const { doc, error } = parseYaml(yaml);
    expect(error).toBeUndefined();
    const innermost = ['a', ...Array<number>(94).fill(0)];
    expect(doc.pathAt(yaml.indexOf('x'))).toEqual([...innermost, 0]);
    expect(doc.pathAt(yaml.indexOf('y'))).toEqual([...innermost, 1, 'b']);
    const span = doc.scalarSpan([...innermost, 1, 'b'])!;
    expect(yaml.slice(span.start, span.end)).toBe('y');
  });

  it('reads a collection js-yaml rejects as one value, and the lines after it as block lines', () => {
    const yaml = 'a:\n  b: { c: [d }\n  e: f\ng: [x]\n';
    const { doc, error } = parseYaml(yaml);
    expect(error).toBeDefined();
    expect(formatPath(doc.pathAt(yaml.indexOf('c:'))!)).toBe('a.b');
    expect(formatPath(doc.pathAt(yaml.indexOf('f\n'))!)).toBe('a.e');
    // One collection that is not read leaves the next ones read.
    expect(formatPath(doc.pathAt(yaml.indexOf('x]'))!)).toBe('g[0]');
  });
});

describe('JSON with positions', () => {
  it('gives paths and string spans without quotes', () => {
    const text = '{ "a": { "b": ["x", "https://y"] } }';
    const { doc } = parseJson(text);
    expect(formatPath(doc.pathAt(text.indexOf('https')) as Path)).toBe('a.b[1]');
    const span = doc.scalarSpan(['a', 'b', 1])!;
    expect(text.slice(span.start, span.end)).toBe('https://y');
  });

  it.each([
    ['a key written twice', '{ "a": "one", "b": 1, "a": "two" }', ['a']],
    ['a key written twice, deeper', '{ "s": { "r": "one" }, "s": { "r": "two" } }', ['s', 'r']],
  ])('reads %s at its last writing, as JSON.parse does', (_name, text, path) => {
    const { doc } = parseJson(text);
    const span = doc.scalarSpan(path)!;
    expect(text.slice(span.start, span.end)).toBe('two');
    const data = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown>)[key],
      doc.data,
    );
    expect(data).toBe('two');
  });
});

describe('TOML subset', () => {
  const text = [
    'name = "w" # comment',
    '[[r2_buckets]]',
    'bucket_name = "one"',
    '[[r2_buckets]]',
    "bucket_name = 'two'",
    '[env.prod]',
    'route = "x/*"',
    '[[env.prod.r2_buckets]]',
    'bucket_name = "three"',
  ].join('\n');

  it('builds data, paths and spans for tables and arrays of tables', () => {
    const { doc } = parseToml(text);
    expect(doc.data).toEqual({
      name: 'w',
      r2_buckets: [{ bucket_name: 'one' }, { bucket_name: 'two' }],
      env: { prod: { route: 'x/*', r2_buckets: [{ bucket_name: 'three' }] } },
    });
    expect(formatPath(doc.pathAt(text.indexOf('two'))!)).toBe('r2_buckets[1].bucket_name');
    const span = doc.scalarSpan(['env', 'prod', 'r2_buckets', 0, 'bucket_name'])!;
    expect(text.slice(span.start, span.end)).toBe('three');
  });

  it('reads inline tables and arrays, an array over several lines, as data with paths and spans', () => {
    const inline = [
      'r2_buckets = [{ binding = "B", bucket_name = "one" }, { a.b = \'two\', n = 3 }] # c',
      'hosts = [',
      '  "x", # first',
      '  ["y", 2],',
      ']',
      'when = 1979-05-27 07:32:00Z',
      'open = [1, 2',
      'key = "v"',
    ].join('\n');
    const { doc } = parseToml(inline);
    expect(doc.data).toEqual({
      r2_buckets: [
        { binding: 'B', bucket_name: 'one' },
        { a: { b: 'two' }, n: '3' },
      ],
      hosts: ['x', ['y', '2']],
      when: '1979-05-27 07:32:00Z',
      // An array that does not close is kept as the text of its line.
      open: '[1, 2',
      key: 'v',
    });
    const at = (needle: string) => formatPath(doc.pathAt(inline.indexOf(needle))!);
    expect(at('bucket_name')).toBe('r2_buckets[0].bucket_name');
    expect(at('a.b')).toBe('r2_buckets[1].a.b');
    expect(at('# c')).toBe('r2_buckets');
    expect(at('# first')).toBe('hosts');
    expect(at('2]')).toBe('hosts[1][1]');
    expect(at('key')).toBe('key');
    const span = doc.scalarSpan(['r2_buckets', 1, 'a', 'b'])!;
    expect(inline.slice(span.start, span.end)).toBe('two');
    const list = doc.valueSpan(['hosts'])!;
    expect(inline.slice(list.start, list.end)).toBe('[\n  "x", # first\n  ["y", 2],\n]');
  });

  // `[__proto__.a]` in a scanned netlify.toml wrote `a` into Object.prototype: every object of the
  // scan inherited it, and a policy rule's severity read from there turned critical findings info.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'keeps a key named %s as data of its own table',
    (key) => {
      const { doc } = parseToml(
        [
          `[${key}.a]`,
          'x = "1"',
          `[[list.${key}]]`,
          '[t]',
          `${key} = "2"`,
          `u = { ${key} = "3" }`,
        ].join('\n'),
      );
      expect(doc.data).toEqual(
        JSON.parse(`{"${key}": {"a": {"x": "1"}}, "list": {"${key}": [{}]},
          "t": {"${key}": "2", "u": {"${key}": "3"}}}`),
      );
      expect(Object.getPrototypeOf(doc.data)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['a']).toBeUndefined();
    },
  );
});

describe('multi-document YAML', () => {
  it('reads each document on its own, paired with what js-yaml reads', () => {
    const yaml =
      '# pipelines\n---\nkind: pipeline\nsteps:\n  - name: a\n---\nkind: secret\nname: token\n';
    const { doc, documents } = parseYaml(yaml);
    expect(doc.data).toMatchObject({ kind: 'pipeline' });
    expect(documents?.map((d) => d.doc.data)).toEqual([
      { kind: 'pipeline', steps: [{ name: 'a' }] },
      { kind: 'secret', name: 'token' },
    ]);
    const second = documents![1]!;
    expect(formatPath(second.doc.pathAt(yaml.indexOf('token'))!)).toBe('name');
    expect(yaml.slice(second.span.start, second.span.end)).toBe('---\nkind: secret\nname: token\n');
    expect(parseYaml('a: 1\n').documents).toBeUndefined();
  });

  it.each([
    ['%YAML', '%YAML 1.2\n---\n'],
    ['%TAG', '%TAG !e! tag:example.com,2000:\n---\n'],
    ['both, after a comment', '# ci\n%YAML 1.2\n%TAG !e! tag:example.com,2000:\n--- # start\n'],
  ])('reads the document after its directives (%s) and the --- that ends them', (_name, head) => {
    const yaml = `${head}jobs:\n  r:\n    steps:\n      - run: aws s3 cp x s3://b/\n`;
    const { doc, documents, error } = parseYaml(yaml);
    expect([error, documents]).toEqual([undefined, undefined]);
    expect(doc.data).toEqual({ jobs: { r: { steps: [{ run: 'aws s3 cp x s3://b/' }] } } });
    expect(formatPath(doc.pathAt(yaml.indexOf('aws'))!)).toBe('jobs.r.steps[0].run');
  });

  it('reads each document after its own directives', () => {
    const yaml = '%YAML 1.2\n---\na: [x]\n...\n%YAML 1.2\n---\nb: [y]\n';
    const { documents } = parseYaml(yaml);
    expect(documents?.map((d) => d.doc.data)).toEqual([{ a: ['x'] }, { b: ['y'] }]);
    expect(formatPath(documents![1]!.doc.pathAt(yaml.indexOf('y'))!)).toBe('b[0]');
  });
});

describe('YAML application tags', () => {
  it("reads GitLab's !reference, CloudFormation's intrinsics and any other tag as the value it tags", () => {
    const yaml = [
      'release:',
      '  script:',
      '    - !reference [.setup, script]',
      '    - aws s3 cp dist s3://acme-releases/',
      'resources:',
      '  Policy: !Sub "arn:aws:s3:::${Bucket}/*"',
      '  Arn: !GetAtt Bucket.Arn',
      '  Other: !Vendor { a: 1 }',
      '',
    ].join('\n');
    const { doc, error } = parseYaml(yaml);
    expect(error).toBeUndefined();
    expect(doc.data).toEqual({
      release: { script: [['.setup', 'script'], 'aws s3 cp dist s3://acme-releases/'] },
      resources: { Policy: 'arn:aws:s3:::${Bucket}/*', Arn: 'Bucket.Arn', Other: { a: 1 } },
    });
    expect(pathOf(parseYaml, yaml, 's3://acme')).toBe('release.script[1]');
  });

  it('reads a file of many tags of its own (all taken from the text at once, not one per reading)', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `k${i}: !Vendor${i} v${i}`);
    const { doc, error } = parseYaml(`${lines.join('\n')}\nrun: test "$a" != b\n`);
    expect(error).toBeUndefined();
    expect(doc.data).toMatchObject({ k0: 'v0', k39: 'v39', run: 'test "$a" != b' });
  });

  it('still reports YAML that is broken for another reason', () => {
    expect(parseYaml('a: [1, 2\nb: !Ref x\n').error?.message).not.toMatch(/unknown tag/);
  });
});

describe('YAML aliases and merge keys', () => {
  /** Each place that an alias gives a value, `written -> place`, in each document. */
  const aliases = (yaml: string): string[][] => {
    const { doc, documents, warnings } = parseYaml(yaml);
    expect(warnings).toBeUndefined();
    return (documents?.map((d) => d.doc) ?? [doc]).map((d) =>
      (d.aliases ?? []).map(({ from, to }) => `${formatPath(from)} -> ${formatPath(to)}`),
    );
  };

  it.each([
    [
      'an alias in a block or a flow sequence, or as a value',
      ['s: &s', '  - a', 'x:', '  - *s', 'y: [b, *s]', 'z: *s'],
      [['s -> x[0]', 's -> y[1]', 's -> z']],
    ],
    [
      'anchors, aliases and merge keys inside flow collections',
      ['base: &b { script: [a], image: i }', 'job: { <<: *b, image: own }', 'l: [&x {k: v}, *x]'],
      [['base.script -> job.script', 'l[0] -> l[1]']],
    ],
    [
      'merge keys: the keys the mapping does not write, from the first mapping listed that has them',
      [
        'a: &a',
        '  script: [a]',
        '  image: a',
        'b: &b',
        '  script: [b]',
        '  stage: b',
        'job:',
        '  <<: [*a, *b]',
        '  image: own',
      ],
      [['a.script -> job.script', 'b.stage -> job.stage']],
    ],
    [
      'an alias inside what an alias or a merge key names, at each place',
      ['s: &s [x]', 't: &t', '  script: *s', 'merged:', '  <<: *t', 'whole: *t'],
      [['s -> t.script', 's -> merged.script', 't -> whole', 's -> whole.script']],
    ],
    [
      'the anchor of that name written last before the alias',
      ['a: &x [1]', 'b: *x', 'c: &x [2]', 'd: *x'],
      [['a -> b', 'c -> d']],
    ],
    [
      "each document's anchors",
      ['a: &x [1]', 'b: *x', '---', 'c: &x [2]', 'd: *x'],
      [['a -> b'], ['c -> d']],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(aliases([...lines, ''].join('\n'))).toEqual(expected);
  });

  it('warns of each alias it cannot follow, where it is written', () => {
    const yaml = [
      'steps:',
      // js-yaml anchors the key, which has no path of its own.
      '  - &key k: v',
      '  - *key',
      '',
    ].join('\n');
    const { warnings } = parseYaml(yaml);
    expect(warnings?.map((w) => yaml.slice(w.offset, w.offset + 5))).toEqual(['*key\n']);
    expect(warnings?.[0]?.message).toBe(
      'YAML alias *key could not be followed to the value it names; that value is not read where the alias uses it',
    );
  });
});

describe('JavaScript literals', () => {
  it.each([
    [
      'module.exports',
      "module.exports = { appId: 'a', publish: [{ provider: 's3' }] };",
      [{ appId: 'a', publish: [{ provider: 's3' }] }],
    ],
    [
      'export default, TypeScript',
      'const c: Configuration = { a: 1 };\nexport default { ...c, b: null, t: true };',
      [{ a: 1 }, { b: null, t: true }],
    ],
    [
      'JSON5: unquoted keys, single quotes, comments, trailing commas',
      "// settings\n{ publish: { 'provider': 's3', bucket: \"b\", /* } */ }, }",
      [{ publish: { provider: 's3', bucket: 'b' } }],
    ],
    [
      'computed values are there, undefined',
      "module.exports = { acl: process.env.ACL, bucket: isProd ? 'p' : 's', t: `x/${v}`, f() { return 1 }, publish };",
      [{ acl: undefined, bucket: undefined, t: undefined, publish: undefined }],
    ],
    [
      'literals a function returns or a call is given',
      "module.exports = async () => { const s = 'x'; return { publish: defaults({ bucket: `b` }) } }",
      [{ publish: undefined }, { bucket: 'b' }],
    ],
    ['blocks and indexes are no literals', "if (a) { b[0] = 'c' }\nx = [1]", [[1]]],
    [
      'strings keep what looks like code',
      "x = { a: '}{', b: \"it's\", 'c\\'d': 2 }",
      [{ a: '}{', b: "it's", "c'd": 2 }],
    ],
  ])('%s', (_name, text, data) => {
    // Strictly: a key set to a computed value is there, undefined.
    expect(parseJsLiterals(text).data).toStrictEqual(data);
  });

  it('gives paths below the literal’s index, and string spans without quotes', () => {
    const text =
      "const a = [1];\nmodule.exports = {\n  publish: [{ bucket: 'acme-releases', acl: null }],\n};\n";
    const doc = parseJsLiterals(text);
    expect(doc.pathAt(text.indexOf('acme'))).toEqual([1, 'publish', 0, 'bucket']);
    expect(doc.pathAt(text.indexOf('acl'))).toEqual([1, 'publish', 0]);
    expect(doc.pathAt(0)).toBeUndefined();
    const span = doc.scalarSpan([1, 'publish', 0, 'bucket'])!;
    expect(text.slice(span.start, span.end)).toBe('acme-releases');
    expect(doc.scalarSpan([1, 'publish', 0, 'acl'])).toBeUndefined();
  });

  it('reads broken or deeply nested text without failing', () => {
    expect(parseJsLiterals("x = { a: 'b', ; c").data).toEqual([{ a: 'b' }]);
    expect(parseJsLiterals('x = ' + '['.repeat(100000)).data).toHaveLength(1);
    expect(parseJsLiterals("x = { a: 'unclosed\n}").data).toStrictEqual([{ a: undefined }]);
  });
});

describe('JavaScript values', () => {
  /** The values the setting `x` may have, and whether a condition the file leaves open chooses. */
  const read = (text: string) => {
    const settings = readJsValues(text, jsTokens(text)).settings.filter((s) => s.key === 'x');
    return settings.map(({ possible }) => [possible.values, possible.conditional]);
  };
  it.each([
    ["x = 'a'", ['a'], false],
    ["x = isProd ? 'a' : false", ['a', false], true],
    ["const p = true; x = p ? 'a' : 'b'", ['a'], false],
    ["x = (env.A || 'a') as const", [UNKNOWN, 'a'], true],
    ["x = env.A ?? null ?? 'a'", [UNKNOWN, 'a'], true],
    ["x = 'a' || 'b'", ['a'], false],
    ["x = '' || 'b'", ['b'], false],
    ["x = mode === 'production' && 'a'", [false, 'a'], true],
    ["x = mode !== 'development'", [true, false], true],
    ["const m = 'dev'; x = m === 'dev'", [true], false],
    ['x = !!env.MAPS', [false, true], true],
    ["const a = 'h/'; x = a + 'b' + 1", ['h/b1'], false],
    ['const a = `h`; const b = c ? 1 : 2; x = `${a}/${b}`', ['h/1', 'h/2'], true],
    ['x = `${a.b}`', [UNKNOWN], false],
    ["x = f('a')", [UNKNOWN], false],
    ['x = { a: 1 }', [COMPOUND], false],
    ["x = (mode) => 'a'", [UNKNOWN], false],
    ['const a = b; const b = a; x = a', [UNKNOWN], false],
    ["x = 'a' b", [UNKNOWN], false],
    ["x = 'a'\nfoo()", ['a'], false],
  ])('%s', (text, values, conditional) => {
    expect(read(text)).toEqual([[values, conditional]]);
  });

  it('reads the properties and assignments of a file, a default as what a caller may replace', () => {
    const text = "f({ x: 'a' }); o.x = 'b'; function g(x = 'c') {}";
    expect(read(text)).toEqual([
      [['a'], false],
      [['b'], false],
      [['c', UNKNOWN], true],
    ]);
  });
});

describe('Starlark literals', () => {
  it.each([
    [
      'a dict a function returns, its words',
      'def main(ctx):\n    return {"kind": "pipeline", "clone": {"disable": True}, "x": None, "y": False}\n',
      [{ kind: 'pipeline', clone: { disable: true }, x: null, y: false }],
    ],
    [
      'comments hold no quote that opens a string',
      '# don\'t read "this"\nSTEPS = [\n    "a",  # it\'s a\n    \'b\',\n]\n',
      [['a', 'b']],
    ],
    [
      'triple-quoted and raw strings',
      'x = {"doc": """line\none "quoted" """, "raw": r"a\\b", "esc": "a\\tb"}\n',
      [{ doc: 'line\none "quoted" ', raw: 'a\\b', esc: 'a\tb' }],
    ],
    [
      'computed values are there, undefined',
      'x = {"name": "build-%s" % arch, "env": get_environment("A"), "n": len(y)}\n',
      [{ name: undefined, env: undefined, n: undefined }],
    ],
  ])('%s', (_name, text, data) => {
    expect(parseStarlarkLiterals(text).data).toStrictEqual(data);
  });

  it('gives string spans without quotes, a triple-quoted one too, and its comments', () => {
    const text =
      'x = {\n    "a": """s3://acme-releases/""",  # note\n    "b": r\'gs://acme-raw/\',\n}\n';
    const doc = parseStarlarkLiterals(text);
    const a = doc.scalarSpan([0, 'a'])!;
    const b = doc.scalarSpan([0, 'b'])!;
    expect(text.slice(a.start, a.end)).toBe('s3://acme-releases/');
    expect(text.slice(b.start, b.end)).toBe('gs://acme-raw/');
    expect(doc.comments?.map((c) => text.slice(c.start, c.end))).toEqual(['# note']);
  });
});

describe('JSON paths by binary search', () => {
  // The lookup searches each level's children instead of reading every earlier one, and must
  // find what jsonc-parser's findNodeAtOffset and getNodePath find, at every offset.
  it.each([
    ['nested objects and arrays', '{"a": {"b": [1, {"c": "x"}, [2, 3]]}, "d": "y"}'],
    ['a key written twice', '{"a": "one", "b": 2, "a": "two"}'],
    ['broken JSON', '{"scripts": {"a": "x", "b": [1, 2'],
    ['an array at the top', '[ "a" , {"b" : null} , [] , {} ]'],
    ['whitespace and comments', '{\n  // c\n  "a" : /* d */ [ 1 ]\n}\n'],
  ])('%s', (_name, text) => {
    const root = parseTree(text, [], { allowTrailingComma: true });
    const { doc } = parseJson(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      const node = root && findNodeAtOffset(root, offset);
      expect(doc.pathAt(offset), `at ${offset}`).toEqual(node && getNodePath(node));
    }
  });

  it('reads a key written twice at its last writing', () => {
    const text = '{"a": "one", "b": 2, "a": "two"}';
    expect(parseJson(text).doc.valueSpan(['a'])).toEqual({
      start: text.indexOf('two'),
      end: text.indexOf('two') + 3,
    });
  });
});

describe('writtenPath through an index of the aliases', () => {
  const aliases = [
    { from: ['t'], to: ['a'] },
    { from: ['u'], to: ['a', 'b'] },
    { from: ['v', 0], to: ['c', 1] },
    { from: ['t', 'x'], to: ['d'] },
    { from: ['w'], to: ['a', 'b'] },
  ];
  // Each path is followed through the first alias above it, again until none is.
  it.each([
    [
      ['a', 'b', 'c'],
      ['t', 'b', 'c'],
    ],
    [
      ['c', 1, 'k'],
      ['v', 0, 'k'],
    ],
    [
      ['c', '1', 'k'],
      ['c', '1', 'k'],
    ],
    [
      ['d', 'y'],
      ['t', 'x', 'y'],
    ],
    [['e'], ['e']],
    [[], []],
  ])('%j is written at %j', (path, written) => {
    expect(writtenPath(aliases, path)).toEqual(written);
  });

  it('follows the first alias listed when two are above a path', () => {
    expect(writtenPath([aliases[1]!, aliases[0]!], ['a', 'b', 'c'])).toEqual(['u', 'c']);
  });
});
