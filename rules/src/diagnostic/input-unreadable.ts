import type { DiagnosticRule } from '@posture/model';
import { sentences } from '../messages.js';

const rule: DiagnosticRule = {
  kind: 'diagnostic',
  meta: {
    id: 'input-unreadable',
    title: 'Input file could not be read',
    severity: 'high',
    why: 'A Terraform, plan or build file that cannot be parsed or loaded is a file whose buckets and links were not checked. Passing the scan anyway would let a syntax error — or a file crafted to trip the parser — hide a public bucket. Posture fails closed: every unreadable file is a finding, and the rest of the scan goes on.',
    fix: 'Fix the file so that terraform validate (or the tool that owns it) accepts it, or exclude it from the scan in the Posture policy if it is not part of the configuration.',
    bad: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
`,
    },
    good: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}`,
    },
    tags: ['security', 'input', 'fail-closed'],
    cwe: ['CWE-636'],
    precision: 'very-high',
  },
  check(diagnostic) {
    // An uninstalled module is an error of scope, not of input: module-unresolved reports it.
    if (diagnostic.severity !== 'error' || diagnostic.code === 'module-unresolved') return [];
    return [
      {
        location: diagnostic.range,
        message: sentences(
          `${diagnostic.range.file} could not be read: ${diagnostic.message}`,
          'Its buckets and links were not checked, so the scan fails closed',
          'Fix the file, or exclude it from the scan in the policy',
        ),
      },
    ];
  },
};

export default rule;
