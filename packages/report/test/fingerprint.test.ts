import { readFileSync } from 'node:fs';
import type { Result } from 'sarif';
import { afterEach, describe, expect, it } from 'vitest';
import { lineHashes, POSTURE_FINDING_HASH, toSarif } from '../src/index.js';
import { finding, Fixture, rule } from './support/fixture.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

/** A bound that only a blow-up crosses, however busy the machine: speed is for `pnpm bench`. */
const BLOW_UP_MS = 10_000;

/** github/codeql-action `src/fingerprints.test.ts`, test "hash", as listed in the SARIF reference §2.4. */
const GREETINGS = [
  'e9496ae3ebfced30:1',
  'fb7c023a8b9ccb3f:1',
  'ce8ba1a563dcdaca:1',
  'e20e36e16fcb0cc8:1',
  'b3edc88f2938467e:1',
  'c8e28b0b4002a3a0:1',
  'c129715d7a2bc9a3:1',
];
const VECTORS: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [
    ' a\nb\n  \t\tc\n d',
    ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1'],
  ],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    [
      '8b7cf3e952e7aeb2:1',
      'b1ae1287ec4718d9:1',
      'bff680108adb0fcc:1',
      'c6805c5e1288b612:1',
      'b86d3392aea1be30:1',
      'e6ceba753e1a442:1',
    ],
  ],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', GREETINGS],
  [' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', GREETINGS],
  [' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', GREETINGS],
  [' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n', GREETINGS],
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
  [
    'x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n',
    [
      'e54938cc54b302f1:1',
      'bb609acbe9138d60:1',
      '1131fd5871777f34:1',
      '5c482a0f8b35ea28:1',
      '54517377da7028d2:1',
      '2c644846cb18d53e:1',
      'f1b89f20de0d133:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
];

/**
 * Random texts (tabs, CR/LF mixes, code units up to 0xffff) with the hashes the port computed, so
 * that any change to its arithmetic is checked on every carry and borrow path.
 */
const RECORDED = JSON.parse(
  readFileSync(new URL('./fixtures/line-hashes.json', import.meta.url), 'utf8'),
) as { text: string; hashes: string[] }[];

describe('lineHashes', () => {
  it.each(VECTORS)('reproduces codeql-action for %j', (text, expected) => {
    expect(lineHashes(text)).toEqual(expected);
  });

  it('matches the hashes recorded from the BigInt implementation', () => {
    for (const { text, hashes } of RECORDED) expect(lineHashes(text)).toEqual(hashes);
  });

  it('gives the same first lines when asked for only those', () => {
    for (const { text, hashes } of RECORDED) {
      for (const lines of [1, 2, Math.ceil(hashes.length / 2), hashes.length, hashes.length + 3]) {
        expect(lineHashes(text, lines)).toEqual(hashes.slice(0, lines));
      }
    }
  });
});

const BUCKET = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
  acl    = "public-read"
}
`;

describe('result fingerprints', () => {
  let fixture: Fixture | undefined;
  afterEach(() => fixture?.cleanup());

  function fingerprintedResult(text: string, needle = 'acl'): Result {
    fixture?.cleanup();
    fixture = Fixture.create({ 'main.tf': text });
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-public-acl')],
        findings: [
          finding('s3-public-acl', fixture.range('main.tf', needle), {
            address: 'aws_s3_bucket.releases',
          }),
        ],
      }),
    );
    return log.runs[0]?.results?.[0] as Result;
  }

  it("sets GitHub's primaryLocationLineHash for the finding's line", () => {
    const result = fingerprintedResult(BUCKET);
    expect(result.partialFingerprints?.primaryLocationLineHash).toBe(lineHashes(BUCKET)[2]);
  });

  it('survives unrelated lines added above the finding', () => {
    const before = fingerprintedResult(BUCKET);
    const after = fingerprintedResult(
      `# Release storage.\nlocals {\n  team = "web"\n}\n\n${BUCKET}`,
    );
    expect(after.locations?.[0]?.physicalLocation?.region?.startLine).toBe(8);
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    expect(after.fingerprints).toEqual(before.fingerprints);
  });

  it('keeps our own fingerprint across re-indentation, but not a change of the line', () => {
    const before = fingerprintedResult(BUCKET);
    const reindented = fingerprintedResult(BUCKET.replace('  acl    =', '    acl =  '));
    expect(reindented.fingerprints).toEqual(before.fingerprints);
    const changed = fingerprintedResult(BUCKET.replace('public-read', 'public-read-write'));
    expect(changed.fingerprints?.[POSTURE_FINDING_HASH]).not.toBe(
      before.fingerprints?.[POSTURE_FINDING_HASH],
    );
  });

  it('numbers findings that share rule, address, file and line text', () => {
    const repo = Fixture.create({ 'main.tf': 'acl = "x"\nacl = "x"\n' });
    fixture = repo;
    const findings = [1, 2].map((n) => finding('s3-public-acl', repo.range('main.tf', 'acl', n)));
    const log = toSarif(repo.result({ rules: [rule('s3-public-acl')], findings }));
    const ours = log.runs[0]?.results?.map((r) => r.fingerprints?.[POSTURE_FINDING_HASH]) ?? [];
    expect(ours[0]).toMatch(/^[0-9a-f]{32}:1$/);
    expect(ours[1]).toBe(ours[0]?.replace(/:1$/, ':2'));
  });

  it('hashes a long line once for all the findings on it, and keys them by what changes', () => {
    // A plan written on one line: every finding is on line 1, 4 MB long.
    const line = `{"resource_changes":[${'{"address":"aws_s3_bucket.b","x":"y"},'.repeat(100_000)}{}]}`;
    const repo = Fixture.create({ 'plan.json': line });
    fixture = repo;
    const start = { line: 1, column: 1, offset: 0 };
    const at = { file: 'plan.json', start, end: start };
    const findings = Array.from({ length: 3_000 }, (_, i) =>
      finding('s3-public-acl', at, { address: `aws_s3_bucket.b${i}` }),
    );
    const began = threadCpuMs();
    const log = toSarif(repo.result({ rules: [rule('s3-public-acl')], findings }));
    // Hashing the 4 MB line for each finding took minutes; once for all, well under a second.
    expect(threadCpuMs() - began).toBeLessThan(BLOW_UP_MS);
    const ours = log.runs[0]?.results?.map((r) => r.fingerprints?.[POSTURE_FINDING_HASH]) ?? [];
    expect(new Set(ours).size).toBe(3_000);
    expect(ours.every((hash) => hash?.endsWith(':1'))).toBe(true);
  });

  it("tells apart one module's findings deployed by two roots, whatever their order", () => {
    const repo = Fixture.create({
      'modules/bucket/main.tf': 'acl = "public-read"\n',
      'envs/dev/main.tf': 'module "b" {}\n',
      'envs/prod/main.tf': 'module "b" {}\n',
    });
    fixture = repo;
    const deployedBy = (root: string) =>
      finding('s3-public-acl', repo.range('modules/bucket/main.tf', 'acl'), {
        address: 'module.b.aws_s3_bucket.this',
        related: [{ label: 'module call', range: repo.range(`${root}/main.tf`, 'module') }],
      });
    const ours = (roots: string[]) => {
      const findings = roots.map(deployedBy);
      const log = toSarif(repo.result({ rules: [rule('s3-public-acl')], findings }));
      const results = log.runs[0]?.results ?? [];
      return new Map(
        results.map((r) => [
          r.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri,
          r.fingerprints?.[POSTURE_FINDING_HASH],
        ]),
      );
    };
    const one = ours(['envs/prod']);
    const both = ours(['envs/dev', 'envs/prod']);
    // Adding envs/dev leaves envs/prod's identity as it was, and gives envs/dev its own.
    expect(both.get('envs/prod/main.tf')).toBe(one.get('envs/prod/main.tf'));
    expect(both.get('envs/dev/main.tf')).not.toBe(both.get('envs/prod/main.tf'));
  });

  it('tells apart files shipped under one package setting, whatever their order', () => {
    const repo = Fixture.create({ 'package.json': '{\n  "files": ["dist"]\n}\n' });
    fixture = repo;
    const shipped = (packagePath: string) =>
      finding('artifact-sources-content', repo.range('package.json', '"dist"'), {
        properties: { packagePath },
      });
    const ours = (files: string[]) => {
      const findings = files.map(shipped);
      const log = toSarif(repo.result({ rules: [rule('artifact-sources-content')], findings }));
      const results = log.runs[0]?.results ?? [];
      return new Map(
        results.map((r) => [r.properties?.['packagePath'], r.fingerprints?.[POSTURE_FINDING_HASH]]),
      );
    };
    const vendored = ours(['dist/vendor/pdf.worker.js.map']);
    const both = ours(['dist/index.js.map', 'dist/vendor/pdf.worker.js.map']);
    const firstParty = ours(['dist/index.js.map']);
    // A new map does not take the identity of the one reviewed before it, nor shift it.
    expect(both.get('dist/vendor/pdf.worker.js.map')).toBe(
      vendored.get('dist/vendor/pdf.worker.js.map'),
    );
    expect(firstParty.get('dist/index.js.map')).not.toBe(
      vendored.get('dist/vendor/pdf.worker.js.map'),
    );
  });

  it("gives each instance of a module its own line hash, which GitHub takes as the alert's identity", () => {
    const repo = Fixture.create({ 'modules/bucket/main.tf': 'acl = "public-read"\n' });
    fixture = repo;
    const instance = (name: string) =>
      finding('s3-public-acl', repo.range('modules/bucket/main.tf', 'acl'), {
        address: `module.${name}.aws_s3_bucket.this`,
      });
    const lineHashesOf = (names: string[]) => {
      const findings = names.map(instance);
      const log = toSarif(repo.result({ rules: [rule('s3-public-acl')], findings }));
      return (log.runs[0]?.results ?? []).map(
        (r) => r.partialFingerprints?.primaryLocationLineHash,
      );
    };
    const plain = lineHashes('acl = "public-read"\n')[0];
    expect(lineHashesOf(['a'])).toEqual([plain]);
    const two = lineHashesOf(['a', 'b']);
    expect(new Set(two).size).toBe(2);
    expect(two).not.toContain(plain);
    expect(two[0]).toMatch(/^[0-9a-f]{16}:1$/);
    expect(lineHashesOf(['b', 'a'])).toEqual([...two].reverse());
  });

  it('leaves primaryLocationLineHash to the uploader when the file cannot be read', () => {
    fixture = Fixture.create({});
    const start = { line: 3, column: 1, offset: 0 };
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-public-acl')],
        findings: [finding('s3-public-acl', { file: 'gone.tf', start, end: start })],
      }),
    );
    const result = log.runs[0]?.results?.[0];
    expect(result?.partialFingerprints).toBeUndefined();
    expect(result?.fingerprints?.[POSTURE_FINDING_HASH]).toMatch(/^[0-9a-f]{32}:1$/);
  });
});
