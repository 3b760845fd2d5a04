import annotationUnused from '../../src/policy/annotation-unused.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(annotationUnused, {
  valid: [{ name: 'another diagnostic', subject: diagnostic({ code: 'exception-unused' }) }],
  invalid: [
    {
      name: 'a release annotation that marks no bucket, at the comment',
      subject: diagnostic({
        severity: 'warning',
        code: 'annotation-unused',
        message:
          'The # posture:release annotation marks no bucket: it is on no bucket resource and no module call that makes one; it makes nothing release-use.',
        range: range(1),
      }),
      findings: [
        {
          severity: 'low',
          line: 1,
          message: /marks no bucket.*Move it to the line right above the bucket resource/,
        },
      ],
    },
  ],
});
