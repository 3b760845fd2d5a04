import exceptionExpired from '../../src/policy/exception-expired.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const policyFile = range(9, 'posture.yml');

testRule(exceptionExpired, {
  valid: [{ name: 'another diagnostic', subject: diagnostic({ code: 'exception-invalid' }) }],
  invalid: [
    {
      name: 'an expired exception, at the exception',
      subject: diagnostic({
        severity: 'warning',
        code: 'exception-expired',
        message:
          'The exception for s3-public-policy expired on 2025-01-31; it no longer suppresses anything.',
        range: policyFile,
      }),
      findings: [
        {
          severity: 'medium',
          file: 'posture.yml',
          line: 9,
          message: /expired on 2025-01-31.*renew the exception on purpose\.$/,
        },
      ],
    },
  ],
});
