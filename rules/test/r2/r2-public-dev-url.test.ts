import rule from '../../src/r2/r2-public-dev-url.js';
import { LINE, r2Bucket, r2Domain, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'no managed domain (r2.dev is off by default)', subject: r2Bucket() },
    {
      name: 'managed domain pinned off',
      subject: r2Bucket({ managedDomain: r2Domain('managed', false) }),
    },
  ],
  invalid: [
    {
      name: 'enabled = true, at the argument',
      subject: r2Bucket({ managedDomain: r2Domain('managed', true) }),
      findings: [
        {
          severity: 'critical',
          line: LINE.managedDomain + 1,
          message:
            /^Release bucket "acme-releases" \(cloudflare_r2_bucket\.releases\) is public at its r2\.dev URL\. cloudflare_r2_managed_domain\.releases enables the public r2\.dev URL\. .*deleting the resource does not turn r2\.dev off\.$/,
        },
      ],
    },
    {
      name: 'enabled unknown before apply is not provably private',
      subject: r2Bucket({ managedDomain: r2Domain('managed', unknown(['var.public'])) }),
      findings: [
        {
          severity: 'medium',
          line: LINE.managedDomain + 1,
          message:
            /not provably private: enabled on cloudflare_r2_managed_domain\.releases is not known before apply/,
        },
      ],
    },
    {
      name: 'enabled omitted (it is required) is not provably private, at the block',
      subject: r2Bucket({ managedDomain: r2Domain('managed', undefined) }),
      findings: [{ severity: 'medium', line: LINE.managedDomain, message: /enabled is not set/ }],
    },
  ],
});
