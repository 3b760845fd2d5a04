import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

/** Counts the calls of an `fs` function by their first argument, for the named imports too. */
function countCalls(name: 'readdirSync' | 'readFileSync' | 'openSync'): Map<string, number> {
  const original = fs[name] as (...args: unknown[]) => unknown;
  const calls = new Map<string, number>();
  (fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    const key = String(args[0]);
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return original(...args);
  };
  syncBuiltinESMExports();
  restores.push(() => {
    (fs as unknown as Record<string, unknown>)[name] = original;
    syncBuiltinESMExports();
  });
  return calls;
}

const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

describe('scan input and output', () => {
  it('lists each directory once and reads each file once, Terraform and build files together', async () => {
    const listed = countCalls('readdirSync');
    // Terraform files are opened, then read through the descriptor; build files are read by path.
    const read = countCalls('readFileSync');
    const opened = countCalls('openSync');
    const report = await scanFiles({
      'infra/main.tf': 'module "site" { source = "../modules/site" }',
      'modules/site/main.tf': 'resource "aws_s3_bucket" "b" { bucket = "acme-releases" }',
      'app/package.json': '{"scripts": {"get": "curl https://acme-releases.s3.amazonaws.com/x"}}',
      '.github/workflows/release.yml': 'on: push\njobs: {}\n',
    });
    expect(report.facts.links).toHaveLength(1);
    const dirs = [...listed.keys()].filter((dir) => dir.includes('posture-core-'));
    expect(dirs.length).toBeGreaterThanOrEqual(6);
    expect(dirs.filter((dir) => listed.get(dir)! > 1)).toEqual([]);
    const reads = new Map([...read, ...opened]);
    const files = [...reads.keys()].filter((file) => file.includes('posture-core-'));
    expect(files.map((file) => file.replace(/.*posture-core-\w+\//, '')).sort()).toEqual([
      '.github/workflows/release.yml',
      'app/package.json',
      'infra/main.tf',
      'modules/site/main.tf',
    ]);
    expect(files.filter((file) => reads.get(file)! > 1)).toEqual([]);
  });
});
