/**
 * GitLab jobs merged with what they extend: jobs that extend the same jobs share the merge of
 * theirs, their own keys over it, and the merge is GitLab's whichever way it is shared.
 */
import { describe, expect, it } from 'vitest';
import { inheritedValues, jobChain, mergedJob } from '../src/files/gitlab-jobs.js';
import { parseYaml } from '../src/structured/yaml.js';

const parsed = (lines: string[]) => parseYaml([...lines, ''].join('\n')).doc.data;

const templates = [
  '.vars:',
  '  variables: { A: a, B: b }',
  '  environment: { name: production }',
  '.upload:',
  '  extends: .vars',
  '  script: [aws s3 cp dist s3://$A/]',
];

describe('jobs that extend the same jobs', () => {
  // 6,000 jobs extending thirty templates of 300 variables held 6,000 copies of them: 843 MB.
  it.each([
    ['a template', ['one:', '  extends: .upload', 'two:', '  extends: .upload'], 'variables'],
    [
      'a template, each writing its own script',
      [
        'one:',
        '  extends: .upload',
        '  script: [a]',
        'two:',
        '  extends: .upload',
        '  script: [b]',
      ],
      'variables',
    ],
    [
      'the same list of templates',
      ['one:', '  extends: [.vars, .upload]', 'two:', '  extends: [.vars, .upload]'],
      'environment',
    ],
    [
      'a template, one writing its own variables',
      ['one:', '  extends: .upload', '  variables: { C: c }', 'two:', '  extends: .upload'],
      'environment',
    ],
  ])('%s: share what they take from it', (_name, jobs, key) => {
    const data = parsed([...templates, ...jobs]);
    const [one, two] = [mergedJob(data, 'one'), mergedJob(data, 'two')];
    expect(one?.[key]).toBeDefined();
    expect(one?.[key]).toBe(two?.[key]);
  });

  it('each have their own hash where they write into one of the template', () => {
    const data = parsed([
      ...templates,
      'one:',
      '  extends: .upload',
      '  variables: { B: own }',
      'two:',
      '  extends: .upload',
    ]);
    expect(mergedJob(data, 'one')?.variables).toEqual({ B: 'own', A: 'a' });
    expect(mergedJob(data, 'two')?.variables).toEqual({ A: 'a', B: 'b' });
  });
});

describe('a job merged as GitLab merges it, shared or not', () => {
  it.each([
    [
      'its own keys first, then those of the last job listed, then the first',
      ['.a:', '  variables: { A: a, X: a }', '.b:', '  variables: { B: b, X: b }'],
      ['job:', '  extends: [.a, .b]', '  variables: { J: j }'],
      { extends: ['.a', '.b'], variables: { J: 'j', B: 'b', X: 'b', A: 'a' } },
    ],
    [
      'a value other than a hash ends the merge below it',
      ['.a:', '  variables: { A: a }', '.b:', '  variables: none'],
      ['job:', '  extends: [.a, .b]', '  variables: { J: j }'],
      { extends: ['.a', '.b'], variables: { J: 'j' } },
    ],
    [
      'a hash over a value other than a hash replaces it',
      ['.a:', '  variables: none', '.b:', '  variables: { B: b }'],
      ['job:', '  extends: [.a, .b]'],
      { extends: ['.a', '.b'], variables: { B: 'b' } },
    ],
    [
      'an empty hash is a value of the job that writes it first',
      ['.a:', '  cache: {}', '.b:', '  cache: {}', '  release: {}'],
      ['job:', '  extends: [.a, .b]', '  release: { tag_name: v1 }'],
      { extends: ['.a', '.b'], release: { tag_name: 'v1' }, cache: {} },
    ],
    [
      'a template extended twice, by the job and a template, in its higher place',
      ['.a:', '  variables: { X: a }', '.b:', '  extends: .a', '  variables: { X: b }'],
      ['job:', '  extends: [.b, .a]'],
      { extends: ['.b', '.a'], variables: { X: 'a' } },
    ],
  ])('%s', (_name, above, job, expected) => {
    expect(mergedJob(parsed([...above, ...job]), 'job')).toEqual(expected);
  });
});

describe('the chain of a job, shared by the jobs that extend the same ones', () => {
  const levels = (n: number) =>
    Array.from({ length: n }, (_, i) => `.t${i}:\n  extends: .t${i + 1}`).concat(`.t${n}: {}`);
  const ten = Array.from({ length: 10 }, (_, i) => `.t${i}`);
  it.each([
    [
      'two jobs extending one template',
      ['.a: {}', 'one: { extends: .a }', 'two: { extends: .a }'],
      [
        ['one', '.a'],
        ['two', '.a'],
      ],
      false,
    ],
    [
      'a template that extends one of them back',
      ['.a: { extends: two }', 'one: { extends: .a }', 'two: { extends: .a }'],
      [
        ['one', '.a', 'two'],
        ['two', '.a'],
      ],
      false,
    ],
    [
      'ten levels of templates',
      [...levels(9), 'one: { extends: .t0 }', 'two: { extends: .t0 }'],
      [
        ['one', ...ten],
        ['two', ...ten],
      ],
      false,
    ],
    [
      'more than ten levels of templates',
      [...levels(10), 'one: { extends: .t0 }', 'two: { extends: .t0 }'],
      [
        ['one', ...ten],
        ['two', ...ten],
      ],
      true,
    ],
  ])('%s', (_name, lines, [one, two], cut) => {
    const data = parsed(lines);
    expect([jobChain(data, 'one'), jobChain(data, 'two')]).toEqual([one, two]);
    expect(inheritedValues(data).notReadAgain !== undefined).toBe(cut);
  });
});
