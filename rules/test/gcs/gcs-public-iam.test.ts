import rule from '../../src/gcs/gcs-public-iam.js';
import { LINE, gcsBucket, iam, orgPolicy, range, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [
    { name: 'no IAM', subject: gcsBucket() },
    {
      name: 'named members only',
      subject: gcsBucket({
        iam: [iam(['serviceAccount:ci@acme.iam.gserviceaccount.com', 'group:rel@acme.com'])],
      }),
    },
    {
      name: 'unknown members under enforced prevention are provably private',
      subject: gcsBucket({ iam: [iam([], true)], prevention: 'enforced' }),
    },
    {
      name: 'unknown members under an enforcing organization policy are provably private',
      subject: gcsBucket({ iam: [iam([], true)], organizationPrevention: orgPolicy() }),
    },
  ],
  invalid: [
    {
      name: 'allUsers and allAuthenticatedUsers, each at its member',
      subject: gcsBucket({ iam: [iam(['allUsers', 'user:a@acme.com', 'allAuthenticatedUsers'])] }),
      findings: [
        {
          severity: 'critical',
          line: LINE.iam + 1,
          message:
            /is public through IAM\. google_storage_bucket_iam_member\.public grants roles\/storage\.objectViewer to allUsers: anyone can read what the bucket holds\./,
        },
        { severity: 'critical', line: LINE.iam + 3, message: /allAuthenticatedUsers/ },
      ],
    },
    // What each role lets everyone do (Google's IAM roles for Cloud Storage).
    ...(
      [
        [
          'roles/storage.legacyBucketReader',
          'high',
          /anyone can list what the bucket holds, though/,
        ],
        ['roles/storage.objectCreator', 'critical', /anyone can write objects into the bucket/],
        ['roles/storage.admin', 'critical', /anyone can read and replace what the bucket holds/],
        // A role Posture does not know is judged as the worst.
        ['roles/acme.custom', 'critical', /grants roles\/acme\.custom to allUsers\. Remove/],
        // Names of the table object's prototype are no roles either: they crashed the scan.
        [
          'roles/storage.constructor',
          'critical',
          /grants roles\/storage\.constructor to allUsers\. Remove/,
        ],
        [
          'roles/storage.__proto__',
          'critical',
          /grants roles\/storage\.__proto__ to allUsers\. Remove/,
        ],
      ] as const
    ).map(([role, severity, message]) => ({
      name: `${role} to allUsers, rated by what it allows`,
      subject: gcsBucket({
        iam: [{ ...iam([]), members: [{ ...iam(['allUsers']).members[0]!, role }] }],
      }),
      findings: [{ severity, line: LINE.iam + 1, message }],
    })),
    {
      name: 'neutralised by enforced public access prevention',
      subject: gcsBucket({ iam: [iam(['allUsers'])], prevention: 'enforced' }),
      findings: [
        {
          severity: 'low',
          line: LINE.iam + 1,
          message:
            /grants a role to the public, neutralised by public_access_prevention = "enforced"/,
        },
      ],
    },
    {
      name: 'neutralised by an organization policy a bucket that inherits follows',
      subject: gcsBucket({ iam: [iam(['allUsers'])], organizationPrevention: orgPolicy() }),
      findings: [
        {
          severity: 'low',
          line: LINE.iam + 1,
          message:
            /grants a role to the public, neutralised by google_org_policy_policy\.pap, which enforces constraints\/storage\.publicAccessPrevention on projects\/acme-prod/,
        },
      ],
    },
    {
      name: 'inherited prevention does not neutralise',
      subject: gcsBucket({ iam: [iam(['allUsers'])], prevention: 'inherited' }),
      findings: [{ severity: 'critical', line: LINE.iam + 1 }],
    },
    {
      name: 'unknown members are not provably private, at the IAM resource',
      subject: gcsBucket({ iam: [iam([], true)] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.iam,
          message:
            /not provably private: the members of google_storage_bucket_iam_member\.public are not known before apply/,
        },
      ],
    },
    {
      name: 'a grant on a managed folder is worded as one on the objects under it',
      subject: gcsBucket({
        iam: [
          { ...iam(['allUsers']), managedFolder: { value: 'nightly/', range: range(LINE.iam) } },
        ],
      }),
      findings: [
        {
          severity: 'critical',
          line: LINE.iam + 1,
          message:
            /^Release bucket "acme-releases" \(google_storage_bucket\.releases\) is public through IAM under managed folder "nightly\/"\./,
        },
      ],
    },
    {
      name: 'a managed folder whose name is not known is said to be unknown',
      subject: gcsBucket({
        iam: [
          {
            ...iam(['allUsers']),
            managedFolder: {
              value: unknown([], 'variable folder has no value'),
              range: range(LINE.iam),
            },
          },
        ],
        prevention: 'enforced',
      }),
      findings: [
        {
          severity: 'low',
          line: LINE.iam + 1,
          message:
            /grants a role to the public under a managed folder: its name is not known before apply \(variable folder has no value\), neutralised by/,
        },
      ],
    },
    {
      name: 'unknown prevention does not neutralise',
      subject: gcsBucket({ iam: [iam(['allUsers'])], prevention: unknown() }),
      findings: [{ severity: 'critical', line: LINE.iam + 1 }],
    },
  ],
});
