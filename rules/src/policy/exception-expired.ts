import type { DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'exception-expired',
    title: 'Exception expired: it no longer suppresses findings',
    severity: 'medium',
    why: 'Exceptions are granted for a time: the public bucket was to be moved behind a CDN, the legacy ACL removed. When the date passes, the exception stops applying — the findings it covered fail the gate again — and the expired exception itself is reported, so the team either fixes the cause or renews the decision on purpose.',
    fix: 'Fix what the exception covered and delete it, or, if the risk is still accepted, renew it with a new `expires` date and the approver of the renewal.',
    bad: {
      language: 'yaml',
      code: `# posture.config.yaml
exceptions:
  - rule: s3-public-policy
    target: { bucket: acme-legacy-downloads }
    reason: migrating to CloudFront
    expires: 2025-01-31`,
    },
    good: {
      language: 'yaml',
      code: `# posture.config.yaml
exceptions:
  - rule: s3-public-policy
    target: { bucket: acme-legacy-downloads }
    reason: migration to CloudFront extended, see OPS-431
    approvedBy: jane@acme.example
    expires: 2027-03-31`,
    },
    tags: ['security', 'policy', 'exception'],
    cwe: [],
    precision: 'very-high',
  },
  check(diagnostic) {
    if (diagnostic.code !== 'exception-expired') return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(diagnostic.message, 'Fix the cause, or renew the exception on purpose'),
      },
    ];
  },
};

export default rule;
