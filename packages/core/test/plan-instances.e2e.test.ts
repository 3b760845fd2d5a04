import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../src/index.js';
import { scanFiles } from './support/scan-files.js';

/**
 * A `count` or `for_each` the configuration alone cannot know (another root's outputs read with
 * `terraform_remote_state`, or the instances of such a resource) is a note in an HCL scan. A plan
 * lists the instances, so in a plan scan the note stays only on blocks no plan is for.
 */
describe('notes that instances are not known', () => {
  const scenario = new URL(
    '../../plan/test/fixtures/scenarios/s3-for-each-from-state/',
    import.meta.url,
  );
  const infra = Object.fromEntries(
    ['main.tf', 'modules/mirror/main.tf', 'plan.json'].map((path) => [
      `infra/${path}`,
      readFileSync(new URL(path, scenario), 'utf8'),
    ]),
  );
  const tools = [
    'variable "names" {',
    '  type = set(string)',
    '}',
    '',
    'resource "aws_s3_bucket" "cache" {',
    '  for_each = var.names',
    '  bucket   = "acme-${each.key}-cache"',
    '}',
    '',
  ].join('\n');

  const notes = (report: ScanReport) =>
    report.result.diagnostics
      .filter((d) => d.code === 'eval-unknown-for-each')
      .map((d) => `${d.range.file}:${d.range.start.line}`);

  it.each([
    {
      what: 'are on every such block in an HCL scan',
      files: infra,
      plans: [],
      expected: ['infra/main.tf:32', 'infra/main.tf:37', 'infra/main.tf:48', 'infra/main.tf:58'],
    },
    {
      what: 'are dropped where the plan lists the instances',
      files: infra,
      plans: ['infra/plan.json'],
      expected: [],
    },
    {
      what: 'stay in a root the plan is not for',
      files: { ...infra, 'tools/main.tf': tools },
      plans: ['infra/plan.json'],
      expected: ['tools/main.tf:6'],
    },
  ])('$what', async ({ files, plans, expected }) => {
    expect(notes(await scanFiles(files, { plans }))).toEqual(expected);
  });
});
