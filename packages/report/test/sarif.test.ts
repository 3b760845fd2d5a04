import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryRange, fileRange, SEVERITIES } from '@posture/model';
import type { Severity, Suppression } from '@posture/model';
import {
  checkGithubProfile,
  findingFingerprints,
  sarifText,
  toSarif,
  truncationOf,
} from '../src/index.js';
import type { SarifOptions } from '../src/index.js';
import { finding, Fixture, rule } from './support/fixture.js';
import { GCS_FILE, R2_FILE, sampleFixture, WORKFLOW_FILE } from './support/sample.js';
import { sarifSchemaErrors } from './support/sarif-schema.js';

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

function run(options?: SarifOptions): Run {
  const [only, ...rest] = toSarif(result, options).runs;
  expect(rest).toHaveLength(0);
  return only as Run;
}

function expectValid(log: Log): void {
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(checkGithubProfile(log, { srcRoot: fixture.baseDir })).toEqual([]);
}

function ruleById(id: string): ReportingDescriptor {
  const found = run().tool.driver.rules?.find((descriptor) => descriptor.id === id);
  if (found === undefined) throw new Error(`no rule ${id}`);
  return found;
}

describe('toSarif', () => {
  it('validates against the OASIS schema and the GitHub profile, with every option', () => {
    expectValid(toSarif(result));
    expectValid(
      toSarif(result, {
        category: 'posture/terraform',
        includeSuppressed: false,
        baseline: new Set(findingFingerprints(result).values()),
        maxResults: 2,
      }),
    );
  });

  it('describes the tool and the run', () => {
    const log = toSarif(result);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const only = log.runs[0] as Run;
    expect(only.tool.driver).toMatchObject({
      name: 'Posture',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/posture-dev/posture',
    });
    expect(only.columnKind).toBe('utf16CodeUnits');
    expect(only.automationDetails).toBeUndefined();
    expect(only.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(only.properties).toEqual({
      policy: { path: 'infra/posture.yml', sha256: 'a'.repeat(64), owner: '@platform-team' },
    });
  });

  it('names the policy file from the repository, as its artifacts, never by a path of the machine', () => {
    const path = `${fixture.baseDir}/posture.yml`;
    expect(toSarif(fixture.result({ policy: { path } })).runs[0]?.properties).toEqual({
      policy: { path: 'posture.yml' },
    });
  });

  it('writes every rule, sorted, with GitHub metadata', () => {
    const rules = run().tool.driver.rules ?? [];
    expect(rules.map((descriptor) => descriptor.id)).toEqual([
      'gcs-public-iam',
      'link-public-upload',
      'r2-public-dev-url',
      's3-public-access-block',
      's3-public-acl',
      's3-public-policy',
      's3-website',
    ]);
    expect(ruleById('s3-public-policy')).toEqual({
      id: 's3-public-policy',
      name: 'S3PublicPolicy',
      shortDescription: { text: 'Title of s3-public-policy' },
      fullDescription: {
        text: 'Why s3-public-policy matters: a public release bucket lets anyone read or replace artifacts.',
      },
      help: {
        text: [
          'Why s3-public-policy matters: a public release bucket lets anyone read or replace artifacts.',
          'How to fix:\nFix s3-public-policy by blocking public access.',
          'Flagged:\n```hcl\nacl = "public-read"\n```',
          'Passes:\n```hcl\nacl = "private"\n```',
        ].join('\n\n'),
        markdown: [
          'Why s3-public-policy matters: a public release bucket lets anyone read or replace artifacts.',
          '## How to fix',
          'Fix s3-public-policy by blocking public access.',
          '## Flagged',
          '```hcl\nacl = "public-read"\n```',
          '## Passes',
          '```hcl\nacl = "private"\n```',
        ].join('\n\n'),
      },
      helpUri: 'https://github.com/posture-dev/posture/blob/main/rules/docs/s3-public-policy.md',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 's3', 'release', 'external/cwe/cwe-284'],
        precision: 'high',
        'security-severity': '9.5',
        cwe: ['CWE-284'],
      },
    });
  });

  it.each([
    ['s3-public-policy', 'error', '9.5'],
    ['s3-public-acl', 'error', '8.0'],
    ['r2-public-dev-url', 'warning', '5.5'],
    ['link-public-upload', 'note', '3.0'],
    ['gcs-public-iam', 'note', undefined],
  ])('maps the severity of %s to level %s and security-severity %s', (id, level, score) => {
    const descriptor = ruleById(id);
    expect(descriptor.defaultConfiguration?.level).toBe(level);
    expect(descriptor.properties?.['security-severity']).toBe(score);
    const emitted = run().results?.find((r) => r.ruleId === id);
    expect(emitted?.level).toBe(level);
  });

  it('keeps at most 10 unique tags per rule, security first', () => {
    const many = Array.from({ length: 25 }, (_, i) => `tag-${i}`);
    const log = toSarif(
      fixture.result({ rules: [rule('s3-many', { tags: ['security', ...many] })] }),
    );
    const tags = log.runs[0]?.tool.driver.rules?.[0]?.properties?.tags ?? [];
    expect(tags).toHaveLength(10);
    expect(tags[0]).toBe('security');
    expect(checkGithubProfile(log)).toEqual([]);
  });

  it('sorts results worst first, then by location, suppressed ones last, with consistent rule indexes', () => {
    const { results = [], tool } = run();
    expect(results.map((r) => r.ruleId)).toEqual([
      's3-public-policy',
      's3-public-acl',
      'r2-public-dev-url',
      'link-public-upload',
      'gcs-public-iam',
      's3-public-access-block',
    ]);
    for (const r of results) expect(tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
  });

  it('points at the finding with a repository-relative, encoded URI and a full region', () => {
    const critical = run().results?.[0] as Result;
    expect(critical.locations?.[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%', index: 0 },
        region: { startLine: 13, startColumn: 58, endLine: 13, endColumn: 73 },
      },
      logicalLocations: [{ fullyQualifiedName: 'aws_s3_bucket.releases', kind: 'resource' }],
    });
    expect(critical.properties).toEqual({
      release: [{ kind: 'tag', detail: 'tag purpose = "release"' }],
      address: 'aws_s3_bucket.releases',
      severity: 'critical',
    });
  });

  it('links related locations from the message unless it already does', () => {
    const [critical, high] = run().results ?? [];
    expect(critical?.message.text).toBe(
      'aws_s3_bucket.releases has a bucket policy that lets anyone read objects. Remove the "*" principal. Related: [bucket block](1), [public access block](2).',
    );
    expect(critical?.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'bucket block' },
        physicalLocation: {
          artifactLocation: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%', index: 0 },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 36 },
        },
      },
      expect.objectContaining({ id: 2, message: { text: 'public access block' } }),
    ]);
    expect(high?.message.text).toBe(
      'aws_s3_bucket.releases sets acl = "public-read". See [the bucket](1).',
    );
  });

  it('closes an unpunctuated message before the related links and escapes brackets in labels', () => {
    const clean = Fixture.create({ 'main.tf': 'resource "x" "y" {}\n' });
    try {
      const range = clean.range('main.tf', 'resource');
      const log = toSarif(
        clean.result({
          rules: [rule('s3-x')],
          findings: [
            finding('s3-x', range, {
              message: 'No title stop',
              related: [{ label: 'block [0]', range }],
            }),
          ],
        }),
      );
      expect(log.runs[0]?.results?.[0]?.message.text).toBe(
        'No title stop. Related: [block \\[0\\]](1).',
      );
    } finally {
      clean.cleanup();
    }
  });

  it('percent-encodes spaces, # and non-ASCII characters per path segment', () => {
    const uris = (run().artifacts ?? []).map((artifact) => artifact.location?.uri);
    expect(uris).toEqual([
      'infra/main.tf',
      'infra/release%20assets/r2%20bucket.tf',
      'infra/modules/%C3%BCn%C3%AFcode%20%231/gcs.tf',
      'infra/.github/workflows/release.yml',
      'infra/broken.tf',
    ]);
    const byRule = new Map(run().results?.map((r) => [r.ruleId, r]));
    expect(
      byRule.get('r2-public-dev-url')?.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    ).toBe(`infra/${R2_FILE.split('/').map(encodeURIComponent).join('/')}`);
    expect(
      byRule.get('gcs-public-iam')?.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    ).toBe('infra/modules/%C3%BCn%C3%AFcode%20%231/gcs.tf');
    expect(decodeURIComponent('infra/modules/%C3%BCn%C3%AFcode%20%231/gcs.tf')).toBe(
      `infra/${GCS_FILE}`,
    );
  });

  it('lists every scanned file as an artifact with its hash and length', () => {
    const [main] = run().artifacts ?? [];
    const scanned = result.files[0];
    expect(main).toEqual({
      location: { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' },
      length: scanned?.bytes,
      hashes: { 'sha-256': scanned?.sha256 },
    });
  });

  it('reports the invocation and every diagnostic as a notification with a location', () => {
    const [invocation] = run().invocations ?? [];
    expect(invocation).toMatchObject({
      startTimeUtc: '2026-01-02T03:04:05.000Z',
      endTimeUtc: '2026-01-02T03:04:06.500Z',
      commandLine: 'posture scan --format sarif .',
      arguments: ['posture', 'scan', '--format', 'sarif', '.'],
      executionSuccessful: true,
    });
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        descriptor: { id: 'hcl-syntax' },
        level: 'error',
        message: { text: 'Unexpected token.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'infra/broken.tf', uriBaseId: '%SRCROOT%', index: 4 },
              region: { startLine: 1, startColumn: 26, endLine: 1, endColumn: 27 },
            },
          },
        ],
      },
      expect.objectContaining({ descriptor: { id: 'eval-unknown' }, level: 'warning' }),
    ]);
  });

  it('quotes command-line arguments that a shell would split', () => {
    const log = toSarif(
      fixture.result({
        invocation: { ...result.invocation, commandLine: ['posture', 'scan', 'my infra', "it's"] },
      }),
    );
    expect(log.runs[0]?.invocations?.[0]?.commandLine).toBe(`posture scan 'my infra' 'it'\\''s'`);
  });

  it.each([
    ['posture/terraform', 'posture/terraform/'],
    ['posture/terraform/', 'posture/terraform/'],
    [' posture ', 'posture/'],
  ])('normalises category %j to automationDetails.id %j', (category, id) => {
    expect(run({ category }).automationDetails).toEqual({ id });
  });

  it('omits automationDetails for an empty category', () => {
    expect(run({ category: '  ' }).automationDetails).toBeUndefined();
  });
});

