import type { DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'annotation-unused',
    title: 'Release annotation marks no bucket',
    severity: 'low',
    why: 'A `# posture:release` comment makes the bucket it is written on release-use, and is the only way to mark an R2 bucket, which has no tags. It belongs to the block right below it (no blank line between), to the block whose first line it is on, or to a line of its own inside the block; on a bucket resource, or on a module call, whose buckets it marks in every instance and every module called in turn. Written anywhere else (above a variable, a role, a local, or parted from the bucket by a blank line, or kept after a refactor moved the bucket) it marks nothing, and the bucket its author meant is judged as any other: a public r2.dev URL on it is no release finding, and can pass the gate. Posture says so, as it says of an inline exception that covers no finding.',
    fix: 'Move the comment to the line right above the bucket resource, or above the module call that makes the bucket; or delete it.',
    bad: {
      language: 'hcl',
      code: `# posture:release

resource "cloudflare_r2_bucket" "builds" {
  account_id = var.account_id
  name       = "acme-cli-builds"
}`,
    },
    good: {
      language: 'hcl',
      code: `# posture:release
resource "cloudflare_r2_bucket" "builds" {
  account_id = var.account_id
  name       = "acme-cli-builds"
}`,
    },
    tags: ['security', 'policy', 'release'],
    cwe: [],
    precision: 'high',
  },
  check(diagnostic) {
    if (diagnostic.code !== 'annotation-unused') return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(
          diagnostic.message,
          'Move it to the line right above the bucket resource or the module call that makes it',
        ),
      },
    ];
  },
};

export default rule;
