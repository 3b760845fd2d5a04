import { Unknown } from '@posture/model';
import rule from '../../src/s3/s3-public-acl.js';
import {
  ALL_USERS,
  AUTHENTICATED_USERS,
  LINE,
  accountPab,
  grant,
  ownership,
  pab,
  s3Acl,
  s3Bucket,
  unknown,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

testRule(rule, {
  valid: [
    {
      name: 'a grant to a group not known before apply, but not a public one',
      subject: s3Bucket({
        acls: [
          s3Acl(undefined, [
            grant(
              new Unknown([], 'computed', {
                pieces: ['http://acs.amazonaws.com/groups/s3/', unknown()],
              }),
            ),
          ]),
        ],
      }),
    },
    { name: 'no ACL', subject: s3Bucket() },
    { name: 'canned private', subject: s3Bucket({ acls: [s3Acl('private')] }) },
    {
      name: 'bucket-owner-full-control and log delivery are not public',
      subject: s3Bucket({
        acls: [s3Acl('bucket-owner-full-control', [grant(LOG_DELIVERY, 0, 'WRITE')])],
      }),
    },
    {
      name: 'an unknown canned ACL that ACLs-disabled ownership makes irrelevant',
      subject: s3Bucket({ acls: [s3Acl(unknown())], ownership: ownership('BucketOwnerEnforced') }),
    },
  ],
  invalid: [
    {
      name: 'an object uploaded with a public canned ACL',
      subject: s3Bucket({
        acls: [{ ...s3Acl('public-read'), kind: 'object', address: 'aws_s3_object.source' }],
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.canned,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is public through its ACL\. aws_s3_object\.source uploads an object with the canned ACL "public-read"\./,
        },
      ],
    },
    ...['public-read', 'public-read-write', 'authenticated-read'].map((canned) => ({
      name: `canned ${canned}, at the acl argument`,
      subject: s3Bucket({ acls: [s3Acl(canned)] }),
      findings: [
        {
          severity: 'critical' as const,
          line: LINE.canned,
          message: new RegExp(
            `^Release bucket "acme-releases" \\(aws_s3_bucket\\.releases\\) is public through its ACL\\. aws_s3_bucket_acl\\.releases sets the canned ACL "${canned}"\\.`,
          ),
        },
      ],
    })),
    {
      name: 'grants to AllUsers and AuthenticatedUsers, each at its grant',
      subject: s3Bucket({
        acls: [
          s3Acl(undefined, [
            grant(ALL_USERS, 0),
            grant(LOG_DELIVERY, 1),
            grant(AUTHENTICATED_USERS, 2),
          ]),
        ],
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.canned + 1,
          message: /grants READ to http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers/,
        },
        { severity: 'critical', line: LINE.canned + 3 },
      ],
    },
    {
      name: 'canned and grant together: two findings, canned first',
      subject: s3Bucket({ acls: [s3Acl('public-read', [grant(ALL_USERS)])] }),
      findings: [
        { severity: 'critical', line: LINE.canned },
        { severity: 'critical', line: LINE.canned + 1 },
      ],
    },
    {
      name: 'neutralised by ignore_public_acls on the bucket-level block',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        publicAccessBlock: pab({ block_public_policy: false }),
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.canned,
          message:
            /has a public ACL, neutralised by ignore_public_acls = true on aws_s3_bucket_public_access_block\.releases\./,
        },
      ],
    },
    {
      name: 'neutralised by ignore_public_acls on the account-level block',
      subject: s3Bucket({ acls: [s3Acl('public-read')], accountPublicAccessBlock: accountPab() }),
      findings: [
        { severity: 'low', line: LINE.canned, message: /aws_s3_account_public_access_block\.this/ },
      ],
    },
    {
      name: 'neutralised by BucketOwnerEnforced, which disables ACLs',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        ownership: ownership('BucketOwnerEnforced'),
      }),
      findings: [
        { severity: 'low', line: LINE.canned, message: /BucketOwnerEnforced.*disables ACLs/ },
      ],
    },
    {
      name: 'block_public_acls alone does not neutralise an existing ACL',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        publicAccessBlock: pab({ ignore_public_acls: false }),
      }),
      findings: [{ severity: 'critical', line: LINE.canned }],
    },
    {
      name: 'an unknown ignore_public_acls does not neutralise',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        publicAccessBlock: pab({ ignore_public_acls: unknown() }),
      }),
      findings: [{ severity: 'critical', line: LINE.canned }],
    },
    {
      name: 'BucketOwnerPreferred does not neutralise',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        ownership: ownership('BucketOwnerPreferred'),
      }),
      findings: [{ severity: 'critical', line: LINE.canned }],
    },
    {
      name: 'a grant to a group not known before apply is not provably private',
      subject: s3Bucket({
        acls: [s3Acl(undefined, [grant(unknown(['var.group'], 'variable group has no value'))])],
      }),
      findings: [
        {
          severity: 'medium',
          line: LINE.canned + 1,
          message:
            /is not provably private: the grantee of a grant on aws_s3_bucket_acl\.releases is not known before apply \(variable group has no value\)\./,
        },
      ],
    },
    {
      name: 'an unknown canned ACL is not provably private',
      subject: s3Bucket({ acls: [s3Acl(unknown(['var.acl'], 'variable acl has no value'))] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.canned,
          message:
            /is not provably private: the canned ACL on aws_s3_bucket_acl\.releases is not known before apply \(variable acl has no value\)\./,
        },
      ],
    },
  ],
});
