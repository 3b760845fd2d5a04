import rule from '../../src/gcs/gcs-public-access-prevention.js';
import { LINE, gcsBucket, orgPolicy, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'enforced', subject: gcsBucket({ prevention: 'enforced' }) },
    {
      name: 'omitted, under an organization policy the Terraform enforces',
      subject: gcsBucket({ organizationPrevention: orgPolicy() }),
    },
    {
      name: 'inherited, under an organization policy the Terraform enforces',
      subject: gcsBucket({ prevention: 'inherited', organizationPrevention: orgPolicy() }),
    },
    {
      name: 'the legacy unspecified, under an enforcing policy',
      subject: gcsBucket({ prevention: 'unspecified', organizationPrevention: orgPolicy() }),
    },
    {
      name: 'unknown under an enforcing policy: enforced or inherited, it refuses grants',
      subject: gcsBucket({ prevention: unknown(['var.pap']), organizationPrevention: orgPolicy() }),
    },
  ],
  invalid: [
    {
      name: 'omitted: inherited, depends on the org policy; at the bucket',
      subject: gcsBucket(),
      findings: [
        {
          severity: 'high',
          line: LINE.bucket,
          message:
            /^Release bucket "acme-releases" \(google_storage_bucket\.releases\) does not enforce public access prevention\. public_access_prevention is omitted, so it is "inherited": the bucket refuses public grants only if the organization policy constraints\/storage\.publicAccessPrevention is enforced on its project, which the Terraform scanned does not show/,
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
    {
      name: 'a value that is neither enforced nor inherited is judged as written, policy or not',
      subject: gcsBucket({ prevention: 'off', organizationPrevention: orgPolicy() }),
      findings: [{ severity: 'high', line: LINE.gcsSetting, message: /= "off"/ }],
    },
  ],
});
