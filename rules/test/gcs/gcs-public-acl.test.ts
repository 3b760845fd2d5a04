import rule from '../../src/gcs/gcs-public-acl.js';
import { LINE, gcsAcl, gcsBucket, range, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'no ACL', subject: gcsBucket() },
    {
      name: 'private predefined ACL',
      subject: gcsBucket({ acls: [gcsAcl({ predefined: 'projectPrivate' })] }),
    },
    {
      name: 'named entities only',
      subject: gcsBucket({
        acls: [gcsAcl({ entities: ['OWNER:project-owners-123', 'READER:user-a@acme.com'] })],
      }),
    },
    {
      name: 'an unknown predefined ACL under uniform access is provably private',
      subject: gcsBucket({ acls: [gcsAcl({ predefined: unknown() })], uniform: true }),
    },
  ],
  invalid: [
    ...['publicRead', 'publicReadWrite', 'authenticatedRead'].map((predefined) => ({
      name: `predefined ${predefined}, at the argument`,
      subject: gcsBucket({ acls: [gcsAcl({ predefined })] }),
      findings: [
        {
          severity: 'critical' as const,
          line: LINE.gcsAcl + 1,
          message: new RegExp(
            `is public through an ACL\\. Bucket ACL google_storage_bucket_acl\\.releases sets predefined ACL "${predefined}"\\.`,
          ),
        },
      ],
    })),
    {
      name: 'role entities and bare entities, in each scope',
      subject: gcsBucket({
        acls: [
          gcsAcl({
            entities: ['READER:allUsers', 'OWNER:project-owners-1'],
            scope: 'default-object',
          }),
          // At a place of its own, as another resource's entity is.
          gcsAcl({
            entities: ['OWNER:project-owners-1', 'allAuthenticatedUsers'],
            scope: 'object',
          }),
        ],
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.gcsAcl + 2,
          message:
            /Default object ACL google_storage_bucket_acl\.releases grants access to READER:allUsers/,
        },
        {
          severity: 'critical',
          line: LINE.gcsAcl + 3,
          message: /Object ACL .* to allAuthenticatedUsers/,
        },
      ],
    },
    {
      name: 'neutralised by uniform bucket-level access',
      subject: gcsBucket({ acls: [gcsAcl({ predefined: 'publicRead' })], uniform: true }),
      findings: [
        {
          severity: 'low',
          line: LINE.gcsAcl + 1,
          message: /neutralised by uniform_bucket_level_access = true, which disables ACLs/,
        },
      ],
    },
    {
      name: 'neutralised by a managed folder in a bucket that omits uniform access',
      subject: gcsBucket({
        acls: [gcsAcl({ predefined: 'publicRead' })],
        managedFolders: [
          { address: 'google_storage_managed_folder.latest', range: range(LINE.iam) },
        ],
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.gcsAcl + 1,
          message:
            /neutralised by google_storage_managed_folder\.latest, a managed folder, which Cloud Storage creates only in buckets with uniform bucket-level access on/,
        },
      ],
    },
    {
      name: 'neutralised by enforced public access prevention',
      subject: gcsBucket({ acls: [gcsAcl({ predefined: 'publicRead' })], prevention: 'enforced' }),
      findings: [
        {
          severity: 'low',
          line: LINE.gcsAcl + 1,
          message: /neutralised by public_access_prevention = "enforced"/,
        },
      ],
    },
    {
      name: 'an unknown predefined ACL is not provably private',
      subject: gcsBucket({ acls: [gcsAcl({ predefined: unknown() })] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.gcsAcl + 1,
          message:
            /not provably private: the predefined ACL of bucket ACL google_storage_bucket_acl\.releases is not known before apply/,
        },
      ],
    },
  ],
});
