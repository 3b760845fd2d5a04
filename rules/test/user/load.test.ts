import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRe2jsWith, re2js, type Rule } from '@posture/model';
import { loadUserRules } from '../../src/index.js';
import { LINE, gcsBucket, link, range, s3Bucket, unknown, website } from '../support/facts.js';
import { run } from '../support/tester.js';
import { tempTree } from '../../../test/support/temp-dirs.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A directory holding the given files. */
function dir(files: Record<string, string>): string {
  return tempTree('rules', files);
}

const META = `title: Temporary release bucket
severity: high
why: Temporary buckets are created by hand and forgotten.
fix: Give release buckets a permanent name.
bad:
  language: hcl
  code: 'resource "aws_s3_bucket" "b" { bucket = "tmp-releases" }'
good:
  language: hcl
  code: 'resource "aws_s3_bucket" "b" { bucket = "acme-releases" }'
tags: [security, s3]
cwe: [CWE-284]
precision: high
`;

const TMP_RULE = `id: acme-tmp-bucket
${META}match:
  kind: bucket
  services: [s3, gcs]
  when:
    - path: name
      matches: '^tmp-'
location: nameRange
message: 'Release bucket "{name}" ({address}) has a temporary name.'
`;

function loadOne(text: string, name = 'a.rule.yaml'): Rule {
  const { rules, errors } = loadUserRules(dir({ [name]: text }));
  expect(errors).toEqual([]);
  const [rule] = rules;
  if (!rule) throw new Error('no rule loaded');
  return rule;
}

function errorsOf(text: string, name = 'a.rule.yaml') {
  const path = dir({ [name]: text });
  return loadUserRules(path).errors.map((e) => ({ ...e, file: e.file.slice(path.length + 1) }));
}

