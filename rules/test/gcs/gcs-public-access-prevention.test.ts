import rule from '../../src/gcs/gcs-public-access-prevention.js';
import { LINE, gcsBucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [{ name: 'enforced', subject: gcsBucket({ prevention: 'enforced' }) }],
  invalid: [
    {
      name: 'omitted: inherited, depends on the org policy; at the bucket',
      subject: gcsBucket(),
      findings: [
        {
          severity: 'high',
          line: LINE.bucket,
          message:
            /^Release bucket "acme-releases" \(google_storage_bucket\.releases\) does not enforce public access prevention\. public_access_prevention is omitted, so it is "inherited": the bucket refuses public grants only if the organization policy constraints\/storage\.publicAccessPrevention applies/,
        },
      ],
    },
    {
      name: 'inherited, at the argument',
      subject: gcsBucket({ prevention: 'inherited' }),
      findings: [
        {
          severity: 'high',
          line: LINE.gcsSetting,
          message: /public_access_prevention = "inherited"/,
        },
      ],
    },
    {
      name: 'the legacy value unspecified',
      subject: gcsBucket({ prevention: 'unspecified' }),
      findings: [{ severity: 'high', line: LINE.gcsSetting }],
    },
    {
      name: 'unknown is not provably private',
      subject: gcsBucket({ prevention: unknown(['var.pap']) }),
      findings: [
        {
          severity: 'medium',
          line: LINE.gcsSetting,
          message: /not provably private: public_access_prevention is not known before apply/,
        },
      ],
    },
  ],
});
