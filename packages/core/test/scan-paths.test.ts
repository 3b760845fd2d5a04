/**
 * The paths a library scan is asked to read (`paths`): one that is not there failed open. With no
 * `infra/`, `scan({ root, paths: ['infra'] })` gave no finding and `gateExitCode` 0, where the
 * command line refuses the path (exit 2): a typo passed the gate (session 25). A path outside the
 * root (`../infra`) was only a warning, so the gate passed though nothing named was read, and an
 * absolute one never returned.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateExitCode, scan } from '../src/index.js';
import { tempTree } from '../../../test/support/temp-dirs.js';

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-docs"\n}\n';

describe('the paths a scan is asked to read', () => {
  const cases: [name: string, paths: string[], said: string[]][] = [
    ['a directory that is there', ['infra'], []],
    ['a file that is there', ['infra/main.tf'], []],
    [
      'a directory that is not there',
      ['infar'],
      ['infar error path-unread nothing is there, though the scan was asked to read it'],
    ],
    [
      'a file that is not there, beside one that is',
      ['infra', 'infra/mian.tf'],
      ['infra/mian.tf error path-unread nothing is there, though the scan was asked to read it'],
    ],
    [
      'a path through a file',
      ['infra/main.tf/x'],
      [
        'infra/main.tf/x error path-unread it cannot be reached (a part of its path is not a directory), though the scan was asked to read it',
      ],
    ],
    [
      'a path outside the root',
      ['../infra'],
      [
        '../infra error path-unread it is outside the scan root, which is all a scan reads, though the scan was asked to read it',
      ],
    ],
    [
      'a path that leaves the root through ..',
      ['infra/../../infra'],
      [
        'infra/../../infra error path-unread it is outside the scan root, which is all a scan reads, though the scan was asked to read it',
      ],
    ],
    ['an absolute path inside the root', ['<root>/infra'], []],
    [
      'an absolute path outside the root',
      ['<root>/../infra'],
      [
        '<root>/../infra error path-unread it is outside the scan root, which is all a scan reads, though the scan was asked to read it',
      ],
    ],
    ['a path with a leading ./ and a trailing slash', ['./infra/'], []],
  ];
  it.each(cases)('%s', async (_name, named, said) => {
    const parent = tempTree('core-paths', {
      'root/infra/main.tf': BUCKET,
      'infra/main.tf': BUCKET.replace('docs', 'outside'),
    });
    const root = join(parent, 'root');
    const paths = named.map((p) => p.replace('<root>', root));
    const { result, facts, policy } = await scan({ root, paths });
    const unread = facts.inventory.diagnostics
      .filter((d) => d.code === 'path-unread')
      .map((d) => `${d.range.file.replace(root, '<root>')} ${d.severity} ${d.code} ${d.message}`);
    expect(unread).toEqual(said);
    // The gate fails closed on a path not read, and passes on the private bucket otherwise.
    expect(gateExitCode(result.findings, policy.failOn)).toBe(said.length > 0 ? 1 : 0);
    // What is named inside the root is read, and the bucket beside the root never is.
    const read = facts.buckets.map((b) => b.name);
    expect(read).toEqual(said.length > 0 && paths.length === 1 ? [] : ['acme-docs']);
  });
});
