/**
 * The parses a scan makes before it reads the build files for links (the CI files that give
 * Terraform its environment), handed to that reading: each file is parsed once, and what its parse
 * said is reported there still, once.
 */
import type { Diagnostic } from '@posture/model';
import { describe, expect, it } from 'vitest';
import { ParseAhead } from '../src/extract/parse.js';

const PATH = '.github/workflows/release.yml';
const BAD = 'on: push\njobs: [\n';
const GOOD = 'on: push\njobs: {}\n';

describe('ParseAhead', () => {
  it.each([
    ['the same text, as the same type: handed over', BAD, undefined, true],
    ['another text: parsed again', GOOD, undefined, false],
    ['the same text as another type: parsed again', BAD, 'gitlab-ci', false],
  ])('%s', (_name, text, as, handed) => {
    const ahead = new ParseAhead();
    const first = ahead.parse(PATH, BAD, [], undefined);
    const said: Diagnostic[] = [];
    const taken = ahead.take(PATH, text, said, as);
    expect(taken === first).toBe(handed);
    expect(said.map((d) => d.code)).toEqual(text === BAD ? ['build-parse-error'] : []);
  });

  it('hands a parse over once', () => {
    const ahead = new ParseAhead();
    const first = ahead.parse(PATH, GOOD, [], undefined);
    expect(ahead.take(PATH, GOOD, [], undefined)).toBe(first);
    expect(ahead.take(PATH, GOOD, [], undefined)).not.toBe(first);
  });
});
