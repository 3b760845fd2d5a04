import rule from '../../src/s3/s3-public-cloudfront.js';
import { distribution, LINE, pab, s3Bucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const DEFAULT = LINE.distribution + 2;
const served = (...distributions: ReturnType<typeof distribution>[]) =>
  s3Bucket({ distributions, publicAccessBlock: pab() });

testRule(rule, {
  valid: [
    { name: 'no distribution', subject: s3Bucket() },
    {
      name: 'every behaviour requires signed URLs or cookies',
      subject: served(distribution({ signed: [true, true] })),
    },
    {
      name: 'a distribution that reads anonymously serves only what the bucket makes public',
      subject: served(distribution({ originAccess: 'none' })),
    },
    { name: 'enabled = false serves nothing', subject: served(distribution({ enabled: false })) },
    {
      name: 'a distribution with no behaviour serving the origin',
      subject: served(distribution({ signed: [] })),
    },
  ],
  invalid: [
    {
      name: 'OAC and no trusted_key_groups: public at its alias, whatever Block Public Access says',
      subject: served(distribution()),
      findings: [
        {
          severity: 'high',
          line: DEFAULT,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is public through a CloudFront distribution\. aws_cloudfront_distribution\.releases serves the bucket publicly at "downloads\.example\.com": its default cache behaviour requires no signed URL or cookie \(no trusted_key_groups or trusted_signers\)\. Require signed URLs or cookies/,
        },
      ],
    },
    {
      name: 'a legacy origin access identity, with its cloudfront.net name only',
      subject: served(distribution({ originAccess: 'oai', hosts: [] })),
      findings: [{ severity: 'high', line: DEFAULT, message: /at its \*\.cloudfront\.net domain/ }],
    },
    {
      name: 'one open behaviour among signed ones, at that behaviour',
      subject: served(distribution({ signed: [true, false] })),
      findings: [{ severity: 'high', line: DEFAULT + 2, message: /cache behaviour "b1\/\*"/ }],
    },
    {
      name: 'trusted key groups not known before apply: not provably private',
      subject: served(distribution({ signed: [unknown([], 'variable key_groups has no value')] })),
      findings: [
        {
          severity: 'medium',
          line: DEFAULT,
          message: /its trusted_key_groups and trusted_signers is not known before apply/,
        },
      ],
    },
    {
      name: 'enabled not known before apply: not provably private',
      subject: served(distribution({ enabled: unknown([], 'variable on has no value') })),
      findings: [{ severity: 'medium', line: DEFAULT, message: /enabled on .* not known/ }],
    },
  ],
});
