import rule from '../../src/gcs/gcs-uniform-access.js';
import { LINE, gcsBucket, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [{ name: 'uniform access on', subject: gcsBucket({ uniform: true }) }],
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
      name: 'unknown is not provably private',
      subject: gcsBucket({ uniform: unknown() }),
      findings: [
        { severity: 'medium', line: LINE.gcsSetting + 1, message: /not provably private/ },
      ],
    },
  ],
});
