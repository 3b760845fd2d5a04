import { Unknown } from '@posture/model';
import rule from '../../src/r2/r2-public-custom-domain.js';
import { LINE, r2Bucket, r2Domain, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'no custom domain', subject: r2Bucket() },
    {
      name: 'custom domain disabled',
      subject: r2Bucket({ customDomains: [r2Domain('custom', false)] }),
    },
  ],
  invalid: [
    {
      name: 'enabled custom domain, named in the message',
      subject: r2Bucket({ customDomains: [r2Domain('custom', true)] }),
      findings: [
        {
          severity: 'high',
          line: LINE.customDomain + 1,
          message:
            /is public on a custom domain\. cloudflare_r2_custom_domain\.releases\[0\] serves the bucket publicly at custom domain "downloads\.example\.com"\./,
        },
      ],
    },
    {
      name: 'omitted enabled counts as enabled, at the block',
      subject: r2Bucket({ customDomains: [r2Domain('custom', undefined)] }),
      findings: [{ severity: 'high', line: LINE.customDomain }],
    },
    {
      name: 'one finding per enabled domain',
      subject: r2Bucket({
        customDomains: [
          r2Domain('custom', true, 'a.example.com', 0),
          r2Domain('custom', false, 'b.example.com', 1),
          r2Domain('custom', true, 'c.example.com', 2),
        ],
      }),
      findings: [
        { severity: 'high', line: LINE.customDomain + 1 },
        { severity: 'high', line: LINE.customDomain + 11, message: /c\.example\.com/ },
      ],
    },
    {
      name: 'a domain known only after apply is said to be unknown, with what is known of it',
      subject: r2Bucket({
        customDomains: [
          r2Domain('custom', true, unknown([], 'variable zone has no value'), 0),
          r2Domain(
            'custom',
            true,
            new Unknown([], 'variable domain_name has no value', { pieces: ['r2.', unknown()] }),
            1,
          ),
        ],
      }),
      findings: [
        {
          severity: 'high',
          line: LINE.customDomain + 1,
          message:
            /serves the bucket publicly at a custom domain: its name is not known before apply \(variable zone has no value\)\./,
        },
        {
          severity: 'high',
          line: LINE.customDomain + 6,
          message:
            /at a custom domain: its name, "r2\.\*", is not known before apply \(variable domain_name has no value\)\./,
        },
      ],
    },
    {
      name: 'unknown enabled is not provably private',
      subject: r2Bucket({ customDomains: [r2Domain('custom', unknown())] }),
      findings: [{ severity: 'medium', line: LINE.customDomain + 1 }],
    },
  ],
});
