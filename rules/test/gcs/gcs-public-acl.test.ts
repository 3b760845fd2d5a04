import rule from '../../src/gcs/gcs-public-acl.js';
import { LINE, gcsAcl, gcsBucket, range, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

/** `entity = var.entity`, which could be allUsers. */
const undecidedEntity = {
  ...gcsAcl(),
  undecided: [{ entity: unknown(), role: 'READER', range: range(LINE.gcsAcl + 2) }],
};

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
    {
      name: 'an unknown entity under uniform access is provably private',
      subject: gcsBucket({ acls: [undecidedEntity], uniform: true }),
    },
  ],
  invalid: [
    // A bucket's READER lists it and reads no object; a default object ACL's reads the objects.
    ...(
      [
        ['publicRead', 'bucket', 'high', 'anyone can list what the bucket holds, though not read'],
        ['authenticatedRead', 'bucket', 'high', 'anyone can list what the bucket holds, though'],
        [
          'publicReadWrite',
          'bucket',
          'critical',
          'anyone can list what the bucket holds and write objects into it, though not read',
        ],
        ['publicRead', 'default-object', 'critical', 'anyone can read what the bucket holds\\.'],
        ['publicRead', 'object', 'critical', 'anyone can read the object\\.'],
      ] as const
    ).map(([predefined, scope, severity, then]) => ({
      name: `predefined ${predefined} on ${scope}, at the argument, rated by what it allows`,
      subject: gcsBucket({ acls: [gcsAcl({ predefined, scope })] }),
      findings: [
        {
          severity,
          line: LINE.gcsAcl + 1,
          message: new RegExp(
            `is public through an ACL\\. .*ACL google_storage_bucket_acl\\.releases sets predefined ACL "${predefined}": ${then}`,
          ),
        },
      ],
    })),
    {
      name: 'an entity not known before apply may be everyone: undecided, at the entry',
      subject: gcsBucket({ acls: [undecidedEntity] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.gcsAcl + 2,
          message:
            /is not provably private: the entity granted READER by bucket ACL google_storage_bucket_acl\.releases is not known before apply/,
        },
      ],
    },
    {
      name: 'a public READER entity on a bucket lists it',
      subject: gcsBucket({ acls: [gcsAcl({ entities: ['READER:allUsers'] })] }),
      findings: [
        {
          severity: 'high',
          line: LINE.gcsAcl + 2,
          message: /grants access to READER:allUsers: anyone can list what the bucket holds/,
        },
      ],
    },
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
