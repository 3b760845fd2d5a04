import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/exit-codes.js';
import { processIo, type Io } from '../src/io.js';
import { writeOutput } from '../src/output-file.js';

const dir = mkdtempSync(join(tmpdir(), 'posture-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io: Io = { ...processIo(), cwd: dir };

// Reports are rendered as they are written (jsonParts, textParts): a failure of the rendering was
// said as "cannot write r.json: …", a usage error, hiding a bug of Posture's behind the user's path.
describe('writeOutput', () => {
  function* failingReport(): Generator<string> {
    yield '{';
    throw new TypeError('rendering failed');
  }

  it.each([
    ['a path that is a directory', '.', '{}', UsageError],
    ['a rendering that fails', 'r.json', failingReport(), TypeError],
  ])('%s', (_what, typed, text, thrown) => {
    expect(() => writeOutput(io, typed, text, dir)).toThrow(thrown);
  });
});
