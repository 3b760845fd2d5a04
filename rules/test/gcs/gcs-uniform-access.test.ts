import rule from '../../src/gcs/gcs-uniform-access.js';
import { LINE, gcsBucket, iam, range, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const FOLDER = { address: 'google_storage_managed_folder.latest', range: range(LINE.iam) };

testRule(rule, {
  valid: [
    { name: 'uniform access on', subject: gcsBucket({ uniform: true }) },
    // Cloud Storage makes managed folders only where uniform access is on.
    { name: 'omitted, with a managed folder', subject: gcsBucket({ managedFolders: [FOLDER] }) },
    {
      name: 'omitted, with IAM on a managed folder',
      subject: gcsBucket({
        iam: [{ ...iam([]), managedFolder: { value: 'latest/', range: range(LINE.iam) } }],
      }),
    },
  ],
  invalid: [
    {
      name: 'omitted (defaults to false), at the bucket',
      subject: gcsBucket(),
      findings: [
        {
          severity: 'medium',
          line: LINE.bucket,
          message: /uniform_bucket_level_access is omitted \(the default is false\)/,
        },
      ],
    },
    {
      name: 'false, at the argument',
      subject: gcsBucket({ uniform: false }),
      findings: [
        {
          severity: 'medium',
          line: LINE.gcsSetting + 1,
          message: /uniform_bucket_level_access = false, so object ACLs/,
        },
      ],
    },
    {
      name: 'false with a managed folder is judged as written',
      subject: gcsBucket({ uniform: false, managedFolders: [FOLDER] }),
      findings: [{ severity: 'medium', line: LINE.gcsSetting + 1 }],
    },
    {
      name: 'unknown is not provably private',
      subject: gcsBucket({ uniform: unknown() }),
      findings: [
        { severity: 'medium', line: LINE.gcsSetting + 1, message: /not provably private/ },
      ],
    },
  ],
});
