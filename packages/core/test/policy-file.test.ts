import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { builtinRules, findPolicyFile, loadPolicyFile, PolicyError } from '../src/index.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const KNOWN = new Set(builtinRules.map((r) => r.meta.id));

function policyAt(name: string, text: string): string {
  const path = join(tempDir('policy'), name);
  writeFileSync(path, text);
  return path;
}

function errorOf(name: string, text: string): PolicyError {
  try {
    loadPolicyFile(policyAt(name, text), KNOWN);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('policy file', () => {
  it('reads every field and keeps defaults for the rest', () => {
    const { policy, sha256 } = loadPolicyFile(
      policyAt(
        'posture.config.yaml',
        `owner: sec@acme.example
release:
  names: ["*-bits"]
  buckets: ["module.cdn.*"]
scope: all
failOn: medium
rules:
  gcs-uniform-access:
    severity: low
  s3-acls-enabled:
    enabled: false
allowedPublicDomains: [cdn.acme.example]
exceptions:
  - rule: s3-website
    target: { address: aws_s3_bucket.docs }
    reason: public docs
    approvedBy: jane
    expires: 2030-01-01
`,
      ),
      KNOWN,
    );
    expect(policy.owner).toBe('sec@acme.example');
    expect(policy.release.names).toEqual(['*-bits']);
    expect(policy.release.annotations).toBe(true);
    expect(policy.release.tags.length).toBeGreaterThan(0);
    expect(policy.release.buckets).toEqual(['module.cdn.*']);
    expect(policy.scope).toBe('all');
    expect(policy.failOn).toBe('medium');
    expect(policy.rules['gcs-uniform-access']).toEqual({ severity: 'low' });
    expect(policy.allowedPublicDomains).toEqual(['cdn.acme.example']);
    expect(policy.exceptions[0]).toMatchObject({
      rule: 's3-website',
      approvedBy: 'jane',
      line: 14,
    });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes February 29th of a leap year as an expiry', () => {
    const { policy } = loadPolicyFile(
      policyAt(
        'posture.config.yaml',
        'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: r\n    expires: 2028-02-29\n',
      ),
      KNOWN,
    );
    expect(policy.exceptions[0]?.expires).toBe('2028-02-29');
  });

  it('finds the lines of thousands of exceptions reading the text once', () => {
    const count = 2000;
    const text = `owner: x\nexceptions:\n${Array.from(
      { length: count },
      (_, i) =>
        `  - rule: s3-website\n    target: { address: aws_s3_bucket.b${i} }\n    reason: r\n`,
    ).join('')}`;
    const split = vi.spyOn(String.prototype, 'split');
    try {
      const { policy } = loadPolicyFile(policyAt('posture.config.yaml', text), KNOWN);
      expect(policy.exceptions.map((e) => e.line)).toEqual(
        Array.from({ length: count }, (_, i) => 3 + 3 * i),
      );
      expect(split.mock.contexts.filter((context) => String(context) === text)).toHaveLength(1);
    } finally {
      split.mockRestore();
    }
  });

  it('reads JSON policy files', () => {
    const { policy } = loadPolicyFile(
      policyAt('posture.config.json', '{ "owner": "x", "scope": "all" }'),
      KNOWN,
    );
    expect(policy.scope).toBe('all');
  });

  it.each([
    ['a YAML syntax error', 'owner: x\nrelease: [\n', 3, /YAML syntax error/],
    ['an unknown setting', 'owner: x\nreleas:\n  names: []\n', 2, /releas: unknown setting/],
    [
      'a wrong enum value',
      'owner: x\nscope: everything\n',
      2,
      /scope: expected one of "release", "all"/,
    ],
    [
      'a bad type deep inside',
      'release:\n  names:\n    - 3\n',
      3,
      /release\.names\.0: must be string/,
    ],
    [
      'an exception without a reason',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n',
      2,
      /exceptions\.0: missing required "reason"/,
    ],
    [
      'a malformed expiry',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: r\n    expires: 30/01/2030\n',
      5,
      /exceptions\.0\.expires: 30\/01\/2030 is not a date written YYYY-MM-DD/,
    ],
    [
      'an expiry in no calendar',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: r\n    expires: 2030-13-45\n',
      5,
      /exceptions\.0\.expires: 2030-13-45 is not a real date/,
    ],
    [
      'an expiry on a day the month does not have',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: r\n    expires: "2027-02-30"\n',
      5,
      /exceptions\.0\.expires: 2027-02-30 is not a real date/,
    ],
    [
      'February 29th of a year that is not leap',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: r\n    expires: 2027-02-29\n',
      5,
      /exceptions\.0\.expires: 2027-02-29 is not a real date/,
    ],
    [
      'a reason of only blanks',
      'exceptions:\n  - rule: s3-website\n    target: { bucket: x }\n    reason: "   "\n',
      4,
      /exceptions\.0\.reason: only blanks; every exception must say why/,
    ],
    [
      'an unknown rule id in an exception',
      'exceptions:\n  - rule: s3-nope\n    target: { bucket: x }\n    reason: r\n',
      2,
      /unknown rule id "s3-nope"/,
    ],
    [
      'an unknown rule id in rules',
      'rules:\n  nope:\n    enabled: false\n',
      2,
      /rules\.nope: unknown rule id/,
    ],
  ])('rejects %s with file, line and field', (_what, text, line, message) => {
    const error = errorOf('posture.config.yaml', text);
    expect(error.problems.map((problem) => problem.line)).toEqual([line]);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('posture.config.yaml');
  });

  // jsonc-parser built objects by assignment: a "__proto__" key became the prototype and its
  // settings were lost (or read one level up); YAML refuses the key, JSON now does too.
  it.each([
    ['at the top', '{\n  "__proto__": { "scope": "all" }\n}', 2, /__proto__: unknown setting/],
    [
      'in rules',
      '{\n  "rules": {\n    "__proto__": { "s3-public-acl": { "severity": "low" } }\n  }\n}',
      3,
      /rules\.__proto__: unknown rule id/,
    ],
    [
      'in an exception',
      '{\n  "exceptions": [\n    { "__proto__": { "rule": "s3-website" }, "target": { "bucket": "x" }, "reason": "r" }\n  ]\n}',
      3,
      /exceptions\.0\.__proto__: unknown setting/,
    ],
  ])('rejects a JSON "__proto__" key %s with its line', (_where, text, line, message) => {
    const error = errorOf('posture.config.json', text);
    expect(error.problems.map((problem) => problem.line)).toContain(line);
    expect(error.message).toMatch(message);
  });

  describe('the rules that fail closed (they report input that was not checked)', () => {
    const OFF = 'a policy file cannot turn it off';
    const LOWER = 'a policy file cannot grade it below high';
    it.each<[string, string, number, string | undefined]>([
      // the rules setting; the problem's line and field, and what it says (none: the policy loads)
      ['artifact-unreadable: { enabled: false }', 'artifact-unreadable.enabled', 3, OFF],
      ['artifact-target-missing:\n    enabled: false', 'artifact-target-missing.enabled', 4, OFF],
      ['input-unreadable: { enabled: false }', 'input-unreadable.enabled', 3, OFF],
      ['artifact-unreadable: { severity: info }', 'artifact-unreadable.severity', 3, LOWER],
      ['input-unreadable:\n    severity: medium', 'input-unreadable.severity', 4, LOWER],
      ['artifact-unreadable: { enabled: true }', '', 0, undefined],
      ['input-unreadable: { severity: critical }', '', 0, undefined],
      ['artifact-target-missing: { severity: high }', '', 0, undefined],
      // Any other rule is the team's to turn off or grade.
      ['artifact-not-allowed: { enabled: false, severity: low }', '', 0, undefined],
    ])('rules: %s', (setting, field, line, problem) => {
      const text = `owner: x\nrules:\n  ${setting}\n`;
      if (problem === undefined) {
        expect(() => loadPolicyFile(policyAt('posture.config.yaml', text), KNOWN)).not.toThrow();
        return;
      }
      const rule = field.split('.')[0];
      expect(errorOf('posture.config.yaml', text).problems).toEqual([
        {
          line,
          detail: `rules.${field}: ${rule} reports input that was not checked and fails the gate closed: ${problem} (waive one of its findings with an exception that says why)`,
        },
      ]);
    });
  });

  it('rejects JSON with a syntax error on its line', () => {
    expect(errorOf('posture.config.json', '{\n  "owner": "x",\n  oops\n}').problems[0]?.line).toBe(
      3,
    );
  });

  it.each([
    ['a setting', '{\n  "failOn": "low",\n  "failOn": "critical"\n}', [3]],
    [
      "an exception's expiry",
      `{
  "exceptions": [
    {
      "rule": "s3-public-acl",
      "target": { "address": "aws_s3_bucket.r" },
      "reason": "temporary mirror",
      "expires": "2026-01-31",
      "expires": "2099-12-31"
    }
  ],
  "owner": "a",
  "owner": "b"
}`,
      [8, 12],
    ],
  ])('rejects JSON that gives %s twice, at each line after the first', (_what, text, lines) => {
    const error = errorOf('posture.config.json', text);
    expect(error.problems.map((problem) => problem.line)).toEqual(lines);
    expect(error.message).toContain('is given twice');
  });

  it('rejects JSON nested 200,000 levels deep at its line, not with an internal error', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const error = errorOf('posture.config.json', `{\n  "owner": "x",\n  "x": ${deep}\n}`);
    expect(error.problems).toMatchObject([{ line: 3, detail: expect.stringMatching(/deeper/) }]);
  });

  it('accepts JSON that gives a key once in each of several objects', () => {
    const text =
      '{ "exceptions": [{ "rule": "s3-website", "target": { "bucket": "a" }, "reason": "x" }, { "rule": "s3-website", "target": { "bucket": "b" }, "reason": "y" }] }';
    expect(() => loadPolicyFile(policyAt('posture.config.json', text), KNOWN)).not.toThrow();
  });

  it('points at the line of a schema violation in JSON', () => {
    expect(
      errorOf('posture.config.json', '{\n  "owner": "x",\n  "scope": 1\n}').problems[0]?.line,
    ).toBe(3);
  });

  it('reports every problem at once, each with its line and field, in file order', () => {
    const error = errorOf(
      'posture.config.yaml',
      `owner: x
exceptions:
  - rule: s3-website
    target: { bucket: x }
    reason: "   "
    expires: 2030-13-45
    colour: red
  - rule: s3-nope
    target: { bucket: y }
rules:
  nope: { enabled: false }
scope: everything
`,
    );
    expect(error.problems).toEqual([
      { line: 5, detail: 'exceptions.0.reason: only blanks; every exception must say why' },
      { line: 6, detail: 'exceptions.0.expires: 2030-13-45 is not a real date' },
      { line: 7, detail: 'exceptions.0.colour: unknown setting' },
      { line: 8, detail: 'exceptions.1: missing required "reason"' },
      { line: 8, detail: 'exceptions.1.rule: unknown rule id "s3-nope"' },
      { line: 11, detail: 'rules.nope: unknown rule id' },
      { line: 12, detail: 'scope: expected one of "release", "all"' },
    ]);
    expect(error.message.split('\n')).toHaveLength(7);
    expect(error.message.split('\n')[1]).toMatch(
      /posture\.config\.yaml:6: exceptions\.0\.expires: 2030-13-45 is not a real date$/,
    );
  });
});

describe('policy file discovery', () => {
  /** Lays out `paths` (a trailing `/` makes a directory) and finds the policy for `scanned`. */
  function found(paths: readonly string[], scanned: string): string | undefined {
    const top = tempDir('find');
    for (const path of paths) {
      mkdirSync(join(top, path.endsWith('/') ? path : dirname(path)), { recursive: true });
      if (!path.endsWith('/')) writeFileSync(join(top, path), 'owner: x\n');
    }
    const hit = findPolicyFile(join(top, scanned));
    return hit && relative(top, hit);
  }

  it.each([
    [
      'at the scan root',
      ['repo/.git/', 'repo/posture.config.yaml'],
      'repo',
      'repo/posture.config.yaml',
    ],
    [
      'above the scan root, up to the repository top',
      ['repo/.git/', 'repo/posture.config.yml', 'repo/infra/'],
      'repo/infra',
      'repo/posture.config.yml',
    ],
    [
      'the nearest of several',
      ['repo/.git/', 'repo/posture.config.yaml', 'repo/infra/posture.config.json'],
      'repo/infra',
      'repo/infra/posture.config.json',
    ],
    [
      'a checkout whose .git is a file (a worktree)',
      ['repo/.git', 'repo/posture.config.yaml', 'repo/infra/'],
      'repo/infra',
      'repo/posture.config.yaml',
    ],
    [
      'nothing above the repository top',
      ['posture.config.yaml', 'repo/.git/', 'repo/infra/'],
      'repo/infra',
      undefined,
    ],
    [
      'outside a checkout, the scan root only',
      ['posture.config.yaml', 'dir/posture.config.yaml'],
      'dir',
      'dir/posture.config.yaml',
    ],
    [
      'outside a checkout, nothing above the scan root',
      ['posture.config.yaml', 'dir/'],
      'dir',
      undefined,
    ],
  ])('finds %s', (_what, paths, scanned, expected) => {
    expect(found(paths, scanned)).toBe(expected);
  });
});

describe('a policy file found that is no plain file', () => {
  /**
   * A repository whose posture.config.yaml is made by `make` (a symlink to a path, a named pipe),
   * beside `shared/policy.yaml` in it and `outside.yaml` next to it: the policy read, or the error.
   */
  function policyOf(make: (path: string) => void): string {
    const top = tempDir('find');
    mkdirSync(join(top, 'repo/.git'), { recursive: true });
    mkdirSync(join(top, 'repo/shared'));
    writeFileSync(join(top, 'repo/shared/policy.yaml'), 'owner: inside@acme.example\n');
    writeFileSync(join(top, 'outside.yaml'), 'owner: outside@acme.example\nfailOn: none\n');
    make(join(top, 'repo/posture.config.yaml'));
    try {
      const file = findPolicyFile(join(top, 'repo'));
      return file === undefined ? 'none' : (loadPolicyFile(file, KNOWN).policy.owner ?? '');
    } catch (error) {
      if (error instanceof PolicyError) return error.message.replace(`${top}/`, '');
      throw error;
    }
  }
  const link = (target: string) => (path: string) => symlinkSync(target, path);

  it.each([
    [
      'a symlink to a file inside the repository is read',
      link('shared/policy.yaml'),
      'inside@acme.example',
    ],
    [
      'a symlink out of the repository is an error, and is not read',
      link('../outside.yaml'),
      'repo/posture.config.yaml: is a symlink leading out of the repository: a policy file found there is not read (name a policy file with --config)',
    ],
    [
      'a symlink to a device is an error, and is not read',
      link('/dev/zero'),
      'repo/posture.config.yaml: is a symlink leading out of the repository: a policy file found there is not read (name a policy file with --config)',
    ],
    [
      'a symlink to nothing is an error, not a repository without a policy',
      link('gone.yaml'),
      'repo/posture.config.yaml: cannot read the policy file (does not exist)',
    ],
    [
      'a named pipe is an error, not a scan that waits for a writer',
      (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0),
      'repo/posture.config.yaml: cannot read the policy file (not a regular file)',
    ],
  ])('%s', (_what, make, expected) => {
    expect(policyOf(make)).toBe(expected);
  });

  it('a policy file named (--config) is read wherever it is, but only when a regular file', () => {
    expect(() => loadPolicyFile('/dev/zero', KNOWN)).toThrow(
      '/dev/zero: cannot read the policy file (not a regular file)',
    );
  });
});
