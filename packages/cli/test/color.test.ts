import { describe, expect, it } from 'vitest';
import { colorWanted } from '../src/color.js';

describe('colorWanted', () => {
  it.each<[string, boolean | undefined, boolean, Record<string, string>, boolean]>([
    ['a terminal', undefined, true, {}, true],
    ['a pipe', undefined, false, {}, false],
    ['a terminal with NO_COLOR', undefined, true, { NO_COLOR: '1' }, false],
    ['a pipe with FORCE_COLOR', undefined, false, { FORCE_COLOR: '1' }, true],
    ['a pipe with FORCE_COLOR empty', undefined, false, { FORCE_COLOR: '' }, true],
    ['a terminal with FORCE_COLOR=0', undefined, true, { FORCE_COLOR: '0' }, false],
    ['a terminal with FORCE_COLOR=false', undefined, true, { FORCE_COLOR: 'false' }, false],
    ['FORCE_COLOR over NO_COLOR', undefined, false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['--no-color over FORCE_COLOR', false, true, { FORCE_COLOR: '1' }, false],
    ['--color over NO_COLOR on a pipe', true, false, { NO_COLOR: '1' }, true],
  ])('%s', (_what, flag, tty, env, wanted) => {
    expect(colorWanted(flag, tty, env)).toBe(wanted);
  });
});
