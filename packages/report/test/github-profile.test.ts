import type { Log, Result, Run } from 'sarif';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGithubProfile } from '../src/index.js';

const RULE = {
  id: 's3-public-acl',
  shortDescription: { text: 'Bucket ACL grants public access' },
  fullDescription: { text: 'Anyone can read the release artifacts.' },
  help: { text: 'Set acl = "private".' },
  properties: { tags: ['security'], precision: 'high', 'security-severity': '8.0' },
};

const RESULT: Result = {
  ruleId: 's3-public-acl',
  ruleIndex: 0,
  level: 'error',
  message: { text: 'Public ACL. Related: [bucket](1).' },
  locations: [
    {
      physicalLocation: {
        artifactLocation: { uri: 'infra/main.tf' },
        region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 24 },
      },
    },
  ],
  relatedLocations: [
    {
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 1 } },
    },
  ],
  partialFingerprints: { primaryLocationLineHash: '54703d4cd895b18:1' },
};

function log(run: Partial<Run> = {}, result: Partial<Result> = {}): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Posture', rules: [RULE] } },
        results: [{ ...RESULT, ...result }],
        ...run,
      },
    ],
  };
}

describe('checkGithubProfile', () => {
  it('accepts a complete log', () => {
    expect(checkGithubProfile(log())).toEqual([]);
  });

  it.each<[string, Partial<Result>, string]>([
    [
      'no locations',
      { locations: [] },
      'runs[0].results[0]: no location (GitHub fails processing)',
    ],
    [
      'a region without startLine',
      {
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'a.tf' }, region: { charOffset: 3 } } },
        ],
      },
      'runs[0].results[0].locations[0]: no region.startLine (GitHub cannot fingerprint it)',
    ],
    [
      'an end before the start',
      {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'a.tf' },
              region: { startLine: 5, endLine: 4 },
            },
          },
        ],
      },
      'runs[0].results[0].locations[0].region: endLine 4 < startLine 5',
    ],
    [
      'an end column before the start column',
      {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'a.tf' },
              region: { startLine: 5, startColumn: 9, endColumn: 2 },
            },
          },
        ],
      },
      'runs[0].results[0].locations[0].region: endColumn 2 < startColumn 9',
    ],
    [
      'an absolute file URI',
      {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'file:///repo/a.tf' },
              region: { startLine: 1 },
            },
          },
        ],
      },
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: file:///repo/a.tf is absolute or not a file path',
    ],
    [
      'an https URI',
      {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'https://x/a.tf' },
              region: { startLine: 1 },
            },
          },
        ],
      },
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: https://x/a.tf is absolute or not a file path',
    ],
    [
      'an absolute path',
      {
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: '/repo/a.tf' }, region: { startLine: 1 } },
          },
        ],
      },
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: /repo/a.tf is an absolute path',
    ],
    [
      'an unencoded space',
      {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'my dir/a.tf' },
              region: { startLine: 1 },
            },
          },
        ],
      },
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: my dir/a.tf has characters that must be percent-encoded',
    ],
    [
      'a path out of the repository',
      {
        locations: [
          { physicalLocation: { artifactLocation: { uri: '../a.tf' }, region: { startLine: 1 } } },
        ],
      },
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: ../a.tf is not a normalised repository path',
    ],
    [
      'a wrong ruleIndex',
      { ruleIndex: 3 },
      'runs[0].results[0]: ruleIndex 3 does not point at s3-public-acl',
    ],
    [
      'an unknown rule',
      { ruleId: 'nope', ruleIndex: undefined },
      'runs[0].results[0]: rule nope has no descriptor',
    ],
    ['an empty message', { message: { text: ' ' } }, 'runs[0].results[0].message: no text'],
    [
      'a link to a missing related location',
      { relatedLocations: [] },
      'runs[0].results[0].message: links to missing related location 1',
    ],
    [
      'more than 1,000 related locations',
      {
        relatedLocations: Array.from({ length: 1001 }, (_, i) => ({
          id: i + 1,
          physicalLocation: { artifactLocation: { uri: 'a.tf' }, region: { startLine: 1 } },
        })),
      },
      'runs[0].results[0]: 1001 related locations (max 1000)',
    ],
    [
      'a passing result',
      { kind: 'pass' },
      'runs[0].results[0]: kind pass (GitHub shows every result as an alert)',
    ],
    [
      'a malformed line hash',
      { partialFingerprints: { primaryLocationLineHash: 'xyz' } },
      'runs[0].results[0]: primaryLocationLineHash xyz is not <hex>:<n>',
    ],
  ])('reports %s', (_, result, problem) => {
    expect(checkGithubProfile(log({}, result))).toEqual([problem]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a word as security-severity',
      { 'security-severity': 'high' },
      'security-severity "high" is not a numeric string in (0, 10]',
    ],
    [
      'a number as security-severity',
      { 'security-severity': 8 },
      'security-severity 8 is not a numeric string in (0, 10]',
    ],
    [
      'a zero security-severity',
      { 'security-severity': '0.0' },
      'security-severity "0.0" is not a numeric string in (0, 10]',
    ],
    [
      'security-severity without the tag',
      { tags: ['s3'] },
      'security-severity without the "security" tag',
    ],
    [
      'more than 20 tags',
      { tags: ['security', ...Array.from({ length: 20 }, (_, i) => `t${i}`)] },
      '21 tags (max 20)',
    ],
    [
      'an unknown precision',
      { precision: 'certain' },
      'precision certain is not very-high/high/medium/low',
    ],
  ])('reports %s', (_, properties, problem) => {
    const rule = { ...RULE, properties: { ...RULE.properties, ...properties } };
    const problems = checkGithubProfile(
      log({ tool: { driver: { name: 'Posture', rules: [rule] } } }),
    );
    expect(problems).toEqual([`runs[0].tool.driver.rules[0]: ${problem}`]);
  });

  it('reports empty descriptions and help', () => {
    const rule = { id: 's3-public-acl', shortDescription: { text: '' }, help: { text: '' } };
    expect(
      checkGithubProfile(log({ tool: { driver: { name: 'Posture', rules: [rule] } } })),
    ).toEqual([
      'runs[0].tool.driver.rules[0].shortDescription: empty',
      'runs[0].tool.driver.rules[0].fullDescription: empty',
      'runs[0].tool.driver.rules[0].help: no help text',
    ]);
  });

  it('reports a run without results, and duplicate runs', () => {
    const run: Run = { tool: { driver: { name: 'Posture', rules: [] } } };
    expect(checkGithubProfile({ version: '2.1.0', $schema: 'x', runs: [run, run] })).toEqual([
      'runs[1]: same tool and category as an earlier run',
      'runs[0]: no results array (an empty one is how alerts get closed)',
      'runs[1]: no results array (an empty one is how alerts get closed)',
    ]);
  });

  it('reports a log over 10 MB gzipped', () => {
    // Random bytes in base64 do not compress below three quarters of their text.
    const text = randomBytes(10_500_000).toString('base64');
    const [problem] = checkGithubProfile(log({}, { message: { text } }));
    expect(problem).toMatch(/^log: \d+ bytes gzipped \(max 10000000\)$/);
  });

  it('reports more than 25,000 results', () => {
    const results = Array.from({ length: 25_001 }, () => RESULT);
    expect(checkGithubProfile(log({ results }))).toEqual(['runs[0]: 25001 results (max 25000)']);
  });

  it.each([
    ['a file', 'package.json', []],
    ['a directory, named with a trailing /', '.hg/', []],
    ['a directory named as a file', '.hg', ['.hg is not a file in the repository']],
    [
      'a file named as a directory',
      'package.json/',
      ['package.json/ is not a directory in the repository'],
    ],
  ])('checks what a related location names under the source root: %s', (_name, uri, problems) => {
    const root = mkdtempSync(join(tmpdir(), 'posture-profile-'));
    try {
      mkdirSync(join(root, '.hg'));
      writeFileSync(join(root, 'package.json'), '{}\n');
      const related = [{ id: 1, physicalLocation: { artifactLocation: { uri } } }];
      const where = 'runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation: ';
      expect(
        checkGithubProfile(log({}, { relatedLocations: related }), { srcRoot: root }).filter(
          (problem) => problem.includes('relatedLocations'),
        ),
      ).toEqual(problems.map((problem) => where + problem));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('checks that URIs name files under a source root when given one', () => {
    expect(checkGithubProfile(log(), { srcRoot: '/nonexistent' })).toContain(
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation: infra/main.tf is not a file in the repository',
    );
  });
});
