import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * An upload made through a composite action or a reusable workflow of the repository is one
 * finding, where the command is written, with the steps and jobs that call it, whose `with:` names
 * the bucket, as related locations.
 */
const TERRAFORM = `resource "aws_s3_bucket" "mirror" {
  bucket = "acme-mirror"
}
resource "aws_s3_bucket_ownership_controls" "mirror" {
  bucket = aws_s3_bucket.mirror.id
  rule { object_ownership = "ObjectWriter" }
}
`;
const UPLOAD = 'aws s3 sync dist "s3://${{ inputs.bucket }}/" --acl "${{ inputs.acl }}"';
const INPUTS = 'bucket: acme-mirror\n          acl: public-read';

it.each([
  [
    'a composite action',
    {
      '.github/actions/upload/action.yml': `inputs:\n  bucket: { required: true }\n  acl: { default: private }\nruns:\n  using: composite\n  steps:\n    - run: ${UPLOAD}\n      shell: bash\n`,
      '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\njobs:\n  mirror:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/upload\n        with:\n          ${INPUTS}\n`,
    },
    '.github/actions/upload/action.yml:7',
    { file: '.github/workflows/release.yml', start: { line: 6, column: 15 } },
  ],
  [
    'a reusable workflow',
    {
      '.github/workflows/upload.yml': `on:\n  workflow_call:\n    inputs:\n      bucket: { type: string, required: true }\n      acl: { type: string, default: private }\njobs:\n  upload:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${UPLOAD}\n`,
      '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\njobs:\n  mirror:\n    uses: ./.github/workflows/upload.yml\n    with:\n          ${INPUTS}\n`,
    },
    '.github/workflows/upload.yml:10',
    { file: '.github/workflows/release.yml', start: { line: 4, column: 11 } },
  ],
])('%s: one public upload, called from its caller', async (_name, files, at, caller) => {
  const report = await scanFiles({ ...files, 'main.tf': TERRAFORM });
  expect(summarize(report).filter((s) => s.startsWith('link-'))).toEqual([
    `link-public-upload@${at}`,
  ]);
  const finding = report.result.findings.find((f) => f.ruleId === 'link-public-upload');
  expect(finding?.severity).toBe('critical');
  const callers = finding?.related.filter((r) => r.label === 'called from');
  expect(callers?.map((r) => r.range)).toMatchObject([caller]);
});
