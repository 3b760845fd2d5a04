import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * One job that 300 entries of `include` extend in turn, each giving the mirror a later one
 * replaces: GitHub runs it with the 300th's, whose bucket is public. The first 257 entries are
 * applied, to bound the work: the scan cannot tell what the job runs, and fails closed.
 */
const workflow = [
  'on: { push: { tags: ["v*"] } }',
  'jobs:',
  '  fetch:',
  '    strategy:',
  '      matrix:',
  '        os: [linux]',
  '        include:',
  ...Array.from({ length: 300 }, (_, i) =>
    i === 299
      ? '          - { os: linux, mirror: pub-3f9a2b1c4d5e6f708192a3b4c5d6e7f8 }'
      : `          - { os: linux, mirror: v${i} }`,
  ),
  '    steps:',
  '      - run: curl -fsSLO https://${{ matrix.mirror }}.r2.dev/acme/cli.tgz',
  '',
].join('\n');

it('a matrix whose include lists more entries than are applied fails closed', async () => {
  const report = await scanFiles({ '.github/workflows/release.yml': workflow });
  expect(summarize(report)).toEqual(['input-unreadable@.github/workflows/release.yml:5']);
  expect(
    report.result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => [d.code, d.range.start.line, d.message.split(': ')[2]]),
  ).toEqual([
    [
      'build-links-truncated',
      5,
      'its include lists 300 entries, and only the first 257 were applied. How many jobs it runs, and which, is not known',
    ],
  ]);
});
