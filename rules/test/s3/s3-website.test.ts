import rule from '../../src/s3/s3-website.js';
import { LINE, accountPab, pab, s3Bucket, unknown, website } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const REDIRECT = {
  what: 'redirect_all_requests_to on aws_s3_bucket_website_configuration.releases',
  value: unknown([], 'variable redirect has no value'),
};

testRule(rule, {
  valid: [
    { name: 'no website configuration', subject: s3Bucket({ publicAccessBlock: pab() }) },
    {
      name: 'a redirect not known, while public ACLs are ignored and public policies restricted',
      subject: s3Bucket({ website: website(REDIRECT), publicAccessBlock: pab() }),
    },
  ],
  invalid: [
    {
      name: 'website hosting, at the configuration',
      subject: s3Bucket({ website: website() }),
      findings: [
        {
          severity: 'high',
          line: LINE.website,
          message:
            /is served as a public website\. aws_s3_bucket_website_configuration\.releases configures static website hosting/,
        },
      ],
    },
    {
      name: 'neutralised when public ACLs are ignored and public policies restricted',
      subject: s3Bucket({
        website: website(),
        publicAccessBlock: pab({ block_public_acls: false }),
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.website,
          message:
            /has website hosting configured, neutralised by ignore_public_acls and restrict_public_buckets = true on aws_s3_bucket_public_access_block\.releases\./,
        },
      ],
    },
    {
      name: 'neutralised by flags from both levels, naming both blocks',
      subject: s3Bucket({
        website: website(),
        publicAccessBlock: pab({ restrict_public_buckets: false }),
        accountPublicAccessBlock: accountPab({ ignore_public_acls: false }),
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.website,
          message:
            /on aws_s3_bucket_public_access_block\.releases and aws_s3_account_public_access_block\.this/,
        },
      ],
    },
    {
      name: 'not provably private: a redirect not known before apply may be none',
      subject: s3Bucket({ website: website(REDIRECT) }),
      findings: [
        {
          severity: 'medium',
          line: LINE.website,
          message:
            /is not provably private: redirect_all_requests_to on aws_s3_bucket_website_configuration\.releases is not known before apply \(variable redirect has no value\), so aws_s3_bucket_website_configuration\.releases may configure static website hosting/,
        },
      ],
    },
    {
      name: 'not provably private: a website configuration not known before apply may be one',
      subject: s3Bucket({
        website: website({
          what: 'the website configuration of aws_s3_bucket.releases',
          value: unknown(['var.sites']),
        }),
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.website,
          message:
            /the website configuration of aws_s3_bucket\.releases is not known before apply \(it depends on var\.sites\)/,
        },
      ],
    },
    {
      name: 'restrict_public_buckets alone does not neutralise it',
      subject: s3Bucket({
        website: website(),
        publicAccessBlock: pab({ ignore_public_acls: false }),
      }),
      findings: [{ severity: 'high', line: LINE.website }],
    },
  ],
});
