import type { BucketOpening } from '@posture/model';
import rule from '../../src/link/link-opens-bucket.js';
import {
  gcsBucket,
  LINE,
  link,
  orgPolicy,
  ownership,
  pab,
  s3Bucket,
  statement,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

const opens = (opening: BucketOpening) =>
  link({
    url: 'acme-releases',
    form: 's3-uri',
    usage: 'opens',
    opening,
    fileType: 'github-workflow',
    field: 'jobs.publish.steps[2].run',
  });
const plain = s3Bucket({ name: 'acme-assets', release: [] });
/** The command on a bucket written as a placeholder (`gs://$BUCKET`), in a release step. */
const unnamed = (opening: BucketOpening) => {
  const { bucket: _none, ...link } = opens(opening);
  return {
    ...link,
    url: 'gs://$BUCKET',
    bucketUnresolved: true as const,
    releaseStep: 'release' as const,
  };
};
const policyOf = (statements: BucketOpening['policy'] = { statements: [statement()] }) =>
  opens({ kind: 'policy', policy: statements });
const at = { file: 'package.json', line: LINE.link };
/** The resources of a statement on the bucket and all its objects. */
const BUCKET_AND_OBJECTS = ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'];

testRule(rule, {
  valid: [
    {
      name: 'a policy that grants a named role',
      subject: {
        link: policyOf({
          statements: [statement({ principal: { AWS: ['arn:aws:iam::111122223333:role/ci'] } })],
        }),
        bucket: s3Bucket(),
      },
    },
    {
      name: 'a policy whose public grant is limited to a VPC endpoint',
      subject: {
        link: policyOf({
          statements: [
            statement({ conditions: { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b'] } } }),
          ],
        }),
        bucket: s3Bucket(),
      },
    },
    {
      name: 'a policy whose public grant reads the bucket settings alone (its region)',
      subject: {
        link: policyOf({
          statements: [
            statement({ actions: ['s3:GetBucketLocation'], resources: BUCKET_AND_OBJECTS }),
          ],
        }),
        bucket: s3Bucket(),
      },
    },
    {
      name: 'an unreadable policy written to a bucket that is not release-use',
      subject: {
        link: policyOf({ statements: [], unknownReason: 'the policy comes from $POLICY' }),
        bucket: plain,
      },
    },
    {
      name: 'an unreadable policy on a bucket whose public access block refuses public policies',
      subject: {
        link: policyOf({ statements: [], unknownReason: 'the policy comes from $POLICY' }),
        bucket: s3Bucket({ publicAccessBlock: pab({ block_public_policy: true }) }),
      },
    },
    {
      name: 'a link that is not a command opening the bucket',
      subject: { link: link({ usage: 'upload' }), bucket: s3Bucket() },
    },
  ],
  invalid: [
    {
      name: 'a public policy on a release bucket',
      subject: { link: policyOf(), bucket: s3Bucket() },
      findings: [
        {
          ...at,
          severity: 'critical',
          message:
            /^github-workflow \(jobs\.publish\.steps\[2\]\.run\) opens release bucket "acme-releases" \(aws_s3_bucket\.releases\): it writes a bucket policy that allows Principal "\*" s3:GetObject\. .*anyone can read/,
        },
      ],
    },
    {
      name: 'a public grant on a bucket that is not release-use, one level lower',
      subject: { link: opens({ kind: 'grant' }), bucket: plain },
      findings: [
        {
          ...at,
          severity: 'high',
          message: /opens bucket "acme-assets".* outside the Terraform that declares it/,
        },
      ],
    },
    {
      name: 'a public grant in a release step, on an undeclared bucket',
      subject: { link: { ...opens({ kind: 'grant' }), releaseStep: 'release' } },
      findings: [
        {
          ...at,
          severity: 'critical',
          // No Terraform declares it: the command is not said to bypass one.
          message: /opens bucket "acme-releases".* is changed by a build command: no plan shows/,
        },
      ],
    },
    {
      name: 'a public grant in a release step on a bucket named only by a placeholder, one level lower',
      subject: { link: unnamed({ kind: 'grant', through: 'iam' }) },
      findings: [
        {
          ...at,
          severity: 'high',
          message:
            // The placeholder is said once, where the bucket is named.
            /^github-workflow \(jobs\.publish\.steps\[2\]\.run\) opens a bucket named only as gs:\/\/\$BUCKET: (?!.*\$BUCKET).* The bucket is changed by a build command: .* Which bucket that is cannot be read from the files scanned, so whether it refuses the change cannot be checked\./,
        },
      ],
    },
    {
      name: 'a public grant outside a release step on a bucket named only by a placeholder',
      subject: { link: { ...unnamed({ kind: 'grant' }), releaseStep: false } },
      findings: [{ ...at, severity: 'medium', message: /a bucket named only as gs:\/\/\$BUCKET/ }],
    },
    {
      name: 'r2.dev turned on for a bucket named only by a placeholder: nothing of a bucket refuses it',
      subject: { link: unnamed({ kind: 'r2-dev' }) },
      findings: [{ ...at, severity: 'critical', message: /^(?!.*cannot be checked).*r2\.dev URL/ }],
    },
    ...(
      [
        [['read', 'list'], 'read and list access', /anyone can read what the bucket holds\./],
        [
          ['list'],
          'list access',
          /anyone can list what the bucket holds, though not read what it holds\./,
          'high',
        ],
        [
          ['write'],
          'write access',
          /anyone can write objects into the bucket, though not read what it holds\./,
        ],
        [
          ['list', 'write'],
          'list and write access',
          /anyone can list what the bucket holds and write objects into it, though not read/,
        ],
        [
          ['admin'],
          'full control',
          /anyone can read and replace what the bucket holds, and change who may access it\./,
        ],
        [
          ['read-acl'],
          'READ_ACP access',
          /anyone can read the bucket's ACL, though not read what it holds\./,
          'low',
        ],
        [
          ['read', 'read-acl'],
          'read and READ_ACP access',
          /anyone can read what the bucket holds and read its ACL\./,
        ],
        [
          ['write-acl'],
          'WRITE_ACP access',
          /anyone can change the bucket's ACL, and so give themselves full control of it\./,
        ],
        [
          ['list', 'write', 'read-acl', 'write-acl'],
          'list, write, READ_ACP and WRITE_ACP access',
          /anyone can list what the bucket holds, write objects into it, read its ACL and change it\./,
        ],
        [
          undefined,
          'a role or permission Posture does not know',
          /anyone can do on the bucket what it allows\./,
        ],
      ] as const
    ).map(([access, grants, then, severity = 'critical' as const]) => ({
      name: `a public grant of ${grants}, said and rated as such`,
      subject: {
        link: opens({ kind: 'grant', through: 'iam', ...(access && { access }) }),
        bucket: s3Bucket(),
      },
      findings: [
        {
          ...at,
          severity,
          message: new RegExp(
            `it grants everyone ${grants} \\(an IAM binding\\)\\. .*${then.source}`,
          ),
        },
      ],
    })),
    ...(
      [
        [['s3:GetObject', 's3:ListBucket'], /anyone can read what the bucket holds\./],
        [
          ['s3:List*'],
          /anyone can list what the bucket holds, though not read what it holds\./,
          'high',
        ],
        [
          ['s3:PutObject'],
          /anyone can write objects into the bucket, though not read what it holds\./,
        ],
        [
          ['s3:*'],
          /anyone can read and replace what the bucket holds, and change who may access it\./,
        ],
        [
          ['*'],
          /anyone can read and replace what the bucket holds, and change who may access it\./,
        ],
        [['s3:PutLifecycleConfiguration'], /anyone can do on the bucket what it allows\./],
        [
          ['s3:GetBucketAcl'],
          /anyone can read the bucket's ACL, though not read what it holds\./,
          'low',
        ],
        [
          ['s3:PutBucketAcl'],
          /anyone can change the bucket's ACL, and so give themselves full control of it\./,
        ],
      ] as const
    ).map(([actions, then, severity = 'critical' as const]) => ({
      name: `a public policy allowing ${actions.join(', ')}, said and rated as what it allows`,
      subject: {
        link: policyOf({
          statements: [statement({ actions: [...actions], resources: BUCKET_AND_OBJECTS })],
        }),
        bucket: s3Bucket(),
      },
      findings: [
        {
          ...at,
          severity,
          message: new RegExp(
            `it writes a bucket policy that allows Principal "\\*" ${actions.join(', ').replace(/\*/g, '\\*')}\\. .*${then.source}`,
          ),
        },
      ],
    })),
    ...(
      [
        [
          'a policy reading objects under a prefix',
          policyOf({
            statements: [statement({ resources: ['arn:aws:s3:::acme-releases/public/*'] })],
          }),
          /anyone can read the objects under "public\/"\./,
        ],
        [
          'a policy listing the bucket and reading objects under a prefix',
          policyOf({
            statements: [
              statement({
                actions: ['s3:GetObject', 's3:ListBucket'],
                resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/public/*'],
              }),
            ],
          }),
          /anyone can list what the bucket holds and read the objects under "public\/"\./,
        ],
        [
          'a policy writing objects of one name',
          policyOf({
            statements: [
              statement({
                actions: ['s3:PutObject'],
                resources: ['arn:aws:s3:::acme-releases/latest.json'],
              }),
            ],
          }),
          /anyone can write the object "latest\.json", though not read/,
        ],
        [
          'a policy reading objects by a pattern',
          policyOf({
            statements: [statement({ resources: ['arn:aws:s3:::acme-releases/*.tgz'] })],
          }),
          /anyone can read the objects matching "\*\.tgz"\./,
        ],
        [
          'a policy of every action on every object, whose ACLs it can change',
          policyOf({ statements: [statement({ actions: ['s3:*'] })] }),
          /anyone can read and replace what the bucket holds, and change who may access it\./,
        ],
        [
          'a policy listing a bucket it names only by its objects, which allows nothing Posture knows',
          policyOf({ statements: [statement({ actions: ['s3:ListBucket'] })] }),
          /anyone can do on the bucket what it allows\./,
        ],
        [
          'an object ACL on one object',
          opens({ kind: 'grant', through: 'acl', access: ['read'], objects: 'public/cli.tgz' }),
          /it grants everyone read access to the object "public\/cli\.tgz" \(a public ACL\)\. .*anyone can read the object "public\/cli\.tgz"\./,
        ],
        [
          'an object ACL on every object under a prefix',
          opens({ kind: 'grant', through: 'acl', access: ['admin'], objects: 'nightly/*' }),
          /it grants everyone full control of the objects under "nightly\/" \(a public ACL\)\. .*anyone can read and replace the objects under "nightly\/", and change who may access them\./,
        ],
      ] as const
    ).map(([name, opening, then]) => ({
      name: `${name}, said so`,
      subject: { link: opening, bucket: s3Bucket() },
      findings: [{ ...at, severity: 'critical' as const, message: then }],
    })),
    {
      name: 'r2.dev turned on for a release bucket',
      subject: { link: opens({ kind: 'r2-dev' }), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'critical', message: /public r2\.dev URL/ }],
    },
    {
      name: 'a public access block turned off on a release bucket',
      subject: { link: opens({ kind: 'access-block-removed' }), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'high', message: /nothing blocks a public ACL or policy/ }],
    },
    {
      name: 'public access prevention turned off on a bucket that is not release-use',
      subject: { link: opens({ kind: 'public-access-prevention-off' }), bucket: plain },
      findings: [{ ...at, severity: 'medium', message: /turns off public access prevention/ }],
    },
    {
      name: 'a custom domain on a release bucket',
      subject: { link: opens({ kind: 'custom-domain' }), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'high', message: /unless Cloudflare Access guards it/ }],
    },
    {
      name: 'website hosting turned on for a release bucket',
      subject: { link: opens({ kind: 'website' }), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'high', message: /static website hosting/ }],
    },
    {
      name: "website hosting that a deploy plugin's settings turn on, said so",
      subject: {
        link: {
          ...opens({ kind: 'website' }),
          fileType: 'gatsby-config',
          field: 'plugins[0].resolve',
          releaseStep: 'release',
        },
      },
      findings: [
        {
          ...at,
          severity: 'high',
          message:
            /^gatsby-config \(plugins\[0\]\.resolve\) opens bucket "acme-releases": it turns on static website hosting\. acme-releases is changed by a deploy plugin the build sets up: .* Turn the plugin's website hosting off and declare/,
        },
      ],
    },
    {
      name: 'a policy that grants everything but deletion to everyone',
      subject: {
        link: policyOf({
          statements: [statement({ actions: ['s3:DeleteObject'], actionsExcluded: true })],
        }),
        bucket: s3Bucket(),
      },
      findings: [
        {
          ...at,
          severity: 'critical',
          message:
            /every action but s3:DeleteObject\. .*anyone can read and replace what the bucket holds/,
        },
      ],
    },
    {
      name: 'a public grant that public access prevention refuses, low',
      subject: { link: opens({ kind: 'grant' }), bucket: gcsBucket({ prevention: 'enforced' }) },
      findings: [
        {
          ...at,
          severity: 'low',
          message:
            /tries to open release bucket .*blocked by public_access_prevention = "enforced".*; while that holds/,
        },
      ],
    },
    {
      name: 'a public grant after a command of the build turns public access prevention off',
      subject: {
        link: opens({ kind: 'grant' }),
        bucket: gcsBucket({ prevention: 'enforced' }),
        otherLinks: [opens({ kind: 'public-access-prevention-off' })],
      },
      findings: [{ ...at, severity: 'critical', message: /opens/ }],
    },
    {
      name: 'a grant after the build turns the bucket-level setting off: the organization policy holds',
      subject: {
        link: opens({ kind: 'grant' }),
        bucket: gcsBucket({ prevention: 'enforced', organizationPrevention: orgPolicy() }),
        otherLinks: [opens({ kind: 'public-access-prevention-off' })],
      },
      findings: [{ ...at, severity: 'low', message: /blocked by google_org_policy_policy\.pap/ }],
    },
    {
      name: 'a public ACL on a bucket whose ACLs are disabled, even with the access block removed',
      subject: {
        link: opens({ kind: 'grant' }),
        bucket: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }),
        otherLinks: [opens({ kind: 'access-block-removed' })],
      },
      findings: [{ ...at, severity: 'low', message: /BucketOwnerEnforced/ }],
    },
    {
      name: 'a public ACL on a GCS bucket whose uniform bucket-level access disables ACLs, low',
      subject: {
        link: opens({ kind: 'grant', through: 'acl' }),
        bucket: gcsBucket({ uniform: true }),
      },
      findings: [{ ...at, severity: 'low', message: /uniform_bucket_level_access = true/ }],
    },
    {
      name: 'an IAM grant to allUsers, which uniform bucket-level access does not refuse',
      subject: {
        link: opens({ kind: 'grant', through: 'iam' }),
        bucket: gcsBucket({ uniform: true }),
      },
      findings: [{ ...at, severity: 'critical', message: /opens release bucket/ }],
    },
    {
      name: 'a public ACL once a command of the build turns uniform bucket-level access off',
      subject: {
        link: opens({ kind: 'grant', through: 'acl' }),
        bucket: gcsBucket({ uniform: true }),
        otherLinks: [opens({ kind: 'acls-enabled' })],
      },
      findings: [{ ...at, severity: 'critical', message: /opens release bucket/ }],
    },
    {
      name: 'ACLs turned back on for a release bucket',
      subject: { link: opens({ kind: 'acls-enabled' }), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'high', message: /turns ACLs back on.*takes effect again/ }],
    },
    {
      name: 'a public ACL once a command of the build turns ACLs back on',
      subject: {
        link: opens({ kind: 'grant' }),
        bucket: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }),
        otherLinks: [opens({ kind: 'acls-enabled' })],
      },
      findings: [{ ...at, severity: 'critical', message: /opens release bucket/ }],
    },
    {
      name: 'a public policy that block_public_policy refuses, low',
      subject: {
        link: policyOf(),
        bucket: s3Bucket({ publicAccessBlock: pab({ block_public_policy: true }) }),
      },
      findings: [{ ...at, severity: 'low', message: /block_public_policy = true/ }],
    },
    {
      name: 'a public policy once a command of the build removes the access block',
      subject: {
        link: policyOf(),
        bucket: s3Bucket({ publicAccessBlock: pab({ block_public_policy: true }) }),
        otherLinks: [opens({ kind: 'access-block-removed' })],
      },
      findings: [{ ...at, severity: 'critical', message: /opens release bucket/ }],
    },
    {
      name: 'the account-wide access block turned off in a release step (no bucket)',
      subject: {
        link: {
          ...opens({ kind: 'account-access-block-removed' }),
          form: 's3-account',
          url: '123456789012',
          account: '123456789012',
          releaseStep: 'release',
        },
      },
      findings: [
        {
          ...at,
          severity: 'high',
          message:
            /^github-workflow \(jobs\.publish\.steps\[2\]\.run\) changes the S3 settings of account "123456789012": it turns off S3 Block Public Access for the whole account\. The account is changed.*aws_s3_account_public_access_block/,
        },
      ],
    },
    {
      name: 'the account-wide access block turned off elsewhere, one level lower',
      subject: {
        link: {
          ...opens({ kind: 'account-access-block-removed' }),
          form: 's3-account',
          account: '$AWS_ACCOUNT_ID',
        },
      },
      findings: [{ ...at, severity: 'medium', message: /account "\$AWS_ACCOUNT_ID"/ }],
    },
    {
      name: 'a public policy the account-wide block refuses, low',
      subject: {
        link: policyOf(),
        bucket: s3Bucket({ accountPublicAccessBlock: pab({}, 'account') }),
      },
      findings: [{ ...at, severity: 'low', message: /aws_s3_account_public_access_block/ }],
    },
    {
      name: 'a public policy once a command of the build turns the account-wide block off',
      subject: {
        link: policyOf(),
        bucket: s3Bucket({ accountPublicAccessBlock: pab({}, 'account') }),
        otherLinks: [opens({ kind: 'account-access-block-removed' })],
      },
      findings: [{ ...at, severity: 'critical', message: /opens release bucket/ }],
    },
    {
      name: "a public policy the bucket's own block still refuses with the account-wide one off",
      subject: {
        link: policyOf(),
        bucket: s3Bucket({
          publicAccessBlock: pab({ block_public_policy: true }),
          accountPublicAccessBlock: pab({}, 'account'),
        }),
        otherLinks: [opens({ kind: 'account-access-block-removed' })],
      },
      findings: [{ ...at, severity: 'low', message: /aws_s3_bucket_public_access_block/ }],
    },
    {
      name: 'an unreadable policy written to a release bucket',
      subject: {
        link: policyOf({
          statements: [],
          unknownReason: 'p.json is not a file inside the scan root',
        }),
        bucket: s3Bucket(),
      },
      findings: [
        {
          ...at,
          severity: 'medium',
          message:
            /changes the access of release bucket .*could not be read \(p\.json is not a file inside the scan root\).*cannot tell/,
        },
      ],
    },
  ],
});
