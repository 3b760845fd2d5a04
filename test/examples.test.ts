import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '@posture/core';
import { FORMATS } from '../packages/cli/src/reports.js';
import { repoRoot, runCli } from './support/cli.js';

/** What each bundled example must report: rule, file, line. The READMEs promise the same. */
const EXPECTED: Record<string, { exit: number; findings: [string, string, number][] }> = {
  'r2-dev-release': { exit: 1, findings: [['r2-public-dev-url', 'main.tf', 27]] },
  's3-public-policy': {
    exit: 1,
    findings: [
      ['s3-public-policy', 'main.tf', 30],
      ['s3-public-access-block', 'main.tf', 20],
    ],
  },
  'gcs-allusers-module': {
    exit: 1,
    findings: [
      ['gcs-public-iam', 'modules/bucket/main.tf', 28],
      ['gcs-public-access-prevention', 'modules/bucket/main.tf', 19],
    ],
  },
  'private-release': { exit: 0, findings: [] },
  'terragrunt-units': {
    exit: 1,
    findings: [['s3-public-access-block', 'modules/release-bucket/main.tf', 24]],
  },
  'public-not-release': { exit: 0, findings: [] },
  'script-opens-bucket': {
    exit: 1,
    findings: [
      ['link-opens-bucket', '.github/workflows/release.yml', 20],
      ['link-opens-bucket', '.github/workflows/release.yml', 21],
    ],
  },
  'march-2026-leak': {
    exit: 1,
    findings: [
      ['r2-public-dev-url', 'infra/main.tf', 17],
      ['link-source-map', 'app/vite.config.ts', 8],
      ['link-public-bucket', 'app/package.json', 15],
    ],
  },
};

describe('bundled examples', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name} reports exactly its documented findings`, async () => {
      const { result } = await scan({ root: join(repoRoot(), 'examples', name) });
      const got = result.findings.map((f) => [f.ruleId, f.location.file, f.location.start.line]);
      expect(got.map(String).sort()).toEqual(expected.findings.map(String).sort());
      expect(result.invocation.executionSuccessful).toBe(true);
    });

    it(`posture scan examples/${name} exits ${expected.exit}`, async () => {
      const run = await runCli(['scan', `examples/${name}`]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(expected.exit);
    });
  }

  it('public-not-release is reported with --scope all', async () => {
    const { result } = await scan({
      root: join(repoRoot(), 'examples', 'public-not-release'),
      policy: { scope: 'all' },
    });
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(
      new Set(['s3-public-policy', 's3-website', 's3-public-access-block']),
    );
  });
});

describe('CI examples', () => {
  it.each(['github/posture.yml', 'gitlab/.gitlab-ci.yml'])(
    '%s asks only for report formats posture writes',
    (file) => {
      const text = readFileSync(join(repoRoot(), 'examples', file), 'utf8');
      const formats = [...text.matchAll(/--format (\S+)/g)].map((m) => m[1]);
      expect(formats.length).toBeGreaterThan(0);
      for (const format of formats) expect(FORMATS).toContain(format);
    },
  );

  // @posture/cli is not on npm (a 404): a ready example that installs it fails at its first step.
  it.each(['github/posture.yml', 'gitlab/.gitlab-ci.yml', 'github/.pre-commit-config.yaml'])(
    '%s runs a Posture built from a checkout, not one from npm',
    (file) => {
      const text = readFileSync(join(repoRoot(), 'examples', file), 'utf8');
      expect(text).not.toMatch(/npm install[^\n]*@posture\/cli/);
      expect(text).toContain('packages/cli/bundle/posture.js');
    },
  );

  it.each(['github/posture.yml', 'gitlab/.gitlab-ci.yml'])(
    '%s builds Posture at a pinned tag, outside the directory it scans',
    (file) => {
      const text = readFileSync(join(repoRoot(), 'examples', file), 'utf8');
      expect(text).toMatch(/POSTURE_REF: v\d+\.\d+\.\d+\n/);
      expect(text).toMatch(
        /git clone [^\n]*--branch "\$POSTURE_REF" "\$POSTURE_REPOSITORY" (\/tmp|"\$RUNNER_TEMP)\/posture/,
      );
      expect(text).toContain('pnpm@10 install --frozen-lockfile');
      expect(text).toContain('pnpm@10 build');
    },
  );

  it('the workflow uploads with the upload-sarif the SARIF notes recommend', () => {
    const text = readFileSync(join(repoRoot(), 'examples/github/posture.yml'), 'utf8');
    expect(
      [...text.matchAll(/github\/codeql-action\/upload-sarif@(\S+)/g)].map((m) => m[1]),
    ).toEqual(['v4']);
  });
});
