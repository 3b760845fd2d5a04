import type { DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'exception-invalid',
    title: 'Exception not honoured: it is malformed, has no reason or names no known rule',
    severity: 'medium',
    why: 'An exception is a decision someone must be able to audit: which rule it waives, and why. A `posture:ignore` comment without a reason (or with one of only blanks), with a rule id that does not exist, or with an expiry that is no real day written YYYY-MM-DD (`2027-02-30`) would silently waive findings with no accountable justification, so Posture does not honour it and reports it instead. So is one whose text is not what it seems to say: a field that is not `reason`, `expires` or `approvedBy` (`expiry=2026-12-31` or `Expires=2026-12-31` would waive for ever what its reader takes to expire), a word that is neither the rule list nor a field (`posture:ignore s3-website s3-public-policy`, where a second rule is joined by a comma), a quote left open, a field given twice, or the marker in another case or spacing (`# POSTURE:IGNORE`, `# posture: ignore`), which would otherwise pass as an ordinary comment. The policy file holds exceptions to the same: an unknown setting there is an error. Nor does it honour a comment that waives input-unreadable: a comment in a file the scan could not read may be all that was read of it, so only the policy file may waive that. Nor one that does not tell apart the buckets it covers: a comment on a policy document several buckets attach, or a policy file exception whose address without wildcards two root modules repeat (`aws_s3_bucket.r` in `envs/staging` and `envs/prod`), waives the findings of none of them, since it would waive unseen a bucket it was not written for.',
    fix: 'Name the rule and give the reason (and, ideally, an expiry date and an approver): `# posture:ignore s3-website reason="public docs site" expires=2027-06-30 approvedBy="jane@acme.example"`. Or move the exception to the policy file, where `reason` is required.',
    bad: {
      language: 'hcl',
      code: `# posture:ignore s3-website
resource "aws_s3_bucket_website_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id
}`,
    },
    good: {
      language: 'hcl',
      code: `# posture:ignore s3-website reason="public docs site, no release artifacts" expires=2027-06-30
resource "aws_s3_bucket_website_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id
}`,
    },
    tags: ['security', 'policy', 'exception'],
    cwe: [],
    precision: 'very-high',
  },
  check(diagnostic) {
    if (diagnostic.code !== 'exception-invalid') return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(
          diagnostic.message,
          'The findings it meant to waive are reported as usual',
        ),
      },
    ];
  },
};

export default rule;
