/**
 * A glob of a policy or a build file that needs re2js, when it cannot be loaded: the run stops
 * with exit 2 and says why, naming the glob; it was an internal error, said to be a bug.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadRe2jsWith, re2js } from '@posture/model';
import { runCli } from './support/cli.js';
import { tempTree } from './support/temp-dirs.js';

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-cli-builds"\n}\n';

describe('a scan whose globs need re2js, without it', () => {
  const working = re2js();
  afterEach(() => loadRe2jsWith(() => working));

  it.each([
    [
      'release.buckets',
      "release:\n  buckets: ['acme-{cli,app}-builds']\n",
      'acme-{cli,app}-builds',
    ],
    ['exclude', "exclude: ['{docs,examples}/**']\n", '{docs,examples}/**'],
  ])('a policy %s glob stops the scan, named', async (_what, policy, glob) => {
    loadRe2jsWith(() => {
      throw new Error("Cannot find module 're2js'");
    });
    const root = tempTree('glob-engine', { 'main.tf': BUCKET, 'posture.config.yaml': policy });
    const run = await runCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `posture: the regular-expression engine re2js could not be loaded (Cannot find module 're2js'), so the glob ${JSON.stringify(glob)} cannot be matched; nothing was judged: reinstall Posture, whose re2js package sits beside it\n`,
    );
    expect(run.stdout).toBe('');
  });
});
