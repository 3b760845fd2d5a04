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
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is public through its ACL\. aws_s3_object\.source uploads an object with the canned ACL "public-read": anyone can read the object\./,
        },
      ],
    },
    // A canned ACL on a bucket grants READ on the bucket, which lists it and reads no object.
    ...(
      [
        [
          'public-read',
          'high',
          'anyone can list what the bucket holds, though not read what it holds',
        ],
        ['authenticated-read', 'high', 'anyone can list what the bucket holds, though not read'],
        [
          'public-read-write',
          'critical',
          'anyone can list what the bucket holds and write objects into it, though not read',
        ],
      ] as const
    ).map(([canned, severity, then]) => ({
      name: `canned ${canned}, at the acl argument, said as what it lets anyone do`,
      subject: s3Bucket({ acls: [s3Acl(canned)] }),
      findings: [
        {
          severity,
          line: LINE.canned,
          message: new RegExp(
            `^Release bucket "acme-releases" \\(aws_s3_bucket\\.releases\\) is public through its ACL\\. aws_s3_bucket_acl\\.releases sets the canned ACL "${canned}": ${then}`,
          ),
        },
      ],
    })),
    // What each permission lets everyone do on a bucket (AWS's "Access control list (ACL) overview").
    ...(
      [
        ['READ', 'high', /anyone can list what the bucket holds, though not read what it holds\./],
        [
          'WRITE',
          'critical',
          /anyone can write objects into the bucket, though not read what it holds\./,
        ],
        ['READ_ACP', 'low', /anyone can read the bucket's ACL, though not read what it holds\./],
        [
          'WRITE_ACP',
          'critical',
          /anyone can change the bucket's ACL, and so give themselves full control of it\./,
        ],
        [
          'FULL_CONTROL',
          'critical',
          /anyone can list what the bucket holds, write objects into it, read its ACL and change it\./,
        ],
        // A permission Posture does not know is judged as the worst.
        ['SOMETHING_NEW', 'critical', /AllUsers\. Remove/],
      ] as const
    ).map(([permission, severity, then]) => ({
      name: `a grant of ${permission} to AllUsers, rated and said as what it allows`,
      subject: s3Bucket({ acls: [s3Acl(undefined, [grant(ALL_USERS, 0, permission)])] }),
      findings: [
        {
          severity,
          line: LINE.canned + 1,
          message: new RegExp(`grants ${permission} to .*${then.source}`),
        },
      ],
    })),
    {
      name: 'a READ_ACP grant whose grantee is not known is rated no higher than a public one',
      subject: s3Bucket({
        acls: [s3Acl(undefined, [grant(unknown(['var.group']), 0, 'READ_ACP')])],
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.canned + 1,
          message: /not provably private: the grantee of a grant of READ_ACP on /,
        },
      ],
    },
    {
      name: 'the permissions of one grant block are one finding, rated by what they allow together',
      subject: s3Bucket({
        acls: [s3Acl(undefined, [grant(ALL_USERS, 0, 'READ_ACP'), grant(ALL_USERS, 0, 'WRITE')])],
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.canned + 1,
          message:
            /grants READ_ACP to \S+AllUsers: .*; aws_s3_bucket_acl\.releases grants WRITE to/,
        },
      ],
    },
    {
      name: 'the instances of one object block with for_each are one finding naming them',
      subject: s3Bucket({
        acls: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => ({
          ...s3Acl('public-read'),
          kind: 'object' as const,
          address: `aws_s3_object.cli["${key}"]`,
        })),
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.canned,
          message:
            /aws_s3_object\.cli\["a"\] uploads an object with the canned ACL "public-read": anyone can read the object; aws_s3_object\.cli\["b"\], aws_s3_object\.cli\["c"\], aws_s3_object\.cli\["d"\], aws_s3_object\.cli\["e"\] and 2 more do the same\./,
        },
      ],
    },
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
          severity: 'high',
          line: LINE.canned + 1,
          message: /grants READ to http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers/,
        },
        { severity: 'high', line: LINE.canned + 3 },
      ],
    },
    {
      name: 'canned and grant together: two findings, canned first',
      subject: s3Bucket({ acls: [s3Acl('public-read', [grant(ALL_USERS, 0, 'WRITE')])] }),
      findings: [
        { severity: 'high', line: LINE.canned },
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
      findings: [{ severity: 'high', line: LINE.canned }],
    },
    {
      name: 'an unknown ignore_public_acls does not neutralise',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        publicAccessBlock: pab({ ignore_public_acls: unknown() }),
      }),
      findings: [{ severity: 'high', line: LINE.canned }],
    },
    {
      name: 'BucketOwnerPreferred does not neutralise',
      subject: s3Bucket({
        acls: [s3Acl('public-read')],
        ownership: ownership('BucketOwnerPreferred'),
      }),
      findings: [{ severity: 'high', line: LINE.canned }],
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
            /is not provably private: the grantee of a grant of READ on aws_s3_bucket_acl\.releases is not known before apply \(variable group has no value\)\./,
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
