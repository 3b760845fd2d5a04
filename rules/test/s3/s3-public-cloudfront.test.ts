import type { PolicyStatement, S3Bucket } from '@posture/model';
import rule from '../../src/s3/s3-public-cloudfront.js';
import {
  ALL_USERS,
  attribute,
  distribution,
  grant,
  LINE,
  ownership,
  pab,
  policy,
  range,
  s3Acl,
  s3Bucket,
  statement,
  unknown,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

const DEFAULT = LINE.distribution + 2;
const served = (...distributions: ReturnType<typeof distribution>[]) =>
  s3Bucket({ distributions, publicAccessBlock: pab() });

const DENY_INSECURE = statement({
  sid: 'DenyInsecureTransport',
  effect: 'Deny',
  actions: ['s3:*'],
  conditions: { Bool: { 'aws:SecureTransport': 'false' } },
});
const CLOUDFRONT = { Service: 'cloudfront.amazonaws.com' };
const DISTRIBUTION_ARN = 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE';

/** A bucket whose one policy holds these statements. */
const policyOf = (...statements: Partial<PolicyStatement>[]): Partial<S3Bucket> => ({
  policies: [policy(statements.map((s, i) => statement(s, i)))],
});

/**
 * An aws_s3_bucket whose one policy only denies insecure transport, unless `over` says otherwise,
 * served by a distribution with no signed URLs that reads it with `access`.
 */
const refusing = (over: Partial<S3Bucket> = {}, access: 'oac' | 'oai' = 'oac') =>
  s3Bucket({
    resourceType: 'aws_s3_bucket',
    publicAccessBlock: pab(),
    distributions: [distribution({ originAccess: access })],
    ...policyOf(DENY_INSECURE),
    ...over,
  });

const REFUSED =
  /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is served by a CloudFront distribution, neutralised by aws_s3_bucket_policy\.releases, the bucket's only policy, which lets in neither everyone nor the service principal cloudfront\.amazonaws\.com that origin access control signs as: as the policy stands, the distribution cannot read the bucket\. aws_cloudfront_distribution\.releases would serve the bucket publicly at "downloads\.example\.com"/;
const READ =
  /is public through a CloudFront distribution\. aws_cloudfront_distribution\.releases serves/;

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
    {
      name: 'trusted key groups not known before apply, on a distribution that cannot read the bucket',
      subject: refusing({
        distributions: [
          distribution({ signed: [unknown([], 'variable key_groups has no value')] }),
        ],
      }),
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
    // The distribution got 403 for every object, and was rated as though it served them all.
    {
      name: 'a policy that only denies insecure transport: CloudFront cannot read the bucket',
      subject: refusing(),
      findings: [{ severity: 'low', line: DEFAULT, message: REFUSED }],
    },
    {
      name: 'a policy that lets one role of the account in: CloudFront cannot read the bucket',
      subject: refusing(
        policyOf({
          principal: { AWS: 'arn:aws:iam::111122223333:role/ci' },
          actions: ['s3:PutObject'],
        }),
      ),
      findings: [{ severity: 'low', line: DEFAULT, message: REFUSED }],
    },
    {
      name: 'a policy for origin access control does not let a legacy origin access identity in',
      subject: refusing(
        policyOf({
          principal: CLOUDFRONT,
          conditions: { StringEquals: { 'aws:SourceArn': DISTRIBUTION_ARN } },
        }),
        'oai',
      ),
      findings: [
        {
          severity: 'low',
          line: DEFAULT,
          message: /lets in neither everyone nor an origin access identity/,
        },
      ],
    },
    {
      name: 'the policy written inline on the bucket, named by it',
      subject: refusing({
        policies: [{ ...policy([DENY_INSECURE]), address: 'aws_s3_bucket.releases' }],
      }),
      findings: [
        {
          severity: 'low',
          line: DEFAULT,
          message: /neutralised by the policy of aws_s3_bucket\.releases, the bucket's only policy/,
        },
      ],
    },
    {
      name: 'a private ACL grants no one else',
      subject: refusing({ acls: [s3Acl('private')] }),
      findings: [{ severity: 'low', line: DEFAULT, message: REFUSED }],
    },
    {
      name: 'a public ACL on a bucket whose ACLs are disabled',
      subject: refusing({
        acls: [s3Acl('public-read')],
        ownership: ownership('BucketOwnerEnforced'),
      }),
      findings: [{ severity: 'low', line: DEFAULT, message: REFUSED }],
    },
    ...(
      [
        ['no policy at all: one may be set outside Terraform', { policies: [] }],
        [
          'a policy that lets the distribution in',
          policyOf(DENY_INSECURE, {
            principal: CLOUDFRONT,
            conditions: { StringEquals: { 'aws:SourceArn': DISTRIBUTION_ARN } },
          }),
        ],
        ['a policy that lets everyone in', policyOf({ principal: '*' })],
        ['a policy that lets everyone in, as AWS "*"', policyOf({ principal: { AWS: ['*'] } })],
        [
          'an Allow with NotPrincipal',
          policyOf({
            principal: undefined,
            notPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
          }),
        ],
        [
          'a principal not known before apply',
          policyOf({ principal: unknown([], 'variable p has no value') }),
        ],
        [
          'a service principal not known before apply',
          policyOf({ principal: { Service: [unknown([], 'variable s has no value')] } }),
        ],
        [
          'a policy document not known before apply',
          { policies: [policy([], 'computed at apply')] },
        ],
        [
          'a second policy',
          {
            policies: [
              policy([DENY_INSECURE]),
              { ...policy([]), address: 'aws_s3_bucket.releases', range: range(3) },
            ],
          },
        ],
        [
          'a settings resource whose bucket is not known, which may be this one',
          {
            unresolved: [
              {
                message:
                  'aws_s3_bucket_policy.x configures a bucket that cannot be determined before apply',
                range: range(LINE.unresolved),
                opens: 'policy' as const,
              },
            ],
          },
        ],
        [
          'a module call that was not read',
          { unreadModules: [{ address: 'module.policy', range: range(LINE.unresolved) }] },
        ],
        ['a bucket no scanned Terraform declares', { declaredElsewhere: true as const }],
        ['a bucket a registry module makes, read by its inputs', { resourceType: undefined }],
        ['a public ACL', { acls: [s3Acl('public-read')] }],
        ['an ACL grant to a public group', { acls: [s3Acl(undefined, [grant(ALL_USERS)])] }],
      ] as const
    ).map(([name, over]) => ({
      name: `any doubt about the policy keeps it high: ${name}`,
      subject: refusing(over),
      findings: [{ severity: 'high' as const, line: DEFAULT, message: READ }],
    })),
    ...(
      [
        [
          'its IAM user',
          { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1EXAMPLE' },
        ],
        [
          'its iam_arn, known after apply',
          { AWS: attribute('aws_cloudfront_origin_access_identity.r.iam_arn') },
        ],
        [
          'its canonical user id',
          {
            CanonicalUser: attribute(
              'aws_cloudfront_origin_access_identity.r.s3_canonical_user_id',
            ),
          },
        ],
      ] as const
    ).map(([name, principal]) => ({
      name: `a legacy origin access identity let in by ${name}`,
      subject: refusing(policyOf({ principal }), 'oai'),
      findings: [{ severity: 'high' as const, line: DEFAULT, message: READ }],
    })),
    {
      name: 'a policy document not known before apply is said to be what could close the path',
      subject: refusing({ policies: [policy([], 'known after apply')] }),
      findings: [
        {
          severity: 'high',
          line: DEFAULT,
          message:
            /requires no signed URL or cookie \(no trusted_key_groups or trusted_signers\); the policy document of aws_s3_bucket_policy\.releases, which could refuse it every object, cannot be read \(known after apply\)\./,
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
