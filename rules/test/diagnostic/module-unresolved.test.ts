import rule from '../../src/diagnostic/module-unresolved.js';
import { diagnostic, range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [{ name: 'another diagnostic', subject: diagnostic() }],
  invalid: [
    {
      name: 'an uninstalled module, at the module call',
      subject: diagnostic({
        severity: 'warning',
        code: 'module-unresolved',
        message: 'module.cdn (git::https://example.com/cdn.git) is not installed',
        range: range(12),
      }),
      findings: [
        {
          severity: 'low',
          line: 12,
          message:
            /^A module was not scanned: module\.cdn .* is not installed\. .*Run terraform init so \.terraform\/modules exists \(for a Terragrunt unit, vendor the module into the repository\), or rely on the known-module mapping\.$/,
        },
      ],
    },
  ],
});
