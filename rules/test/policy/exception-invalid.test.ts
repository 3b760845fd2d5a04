import exceptionInvalid from '../../src/policy/exception-invalid.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(exceptionInvalid, {
  valid: [{ name: 'another diagnostic', subject: diagnostic({ code: 'exception-expired' }) }],
  invalid: [
    {
      name: 'an exception without a reason, at the comment',
      subject: diagnostic({
        severity: 'warning',
        code: 'exception-invalid',
        message: 'Inline exception not honoured: no reason.',
        range: range(3),
      }),
      findings: [
        {
          severity: 'medium',
          line: 3,
          message:
            /^Inline exception not honoured: no reason\. The findings it meant to waive are reported as usual\.$/,
        },
      ],
    },
  ],
});
