import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A Makefile that names its release bucket once, through a variable: the upload is a link to the
 * Terraform bucket, judged at the line of the reference as written.
 */
const MAKEFILE = `BUCKET := acme-releases

build:
\tnpm run build

release: build
\taws s3 cp dist s3://$(BUCKET)/ --recursive --acl public-read
`;

const TERRAFORM = 'resource "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\n';

describe('links through build variables', () => {
  it('finds a public upload to a bucket named by a Makefile variable', async () => {
    const report = await scanFiles({ Makefile: MAKEFILE, 'main.tf': TERRAFORM });
    expect(summarize(report)).toContain('link-public-upload@Makefile:7');
    const finding = report.result.findings.find((f) => f.ruleId === 'link-public-upload');
    expect(finding?.location.start.column).toBe(17);
    expect(finding?.message).toContain('s3://acme-releases/');
  });

  it('finds nothing when the variable is set by a shell command', async () => {
    const makefile = MAKEFILE.replace('acme-releases', '$(shell cat bucket.txt)');
    const report = await scanFiles({ Makefile: makefile, 'main.tf': TERRAFORM });
    expect(summarize(report).filter((f) => f.startsWith('link-'))).toEqual([]);
  });
});
