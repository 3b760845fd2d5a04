import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

/**
 * A Makefile that names its release bucket once, through a variable: the upload is a link to the
 * Terraform bucket, judged at the line of the reference as written.
 */
const MAKEFILE = `BUCKET := acme-releases

build:
\tnpm run build

release: build
\taws s3 cp dist s3://$(BUCKET)/ --recursive --acl public-read
`;

const TERRAFORM = 'resource "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\n';

describe('links through build variables', () => {
  it('finds a public upload to a bucket named by a Makefile variable', async () => {
    const report = await scanFiles({ Makefile: MAKEFILE, 'main.tf': TERRAFORM });
    expect(summarize(report)).toContain('link-public-upload@Makefile:7');
    const finding = report.result.findings.find((f) => f.ruleId === 'link-public-upload');
    expect(finding?.location.start.column).toBe(17);
    expect(finding?.message).toContain('s3://acme-releases/');
  });

  it('reports a link used the same way on several lines once, the other lines related', async () => {
    const script = [
      '#!/bin/sh',
      'base="https://pub-15670d2771364287b9982e497c29f586.r2.dev"',
      'curl -fsSL "$base/index.toml" -o index.toml',
      'curl -fsSL "$base/index.toml" -o index.toml.bak',
      'curl -fsSL "$base/index.toml" | head -1',
      '',
    ].join('\n');
    const report = await scanFiles({ 'install.sh': script });
    const opened = report.result.findings.filter((f) => f.ruleId === 'link-public-bucket');
    // The three uses of "$base/index.toml" go on from the URL that `base` holds: one link.
    expect(opened.map((f) => f.location.start.line)).toEqual([2]);
    expect(
      opened[0]?.related.filter((r) => r.label === 'used again').map((r) => r.range.start.line),
    ).toEqual([3, 4, 5]);
  });

  // The related list grows in place (it was copied for each use: 25,000 uses took 2.6 s); this
  // pins what a file of many uses reports, not the time it takes.
  it('reports 1,500 uses of a link once, every other use related in order', async () => {
    const uses = Array.from({ length: 1_500 }, () => 'curl -fsSL "$base/index.toml"');
    const script = [
      '#!/bin/sh',
      'base="https://pub-15670d2771364287b9982e497c29f586.r2.dev"',
      ...uses,
    ];
    const report = await scanFiles({ 'install.sh': `${script.join('\n')}\n` });
    const opened = report.result.findings.filter((f) => f.ruleId === 'link-public-bucket');
    expect(opened.map((f) => f.location.start.line)).toEqual([2]);
    const again = opened[0]?.related.filter((r) => r.label === 'used again');
    expect(again?.map((r) => r.range.start.line)).toEqual(uses.map((_, i) => i + 3));
  });

  // Each link was searched for among every one kept before it: 2,000 links of 1,900 characters
  // to one bucket's objects took 43 s. These pin what is kept, and where each use is related.
  const B = 'https://acme-releases.s3.amazonaws.com';
  const slashes = '/'.repeat(100);
  it.each([
    ['a path after its base', [`${B}/releases`, `${B}/releases/v1/cli.tgz`], { 2: [3] }],
    ['a base after its path', [`${B}/releases/v1/cli.tgz`, `${B}/releases`], { 2: [3] }],
    [
      'a base after two of its paths, to the first',
      [`${B}/releases/a.tgz`, `${B}/releases/b.tgz`, `${B}/releases`],
      { 2: [4], 3: [] },
    ],
    ['a query', [`${B}/b.tgz`, `${B}/a.tgz`, `${B}/a.tgz?x=1`, `${B}/b.tgz#f`], { 2: [5], 3: [4] }],
    ['no path boundary', [`${B}/rel`, `${B}/releases`], { 2: [], 3: [] }],
    ['a base ending in a slash', [`${B}/releases/`, `${B}/releases/x`], { 2: [3] }],
    ['a path of 100 slashes', [`${B}/${slashes}x`, `${B}/${slashes}`, `${B}/`], { 2: [3, 4] }],
    ['its base first', [`${B}/a/`, `${B}/a/${slashes}x`, `${B}/b/${slashes}`], { 2: [3], 4: [] }],
  ])('one finding for %s', async (_what, urls, related) => {
    const script = ['#!/bin/sh', ...urls.map((url) => `curl -fsSLO "${url}"`)];
    const report = await scanFiles({
      'install.sh': `${script.join('\n')}\n`,
      'main.tf': TERRAFORM,
    });
    const links = report.result.findings.filter((f) => f.ruleId === 'link-release-bucket');
    const again = (f: (typeof links)[number]) =>
      f.related.filter((r) => r.label === 'used again').map((r) => r.range.start.line);
    expect(Object.fromEntries(links.map((f) => [f.location.start.line, again(f)]))).toEqual(
      related,
    );
  });

  it(
    'reports 2,000 links of 1,900 characters to one bucket, each its own, in seconds',
    async () => {
      const urls = Array.from({ length: 2_000 }, (_, i) => `${B}/${'a'.repeat(1_900)}-${i}`);
      const script = ['#!/bin/sh', ...urls.map((url) => `curl -fsSLO "${url}"`)];
      const start = threadCpuMs();
      const report = await scanFiles({
        'install.sh': `${script.join('\n')}\n`,
        'main.tf': TERRAFORM,
      });
      expect(threadCpuMs() - start).toBeLessThan(10_000);
      const links = report.result.findings.filter((f) => f.ruleId === 'link-release-bucket');
      expect(links.map((f) => f.location.start.line)).toEqual(urls.map((_, i) => i + 2));
    },
    GUARD_TIMEOUT_MS,
  );

  it('reports a base URL and the paths its uses add once, with the whole of each use', async () => {
    const script = [
      '#!/bin/sh',
      'VERSION="${VERSION:-latest}"',
      'BASE="https://acme-releases.s3.amazonaws.com/releases"',
      'curl -fsSL "$BASE/$VERSION/acme_$(uname -s)_$(uname -m).tar.gz" | tar xz',
      'curl -fsSL "$BASE/$VERSION/checksums.txt" -o /tmp/sums',
      // Another URL of the bucket, not the one BASE holds, is another link.
      'curl -fsSL "https://acme-releases.s3.amazonaws.com/install.sh"',
      '',
    ].join('\n');
    const report = await scanFiles({ 'install.sh': script, 'main.tf': TERRAFORM });
    const links = report.result.findings.filter((f) => f.ruleId === 'link-release-bucket');
    expect(links.map((f) => f.location.start.line)).toEqual([3, 6]);
    expect(
      links[0]?.related.filter((r) => r.label === 'used again').map((r) => r.range.start.line),
    ).toEqual([4, 5]);
    const uses = report.facts.links.filter((l) => l.range.start.line === 4).map((l) => l.url);
    expect(uses).toEqual([
      'https://acme-releases.s3.amazonaws.com/releases/latest/acme_$(uname -s)_$(uname -m).tar.gz',
    ]);
  });

  it.each([
    [
      'install.sh',
      '#!/bin/sh\nV=1.2.3\nURL="https://storage.googleapis.com/acme-releases/cli/${V}/cli"\ncurl -fsSL "$URL" -o cli\n',
    ],
    // The ENV line and the RUN line are two places of the file (fields), but one link.
    [
      'Dockerfile',
      'FROM alpine\nENV V 1.2.3\nENV URL https://storage.googleapis.com/acme-releases/cli/${V}/cli\nRUN wget -O cli "${URL}"\nRUN wget -O cli2 "${URL}"\n',
    ],
  ])(
    '%s: reports a URL held in a variable built from another once, at its assignment',
    async (path, text) => {
      const terraform =
        'resource "google_storage_bucket" "b" {\n  name     = "acme-releases"\n  location = "US"\n}\n';
      const report = await scanFiles({ [path]: text, 'main.tf': terraform });
      const links = report.result.findings.filter((f) => f.ruleId === 'link-release-bucket');
      expect(links.map((f) => f.location.start.line)).toEqual([3]);
      const again = links[0]?.related.filter((r) => r.label === 'used again');
      expect(again?.map((r) => r.range.start.line)).toEqual(path === 'Dockerfile' ? [4, 5] : [4]);
    },
  );

  it('reports each step that uploads publicly, although each names the same bucket alike', async () => {
    const workflow = [
      'on: { push: { tags: ["v*"] } }',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: aws s3 cp dist/a.tgz s3://acme-releases/ --acl public-read',
      '      - run: aws s3 cp dist/a.tgz s3://acme-releases/ --acl public-read',
      '',
    ].join('\n');
    const report = await scanFiles({ '.github/workflows/release.yml': workflow });
    const uploads = report.result.findings.filter((f) => f.ruleId === 'link-public-upload');
    expect(uploads.map((f) => f.location.start.line)).toEqual([6, 7]);
  });

  it('names no bucket when the variable is set by a shell command: the public upload is kept as written', async () => {
    const makefile = MAKEFILE.replace('acme-releases', '$(shell cat bucket.txt)');
    const report = await scanFiles({ Makefile: makefile, 'main.tf': TERRAFORM });
    expect(summarize(report).filter((f) => f.startsWith('link-'))).toEqual([
      'link-public-upload@Makefile:7',
    ]);
    const [finding] = report.result.findings;
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('a bucket named only as s3://$(BUCKET)/');
  });
});

