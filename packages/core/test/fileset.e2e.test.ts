import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

const BUCKET = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}

resource "aws_s3_bucket_ownership_controls" "releases" {
  bucket = aws_s3_bucket.releases.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}
`;

// fileset() was not evaluated: an object per file of dist/ was one unknown instance, and the
// public ACL of index.html was "not provably private" (medium), where it is public (critical).
describe('objects uploaded per file of a fileset', () => {
  it.each([
    [
      'each.value == "index.html" ? "public-read" : "private"',
      'critical',
      'aws_s3_object.dist["index.html"]',
    ],
    [
      'endswith(each.value, ".js") ? "public-read" : "private"',
      'critical',
      'aws_s3_object.dist["sub/app.js"]',
    ],
    ['each.value == "nope.html" ? "public-read" : "private"', undefined, undefined],
  ])('acl = %s: %s', async (acl, severity, object) => {
    const report = await scanFiles({
      'main.tf': `${BUCKET}
resource "aws_s3_object" "dist" {
  for_each = fileset("\${path.module}/dist", "**")
  bucket   = aws_s3_bucket.releases.id
  key      = each.value
  source   = "\${path.module}/dist/\${each.value}"
  acl      = ${acl}
}
`,
      'dist/index.html': '<html></html>',
      'dist/sub/app.js': '',
    });
    const acls = report.result.findings.filter((f) => f.ruleId === 's3-public-acl');
    expect(acls.map((f) => f.severity)).toEqual(severity ? [severity] : []);
    if (object) expect(acls[0]?.message).toContain(object);
    expect(report.result.diagnostics).toEqual([]);
  });
});
