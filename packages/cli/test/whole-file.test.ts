import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWhole } from '../src/whole-file.js';
import { tempDir, tempTree } from '../../../test/support/temp-dirs.js';

function* failing(): Generator<string> {
  yield '{"findings":[';
  throw new TypeError('rendering failed');
}

function* complete(): Generator<string> {
  yield '{"findings":[';
  yield ']}';
}

/** A directory holding `r.json` as the case has it before the write, and the path to write. */
type Setup = () => { dir: string; path: string };

const nothing: Setup = () => {
  const dir = tempDir('whole');
  return { dir, path: join(dir, 'r.json') };
};
const previous: Setup = () => {
  const dir = tempTree('whole', { 'r.json': 'previous' });
  chmodSync(join(dir, 'r.json'), 0o600);
  return { dir, path: join(dir, 'r.json') };
};
const linked: Setup = () => {
  const dir = tempTree('whole', { 'real.json': 'previous' });
  symlinkSync('real.json', join(dir, 'r.json'));
  return { dir, path: join(dir, 'r.json') };
};

// A report is rendered as it is written: a rendering that failed half way left half a file (the
// '{"findings":[' here), which a CI uploading whatever exists uploaded as its report.
describe('writeWhole: a file written whole or not at all', () => {
  const written = '{"findings":[]}';
  it.each<[string, Setup, () => Iterable<string>, string[], string | undefined]>([
    ['a failed rendering leaves no file', nothing, failing, [], undefined],
    ['a failed rendering leaves the previous file', previous, failing, ['r.json'], 'previous'],
    ['a complete rendering is written', nothing, complete, ['r.json'], written],
    ['a complete rendering replaces the previous', previous, complete, ['r.json'], written],
    ['a link is written through', linked, complete, ['r.json', 'real.json'], written],
    ['a link is left as it was on failure', linked, failing, ['r.json', 'real.json'], 'previous'],
  ])('%s', (_what, setup, parts, files, content) => {
    const { dir, path } = setup();
    const write = () => writeWhole(path, parts());
    if (parts === failing) expect(write).toThrow(TypeError);
    else write();
    // No temporary file is left beside it, whatever happened.
    expect(readdirSync(dir).sort()).toEqual(files);
    if (content !== undefined) expect(readFileSync(path, 'utf8')).toBe(content);
    if (setup === linked) expect(lstatSync(path).isSymbolicLink()).toBe(true);
    if (setup === previous) expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
