import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A matrix of 300 mirrors and one arch, 50 of the pairs excluded, runs 250 jobs, which GitHub
 * allows; the bucket the 300th mirror names is one of them. The first 257 combinations are made
 * before the exclude leaves 207: the scan cannot tell which jobs run, and fails closed.
 */
const mirrors = (at: number) =>
  Array.from({ length: 300 }, (_, i) =>
    i === at ? 'pub-3f9a2b1c4d5e6f708192a3b4c5d6e7f8' : `v${i}`,
  ).join(', ');
const workflow = (at: number) =>
  [
    'on: { push: { tags: ["v*"] } }',
    'jobs:',
    '  fetch:',
    '    strategy:',
    '      matrix:',
    `        mirror: [${mirrors(at)}]`,
    '        arch: [x64]',
    '        exclude:',
    ...Array.from({ length: 50 }, (_, i) => `          - { mirror: v${i}, arch: x64 }`),
    '    steps:',
    '      - run: curl -fsSLO https://${{ matrix.mirror }}.r2.dev/acme/cli-${{ matrix.arch }}.tgz',
    '',
  ].join('\n');

it.each([
  ['never made', 299, ['input-unreadable@.github/workflows/release.yml:5']],
  [
    'made',
    100,
    [
      'input-unreadable@.github/workflows/release.yml:5',
      'link-public-bucket@.github/workflows/release.yml:60',
    ],
  ],
])(
  'a matrix whose exclude comes under the bound fails closed, the run of the bucket %s',
  async (_how, at, findings) => {
    const report = await scanFiles({ '.github/workflows/release.yml': workflow(at) });
    expect(summarize(report)).toEqual(findings);
    expect(
      report.result.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => [d.code, d.range.start.line]),
    ).toEqual([['build-links-truncated', 5]]);
  },
);
