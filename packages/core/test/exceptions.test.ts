import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '@posture/hcl';
import type { Finding } from '@posture/model';
import { parseDirectives } from '../src/policy/directives.js';
import { applyExceptions, checkExceptions } from '../src/policy/exceptions.js';
import type { PolicyException } from '../src/policy/policy.js';
import { scanFiles } from './support/scan-files.js';

const BUCKET = (comment: string) => `${comment}
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
`;

async function outcome(files: Record<string, string>, today = '2026-11-22') {
  const report = await scanFiles(files, { today });
  return report.result.findings
    .map((f) => `${f.ruleId}${f.suppression ? `~${f.suppression.kind}` : ''}`)
    .sort();
}

describe('inline exceptions', () => {
  it('suppress the block they precede when they give a reason', async () => {
    expect(
      await outcome({
        'main.tf': BUCKET(
          '# posture:ignore s3-public-access-block reason="account-level block in another repo"',
        ),
      }),
    ).toEqual(['s3-public-access-block~inline']);
  });

  it('are not honoured without a reason, and are reported', async () => {
    expect(await outcome({ 'main.tf': BUCKET('# posture:ignore s3-public-access-block') })).toEqual(
      ['exception-invalid', 's3-public-access-block'],
    );
  });

  it('apply until their expiry date, then are reported and stop suppressing', async () => {
    const files = {
      'main.tf': BUCKET('# posture:ignore s3-public-access-block reason="x" expires=2026-12-31'),
    };
    expect(await outcome(files, '2026-12-31')).toEqual(['s3-public-access-block~inline']);
    expect(await outcome(files, '2027-01-01')).toEqual([
      'exception-expired',
      's3-public-access-block',
    ]);
  });

  it.each([
    ['a reason of only blanks', 'reason="   "'],
    ['an expiry in no calendar', 'reason="x" expires=2099-99-99'],
    ['an expiry on a day the month does not have', 'reason="x" expires=2027-02-30'],
    ['a malformed expiry', 'reason="x" expires=30/01/2030'],
  ])('are not honoured with %s, and are reported', async (_what, fields) => {
    const files = { 'main.tf': BUCKET(`# posture:ignore s3-public-access-block ${fields}`) };
    expect(await outcome(files)).toEqual(['exception-invalid', 's3-public-access-block']);
  });

  it.each([
    ['a misspelt field', 'reason="x" expiry=2020-01-01', 'unknown field "expiry" (the fields are'],
    [
      'a field in another case',
      'reason="x" Expires=2020-01-01',
      '"Expires" (did you mean expires?)',
    ],
    ['a second rule after a blank', 's3-public-acl reason="x"', '"s3-public-acl" is neither'],
    ['a stray word', 'reason="x" approved by jane', '"approved" is neither the rule list'],
    ['a quote left open', 'reason="legacy mirror', 'the " after reason= is never closed'],
    ['a field given twice', 'reason="x" reason="y"', 'reason is given twice'],
  ])('are not honoured with %s, and say so at their line', async (_what, fields, problem) => {
    const files = { 'main.tf': BUCKET(`# posture:ignore s3-public-access-block ${fields}`) };
    expect(await outcome(files)).toEqual(['exception-invalid', 's3-public-access-block']);
    const report = await scanFiles(files, { today: '2026-11-22' });
    const invalid = report.result.findings.find((f) => f.ruleId === 'exception-invalid');
    expect(invalid?.message).toContain(problem);
    expect(invalid?.location).toMatchObject({ file: 'main.tf', start: { line: 1 } });
  });

  it.each([
    '# POSTURE:IGNORE s3-public-access-block reason="x"',
    '# Posture:Ignore s3-public-access-block reason="x"',
    '# posture: ignore s3-public-access-block reason="x"',
    '// posture :ignore s3-public-access-block reason="x"',
  ])('are reported, not passed over, when the marker is written otherwise: %s', async (comment) => {
    expect(await outcome({ 'main.tf': BUCKET(comment) })).toEqual([
      'exception-invalid',
      's3-public-access-block',
    ]);
  });

  it('reject unknown rule ids', async () => {
    expect(await outcome({ 'main.tf': BUCKET('# posture:ignore s3-nope reason="x"') })).toEqual([
      'exception-invalid',
      's3-public-access-block',
    ]);
  });

  it('cover findings about the resource the block declares, wherever they point', async () => {
    const files = {
      'main.tf': `# posture:ignore s3-public-access-block reason="managed elsewhere"
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket            = aws_s3_bucket.b.id
  block_public_acls = false
}
`,
    };
    expect(await outcome(files)).toEqual(['s3-public-access-block~inline']);
  });

  const coveredBucket = (each: string, name: string, id: string) => `
# posture:ignore s3-public-access-block reason="managed elsewhere"
resource "aws_s3_bucket" "b" {
  ${each}
  bucket = ${name}
}
resource "aws_s3_bucket_public_access_block" "b" {
  ${each}
  bucket            = ${id}
  block_public_acls = false
}
`;
  const call = (k: string) => `module "${k}" {
  source = "./bucket"
  name   = "acme-releases-${k}"
}
`;
  it.each([
    [
      'each key of its for_each',
      {
        'main.tf': coveredBucket(
          'for_each = toset(["a", "b"])',
          '"acme-releases-${each.key}"',
          'aws_s3_bucket.b[each.key].id',
        ),
      },
    ],
    [
      'each call of its module',
      {
        'main.tf': call('a') + call('b'),
        'bucket/main.tf': `variable "name" {}${coveredBucket('', 'var.name', 'aws_s3_bucket.b.id')}`,
      },
    ],
  ])('cover %s, wherever its findings point', async (_what, files) => {
    expect(await outcome(files)).toEqual([
      's3-public-access-block~inline',
      's3-public-access-block~inline',
    ]);
  });

  it('work as trailing comments on the line they cover', async () => {
    const files = {
      'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  acl    = "public-read" # posture:ignore s3-public-acl reason="legacy mirror, removal tracked in OPS-12"
}
`,
    };
    expect(await outcome(files)).toEqual(['s3-public-access-block', 's3-public-acl~inline']);
  });

  it('work in build configurations and tfvars too, read from the text the scan loads', async () => {
    const files = {
      'main.tf': BUCKET(''),
      'terraform.tfvars': '# posture:ignore s3-nothing reason="only to be reported"\n',
      '.github/workflows/site.yml': `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      # posture:ignore link-release-bucket reason="public installer by design, SEC-7"
      - run: curl -fsSL https://acme-releases.s3.amazonaws.com/install.sh | sh
`,
    };
    expect(await outcome(files)).toEqual([
      'exception-invalid',
      'link-release-bucket~inline',
      's3-public-access-block',
    ]);
  });

  it('cover the next line of a YAML file whose lines end in a CR alone, as YAML reads it', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  docs:',
      '    steps:',
      '      # posture:ignore link-release-bucket reason="public installer by design, SEC-7"',
      '      - run: curl -fsSL https://acme-releases.s3.amazonaws.com/install.sh | sh',
      '',
    ].join('\r');
    const files = { 'main.tf': BUCKET(''), '.github/workflows/site.yml': workflow };
    expect(await outcome(files)).toEqual(['link-release-bucket~inline', 's3-public-access-block']);
  });
});

describe('policy file exceptions', () => {
  const policy = (expires: string) => `exceptions:
  - rule: s3-public-access-block
    target: { bucket: "acme-*" }
    reason: account-level block
    approvedBy: jane@acme.example
    expires: ${expires}
`;

  const scanWithPolicy = (text: string) =>
    scanFiles(
      { 'main.tf': BUCKET(''), 'posture.config.yaml': text },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );

  it('suppress matching findings with their approver and expiry', async () => {
    const report = await scanWithPolicy(policy('2030-01-01'));
    expect(report.result.findings[0]?.suppression).toMatchObject({
      kind: 'policy',
      approvedBy: 'jane@acme.example',
      expires: '2030-01-01',
    });
  });

  it('do not apply to other buckets', async () => {
    const report = await scanWithPolicy(policy('2030-01-01').replace('acme-*', 'other-*'));
    expect(report.result.findings[0]?.suppression).toBeUndefined();
  });

  it('come after the inline ones: a finding both cover records the inline one', async () => {
    const report = await scanFiles(
      {
        'main.tf': BUCKET('# posture:ignore s3-public-access-block reason="inline"'),
        'posture.config.yaml': policy('2030-01-01').replace(
          'bucket: "acme-*"',
          'address: aws_s3_bucket.b',
        ),
      },
      { today: '2026-11-22', policyFile: 'posture.config.yaml' },
    );
    expect(report.result.findings[0]?.suppression).toMatchObject({
      kind: 'inline',
      reason: 'inline',
    });
  });

  it('are reported once expired, at their line in the policy file', async () => {
    const report = await scanWithPolicy(policy('2020-01-01'));
    const expired = report.result.findings.find((f) => f.ruleId === 'exception-expired');
    expect(expired?.location).toMatchObject({ file: 'posture.config.yaml', start: { line: 2 } });
    const finding = report.result.findings.find((f) => f.ruleId === 's3-public-access-block');
    expect(finding?.suppression).toBeUndefined();
  });
});

describe('applying exceptions', () => {
  const count = 300;
  const reasons = Array.from({ length: count }, (_, i) => `r${i}`);
  const bucket = (i: number) => `resource "aws_s3_bucket" "b${i}" {
  bucket = "acme-releases-${i}"
}
`;
  const above = (i: number) => `# posture:ignore s3-public-access-block reason="r${i}"\n`;
  const policy = (target: (i: number) => PolicyException['target']) =>
    reasons.map((reason, i) => ({ rule: 's3-public-access-block', target: target(i), reason }));

  it.each<[string, string, PolicyException[]]>([
    ['inline, above each block', reasons.map((_, i) => above(i) + bucket(i)).join(''), []],
    [
      'in the policy, naming each address',
      reasons.map((_, i) => bucket(i)).join(''),
      policy((i) => ({ address: `aws_s3_bucket.b${i}` })),
    ],
    [
      'in the policy, naming each bucket',
      reasons.map((_, i) => bucket(i)).join(''),
      policy((i) => ({ bucket: `acme-releases-${i}` })),
    ],
  ])('are checked, %s, only against the findings they may cover', (_case, text, exceptions) => {
    const root = mkdtempSync(join(tmpdir(), 'posture-exceptions-'));
    writeFileSync(join(root, 'main.tf'), text);
    const inventory = loadTerraform({ root });
    const { active } = checkExceptions({
      root,
      inventory,
      directives: parseDirectives('main.tf', text),
      policyExceptions: exceptions,
      knownRules: new Set(['s3-public-access-block']),
      today: '2026-11-22',
    });
    let checks = 0;
    const counted = active.map((e) => ({ ...e, covers: (f: Finding) => (checks++, e.covers(f)) }));
    const findings: Finding[] = inventory.resources.map((r, i) => ({
      ruleId: 's3-public-access-block',
      severity: 'high',
      message: '',
      location: r.ranges['']!,
      related: [],
      address: r.address,
      properties: { bucket: `acme-releases-${i}` },
    }));
    applyExceptions(findings, counted);
    expect(findings.map((f) => f.suppression?.reason)).toEqual(reasons);
    expect(checks).toBe(count);
  });
});
