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
