import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A private upload that a tag-only GitLab job makes through the script it runs makes the bucket
 * release-use, as the same command written in the job does.
 */
it('a bucket that a script run by a release job uploads to is release-use', async () => {
  const files = {
    'main.tf':
      'resource "google_storage_bucket" "cli" {\n  name     = "acme-cli"\n  location = "US"\n}\n',
    '.gitlab-ci.yml': 'push-cli:\n  only:\n    - tags\n  script:\n    - bash scripts/push.sh\n',
    'scripts/push.sh': '#!/bin/bash\ngsutil -m rsync bin gs://acme-cli/$CI_COMMIT_TAG\n',
  };
  const report = await scanFiles(files);
  expect(summarize(report)).toEqual([
    'gcs-public-access-prevention@main.tf:1',
    'gcs-uniform-access@main.tf:1',
  ]);
  const evidence = report.result.findings[0]?.related.find((r) => r.label === 'release evidence');
  expect(evidence?.range).toMatchObject({ file: 'scripts/push.sh', start: { line: 2 } });
});

it('a link in the script a package.json lifecycle script runs with Node points at that script', async () => {
  const files = {
    'package.json':
      '{\n  "name": "@acme/cli",\n  "scripts": { "postinstall": "node scripts/postinstall.js" }\n}\n',
    'scripts/postinstall.js':
      "const BASE = 'https://pub-3f9a2b1c4d5e6f708192a3b4c5d6e7f8.r2.dev/acme';\nrequire('https').get(`${BASE}/cli.tgz`);\n",
  };
  const report = await scanFiles(files);
  expect(summarize(report)).toEqual(['link-public-bucket@scripts/postinstall.js:1']);
  const runBy = report.result.findings[0]?.related.filter((r) => r.label === 'run by');
  expect(runBy?.map((r) => r.range)).toMatchObject([
    { file: 'package.json', start: { line: 3, column: 37 }, end: { line: 3, column: 59 } },
  ]);
});
