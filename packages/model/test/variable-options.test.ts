import { describe, expect, it } from 'vitest';
import { variableAssignment, variableOptionWords } from '../src/variable-options.js';

/** `option@word:value-word+skip` for each option found among the words (`?` for one not known). */
const found = (...words: (string | [string])[]) =>
  variableOptionWords(
    words.map((w) =>
      typeof w === 'string' ? { text: w, whole: true } : { text: w[0], whole: false },
    ),
  ).map(({ option, at, value, skip }) => `${option}@${at}:${value}+${skip}`);

// The CI's command lines (buildconfig) and a Terragrunt unit's `arguments` (hcl) parsed them each
// their own way; a word taken as an option's value is no option itself, as in Go's `flag`, where
// Terragrunt's reading took `-var -var x=1` for a -var x=1.
describe('variableOptionWords', () => {
  it.each<[string, (string | [string])[], string[]]>([
    ['alone, the value the next word', ['-var', 'x=1'], ['var@0:1+0']],
    ['joined', ['-var=x=1', '--var-file=prod.tfvars'], ['var@0:0+5', 'var-file@1:1+11']],
    ['two dashes, alone', ['--var-file', 'prod.tfvars'], ['var-file@0:1+0']],
    ['a value that looks like an option', ['-var', '-var', 'x=1'], ['var@0:1+0']],
    ['alone as the last word', ['plan', '-var'], []],
    ['other options', ['-lock=false', '-variable=x', '-var-files', 'a'], []],
    ['joined, known in part', [['-var=bucket=']], ['var@0:0+5']],
    ['alone, known in part', [['-var'], 'x=1'], []],
  ])('%s', (_name, words, options) => {
    expect(found(...words)).toEqual(options);
  });
});

describe('variableAssignment', () => {
  it.each<[string, { name: string; value: string } | undefined]>([
    ['x=1', { name: 'x', value: '1' }],
    ['tags={a="b=c"}', { name: 'tags', value: '{a="b=c"}' }],
    ['x=', { name: 'x', value: '' }],
    ['=1', undefined],
    ['x', undefined],
    ['1x=1', undefined],
    ['x =1', undefined],
  ])('%s', (text, assigned) => {
    expect(variableAssignment(text)).toEqual(assigned);
  });
});