/** The band GitHub shows for a `security-severity` ("SARIF support for code scanning"). */
function githubBand(score: unknown): Severity | undefined {
  if (score === undefined) return undefined;
  const value = Number(score);
  return value >= 9 ? 'critical' : value >= 7 ? 'high' : value >= 4 ? 'medium' : 'low';
}

function descriptorOf(log: Log, emitted: Result): ReportingDescriptor | undefined {
  return log.runs[0]?.tool.driver.rules?.[emitted.ruleIndex ?? -1];
}

describe('the severity GitHub shows', () => {
  const acl = fixture.range('main.tf', 'acl    = "public-read"');
  const upload = fixture.range(WORKFLOW_FILE, '--acl public-read');
  const regradedAcl = (severity: Severity, suppression?: Suppression) =>
    finding('s3-public-acl', acl, { severity, address: `aws_s3_bucket.${severity}`, suppression });
  /** `s3-public-acl` (high) found at every severity, `link-public-upload` (low) at critical. */
  const graded = fixture.result({
    rules: [rule('s3-public-acl'), rule('link-public-upload', { severity: 'low' })],
    findings: [
      ...SEVERITIES.map((severity) => regradedAcl(severity)),
      finding('link-public-upload', upload, { severity: 'critical' }),
    ],
    files: result.files,
  });

  it.each([
    ['critical', 's3-public-acl/critical', 'error', '9.5'],
    ['high', 's3-public-acl', 'error', '8.0'],
    ['medium', 's3-public-acl/medium', 'warning', '5.5'],
    ['low', 's3-public-acl/low', 'note', '3.0'],
    ['info', 's3-public-acl/info', 'note', undefined],
  ] as const)('refers %s findings of a high rule to %s', (severity, id, level, score) => {
    const log = toSarif(graded);
    const address = `aws_s3_bucket.${severity}`;
    const emitted = log.runs[0]?.results?.find((r) => r.properties?.address === address);
    expect(emitted?.ruleId).toBe(id);
    expect(emitted?.level).toBe(level);
    const descriptor = descriptorOf(log, emitted as Result);
    expect(descriptor?.id).toBe(id);
    expect(descriptor?.defaultConfiguration?.level).toBe(level);
    expect(descriptor?.properties?.['security-severity']).toBe(score);
  });

  it.each([
    ['findings graded apart from their rule', graded],
    ['the sample scan', result],
  ])('shows every result of %s in the band of its Posture severity', (_, scanned) => {
    const log = toSarif(scanned);
    expectValid(log);
    for (const emitted of log.runs[0]?.results ?? []) {
      const severity = emitted.properties?.severity as Severity;
      const score = descriptorOf(log, emitted)?.properties?.['security-severity'];
      expect(githubBand(score)).toBe(severity === 'info' ? undefined : severity);
      // GitHub documents it on rules only: on a result it could disagree with the descriptor.
      expect(emitted.properties).not.toHaveProperty('security-severity');
    }
  });

  it('keeps every rule first, at its index, then one descriptor per other severity emitted', () => {
    const ids = (options?: SarifOptions) =>
      toSarif(graded, options).runs[0]?.tool.driver.rules?.map((descriptor) => descriptor.id);
    expect(ids()).toEqual([
      'link-public-upload',
      's3-public-acl',
      'link-public-upload/critical',
      's3-public-acl/critical',
      's3-public-acl/info',
      's3-public-acl/low',
      's3-public-acl/medium',
    ]);
    expect(ids({ maxResults: 3 })).toEqual([
      'link-public-upload',
      's3-public-acl',
      'link-public-upload/critical',
      's3-public-acl/critical',
    ]);
    const suppressed = fixture.result({
      rules: [rule('s3-public-acl')],
      findings: [regradedAcl('low', { kind: 'inline', reason: 'ok' })],
    });
    const kept = toSarif(suppressed, { includeSuppressed: false }).runs[0]?.tool.driver.rules;
    expect(kept?.map((descriptor) => descriptor.id)).toEqual(['s3-public-acl']);
  });

  it("describes another severity with its rule's metadata and docs", () => {
    const rules = toSarif(graded).runs[0]?.tool.driver.rules ?? [];
    const own = rules.find((descriptor) => descriptor.id === 's3-public-acl');
    const low = rules.find((descriptor) => descriptor.id === 's3-public-acl/low');
    expect(low).toEqual({
      ...own,
      id: 's3-public-acl/low',
      defaultConfiguration: { level: 'note' },
      properties: { ...own?.properties, 'security-severity': '3.0' },
    });
    expect(low?.helpUri).toBe(
      'https://github.com/posture-dev/posture/blob/main/rules/docs/s3-public-acl.md',
    );
  });

  it('keeps the fingerprints of a finding whose severity changes', () => {
    const prints = (severity: Severity) => {
      const scanned = fixture.result({
        rules: [rule('s3-public-acl')],
        findings: [finding('s3-public-acl', acl, { severity })],
      });
      const [emitted] = toSarif(scanned).runs[0]?.results ?? [];
      return [emitted?.partialFingerprints, emitted?.fingerprints];
    };
    expect(prints('low')).toEqual(prints('high'));
    expect(prints('high')[0]).toBeDefined();
  });
});