describe('links to a bucket whose name is known only in part', () => {
  const files = (terraform: string) => ({
    'main.tf': `variable "env" {}\n${terraform}`,
    'package.json':
      '{ "config": { "download": "https://acme-prod-releases.s3.amazonaws.com/cli.tgz" } }\n',
  });

  it('match the one bucket whose shape fits', async () => {
    const report = await scanFiles(
      files('resource "aws_s3_bucket" "r" {\n  bucket = "acme-${var.env}-releases"\n}\n'),
    );
    expect(summarize(report)).toEqual([
      'link-release-bucket@package.json:1',
      's3-public-access-block@main.tf:2',
    ]);
  });

  it('match none when two shapes fit, or too little of the name is known', async () => {
    const two = await scanFiles(
      files(`resource "aws_s3_bucket" "r" {
  bucket = "acme-\${var.env}-releases"
}
resource "aws_s3_bucket" "s" {
  bucket = "acme-prod-\${var.env}"
}
`),
    );
    expect(summarize(two).filter((f) => f.startsWith('link-'))).toEqual([]);
    const vague = await scanFiles(
      files(
        'resource "aws_s3_bucket" "r" {\n  bucket = "${var.env}-dist"\n  tags = { release = "true" }\n}\n',
      ),
    );
    expect(summarize(vague).filter((f) => f.startsWith('link-'))).toEqual([]);
  });
});

