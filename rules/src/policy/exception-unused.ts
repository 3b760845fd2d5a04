import type { DiagnosticRule } from '@posture/model';
import { S3_RELEASES } from '../example-buckets.js';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'exception-unused',
    title: 'Exception covers no finding: it waives nothing',
    severity: 'low',
    why: 'An inline exception records a decision about a finding. One that covers none of the rule it names was left behind when the finding was fixed, or was written where the finding is not: above a block the finding does not name, under the id of another rule, on a line the finding has moved from. It then tells its reader that a risk is accepted where none is, or that one is waived that is still reported; and it waits there to waive, unseen, whatever finding comes back under it. Posture reports it as ESLint reports an unused disable directive. Only the rules that ran are judged (`--skip-rule` and `--rule` leave the others out), and only comments: a policy file governs the whole repository, and a scan of part of it leaves out findings its exceptions are for.',
    fix: 'Delete the comment, or move it to where the finding it means is: its line, the block that holds it, the bucket, or the resource the finding names as its cause (the bucket policy, the ACL, the domain).',
    bad: {
      language: 'hcl',
      code: `${S3_RELEASES}
# posture:ignore s3-public-policy reason="public downloads page, SEC-7"
resource "aws_s3_bucket_website_configuration" "releases" {
  bucket = aws_s3_bucket.releases.id
  index_document {
    suffix = "index.html"
  }
}`,
    },
    good: {
      language: 'hcl',
      code: `${S3_RELEASES}
# posture:ignore s3-website reason="public downloads page, SEC-7"
resource "aws_s3_bucket_website_configuration" "releases" {
  bucket = aws_s3_bucket.releases.id
  index_document {
    suffix = "index.html"
  }
}`,
    },
    tags: ['security', 'policy', 'exception'],
    cwe: [],
    precision: 'high',
  },
  check(diagnostic) {
    if (diagnostic.code !== 'exception-unused') return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(
          diagnostic.message,
          'Delete it, or move it to where the finding it means is',
        ),
      },
    ];
  },
};

export default rule;
