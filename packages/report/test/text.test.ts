import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { textParts, toText } from '../src/index.js';
import { Fixture } from './support/fixture.js';
import { sampleFixture } from './support/sample.js';

const ESC = '\u001b';
const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

describe('toText', () => {
  it('groups findings by file with related locations beneath, then diagnostics, a summary and the policy', () => {
    expect(toText(result)).toBe(
      [
        'infra/.github/workflows/release.yml',
        '  4:50   low       link-public-upload  The release step uploads to s3://acme-releases with a public-read ACL. Drop --acl.',
        '',
        'infra/main.tf',
        '  3:3    high      s3-public-acl       aws_s3_bucket.releases sets acl = "public-read". See [the bucket](1).',
        '         bucket block: infra/main.tf:1:1',
        '  13:58  critical  s3-public-policy    aws_s3_bucket.releases has a bucket policy that lets anyone read objects. Remove the "*" principal.',
        '         bucket block: infra/main.tf:1:1',
        '         public access block: infra/main.tf:6:1',
        '',
        'infra/modules/ünïcode #1/gcs.tf',
        '  3:12   info      gcs-public-iam      acme-docs grants allUsers a role. It holds no release artifacts.',
        '',
        'infra/release assets/r2 bucket.tf',
        '  3:3    medium    r2-public-dev-url   The r2.dev URL of acme-assets is enabled. Disable it.',
        '',
        'Diagnostics',
        '  infra/broken.tf:1:26  error     hcl-syntax    Unexpected token.',
        '  infra/main.tf:7:25    warning   eval-unknown  aws_s3_bucket.releases.id is known only after apply.',
        '',
        '5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info) in 4 files · 4 buckets, 2 release-use · 5 files scanned · 1 suppressed',
        'Policy: infra/posture.yml (owner @platform-team)',
        '',
      ].join('\n'),
    );
  });

  // Spread into Math.max, the widths of 150,000 notes (a script naming as many scripts that are not
  // there) overflowed the stack; a test's worker thread has a larger one, so this writes 700,000.
  it('lines up any number of diagnostics', () => {
    const diagnostics = Array.from(
      { length: 700_000 },
      (_, i) => result.diagnostics[i % result.diagnostics.length]!,
    );
    expect(toText({ ...result, diagnostics }).split('\n').length).toBeGreaterThan(700_000);
  });

  it('writes no escape codes unless colour is on', () => {
    expect(toText(result)).not.toContain('\u001b[');
    expect(toText(result, { color: false })).toBe(toText(result));
  });

  it('colours severities, rule ids, file names and the summary when asked', () => {
    const coloured = toText(result, { color: true });
    expect(coloured).toContain('\u001b[1m\u001b[31mcritical\u001b[39m\u001b[22m');
    expect(coloured).toContain('\u001b[33mmedium  \u001b[39m');
    expect(coloured).toContain('\u001b[2ms3-public-acl     \u001b[22m');
    expect(coloured).toContain('\u001b[4minfra/main.tf\u001b[24m');
    // Without the codes it is the plain report: colour never changes the layout.
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(toText(result));
  });

  it('says so when the scan is clean', () => {
    const clean = Fixture.create({ 'main.tf': '' });
    try {
      const output = toText(
        clean.result({
          files: [clean.scanned('main.tf')],
          summary: { buckets: 1, releaseBuckets: 0, links: 0 },
        }),
      );
      expect(output).toBe('No findings. 1 bucket, 0 release-use · 1 file scanned\n');
    } finally {
      clean.cleanup();
    }
  });

  it.each<[string, { path?: string; owner?: string }, string]>([
    [
      'a file in the repository, with its owner',
      { path: 'posture.config.yaml', owner: 'sec' },
      'Policy: infra/posture.config.yaml (owner sec)',
    ],
    [
      'a file without an owner',
      { path: 'posture.config.yaml' },
      'Policy: infra/posture.config.yaml',
    ],
    // From the repository's top, as the locations in it are named, and as a --config given there.
    [
      'a file outside the repository',
      { path: '../../central/strict.yaml' },
      'Policy: ../central/strict.yaml',
    ],
    ['an owner and no file', { owner: 'sec' }, 'Policy: (owner sec)'],
  ])('names the policy in force under the summary: %s', (_what, policy, line) => {
    const scanned = Fixture.create({ 'main.tf': '' }, 'infra');
    try {
      const path = policy.path && resolve(scanned.root, policy.path);
      const output = toText(scanned.result({ policy: { ...policy, path } }));
      expect(output.split('\n').slice(-2)).toEqual([line, '']);
    } finally {
      scanned.cleanup();
    }
  });
});

describe('toText of a crafted number of findings', () => {
  // The columns' widths were Math.max(...lengths), more arguments than a call takes (by the stack
  // left: posture artifact of a package.json of 200,000 bins, a finding each, ended with "Maximum
  // call stack size exceeded" after the gate had judged it).
  it.each([
    ['findings', { findings: Array(1_000_000).fill(result.findings[0]) }, '1000000 findings'],
    ['diagnostics', { diagnostics: Array(1_000_000).fill(result.diagnostics[0]) }, 'Diagnostics'],
  ])(
    'renders a million %s',
    (_what, many, says) => {
      expect(toText({ ...result, ...many })).toContain(says);
    },
    // A million, not fewer: a worker thread's stack takes 300,000 arguments. Rendering them takes
    // 16 s at a load of 2 and 34 s at 12, past the suite's 30 s; this limit only catches a hang.
    120_000,
  );
});

describe('textParts', () => {
  /** The first finding of the sample repeated `count` times, told apart by their message. */
  const withFindings = (count: number) => ({
    ...result,
    diagnostics: [],
    findings: Array.from({ length: count }, (_, i) => ({
      ...result.findings[0]!,
      related: [],
      message: `Finding ${i}.`,
    })),
  });

  // Parts: a file's name, its findings a thousand at a time, the gap after the block, the summary.
  it.each([
    [0, 1],
    [1, 4],
    [1000, 4],
    [1001, 5],
    [2500, 6],
  ])('of %i findings in one file: %i parts, a line per finding in order', (count, parts) => {
    const written = [...textParts(withFindings(count))];
    expect(written).toHaveLength(parts);
    const lines = written.join('').split('\n');
    const said = lines
      .filter((line) => line.includes('Finding '))
      .map((line) => line.split('  ').at(-1));
    expect(said).toEqual(Array.from({ length: count }, (_, i) => `Finding ${i}.`));
    // The block's lines follow its file's name without a gap; the summary comes after one.
    const summary = count === 0 ? 0 : count + 2;
    if (count > 0) expect(lines[summary - 1]).toBe('');
    expect(lines[summary]).toMatch(
      count === 0 ? /^No findings\./ : new RegExp(`^${count} finding`),
    );
  });
});
