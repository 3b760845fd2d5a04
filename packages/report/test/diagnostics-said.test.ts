import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '@posture/model';
import { toJunit, toMarkdown, toText } from '../src/index.js';
import { diagnostic, finding, Fixture } from './support/fixture.js';

/** Where each report lists a diagnostic apart from the findings. */
const REPORTS: [string, (result: ScanResult) => string, string][] = [
  ['text', (result) => toText(result), 'Diagnostics'],
  ['Markdown', toMarkdown, '**Unreadable inputs (1)**'],
  ['JUnit', toJunit, '<error type="hcl-syntax"'],
];

// An unreadable input is an error diagnostic and an input-unreadable finding at its place: a
// report lists it once, as the finding, unless the finding is suppressed and not shown.
describe.each(REPORTS)('the %s report', (_name, render, listing) => {
  it.each<[string, Finding['suppression'], boolean]>([
    ['names an unreadable input once, as its finding', undefined, false],
    [
      'lists an unreadable input whose finding is suppressed',
      { kind: 'policy', reason: 'x' },
      true,
    ],
  ])('%s', (_what, suppression, listed) => {
    const broken = Fixture.create({ 'broken.tf': 'resource "aws_s3_bucket" {\n' });
    try {
      const range = broken.range('broken.tf', '{');
      const unreadable = finding('input-unreadable', range, {
        message: 'broken.tf could not be read: Unexpected token.',
        properties: { code: 'hcl-syntax' },
        suppression,
      });
      const report = render(
        broken.result({ findings: [unreadable], diagnostics: [diagnostic(range)] }),
      );
      expect(report.includes(listing)).toBe(listed);
    } finally {
      broken.cleanup();
    }
  });
});
