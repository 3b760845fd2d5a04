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
    {
      name: 'a local module outside the scan root, at the module call',
      subject: diagnostic({
        severity: 'warning',
        code: 'module-outside-root',
        message: 'module "b" (source "../../shared/b") is outside the scan root and is not read',
        range: range(3),
      }),
      findings: [
        {
          severity: 'low',
          line: 3,
          message:
            /^A module was not scanned: .* is outside the scan root and is not read\. Resources inside it are not checked\. Scan the directory that holds both the caller and the module \(the repository\)\.$/,
        },
      ],
    },
  ],
});