describe('loadUserRules: matching', () => {
  const rule = loadOne(TMP_RULE);

  it('builds a bucket rule with the file metadata', () => {
    expect(rule.kind).toBe('bucket');
    expect(rule.kind === 'bucket' && rule.services).toEqual(['s3', 'gcs']);
    expect(rule.meta).toMatchObject({ id: 'acme-tmp-bucket', severity: 'high', cwe: ['CWE-284'] });
  });

  // Posture hosts no docs for a user rule: its help link is the file's, or none.
  it.each([
    ['', {}],
    ['helpUri: https://wiki.acme.example/tmp\n', { helpUri: 'https://wiki.acme.example/tmp' }],
  ])('marks a user rule, with its own help link %j', (line, user) => {
    expect(loadOne(`${TMP_RULE}${line}`).meta.user).toEqual(user);
  });

  it('reports a match at the location path, with the message template filled', () => {
    const [finding] = run(rule, s3Bucket({ name: 'tmp-releases' }));
    expect(finding).toMatchObject({
      severity: 'high',
      location: range(LINE.name),
      message: 'Release bucket "tmp-releases" (aws_s3_bucket.releases) has a temporary name.',
      related: [{ label: 'bucket', range: range(LINE.bucket) }],
    });
  });

  it('reports nothing when a condition fails', () => {
    expect(run(rule, s3Bucket())).toEqual([]);
  });

  it('never passes an unknown value in silence: medium, saying what was undecided', () => {
    const rule = loadOne(
      TMP_RULE.replace('path: name', 'path: publicAccessPrevention.value').replace(
        "matches: '^tmp-'",
        'notEquals: enforced',
      ),
    );
    const [finding] = run(rule, gcsBucket({ prevention: unknown() }));
    expect(finding?.severity).toBe('medium');
    expect(finding?.message).toMatch(
      /Not decided: publicAccessPrevention\.value is not known before apply\.$/,
    );
    expect(run(rule, gcsBucket({ prevention: 'enforced' }))).toEqual([]);
    expect(run(rule, gcsBucket())).toHaveLength(1);
  });

  it('falls back to the bucket block when the location path names no range', () => {
    const rule = loadOne(TMP_RULE.replace('location: nameRange', 'location: website'));
    expect(run(rule, s3Bucket({ name: 'tmp-x' }))[0]?.location).toEqual(range(LINE.bucket));
    expect(run(rule, s3Bucket({ name: 'tmp-x', website: website() }))[0]?.location).toEqual(
      range(LINE.website),
    );
  });

  it('matches lists with some, one condition or several', () => {
    const tags = [
      { key: 'visibility', value: 'public', range: range(4), from: 'resource' as const },
    ];
    const one = loadOne(
      TMP_RULE.replace(
        "path: name\n      matches: '^tmp-'",
        'path: tags\n      some: { path: value, equals: public }',
      ),
    );
    const several = loadOne(
      TMP_RULE.replace(
        "path: name\n      matches: '^tmp-'",
        'path: tags\n      some:\n        - { path: key, equals: visibility }\n        - { path: value, equals: private }',
      ),
    );
    expect(run(one, s3Bucket({ tags }))).toHaveLength(1);
    expect(run(one, s3Bucket())).toEqual([]);
    expect(run(several, s3Bucket({ tags }))).toEqual([]);
  });

  it('matches in time linear in the name: a pattern that backtracks cannot hang the scan', () => {
    const rule = loadOne(TMP_RULE.replace("'^tmp-'", () => "'^([a-z0-9]+-?)+$'"));
    const start = threadCpuMs();
    expect(run(rule, s3Bucket({ name: `${'a'.repeat(50)}!` }))).toEqual([]);
    expect(threadCpuMs() - start).toBeLessThan(10_000);
    expect(run(rule, s3Bucket({ name: 'acme-releases' }))).toHaveLength(1);
  });

  it('builds link rules that see the link and its Terraform bucket as target', () => {
    const rule = loadOne(`id: acme-release-link
${META}match:
  kind: link
  services: [s3]
  when:
    - { path: target, exists: true }
    - { path: target.release.length, notEquals: 0 }
    - { path: form, equals: s3-virtual-hosted }
message: '{fileType} links to {target.name} at {url}.'
`);
    expect(rule.kind).toBe('link');
    const [finding] = run(rule, { link: link(), bucket: s3Bucket() });
    expect(finding?.message).toBe(
      'package.json links to acme-releases at https://acme-releases.s3.amazonaws.com/cli.tgz.',
    );
    expect(finding?.location.file).toBe('package.json');
    expect(run(rule, { link: link() })).toEqual([]);
    expect(run(rule, { link: link({ service: 'gcs' }), bucket: s3Bucket() })).toEqual([]);
  });

  it('reads JSON rule files', () => {
    const json = JSON.stringify({
      id: 'acme-json',
      title: 't',
      severity: 'low',
      why: 'w',
      fix: 'f',
      bad: { language: 'hcl', code: 'b' },
      good: { language: 'hcl', code: 'g' },
      tags: ['security'],
      cwe: [],
      precision: 'low',
      match: { kind: 'bucket', services: ['r2'], when: [{ path: 'managedDomain', exists: false }] },
      message: 'Bucket {name} has no managed domain.',
    });
    expect(loadOne(json, 'x.rule.json').meta.id).toBe('acme-json');
  });

  it('loads the shipped examples without errors', () => {
    const { rules, errors } = loadUserRules(EXAMPLES);
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.meta.id)).toEqual(['acme-gcs-website', 'acme-plain-http-download']);
    const [gcsWebsite] = rules;
    expect(gcsWebsite && run(gcsWebsite, gcsBucket({ website: website() }))).toHaveLength(1);
  });
});