describe('suppressed and baselined findings', () => {
  const acl = fixture.range('main.tf', 'acl    = "public-read"');
  const comment = fixture.range('main.tf', 'resource "aws_s3_bucket" "releases"');
  const policy: Suppression = {
    kind: 'policy',
    reason: 'Docs mirror, reviewed',
    approvedBy: '@security',
    expires: '2026-12-31',
  };
  const inline: Suppression = { kind: 'inline', reason: 'ok', range: comment };
  const baselined: Suppression = { kind: 'baseline', reason: 'present in the baseline b.json' };

  /** The log of a scan with one finding, compared with a baseline that holds it or not, or none. */
  function only(suppression: Suppression | undefined, inBaseline: boolean | undefined): Log {
    const scanned = fixture.result({
      rules: [rule('s3-public-acl')],
      findings: [finding('s3-public-acl', acl, { suppression })],
    });
    const prints = [...findingFingerprints(scanned).values()];
    const baseline = inBaseline === undefined ? undefined : new Set(inBaseline ? prints : []);
    return toSarif(scanned, { baseline });
  }

  it.each([
    ['found, no baseline', undefined, undefined, [], undefined],
    ['new to the baseline', undefined, false, [], 'new'],
    [
      'in the baseline',
      baselined,
      true,
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'present in the baseline b.json',
          properties: { postureKind: 'baseline' },
        },
      ],
      'unchanged',
    ],
    [
      'excepted in the policy file, no baseline',
      policy,
      undefined,
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'Docs mirror, reviewed',
          properties: { postureKind: 'policy', approvedBy: '@security', expires: '2026-12-31' },
        },
      ],
      undefined,
    ],
    [
      'excepted in the policy file, new to the baseline',
      policy,
      false,
      [expect.objectContaining({ kind: 'external', status: 'accepted' })],
      'new',
    ],
    [
      'excepted inline and in the baseline: the exception, and unchanged',
      inline,
      true,
      [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: 'ok',
          location: { physicalLocation: expect.objectContaining({ region: expect.any(Object) }) },
          properties: { postureKind: 'inline' },
        },
      ],
      'unchanged',
    ],
  ] as const)('%s', (_, suppression, inBaseline, suppressions, baselineState) => {
    const log = only(suppression, inBaseline);
    const [emitted] = log.runs[0]?.results ?? [];
    expect(emitted?.suppressions).toEqual(suppressions);
    expect(emitted?.baselineState).toBe(baselineState);
    expectValid(log);
  });

  it('stay in the log by default, so that code scanning does not close their alerts as fixed', () => {
    const suppressed = run().results?.filter((r) => r.suppressions?.length);
    expect(suppressed?.map((r) => r.ruleId)).toEqual(['s3-public-access-block']);
  });

  it('are left out with includeSuppressed: false', () => {
    const ids = run({ includeSuppressed: false }).results?.map((r) => r.ruleId);
    expect(ids).not.toContain('s3-public-access-block');
    expect(ids).toHaveLength(5);
  });

  it('give every result of the run a suppressions array, and a baselineState once compared', () => {
    const known = ['s3-public-policy', 's3-public-access-block'];
    const baseline = new Set(
      [...findingFingerprints(result)].filter(([f]) => known.includes(f.ruleId)).map(([, p]) => p),
    );
    const results = run({ baseline }).results ?? [];
    for (const r of results) expect(r.suppressions).toBeInstanceOf(Array);
    expect(results.map((r) => r.baselineState)).toEqual([
      'unchanged',
      'new',
      'new',
      'new',
      'new',
      'unchanged',
    ]);
  });
});