describe('links to a release bucket declared in another repository', () => {
  // An application repository: its bucket's Terraform lives in an infrastructure repository.
  const files = {
    'package.json':
      '{ "scripts": { "fetch": "curl -O https://acme-cli-releases.s3.amazonaws.com/cli.tgz", "tool": "curl -O https://tool-releases.s3.amazonaws.com/t.tgz" } }\n',
  };
  const release = {
    Makefile: 'release:\n\taws s3 cp dist s3://acme-cli-releases/ --acl public-read\n',
  };

  it('are release links when the policy names the bucket in release.buckets', async () => {
    const report = await scanFiles(
      { ...files, 'posture.config.yaml': 'release:\n  buckets: ["acme-cli-*"]\n' },
      { policyFile: 'posture.config.yaml' },
    );
    expect(summarize(report)).toEqual(['link-release-bucket@package.json:1']);
    const link = report.result.findings.find((f) => f.ruleId === 'link-release-bucket');
    expect(link?.message).toContain(
      'links to release bucket "acme-cli-releases" (release.buckets "acme-cli-*" in the policy file names it; not declared in the Terraform scanned)',
    );
  });

  it('are release links when a release step uploads to the bucket', async () => {
    const report = await scanFiles({ ...files, ...release });
    expect(summarize(report)).toEqual([
      'link-public-upload@Makefile:2',
      'link-release-bucket@package.json:1',
    ]);
  });

  it('say both when the policy names the bucket and a release step uploads to it', async () => {
    const report = await scanFiles(
      { ...files, ...release, 'posture.config.yaml': 'release:\n  buckets: ["acme-cli-*"]\n' },
      { policyFile: 'posture.config.yaml' },
    );
    const messages = report.result.findings.map((f) => f.message);
    const target =
      'release bucket "acme-cli-releases" (name matches *release*, a release step at Makefile:2 uploads to it and release.buckets "acme-cli-*" in the policy file names it; not declared in the Terraform scanned)';
    expect(messages).toEqual([
      expect.stringContaining(`Makefile (release) uploads to ${target} and makes`),
      expect.stringContaining(`package.json (scripts.fetch) links to ${target}.`),
    ]);
  });

  it("are not, by name globs alone: a build may download tools from anyone's *-releases bucket", async () => {
    expect(summarize(await scanFiles(files))).toEqual([]);
  });
});
