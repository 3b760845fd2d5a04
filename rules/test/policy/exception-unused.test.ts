import exceptionUnused from '../../src/policy/exception-unused.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(exceptionUnused, {
  valid: [{ name: 'another diagnostic', subject: diagnostic({ code: 'exception-invalid' }) }],
  invalid: [
    {
      name: 'an exception that covers no finding, at the comment',
      subject: diagnostic({
        severity: 'warning',
        code: 'exception-unused',
        message:
          'The inline exception for s3-public-policy covers no finding of that rule; it waives nothing.',
        range: range(4),
      }),
      findings: [
        {
          severity: 'low',
          line: 4,
          message: /covers no finding of that rule; it waives nothing\. Delete it, or move it/,
        },
      ],
    },
  ],
});