describe('limits', () => {
  it('caps results at maxResults, keeping the most severe, with a notice', () => {
    const capped = run({ maxResults: 2 });
    expect(capped.results?.map((r) => r.ruleId)).toEqual(['s3-public-policy', 's3-public-acl']);
    const notices = capped.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notices.at(-1)).toEqual({
      descriptor: { id: 'results-truncated' },
      level: 'warning',
      message: {
        text: 'Only the 2 most severe of 6 results are included, unsuppressed findings before suppressed ones; the rest were left out to stay within the upload limit.',
      },
    });
  });

  it('words the notice for one result kept in the singular', () => {
    const notices = run({ maxResults: 1 }).invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notices.at(-1)?.message.text).toBe(
      'Only the most severe of 6 results is included, unsuppressed findings before suppressed ones; the rest were left out to stay within the upload limit.',
    );
  });

  it('cuts suppressed findings before any unsuppressed one, however severe', () => {
    const ids = run({ includeSuppressed: true, maxResults: 5 }).results?.map((r) => r.ruleId);
    expect(ids).toHaveLength(5);
    expect(ids).not.toContain('s3-public-access-block');
  });

  it('adds no notice when nothing is cut', () => {
    const notices = run({ maxResults: 6 }).invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notices.map((n) => n.descriptor?.id)).toEqual(['hcl-syntax', 'eval-unknown']);
  });

  it.each([
    [100, ''],
    [101, ' 1 more related location left out (GitHub shows 100); the JSON report lists them.'],
    [2000, ' 1900 more related locations left out (GitHub shows 100); the JSON report lists them.'],
  ])('keeps 100 of %i related locations, and says how many it left out', (count, note) => {
    const range = fixture.range('main.tf', 'acl');
    const related = Array.from({ length: count }, () => ({ label: 'used again', range }));
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-public-acl')],
        findings: [finding('s3-public-acl', range, { message: 'Linked.', related })],
      }),
    );
    const [only] = log.runs[0]?.results ?? [];
    expect(only?.relatedLocations?.map((location) => location.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(only?.message.text).toMatch(/^Linked\. Related: \[used again\]\(1\), /);
    expect(only?.message.text?.endsWith(`[used again](100).${note}`)).toBe(true);
    expect(checkGithubProfile(log)).toEqual([]);
  });

  it.each([
    ['cuts the least severe results of a log too large gzipped, with a notice', 30_000, true],
    ['keeps every result of a log that fits', 1_000_000, false],
  ])('%s', (_, maxUploadBytes, cut) => {
    const range = fixture.range('main.tf', 'acl');
    // Random text, which gzip cannot shrink much: 40 results of about 2 KB each.
    const findings = SEVERITIES.flatMap((severity) =>
      Array.from({ length: 8 }, () =>
        finding('s3-public-acl', range, { severity, message: randomBytes(1500).toString('hex') }),
      ),
    );
    const log = toSarif(fixture.result({ rules: [rule('s3-public-acl')], findings }), {
      maxUploadBytes,
    });
    const results = log.runs[0]?.results ?? [];
    expect(gzipSync(sarifText(log)).length).toBeLessThanOrEqual(maxUploadBytes);
    expect(results.length < 40).toBe(cut);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.level).toBe('error');
    expect(results.at(-1)?.level).toBe(cut ? 'error' : 'note');
    expect(truncationOf(log)).toBe(
      cut
        ? `Only the ${results.length} most severe of 40 results are included, unsuppressed findings before suppressed ones; the rest were left out to stay within the upload limit.`
        : undefined,
    );
  });

  it('caps at 25,000 by default', () => {
    const range = fixture.range('main.tf', 'acl');
    const findings = Array.from({ length: 25_001 }, () => finding('s3-public-acl', range));
    const log = toSarif(fixture.result({ rules: [rule('s3-public-acl')], findings }));
    expect(log.runs[0]?.results).toHaveLength(25_000);
    expect(checkGithubProfile(log)).toEqual([]);
  });
});

