/**
 * Matrices that the CI systems refuse (GitHub's of more than 256 jobs, GitLab's parallel: matrix of
 * more than 200) are read up to the limit, and said where they are written: the workflow or
 * pipeline does not run as written.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from './helpers.js';

const list = (prefix: string, n: number) =>
  `[${Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ')}]`;

const refused = (path: string, text: string) =>
  scanText(path, text)
    .diagnostics.filter((d) => d.code === 'build-matrix-refused')
    .map((d) => [d.severity, `${d.range.start.line}`]);

describe('a GitHub matrix', () => {
  const workflow = (matrix: string[]) =>
    [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      ...matrix.map((line) => `        ${line}`),
      '    steps:',
      '      - run: echo ${{ matrix.a }}',
      '',
    ].join('\n');
  it.each([
    ['of 256 jobs', [`a: ${list('a', 16)}`, `b: ${list('b', 16)}`], false],
    ['of 257 jobs', [`a: ${list('a', 257)}`], true],
    ['of 17 × 17 jobs', [`a: ${list('a', 17)}`, `b: ${list('b', 17)}`], true],
    // GitHub counts the runs once `exclude` has left some out.
    ['of 257 jobs less one excluded', [`a: ${list('a', 257)}`, 'exclude: [{ a: a3 }]'], false],
    // And once `include` has added its own.
    ['of 256 jobs and one included', [`a: ${list('a', 256)}`, 'include: [{ a: extra }]'], true],
    ['computed when it runs', ['a: ${{ fromJSON(needs.setup.outputs.list) }}'], false],
  ])('%s', (_name, matrix, refuses) => {
    const said = refused('.github/workflows/ci.yml', workflow(matrix));
    expect(said).toEqual(refuses ? [['warning', '6']] : []);
  });
});

// A variable's values are made into combinations up to a bound (257 kept, 64 tried for each), and
// `exclude` may then leave fewer than GitHub's 256: the runs never made may be runs GitHub makes.
// Neither how many jobs there are nor what they run is known, and an error says so; as when more
// entries of exclude or include are listed than are applied.
describe('a GitHub matrix whose runs were not all worked out', () => {
  const notes = (matrix: string[]) =>
    scanText(
      '.github/workflows/ci.yml',
      [
        'on: push',
        'jobs:',
        '  build:',
        '    strategy:',
        '      matrix:',
        ...matrix.map((line) => `        ${line}`),
        '    steps:',
        '      - run: echo ${{ matrix.a }}',
        '',
      ].join('\n'),
    )
      .diagnostics.filter((d) => /^build-(?:matrix-refused|links-truncated)$/.test(d.code))
      .map((d) => [d.severity, d.code, d.range.start.line]);
  const excluding = (n: number, entry: (i: number) => string) =>
    `exclude: [${Array.from({ length: n }, (_, i) => entry(i)).join(', ')}]`;
  it.each([
    [
      '300 × 1 less 50 by both variables: 250 jobs, the last never made',
      [`a: ${list('a', 300)}`, 'b: [x]', excluding(50, (i) => `{ a: a${i}, b: x }`)],
      [['error', 'build-links-truncated', 5]],
    ],
    [
      '100 × 200 less all but one value of the second: 100 jobs, past the tries',
      [`a: ${list('a', 100)}`, `b: ${list('b', 200)}`, excluding(199, (i) => `{ b: b${i} }`)],
      [['error', 'build-links-truncated', 5]],
    ],
    [
      '300 × 1 less 10 by both variables: 290 jobs, but only 247 of those made are left',
      [`a: ${list('a', 300)}`, 'b: [x]', excluding(10, (i) => `{ a: a${i}, b: x }`)],
      [['error', 'build-links-truncated', 5]],
    ],
    [
      '300 × 2 less 10 by both variables: refused, as 257 of those made are left',
      [`a: ${list('a', 300)}`, 'b: [x, y]', excluding(10, (i) => `{ a: a${i}, b: x }`)],
      [['warning', 'build-matrix-refused', 5]],
    ],
    [
      '600 less 400 by the first variable: 200 jobs, but only 256 entries of exclude are applied',
      [`a: ${list('a', 600)}`, excluding(400, (i) => `{ a: a${i} }`)],
      [['error', 'build-links-truncated', 5]],
    ],
    [
      'one job that 300 entries of include extend in turn: only the first 257 are applied',
      [
        'a: [x]',
        `include: [${Array.from({ length: 300 }, (_, i) => `{ a: x, h: h${i} }`).join(', ')}]`,
      ],
      [['error', 'build-links-truncated', 5]],
    ],
    [
      '300 jobs of include alone: refused whatever the entries not applied do',
      [`include: [${Array.from({ length: 300 }, (_, i) => `{ a: a${i} }`).join(', ')}]`],
      [['warning', 'build-matrix-refused', 5]],
    ],
    [
      '257 entries of include: each applied',
      [
        'a: [x]',
        `include: [${Array.from({ length: 257 }, (_, i) => `{ a: x, h: h${i} }`).join(', ')}]`,
      ],
      [],
    ],
    [
      '300 less 50 by the first variable: 250 jobs, each made',
      [`a: ${list('a', 300)}`, excluding(50, (i) => `{ a: a${i} }`)],
      [],
    ],
  ])('%s', (_name, matrix, said) => {
    expect(notes(matrix)).toEqual(said);
  });

  it('says why, and that the gate fails closed', () => {
    const text = `on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        a: ${list('a', 300)}\n        b: [x]\n        ${excluding(50, (i) => `{ a: a${i}, b: x }`)}\n    steps:\n      - run: echo \${{ matrix.a }}\n`;
    const [note] = scanText('.github/workflows/ci.yml', text).diagnostics.filter(
      (d) => d.code === 'build-links-truncated',
    );
    expect(note?.message).toBe(
      ".github/workflows/ci.yml: the jobs of a matrix were not worked out: its combinations were made up to a bound, 257 kept, and its exclude left out enough of them to come under GitHub's 256 jobs. How many jobs it runs, and which, is not known: those made were read, and what the others run was not checked",
    );
  });
});

// Gitea and Forgejo run GitHub's workflows by their own limits: the note does not say GitHub's.
describe('a matrix of more than 256 jobs, by the forge that runs the workflow', () => {
  const workflow = `on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        a: ${list('a', 257)}\n    steps:\n      - run: echo \${{ matrix.a }}\n`;
  it.each([
    ['.github/workflows/ci.yml', 'GitHub refuses a matrix of more than 256 jobs, and does not run'],
    [
      '.gitea/workflows/ci.yml',
      'which GitHub refuses; Gitea runs what its server allows, and only',
    ],
    ['.forgejo/workflows/ci.yml', 'which GitHub refuses; Forgejo runs what its server allows, and'],
  ])('%s', (path, says) => {
    const notes = scanText(path, workflow).diagnostics.filter(
      (d) => d.code === 'build-matrix-refused',
    );
    expect(notes.map((d) => d.message)).toEqual([expect.stringContaining(says)]);
    expect(notes[0]!.message.startsWith(`${path}: `)).toBe(true);
  });
});

describe('a GitLab parallel: matrix', () => {
  const pipeline = (entries: string[], extra: string[] = []) =>
    [
      ...extra,
      'build:',
      '  script: echo $A',
      '  parallel:',
      '    matrix:',
      ...entries.map((entry) => `      - ${entry}`),
      '',
    ].join('\n');
  it.each([
    ['of 200 instances', [`{ A: ${list('a', 20)}, B: ${list('b', 10)} }`], [], false],
    ['of 201 instances', [`{ A: ${list('a', 201)} }`], [], true],
    [
      'of two entries, 201 together',
      [`{ A: ${list('a', 101)} }`, `{ B: ${list('b', 100)} }`],
      [],
      true,
    ],
    [
      'in a template nothing runs',
      [],
      ['.t:', '  parallel:', `    matrix: [{ A: ${list('a', 201)} }]`],
      false,
    ],
  ])('%s', (_name, entries, extra, refuses) => {
    const text = entries.length > 0 ? pipeline(entries, extra) : [...extra, ''].join('\n');
    expect(refused('.gitlab-ci.yml', text)).toEqual(refuses ? [['warning', '4']] : []);
  });

  it('is said once where a template that two jobs extend writes it', () => {
    const text = [
      '.t:',
      '  script: echo $A',
      '  parallel:',
      `    matrix: [{ A: ${list('a', 201)} }]`,
      'one: { extends: .t }',
      'two: { extends: .t }',
      '',
    ].join('\n');
    expect(refused('.gitlab-ci.yml', text)).toEqual([['warning', '4']]);
  });
});
