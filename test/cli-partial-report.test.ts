import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '@posture/cli';
import type * as Report from '@posture/report';
import { processIo } from '../packages/cli/src/io.js';
import { tempTree } from './support/temp-dirs.js';

// The reports written in parts fail to render after their first, as a bug of Posture's would.
vi.mock('@posture/report', async (original) => {
  const report = await original<typeof Report>();
  function* failing(first: string): Generator<string> {
    yield first;
    throw new TypeError('rendering failed');
  }
  return {
    ...report,
    jsonParts: () => failing('{"version":'),
    textParts: () => failing('Findings\n'),
  };
});

// A rendering that failed after -o's file was opened left it half written, which a CI uploading
// whatever file exists uploads. Now nothing is left, and the exit is an internal error's (bea9ee23).
describe('a report whose rendering fails is not left half written', () => {
  it.each([['json'], ['text']])('-f %s -o report', async (format) => {
    const dir = tempTree('partial', { 'main.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    let stderr = '';
    const io = { ...processIo(), cwd: dir, env: {}, stderr: (t: string) => void (stderr += t) };
    const code = await main(['scan', '.', '-f', format, '-o', 'report'], io);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^posture: internal error: rendering failed\n/);
    expect(readdirSync(dir)).toEqual(['main.tf']);
  });
});