describe('a clean scan', () => {
  it('still writes an empty results array, which closes fixed alerts', () => {
    const log = toSarif(fixture.result({ rules: result.rules, files: result.files }));
    expect(log.runs[0]?.results).toEqual([]);
    expectValid(log);
  });
});

describe('regions', () => {
  it('widens an empty range to one column', () => {
    const start = { line: 1, column: 1, offset: 0 };
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-x')],
        findings: [finding('s3-x', { file: 'main.tf', start, end: start })],
      }),
    );
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 2,
    });
  });

  it.each([
    ['a file, at its first line', fileRange('package.json'), 'pkg/package.json', true],
    ['a folder (a shipped .hg), as its path alone', directoryRange('.hg'), 'pkg/.hg/', false],
    ['a nested folder', directoryRange('vendor/lib/.svn'), 'pkg/vendor/lib/.svn/', false],
    ['the scan root', directoryRange('.'), 'pkg/', false],
  ])(
    'gives a related location a region unless it is a directory: %s',
    (_name, range, uri, lines) => {
      const pkg = Fixture.create(
        {
          'package.json': '{}\n',
          '.hg/requires': 'store\n',
          'vendor/lib/.svn/entries': '12\n',
        },
        'pkg',
      );
      try {
        const log = toSarif(
          pkg.result({
            rules: [rule('artifact-x')],
            findings: [
              finding('artifact-x', pkg.range('package.json', '{}'), {
                related: [{ label: 'shipped folder', range }],
              }),
            ],
          }),
        );
        const [related] = log.runs[0]?.results?.[0]?.relatedLocations ?? [];
        expect(related?.physicalLocation?.artifactLocation?.uri).toBe(uri);
        expect(related?.physicalLocation?.region !== undefined).toBe(lines);
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(checkGithubProfile(log, { srcRoot: pkg.baseDir })).toEqual([]);
      } finally {
        pkg.cleanup();
      }
    },
  );

  it("keeps a region on a result's own location, a directory's too (one that cannot be listed)", () => {
    const dir = Fixture.create({ 'modules/locked/main.tf': '\n' });
    try {
      const log = toSarif(
        dir.result({
          rules: [rule('input-unreadable')],
          findings: [finding('input-unreadable', directoryRange('modules/locked'))],
        }),
      );
      const [location] = log.runs[0]?.results?.[0]?.locations ?? [];
      expect(location?.physicalLocation?.artifactLocation?.uri).toBe('modules/locked/');
      expect(location?.physicalLocation?.region?.startLine).toBe(1);
    } finally {
      dir.cleanup();
    }
  });

  it('keeps multi-line ranges as they are', () => {
    const block = fixture.range('main.tf', 'resource "aws_s3_bucket" "releases" {\n  bucket');
    const log = toSarif(
      fixture.result({ rules: [rule('s3-x')], findings: [finding('s3-x', block)] }),
    );
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 2,
      endColumn: 9,
    });
  });
});
