/**
 * The paths a library scan is asked to read (`paths`): one that is not there failed open. With no
 * `infra/`, `scan({ root, paths: ['infra'] })` gave no finding and `gateExitCode` 0, where the
 * command line refuses the path (exit 2): a typo passed the gate (session 25).
 */
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
  ];
  it.each(cases)('%s', async (_name, paths, said) => {
    const root = tempTree('core-paths', { 'infra/main.tf': BUCKET });
    const { result, facts, policy } = await scan({ root, paths });
    const unread = facts.inventory.diagnostics
      .filter((d) => d.code === 'path-unread')
      .map((d) => `${d.range.file} ${d.severity} ${d.code} ${d.message}`);
    expect(unread).toEqual(said);
    // The gate fails closed on a path not read, and passes on the private bucket otherwise.
    expect(gateExitCode(result.findings, policy.failOn)).toBe(said.length > 0 ? 1 : 0);
  });
});
