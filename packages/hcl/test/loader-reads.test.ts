/**
 * The system calls a load makes to read a tree's files: a file whose directory entry says it is
 * regular is read without a `stat` first (the walk already knows what it is); a symlink, or a file
 * no walk found, is still checked before it is opened.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import { tempTree } from './support/fixtures.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return { ...real, statSync: vi.fn(real.statSync) };
});

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n';

describe('reading the files a walk found', () => {
  afterEach(() => vi.mocked(fs.statSync).mockClear());

  /** The files of `root` that were stat'd, by their names. */
  const statted = (root: string) =>
    vi
      .mocked(fs.statSync)
      .mock.calls.map(([path]) => String(path))
      .filter((path) => path.startsWith(`${root}/`))
      .map((path) => path.slice(root.length + 1));

  it('reads a regular file without a stat, and stats a symlink before opening what it leads to', () => {
    const root = tempTree({
      'main.tf': BUCKET,
      'modules/m/main.tf': BUCKET.replace('"b"', '"m"'),
      'shared/linked.txt': BUCKET.replace('"b"', '"l"'),
      'call.tf': 'module "m" {\n  source = "./modules/m"\n}\n',
    });
    fs.symlinkSync('shared/linked.txt', join(root, 'linked.tf'));
    const inventory = loadTerraform({ root });
    expect(inventory.resources.map((r) => r.address).sort()).toEqual([
      'aws_s3_bucket.b',
      'aws_s3_bucket.l',
      'module.m.aws_s3_bucket.m',
    ]);
    expect(statted(root)).not.toContain('main.tf');
    expect(statted(root)).not.toContain('modules/m/main.tf');
    expect(statted(root)).toContain('linked.tf');
  });

  it('stats a file the caller named, which no walk listed', () => {
    const root = tempTree({ 'main.tf': BUCKET, 'prod.tfvars': 'region = "eu-west-1"\n' });
    loadTerraform({ root, varFiles: ['prod.tfvars'] });
    expect(statted(root)).toEqual(['prod.tfvars']);
  });
});
