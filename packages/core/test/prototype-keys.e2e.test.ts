import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Names read from a scanned file, used as keys of plain objects, named what every object inherits:
 * `principal["toString"]` was Object.prototype's function, spread as a list ("is not iterable"),
 * and ended the whole scan as an internal error.
 */
const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const policyDocument = (type: string) => `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
data "aws_iam_policy_document" "releases" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.releases.arn}/*"]
    principals {
      type        = "${type}"
      identifiers = ["x"]
    }
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = data.aws_iam_policy_document.releases.json
}
`;

describe('keys named after inherited properties', () => {
  it.each(KEYS)('a policy document with a principal of type %s is still read', async (key) => {
    const report = await scanFiles({ 'main.tf': policyDocument(key) });
    expect(summarize(report)).toContain('s3-public-policy@main.tf:8');
  });
});