describe('loadUserRules: errors name the file and line', () => {
  it('ignores files that are not rule files, and reads them in name order', () => {
    const path = dir({
      'b.rule.yaml': TMP_RULE.replace('acme-tmp-bucket', 'b-rule'),
      'a.rule.yml': TMP_RULE.replace('acme-tmp-bucket', 'a-rule'),
      'notes.yaml': 'not: a rule',
      'README.md': '# rules',
    });
    const { rules, errors } = loadUserRules(path);
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.meta.id)).toEqual(['a-rule', 'b-rule']);
  });

  it.each([
    ['a symlink to a rule file in the directory is loaded', 'shared.yaml', 'ok'],
    [
      'a symlink to a rule file elsewhere is loaded: the user named the directory',
      join(dir({ 'rule.yaml': TMP_RULE }), 'rule.yaml'),
      'ok',
    ],
    ['a symlink to nothing is a bad file, said in words', 'gone.yaml', /^does not exist$/],
    [
      'a symlink to a device is a bad file, not a read without end',
      '/dev/zero',
      /^not a regular file$/,
    ],
  ])('%s', (_what, target, expected) => {
    const path = dir({ 'shared.yaml': TMP_RULE });
    symlinkSync(target, join(path, 'linked.rule.yaml'));
    const { rules, errors } = loadUserRules(path);
    if (expected === 'ok') {
      expect(errors).toEqual([]);
      expect(rules.map((r) => r.meta.id)).toEqual(['acme-tmp-bucket']);
    } else {
      expect(rules).toEqual([]);
      expect(errors).toEqual([
        { file: join(path, 'linked.rule.yaml'), message: expect.stringMatching(expected) },
      ]);
    }
  });

  it('a rule file the caller says leads out of its trees is a bad file, not read', () => {
    const path = dir({ 'shared.yaml': TMP_RULE });
    symlinkSync(join(path, 'shared.yaml'), join(path, 'linked.rule.yaml'));
    const { rules, errors } = loadUserRules(path, (file) => file.endsWith('linked.rule.yaml'));
    expect(rules).toEqual([]);
    expect(errors).toEqual([
      {
        file: join(path, 'linked.rule.yaml'),
        message:
          'leads out of the repository or the working directory through a symbolic link: not read',
      },
    ]);
  });

  it('a named pipe is a bad file, not a load that waits for a writer', () => {
    const path = dir({});
    expect(spawnSync('mkfifo', [join(path, 'pipe.rule.yaml')]).status).toBe(0);
    expect(loadUserRules(path).errors).toEqual([
      { file: join(path, 'pipe.rule.yaml'), message: 'not a regular file' },
    ]);
  });

  // Said in words, as every reader says it, not as Node's message (`ENOENT: no such file or
  // directory, scandir '…'`).
  it.each([
    ['a missing directory', 'gone', 'cannot read the directory: does not exist'],
    [
      'a file named as the directory',
      'file.yaml',
      'cannot read the directory: a part of its path is not a directory',
    ],
  ])('%s', (_what, name, message) => {
    const file = join(dir({ 'file.yaml': TMP_RULE }), name);
    expect(loadUserRules(file).errors).toEqual([{ file, message }]);
  });

  it.each([
    // js-yaml notices the unclosed list on the next line.
    [
      'a YAML syntax error',
      TMP_RULE.replace('services: [s3, gcs]', 'services: [s3, gcs'),
      18,
      /flow collection|unexpected/,
    ],
    // js-yaml says no line: this was an internal error, reading the line of its missing mark.
    [
      'a second YAML document',
      `${TMP_RULE}---\n`,
      undefined,
      /^expected a single document in the stream, but found more$/,
    ],
    [
      'a missing field, at the object that lacks it',
      TMP_RULE.replace('precision: high\n', ''),
      1,
      /^the rule must have required property 'precision'$/,
    ],
    [
      'a value outside the enum, at its key',
      TMP_RULE.replace('severity: high', 'severity: severe'),
      3,
      /^severity must be equal to one of the allowed values: critical, high, medium, low, info$/,
    ],
    [
      'two operators in one condition, at the condition',
      TMP_RULE.replace("matches: '^tmp-'", "matches: '^tmp-'\n      exists: true"),
      19,
      /^match\.when\.0 must NOT have more than 2 properties$/,
    ],
    [
      'a bad regular expression, at matches',
      TMP_RULE.replace("'^tmp-'", "'^(tmp-'"),
      20,
      /^match\.when\.0\.matches is not a valid regular expression/,
    ],
    [
      'a lookbehind, which RE2 does not have, at matches',
      TMP_RULE.replace("'^tmp-'", "'(?<=tmp)-'"),
      20,
      /^match\.when\.0\.matches is not a valid regular expression/,
    ],
    [
      'a bad regular expression inside some, at its matches',
      TMP_RULE.replace(
        "path: name\n      matches: '^tmp-'",
        "path: tags\n      some:\n        - { path: key, equals: a }\n        - path: value\n          matches: '[a-'",
      ),
      23,
      /^match\.when\.0\.some\.1\.matches is not a valid regular expression/,
    ],
    [
      'a bucket rule without services, at match',
      TMP_RULE.replace('  services: [s3, gcs]\n', ''),
      15,
      /^match must have required property 'services'$/,
    ],
    [
      'a link service in a bucket rule',
      TMP_RULE.replace('services: [s3, gcs]', 'services: [s3, unknown]'),
      17,
      /^match\.services\.1 must be equal to one of the allowed values: s3, r2, gcs$/,
    ],
    [
      'more than 20 tags',
      TMP_RULE.replace(
        'tags: [security, s3]',
        `tags: [${Array.from({ length: 21 }, (_, i) => `t${i}`).join(', ')}]`,
      ),
      12,
      /^tags must NOT have more than 20 items$/,
    ],
    [
      'an id taken by a built-in rule, at the id',
      TMP_RULE.replace('acme-tmp-bucket', 's3-public-acl'),
      1,
      /^rule id "s3-public-acl" is already used by another rule$/,
    ],
  ])('%s', (_name, text, line, message) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'a.rule.yaml', line });
    expect(errors[0]?.message).toMatch(message);
  });

  describe('without re2js', () => {
    const working = re2js();
    afterEach(() => loadRe2jsWith(() => working));

    // It was loaded apart from the engine the rest of Posture loads, and its failure thrown
    // out of the load as an internal error.
    it('a matches pattern is an error at matches, and the rule is not loaded', () => {
      loadRe2jsWith(() => {
        throw new Error("Cannot find module 're2js'");
      });
      const errors = errorsOf(TMP_RULE);
      expect(errors).toEqual([
        {
          file: 'a.rule.yaml',
          line: 20,
          message:
            "match.when.0.matches cannot be matched: the regular-expression engine re2js could not be loaded (Cannot find module 're2js')",
        },
      ]);
    });
  });

  // Validation reporting all errors takes time growing with the square of the wrong conditions.
  it.each([
    [6_600, []],
    // 24 values before the conditions, three in each: the 20,001st is condition 6,658's operator.
    [7_000, [{ line: 19 + 6_658, message: /^a rule file holds at most 20000 values/ }]],
  ])('a rule file of %i conditions: loaded up to 20,000 values, refused beyond', (n, expected) => {
    const when = '    - { path: name, exists: true }\n'.repeat(n);
    const errors = errorsOf(TMP_RULE.replace("    - path: name\n      matches: '^tmp-'\n", when));
    expect(errors).toMatchObject(expected.map((e) => ({ file: 'a.rule.yaml', ...e })));
    expect(errors).toHaveLength(expected.length);
  });

  it('an unknown key, at that key', () => {
    const errors = errorsOf(
      TMP_RULE.replace("matches: '^tmp-'", "matches: '^tmp-'\n      flags: i"),
    );
    expect(errors).toContainEqual({
      file: 'a.rule.yaml',
      line: 21,
      message: 'match.when.0 must NOT have additional properties (flags)',
    });
  });

  it('points into JSON files too', () => {
    const json = `{\n  "id": "acme-json",\n  "severity": "bad"\n}\n`;
    const errors = errorsOf(json, 'x.rule.json');
    expect(errors).toContainEqual({
      file: 'x.rule.json',
      line: 3,
      message: expect.stringMatching(/^severity must be equal to one of/),
    });
    expect(errors.every((e) => e.file === 'x.rule.json' && e.line !== undefined)).toBe(true);
  });

  it('a bad file does not stop the others; a repeated id is an error in the later file', () => {
    const path = dir({
      'a.rule.yaml': TMP_RULE,
      'b.rule.yaml': TMP_RULE,
      'c.rule.yaml': 'id: [',
    });
    const { rules, errors } = loadUserRules(path);
    expect(rules.map((r) => r.meta.id)).toEqual(['acme-tmp-bucket']);
    expect(errors.map((e) => [e.file.slice(path.length + 1), e.line])).toEqual([
      ['b.rule.yaml', 1],
      ['c.rule.yaml', 1],
    ]);
  });
});
