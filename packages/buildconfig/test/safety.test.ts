/**
 * Bad input and safety: placeholders are never buckets, lookalike hosts never match, credentials
 * never leave the extractor, binary/huge/broken files give diagnostics, and scanning stays linear on
 * adversarial input.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractCommandLinks, extractLinks } from '../src/index.js';
import { findUrlRefs } from '../src/find-refs.js';
import { MAX_RESOLVED_GROWTH, MAX_VALUE } from '../src/variables/common.js';
import { dockerSubstitutions, earthfileSubstitutions } from '../src/variables/dockerfile.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';
import { BLOW_UP_MS, repo, scan, scanGuarded, scanText, where } from './helpers.js';

// The guards against blow-ups bound CPU time; a busy machine may take long to give it them.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

describe('placeholders', () => {
  it.each([
    's3://${{ secrets.AWS_S3_BUCKET }}/app.zip',
    's3://${BUCKET}/app.zip',
    's3://$BUCKET/app.zip',
    's3://$(BUCKET)/app.zip',
    'gs://{{ .ProjectName }}/dist',
    'gs://%BUCKET%/dist',
    's3://${var.bucket}/x',
    's3://releases-${ENV}/x',
    'https://$BUCKET.s3.amazonaws.com/x',
    'https://${ENV}-releases.s3.amazonaws.com/x',
    'https://%BUCKET%.s3.amazonaws.com/x',
    'https://$Env:BUCKET.s3.amazonaws.com/x',
    'https://{{ .Env.BUCKET }}.s3.amazonaws.com/x',
    'https://s3.amazonaws.com/${BUCKET}/x',
    'https://storage.googleapis.com/$(BUCKET)/x',
    'https://pub-${R2_ID}.r2.dev/x',
    'npx wrangler r2 object put "$BUCKET/key" --file x',
    'rclone copy dist r2:${BUCKET}/x',
  ])('%s names no bucket', (command) => {
    expect(scanText('x.sh', `aws s3 cp x ${command}\n`).links).toEqual([]);
  });

  it('drops templated bucket fields, but for a public upload, which names no bucket', () => {
    const workflow = [
      'on: release',
      'jobs:',
      '  s3:',
      '    steps:',
      '      - uses: jakejarvis/s3-sync-action@v0.5.1',
      '        env:',
      '          AWS_S3_BUCKET: ${{ secrets.AWS_S3_BUCKET }}',
    ].join('\n');
    const goreleaser = 'blobs:\n  - provider: s3\n    bucket: "{{ .Env.BUCKET }}"\n';
    const builder = 'publish:\n  provider: s3\n  bucket: ${env.RELEASE_BUCKET}\n';
    const root = repo({
      '.github/workflows/release.yml': workflow,
      '.goreleaser.yml': goreleaser,
      'electron-builder.yml': builder,
      'serverless.yml': 'provider:\n  deploymentBucket: ${self:custom.bucket}\n',
    });
    const result = scan(root);
    // electron-builder's s3 publisher uploads public-read, whatever the bucket is.
    expect(result.links.map((l) => [l.range.file, l.url, l.bucket, l.usage])).toEqual([
      ['electron-builder.yml', '${env.RELEASE_BUCKET}', undefined, 'public-upload'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('lookalike hosts', () => {
  it.each([
    'https://bucket.s3.amazonaws.com.evil.test/x',
    'https://bucket.s3.amazonaws.com-evil.test/x',
    'https://s3.amazonaws.com.evil.test/bucket/x',
    'https://bucket.s3.evil-amazonaws.com/x',
    'https://evil-amazonaws.com/bucket/x',
    'https://s3.evil-amazonaws.com/bucket/x',
    'https://storage.googleapis.com.evil.test/bucket/x',
    'https://bucket.storage.googleapis.com.evil.test/x',
    'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev.evil.test/x',
    'https://x-pub-aea8527898604c1bbb12468b1581d95e.r2.dev/x',
    'https://evils3.amazonaws.com/bucket/x',
    'https://d111111abcdef8.cloudfront.net/x',
  ])('%s is not storage', (url) => {
    expect(scanText('x.sh', `curl ${url}\n`).links).toEqual([]);
  });
});

describe('classification', () => {
  it('keeps an upload to a private bucket as an upload link: the rule decides', () => {
    const [link] = scanText(
      'x.sh',
      'aws s3 cp dist/app.zip s3://acme-private-artifacts/app.zip\n',
    ).links;
    expect(link).toMatchObject({
      usage: 'upload',
      bucket: 'acme-private-artifacts',
      releaseStep: false,
    });
  });

  it.each([
    [
      'S3 SigV4',
      'https://bk1.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101&X-Amz-Signature=deadbeef',
    ],
    [
      'GCS V4',
      'https://storage.googleapis.com/bk2/k?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam&X-Goog-Signature=deadbeef',
    ],
    [
      'R2',
      'https://bk3.023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com/k?X-Amz-Credential=abc&X-Amz-Signature=deadbeef',
    ],
    [
      'S3 SigV2',
      'https://s3.amazonaws.com/bk4/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1700000000&Signature=deadbeef',
    ],
    [
      'GCS V2',
      'https://storage.googleapis.com/bk5/k?GoogleAccessId=sa@p.iam.gserviceaccount.com&Expires=1700000000&Signature=deadbeef',
    ],
  ])('classifies a %s signed URL as presigned', (_name, url) => {
    const [link] = scanText('x.sh', `curl -o out "${url}"\n`).links;
    expect(link?.usage).toBe('presigned');
    expect(JSON.stringify(link)).not.toMatch(/deadbeef|AKIAIOSFODNN7EXAMPLE|sa@p\.iam/);
  });

  it('classifies curl -T to a bucket URL as an upload', () => {
    const [link] = scanText(
      'x.sh',
      'curl -T app.zip https://upload-bucket.s3.amazonaws.com/app.zip\n',
    ).links;
    expect(link?.usage).toBe('upload');
  });
});

describe('credential redaction', () => {
  it('never copies a credential into the result', () => {
    const text = [
      'curl "https://aa1.s3.amazonaws.com/x?X-Amz-Security-Token=SESSIONTOKEN1&token=TOKEN2&sig=SIG3&key=KEY4"',
      'curl "https://user:PASSWORD5@aa2.s3.amazonaws.com/x"',
      'curl "https://aa3.s3.amazonaws.com/x#access_token=TOKEN6"',
      'curl "https:\\/\\/aa4.s3.amazonaws.com\\/x?api_key=KEY7"',
      'curl "https%3A%2F%2Faa5.s3.amazonaws.com%2Fx%3Fsecret%3DSECRET8"',
      'curl "https://storage.googleapis.com/aa6/x?GoogleAccessId=GOOG1ACCESSID9&Signature=SIG10"',
      'curl "https://storage.googleapis.com/upload/storage/v1/b/aa7/o?uploadType=resumable&upload_id=UPLOAD11"',
    ].join('\n');
    const result = scanText('x.sh', text);
    expect(result.links).toHaveLength(7);
    const json = JSON.stringify(result);
    for (const secret of [
      'SESSIONTOKEN1',
      'TOKEN2',
      'SIG3',
      'KEY4',
      'PASSWORD5',
      'TOKEN6',
      'KEY7',
      'SECRET8',
      'GOOG1ACCESSID9',
      'SIG10',
      'UPLOAD11',
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(result.links.map((l) => l.url)).toEqual([
      'https://aa1.s3.amazonaws.com/x?X-Amz-Security-Token=REDACTED&token=REDACTED&sig=REDACTED&key=REDACTED',
      'https://REDACTED@aa2.s3.amazonaws.com/x',
      'https://aa3.s3.amazonaws.com/x#access_token=REDACTED',
      'https://aa4.s3.amazonaws.com/x?api_key=REDACTED',
      'https://aa5.s3.amazonaws.com/x?secret=REDACTED',
      'https://storage.googleapis.com/aa6/x?GoogleAccessId=REDACTED&Signature=REDACTED',
      'https://storage.googleapis.com/upload/storage/v1/b/aa7/o?uploadType=resumable&upload_id=REDACTED',
    ]);
  });

  it('leaves parse-error messages free of the source text', () => {
    const result = scanText(
      '.github/workflows/x.yml',
      'on: push\njobs:\n  a: [SECRET_VALUE_9\n   b: c\n',
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('SECRET_VALUE_9');
  });
});

describe('files that are not scanned', () => {
  const UPLOAD = 'aws s3 cp x s3://bin-bucket/ --acl public-read\r\n';
  const utf16le = (text: string) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  it.each([
    ['UTF-16LE with a byte-order mark', utf16le(`# release\r\n${UPLOAD}`)],
    [
      'UTF-16BE with a byte-order mark',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(`# release\r\n${UPLOAD}`, 'utf16le').swap16(),
      ]),
    ],
  ])(
    'reads a script saved as %s as its text, lines and columns as an editor shows them',
    (_how, bytes) => {
      const root = repo({ 'release.ps1': bytes });
      const result = extractLinks(root, ['release.ps1']);
      expect(result.diagnostics).toEqual([]);
      expect(result.links.map((l) => [l.url, where(l)])).toEqual([
        ['s3://bin-bucket/', '2:13-2:29'],
      ]);
      expect(result.files).toMatchObject([{ path: 'release.ps1', bytes: bytes.length }]);
    },
  );

  it.each([
    [
      'a NUL past the first line, which bash runs past, is an error where it is',
      `#!/bin/bash\n# \u0000\n${UPLOAD}`,
      { severity: 'error', code: 'build-file-binary', range: { start: { line: 2, column: 3 } } },
    ],
    [
      'UTF-16 without a byte-order mark is binary: an error',
      Buffer.from(UPLOAD, 'utf16le'),
      { severity: 'error', code: 'build-file-binary', range: { start: { line: 1, column: 2 } } },
    ],
    [
      'a compiled property list is no source: a note',
      Buffer.from('bplist00\u00d1\u0001\u0002\u0000\u0000\u0008'),
      { severity: 'info', code: 'build-file-skipped', range: { start: { line: 1, column: 1 } } },
    ],
    [
      'a file git-crypt encrypted is text only once unlocked: a warning',
      Buffer.from('\u0000GITCRYPT\u0000\u0012\u00ff'),
      { severity: 'warning', code: 'build-file-skipped', range: { start: { line: 1, column: 1 } } },
    ],
  ])('a binary file is not read: %s', (_what, content, diagnostic) => {
    const root = repo({ 'release.sh': content });
    const result = extractLinks(root, ['release.sh']);
    expect(result.links).toEqual([]);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([
      { ...diagnostic, range: { ...diagnostic.range, file: 'release.sh' } },
    ]);
  });

  it('does not read a file over the size limit (5 MiB by default, configurable): an error, saying the limit', () => {
    const text = `release:\n\taws s3 cp x s3://big-bucket/\n#${'x'.repeat(5 * 1024 * 1024)}\n`;
    const root = repo({
      Makefile: text,
      'small/Makefile': 'release:\n\taws s3 cp x s3://small-bucket/\n',
    });
    const byDefault = extractLinks(root, ['Makefile', 'small/Makefile']);
    expect(byDefault.links.map((l) => l.bucket)).toEqual(['small-bucket']);
    expect(byDefault.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'build-file-too-large',
        message: `Makefile is ${Buffer.byteLength(text)} bytes, larger than the 5242880 bytes a build file is read up to: it was not read, and the links in it were not checked`,
        range: expect.objectContaining({
          file: 'Makefile',
          start: { line: 1, column: 1, offset: 0 },
        }),
      },
    ]);
    const limited = extractLinks(root, ['small/Makefile'], { maxFileBytes: 10 });
    expect(limited.links).toEqual([]);
    expect(limited.diagnostics[0]?.message).toContain('larger than the 10 bytes');
  });

  it('never reads outside the root, through a path or a symlink, and says so', () => {
    const outside = repo({ Makefile: 'release:\n\taws s3 cp x s3://outside-bucket/\n' });
    const root = repo({});
    symlinkSync(join(outside, 'Makefile'), join(root, 'Makefile'));
    const result = extractLinks(root, ['Makefile', join(outside, 'Makefile'), '../x/Makefile']);
    expect(result.links).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([
      'error build-file-unreadable it is a symbolic link leading out of the scan root, to a file of the machine that scans (not of the repository), which is never read',
      `warning path-outside-root ${relative(root, join(outside, 'Makefile'))} is outside the scan root and is not read`,
      'warning path-outside-root ../x/Makefile is outside the scan root and is not read',
    ]);
  });

  it.each([
    ['a symlink to nothing', (path: string) => symlinkSync('gone.sh', path), 'does not exist'],
    [
      'a symlink loop',
      (path: string) => symlinkSync('release.sh', path),
      'its symbolic links loop',
    ],
    [
      'a named pipe',
      (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0),
      'not a regular file',
    ],
  ])('a build file that is %s is an error: broken input', (_what, make, reason) => {
    const root = repo({});
    make(join(root, 'release.sh'));
    expect(extractLinks(root, ['release.sh']).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'build-file-unreadable',
        message: `cannot be read: ${reason}`,
        range: expect.objectContaining({ file: 'release.sh' }),
      },
    ]);
  });
});

describe('files holding more references than are read', () => {
  /** A Makefile of `count` recipe lines that `line` writes, after `header`. */
  const makefile = (header: string, line: (i: number) => string, count: number) =>
    `${header}all:\n${Array.from({ length: count }, (_, i) => `\t${line(i)}\n`).join('')}`;
  const CUT = {
    severity: 'error',
    code: 'build-links-truncated',
    message:
      'Makefile holds more than 2000 storage references, and only the first 2000 found were read; the links among the others were not checked',
    range: { file: 'Makefile', start: { line: 1, column: 1 } },
  };

  it.each([
    ['URLs', '', (i: number) => `curl -O https://acme-dl.s3.amazonaws.com/f${i}`, 2000],
    [
      'URLs its variables resolve',
      'BUCKET = acme-dl\n',
      (i: number) => `aws s3 cp s3://$(BUCKET)/f${i} .`,
      2000,
    ],
    ['buckets that stay placeholders', '', (i: number) => `aws s3 cp s3://$(B)/f${i} .`, 0],
    ['rclone commands', '', (i: number) => `rclone copy f${i} r2:acme-dl/f${i}`, 2000],
  ])('reads 2000 %s, and says that it stopped at more', (_what, header, line, read) => {
    const all = scanText('Makefile', makefile(header, line, 2000));
    expect(all.diagnostics).toEqual([]);
    const more = scanText('Makefile', makefile(header, line, 2001));
    expect(more.diagnostics).toMatchObject([CUT]);
    expect(more.links).toHaveLength(read);
  });

  it.each([
    [100, []],
    [
      10_000,
      [
        {
          severity: 'error',
          code: 'build-links-truncated',
          message:
            'Dockerfile was read with its variables resolved until their values added 4 MB of text, and as written past that; the links their values give there were not checked',
          range: { file: 'Dockerfile', start: { line: 1, column: 1 } },
        },
      ],
    ],
  ])('resolves the variables of %i doubling ENV lines up to a bound', (lines, diagnostics) => {
    // Each value is bounded, but a value used twice on each line made the text read thousands of
    // times the file's size: 1.1 GB for 4 MB of lines.
    const text = [
      'FROM node:20',
      'ENV BUCKET=acme-dl',
      'RUN curl -O https://$BUCKET.s3.amazonaws.com/first',
      ...Array.from({ length: lines }, () => 'ENV A=${A}${A}'),
      'RUN curl -O https://$BUCKET.s3.amazonaws.com/last',
      '',
    ].join('\n');
    const result = scanText('Dockerfile', text);
    expect(result.diagnostics).toMatchObject(diagnostics);
    expect(result.links.map((link) => link.bucket)).toContain('acme-dl');
  });

  it.each([
    ['Dockerfile', 100, dockerSubstitutions, 'FROM node:20', false],
    ['Dockerfile', 20_000, dockerSubstitutions, 'FROM node:20', true],
    ['Earthfile', 20_000, earthfileSubstitutions, 'release:', true],
  ])(
    'makes the values of a %s of %i doubling ENV lines up to a bound for the file',
    (_type, lines, substitutionsOf, header, cut) => {
      // Each ENV line made a new value of up to 2 KB, which the file's substitutions held: 4 MB
      // of lines made 229 million characters (680 MB), however little of them was read.
      const text = [header, ...Array.from({ length: lines }, () => '  ENV A=${A}${A}'), ''];
      const outgrown = vi.fn();
      const made = substitutionsOf(text.join('\n'), outgrown).reduce(
        (sum, { value }) => sum + value.length,
        0,
      );
      expect(outgrown).toHaveBeenCalledTimes(cut ? 1 : 0);
      expect(made).toBeGreaterThan(0);
      // Each value is used twice, on the line after the one that makes it.
      expect(made).toBeLessThanOrEqual(2 * (MAX_RESOLVED_GROWTH + MAX_VALUE));
    },
  );

  it.each([
    ['Dockerfile', 'FROM node:20'],
    ['Earthfile', 'release:'],
  ])('reads a %s that uses a 2 KB value 320,000 times, up to a bound', (path, header) => {
    // Its substitutions were written out whole as a key, though nothing runs it with variables:
    // 640 million characters, past the longest string there is (exit 2, an internal error).
    const text = [
      header,
      `  ENV A=${'x'.repeat(MAX_VALUE)}`,
      ...Array.from({ length: 40_000 }, () => '  RUN echo $A $A $A $A $A $A $A $A'),
      '  RUN curl -O https://acme-dl.s3.amazonaws.com/last',
      '',
    ].join('\n');
    const result = scanText(path, text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['build-links-truncated']);
    expect(result.links.map((link) => link.bucket)).toEqual(['acme-dl']);
  });

  it('reads a script that a workflow runs with variables and that uses a 2 KB value 320,000 times', () => {
    // Each reading of the script was told apart by its substitutions written out whole: 640
    // million characters, past the longest string there is (exit 2, an internal error).
    const script = [
      '#!/bin/sh',
      `V="${'x'.repeat(MAX_VALUE)}"`,
      ...Array.from({ length: 40_000 }, () => 'echo $V $V $V $V $V $V $V $V'),
      'aws s3 cp out "s3://$B/last"',
      '',
    ].join('\n');
    const workflow = [
      'on: push',
      'jobs:',
      '  r:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: ./up.sh',
      '        env: { B: acme-dl }',
      '',
    ].join('\n');
    const result = scan(repo({ 'up.sh': script, '.github/workflows/r.yml': workflow }));
    expect(result.diagnostics.map((d) => [d.code, d.range.file])).toEqual([
      ['build-links-truncated', 'up.sh'],
    ]);
  });

  it('counts them per file', () => {
    const text = makefile('', (i) => `curl -O https://acme-dl.s3.amazonaws.com/f${i}`, 1500);
    const result = scan(repo({ Makefile: text, 'sub/Makefile': text }));
    expect(result.diagnostics).toEqual([]);
    expect(result.links).toHaveLength(3000);
  });

  const values = (count: number) => Array.from({ length: count }, (_, i) => i).join(', ');
  it.each([
    [
      'for the jobs that extend a template, up to 2000 links',
      '.gitlab-ci.yml',
      // 21 jobs run a template of 100 URLs that their variables resolve: 20 give 2000 links.
      [
        '.fetch:',
        '  script:',
        ...Array.from(
          { length: 100 },
          (_, i) => `    - curl -O https://$HOST.s3.amazonaws.com/f${i}`,
        ),
        ...Array.from(
          { length: 21 },
          (_, i) => `j${i}:\n  extends: .fetch\n  variables:\n    HOST: acme-${i}`,
        ),
      ],
      'was read again for the jobs and steps that run its values until that gave 2000',
    ],
    [
      'for GitHub matrix combinations, up to 1000',
      '.github/workflows/ci.yml',
      [
        'on: push',
        'jobs:',
        ...Array.from({ length: 4 }, (_, i) =>
          [
            `  j${i}:`,
            '    strategy:',
            `      matrix: { a: [${values(256)}] }`,
            '    steps:',
            '      - run: curl -O https://acme-${{ matrix.a }}.s3.amazonaws.com/f',
          ].join('\n'),
        ),
      ],
      'runs its jobs for more matrix combinations than the 1000',
    ],
    [
      'for the options of GitHub workflow_dispatch inputs, up to 1000',
      '.github/workflows/ci.yml',
      [
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        `      a: { type: choice, options: [${values(256)}] }`,
        'jobs:',
        ...Array.from({ length: 4 }, (_, i) =>
          [
            `  j${i}:`,
            '    steps:',
            '      - run: curl -O https://acme-${{ inputs.a }}.s3.amazonaws.com/f',
          ].join('\n'),
        ),
      ],
      'runs its jobs for more combinations of the options of its inputs than the 1000',
    ],
    [
      'for GitLab parallel: matrix instances, up to 1000',
      '.gitlab-ci.yml',
      Array.from({ length: 6 }, (_, i) =>
        [
          `j${i}:`,
          '  script: curl -O https://acme-$A.s3.amazonaws.com/f',
          '  parallel:',
          '    matrix:',
          `      - A: [${values(200)}]`,
        ].join('\n'),
      ),
      'runs its jobs for more parallel: matrix instances than the 1000',
    ],
    [
      'for GitLab !reference tags, up to 1000',
      '.gitlab-ci.yml',
      [
        '.t:',
        '  script: [curl -O https://acme-dl.s3.amazonaws.com/f]',
        'j:',
        '  script:',
        ...Array(1001).fill('    - !reference [.t, script]'),
      ],
      'names more values with !reference than the 1000',
    ],
  ])(
    'says when values are read again %s, and not for the others',
    (_what, path, lines, message) => {
      const { diagnostics } = scanText(path, `${lines.join('\n')}\n`);
      expect(diagnostics).toMatchObject([
        {
          severity: 'error',
          code: 'build-links-truncated',
          range: { file: path, start: { line: 1 } },
        },
      ]);
      expect(diagnostics[0]?.message).toContain(`${path} ${message}`);
    },
  );

  it('says where in the Terraform file a provisioner command holding more is written', () => {
    const text = Array.from(
      { length: 2001 },
      (_, i) => `curl https://acme-dl.s3.amazonaws.com/f${i}`,
    );
    const command = {
      file: 'main.tf',
      start: { line: 4, column: 7, offset: 60 },
      text: text.join('\n'),
      field: 'null_resource.fetch provisioner "local-exec"',
      fileType: 'terraform',
    };
    expect(extractCommandLinks(repo({}), [command]).diagnostics).toMatchObject([
      {
        severity: 'error',
        code: 'build-links-truncated',
        range: { file: 'main.tf', start: { line: 4, column: 7, offset: 60 } },
      },
    ]);
  });
});

describe('unparseable files', () => {
  it('reports broken YAML with its line and still scans the file as text', () => {
    const text = [
      'on: push',
      'jobs:',
      '  release:',
      '    steps:',
      '      - run: aws s3 cp x s3://yaml-broken-bucket/',
      '     bad: [indent',
    ].join('\n');
    const result = scanText('.github/workflows/release.yml', `${text}\n`);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'build-parse-error',
      range: { file: '.github/workflows/release.yml' },
    });
    expect(result.diagnostics[0]!.range.start.line).toBeGreaterThanOrEqual(5);
    expect(result.links).toHaveLength(1);
    expect(where(result.links[0]!)).toBe('5:26-5:50');
    expect(result.links[0]).toMatchObject({
      usage: 'upload',
      field: 'jobs.release.steps[0].run',
      releaseStep: 'release',
    });
  });

  it('reports broken JSON with its line and still scans the file as text', () => {
    const text =
      '{\n  "scripts": {\n    "deploy": "aws s3 sync dist s3://json-broken-bucket"\n    "x": 1\n  }\n}\n';
    const result = scanText('package.json', text);
    expect(result.diagnostics).toMatchObject([
      { severity: 'error', code: 'build-parse-error', range: { start: { line: 4 } } },
    ]);
    expect(result.links).toMatchObject([
      { bucket: 'json-broken-bucket', usage: 'upload', field: 'scripts.deploy' },
    ]);
  });
});

/**
 * Each of these once overflowed the stack, ending the whole scan with an internal error: a list as
 * long as the file was spread into the arguments of one call (`push(...items)`). 150,000 items did
 * it on the main thread; a test's worker thread has a larger stack, so these write 700,000.
 */
describe('files of more items than a call takes arguments', () => {
  const url = 'https://many-bucket.s3.amazonaws.com/x';
  const step = (run: string) =>
    `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${run}`;
  it.each([
    [
      'a TOML array of 700,000 numbers',
      'wrangler.toml',
      `a = [${'1,'.repeat(700_000)}]\nurl = "${url}"\n`,
    ],
    [
      'a YAML flow sequence of 700,000 comments',
      '.github/workflows/release.yml',
      step(`    - run: curl ${url}\n    - [\n${'#\n'.repeat(700_000)}      x]\n`),
    ],
    [
      'a heredoc of 700,000 comment lines',
      'release.sh',
      `bash <<EOF\n${'#\n'.repeat(700_000)}EOF\ncurl ${url}\n`,
    ],
  ])('%s is read', (_what, path, text) => {
    expect(scanText(path, text).links).toMatchObject([{ bucket: 'many-bucket' }]);
  });
});

describe('deep nesting', () => {
  it('reports JSON nested too deep to parse and scans it as text', () => {
    const text = `{"scripts":{"deploy":"aws s3 cp x s3://deep-json-bucket/"},"x":${'['.repeat(100_000)}}`;
    const result = scanText('package.json', text);
    expect(result.diagnostics).toMatchObject([{ code: 'build-parse-error', severity: 'error' }]);
    expect(result.links).toMatchObject([{ bucket: 'deep-json-bucket', form: 's3-uri' }]);
  });

  it('reports TOML nested too deep to read and scans it as text', () => {
    const text = `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}\nurl = "https://deep-toml-bucket.s3.amazonaws.com/x"\n`;
    const result = scanText('pyproject.toml', text);
    expect(result.diagnostics).toMatchObject([
      {
        severity: 'error',
        code: 'build-parse-error',
        message: expect.stringMatching(/nesting deeper than 100 levels/),
        range: { start: { line: 1 } },
      },
    ]);
    expect(result.links).toMatchObject([{ bucket: 'deep-toml-bucket' }]);
  });

  it('reads a hundred thousand heredocs, each begun inside the one before, without blowing up', () => {
    const heredocs = Array.from({ length: 100_000 }, (_, i) => `cat <<EOF${i}\n`).join('');
    const start = threadCpuMs();
    const result = scanText('release.sh', `${heredocs}aws s3 cp x s3://heredoc-bucket/\n`);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(result.links).toMatchObject([{ bucket: 'heredoc-bucket', usage: 'upload' }]);
  });

  it('reads YAML nested beyond js-yaml’s limit without blowing up', () => {
    const text = `x: ${'[ '.repeat(50_000)}\ny:\n  ${'- '.repeat(500_000)}s3://deep-yaml-bucket/\n`;
    const start = threadCpuMs();
    const result = scanText('.gitlab-ci.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(result.diagnostics).toMatchObject([{ code: 'build-parse-error' }]);
    expect(result.links).toMatchObject([{ bucket: 'deep-yaml-bucket' }]);
  });
});

describe('YAML flow collections', () => {
  it('reads a million values a hundred collections deep in linear time, and no more', () => {
    // 2.2 MB, under the 5 MiB bound. Each value once took copies of its path: at 4 MB, a scan took
    // 3 minutes and 4 GB, and ended out of memory.
    const values = Array<string>(1_100_000).fill('x').join(',');
    const text = [
      'on: push',
      'jobs: {release: {steps: [{run: aws s3 cp x s3://wide-yaml-bucket/}]}}',
      `env: {X: ${'['.repeat(95)}${values}${']'.repeat(95)}}`,
      '',
    ].join('\n');
    const start = threadCpuMs();
    const result = scanText('.github/workflows/release.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(result.diagnostics).toMatchObject([
      {
        severity: 'error',
        code: 'build-parse-error',
        message: expect.stringMatching(/writes more than 1000000 values, too many to read/),
        range: { start: { line: 3 } },
      },
    ]);
    expect(result.links).toMatchObject([{ bucket: 'wide-yaml-bucket', usage: 'upload' }]);
  });
});

describe('YAML aliases', () => {
  const workflow = (aliases: string) =>
    `on: push\n${aliases}jobs:\n  release:\n    steps:\n      - run: aws s3 cp x s3://alias-bomb-bucket/\n`;
  // Each anchor is nine aliases of the one before: the last is 9^9 nodes written out.
  const bomb = Array.from(
    { length: 10 },
    (_, i) =>
      `a${i}: &a${i} [${Array(9)
        .fill(i === 0 ? 'lol' : `*a${i - 1}`)
        .join(', ')}]\n`,
  ).join('');

  // An alias inside the anchor it names is cut where it loops (yaml-aliases.test).
  it.each([['an alias bomb of 600 bytes', bomb]])(
    '%s: an error, and the file is scanned as text',
    (_name, aliases) => {
      const start = threadCpuMs();
      const result = scanText('.github/workflows/release.yml', workflow(aliases));
      expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
      expect(result.diagnostics).toMatchObject([
        {
          severity: 'error',
          code: 'build-parse-error',
          message: expect.stringMatching(/aliases expand to more than 1000000 nodes/),
        },
      ]);
      expect(result.links).toMatchObject([{ bucket: 'alias-bomb-bucket', usage: 'upload' }]);
    },
  );

  it('reads aliases that expand to a bounded size as data', () => {
    const result = scanText(
      '.github/workflows/release.yml',
      workflow('x: &a [1, 2]\ny: [*a, *a]\n'),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.links).toMatchObject([{ field: 'jobs.release.steps[0].run' }]);
  });
});

describe('linear time on adversarial input', () => {
  const MB = 1_000_000;
  const inputs: [string, string][] = [
    ["'a.' × 500000", 'a.'.repeat(500_000)],
    ["'a.' × 500000 + host", 'a.'.repeat(500_000) + '.s3.amazonaws.com'],
    ["'s3://' + 'a-' × 300000", 's3://' + 'a-'.repeat(300_000)],
    ["'pub-' + 'a' × 1e6", 'pub-' + 'a'.repeat(MB)],
    ["'pub-' + 'a' × 1e6 + '.r2.dev'", 'pub-' + 'a'.repeat(MB) + '.r2.dev'],
    ["'gs://' + 'a-' × 300000", 'gs://' + 'a-'.repeat(300_000)],
    ["'x' × 1e6 + '.storage.googleapis.com'", 'x'.repeat(MB) + '.storage.googleapis.com'],
    [
      '1e6 hex + cloudflarestorage',
      '0123456789abcdef'.repeat(62_500) + '.r2.cloudflarestorage.com',
    ],
    ['s3:// × 110000', 's3://aaa/'.repeat(110_000)],
    ['braces after a URL', 'https://b.s3.amazonaws.com/' + '}'.repeat(MB)],
    ['spaces', ' '.repeat(MB)],
    ['quotes and colons', '"a": '.repeat(200_000)],
    ['wrangler', 'wrangler r2 object put ' + 'a'.repeat(MB)],
    ['rclone', 'rclone copy ' + 'x '.repeat(500_000)],
    // Many commands on one line, no separator: each match must stop at the next command.
    ['aws s3api × 40000', 'aws s3api put-bucket-policy '.repeat(40_000)],
    ['aws s3control × 30000', 'aws s3control put-public-access-block '.repeat(30_000)],
    // Each script's name after a `cd` on one line: the line's end must be found once.
    ['cd and a script × 60000', 'cd a && ./x.sh; '.repeat(60_000)],
    // Each subshell's cd ends at its `)`: the `)` must be found once for them all.
    ['subshell cds and a script × 40000', '(cd a && ./x.sh) '.repeat(40_000)],
    ['subshells never closed, a cd in each', '$(cd a '.repeat(60_000)],
    // A variable run as a command, its options, no file: each match must stop at the next.
    ['$(NODE) and options × 50000', '$(NODE) -a $NODE -b '.repeat(50_000)],
  ];
  const files: [string, (line: string) => string][] = [
    ['x.sh', (line) => line],
    [
      '.github/workflows/x.yml',
      (line) => `on: push\njobs:\n  a:\n    steps:\n      - run: ${line}\n`,
    ],
    ['package.json', (line) => `{"scripts":{"release":${JSON.stringify(line)}}}`],
    ['wrangler.toml', (line) => `name = "${line}"\n`],
    ['webpack.config.js', (line) => `module.exports = { publicPath: '${line}' };`],
    ['Jenkinsfile', (line) => `stage('Release') { sh '${line}' }`],
    [
      'electron-builder.config.js',
      (line) => `module.exports = { publish: { provider: 's3', bucket: '${line}' } };`,
    ],
    ['justfile', (line) => `release:\n    ${line}\n`],
    ['Earthfile', (line) => `release:\n    RUN --push ${line}\n`],
    [
      '.drone.star',
      (line) => `def main(ctx):\n    return {"steps": [{"commands": [${JSON.stringify(line)}]}]}\n`,
    ],
    ['appveyor.yml', (line) => `deploy_script:\n  - ps: ${line}\n`],
  ];

  it.each([
    [
      'Makefile',
      // Each variable uses the next one ten times: 10^8 expansions without memoising.
      Array.from({ length: 9 }, (_, i) => `V${i} = ${`$(V${i + 1})`.repeat(10)}`).join('\n') +
        '\nV9 = acme\nget:\n\tcurl https://$(V0).s3.amazonaws.com/x\n',
    ],
    [
      'justfile',
      // The same fan-out through just's concatenation.
      Array.from(
        { length: 9 },
        (_, i) =>
          `v${i} := ${Array(10)
            .fill(`v${i + 1}`)
            .join(' + ')}`,
      ).join('\n') + '\nv9 := "acme"\nget:\n    curl https://{{v0}}.s3.amazonaws.com/x\n',
    ],
    [
      'release.sh',
      // Each assignment doubles the value: 2^60 characters without a bound.
      'A=acme\n' + 'A="$A$A"\n'.repeat(60) + 'curl https://$A.s3.amazonaws.com/x\n',
    ],
    [
      '.github/workflows/x.yml',
      // The same doubling inside a run script, which resolves its own assignments.
      'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          A=acme\n' +
        '          A="$A$A"\n'.repeat(60) +
        '          curl https://$A.s3.amazonaws.com/x\n',
    ],
    [
      '.gitlab-ci.yml',
      // Many documents, each read on its own: each reads its own text, not the whole file's.
      'variables:\n  X: acme\n' + 'job:\n  script: echo $X\n---\n'.repeat(5_000),
    ],
    [
      'azure-pipelines.yml',
      // Many variables, each used many times: every lookup reads the scope once.
      'variables:\n' +
        Array.from({ length: 5000 }, (_, i) => `  v${i}: x${i}`).join('\n') +
        '\nsteps:\n  - script: echo ' +
        Array.from({ length: 5000 }, (_, i) => `$(v${i})`).join(' ') +
        '\n',
    ],
  ])('resolves variables that fan out or grow crafted in %s without blowing up', (path, text) => {
    const start = threadCpuMs();
    const { links } = scanText(path, text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links.map((l) => l.url)).toEqual([]);
  });

  it('reads a GitLab parallel: matrix crafted to fan out for a bounded number of instances', () => {
    // 900 combinations, of which GitLab runs none: it refuses more than 200 instances. Each is
    // read again, and what is read again yields no more references than a file may hold.
    const values = Array.from({ length: 30 }, (_, i) => `b${i}`).join(', ');
    const text = [
      'publish:',
      '  script:',
      ...Array.from({ length: 20 }, () => '    - aws s3 cp dist s3://acme-$A-$B-releases/'),
      '  parallel:',
      '    matrix:',
      `      - A: [${values}]`,
      `        B: [${values}]`,
      '',
    ].join('\n');
    const start = threadCpuMs();
    const { links } = scanText('.gitlab-ci.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links).toHaveLength(2_000);
  });

  it('reads a workflow strategy.matrix crafted to fan out for a bounded number of combinations', () => {
    // 27,000,000 combinations, of which GitHub runs none: it refuses more than 256 jobs.
    const values = `[${Array.from({ length: 300 }, (_, i) => `b${i}`).join(', ')}]`;
    const job = (i: number) =>
      [
        `  j${i}:`,
        '    strategy:',
        '      matrix:',
        `        a: ${values}`,
        `        b: ${values}`,
        `        c: ${values}`,
        `        include: [${Array(300).fill('{a: x, d: y}').join(', ')}]`,
        '    steps:',
        '      - run: aws s3 cp dist s3://acme-${{ matrix.a }}-${{ matrix.b }}/ --acl public-read',
      ].join('\n');
    const text = `on: push\njobs:\n${Array.from({ length: 10 }, (_, i) => job(i)).join('\n')}\n`;
    const start = threadCpuMs();
    const { links } = scanText('.github/workflows/x.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links.length).toBeGreaterThan(0);
  });

  it('reads a workflow strategy.matrix whose exclude list leaves out nearly all, in bounded time', () => {
    // 100,000 combinations, each left out by the last of 256 exclude entries: only a bounded
    // number are made before the rest are given up.
    const values = Array.from({ length: 100_000 }, (_, i) => `b${i}`).join(', ');
    const text = [
      'on: push',
      'jobs:',
      '  j:',
      '    strategy:',
      '      matrix:',
      `        a: [${values}]`,
      '        c: [x]',
      `        exclude: [${Array.from({ length: 256 }, (_, i) => `{c: ${i === 255 ? 'x' : i}}`).join(', ')}]`,
      '    steps:',
      '      - run: aws s3 cp dist s3://acme-${{ matrix.a }}/ --acl public-read',
      '',
    ].join('\n');
    const start = threadCpuMs();
    const { links } = scanText('.github/workflows/x.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links.map((l) => l.url)).toEqual(['s3://acme-${{ matrix.a }}/']);
  });

  it('reads workflow_dispatch choice inputs of many options in time linear in the file', () => {
    // GitHub bounds no input's options: each combination past the 256 read was made, 256 for each
    // option of the second input, before they were cut.
    const options = (count: number) => Array.from({ length: count }, (_, i) => `o${i}`).join(', ');
    const text = [
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      `      a: { type: choice, options: [${options(256)}] }`,
      `      b: { type: choice, options: [${options(100_000)}] }`,
      'jobs:',
      '  j:',
      '    steps:',
      '      - run: aws s3 cp dist s3://acme-${{ inputs.a }}-${{ inputs.b }}/ --acl public-read',
      '',
    ].join('\n');
    const start = threadCpuMs();
    const { links } = scanText('.github/workflows/x.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links.map((l) => l.bucket)).toContain('acme-o0-o255');
  });

  it('follows GitLab !reference tags that fan out crafted, a bounded number of them', () => {
    // Ten levels, each naming the next ten times: ten billion values if followed without bound.
    const levels = Array.from({ length: 10 }, (_, i) =>
      [`.l${i}:`, '  script:', ...Array(10).fill(`    - !reference [.l${i + 1}, script]`)].join(
        '\n',
      ),
    );
    const text = [
      ...levels,
      '.l10:',
      '  script: [aws s3 cp dist s3://acme-releases/ --acl public-read]',
      'release:',
      '  script: [!reference [.l0, script]]',
      '',
    ].join('\n');
    const start = threadCpuMs();
    const { links } = scanText('.gitlab-ci.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(links.map((l) => l.url)).toContain('s3://acme-releases/');
  });

  it.each([
    ['here-documents that never end', 'cat >> "$GITHUB_ENV" <<EOF\n'.repeat(20_000)],
    ['a group that never ends', '{\n'.repeat(50_000)],
    [
      'a write padded before a pipe',
      `"A=b" | Out-File -Append $env:GITHUB_ENV${' '.repeat(200_000)}|`,
    ],
    ['a cat padded to no file', `cat${' '.repeat(200_000)}x`],
    [
      'a cd into quotes padded that never close',
      `cd "$(dirname "$(readlink -f "$0${' '.repeat(200_000)}`,
    ],
    ['a cd into quotes open again and again', 'cd "$(a "$(b "'.repeat(20_000)],
    ['a command padded before its name', `"$(${' '.repeat(200_000)}dirname x`],
  ])('reads the $GITHUB_ENV writes of a run script of %s in linear time', (_name, script) => {
    const run = script.replace(/^/gm, '          ');
    const text = `on: push\njobs:\n  a:\n    steps:\n      - run: |\n${run}\n      - run: curl -O https://$B.s3.amazonaws.com/x\n`;
    const start = threadCpuMs();
    scanText('.github/workflows/a.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it('reads a GitLab before_script that every job runs once for all of them', () => {
    // One before_script of 5,000 lines that 1,000 jobs run first: 5,000,000 lines if read for each.
    const text =
      'default:\n  before_script:\n' +
      '    - export BUCKET=acme-releases\n'.repeat(5_000) +
      Array.from(
        { length: 1_000 },
        (_, i) => `j${i}:\n  script: [gsutil cp x gs://$BUCKET/]\n`,
      ).join('');
    const start = threadCpuMs();
    const { links } = scanText('.gitlab-ci.yml', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
    expect(new Set(links.map((l) => l.url))).toEqual(new Set(['gs://acme-releases/']));
  });

  it('reads composite actions that call each other crafted to fan out, a bounded number of times', () => {
    // Each reading calls the action ten times with inputs of its own, ten levels deep: ten billion.
    const calls = Array.from(
      { length: 10 },
      (_, i) => `    - uses: ./.github/actions/a\n      with:\n        x: \${{ inputs.x }}${i}\n`,
    ).join('');
    const action = `inputs:\n  x: { default: d }\nruns:\n  using: composite\n  steps:\n${calls}    - run: aws s3 cp dist s3://acme-\${{ inputs.x }}/ --acl public-read\n      shell: bash\n`;
    const root = repo({ '.github/actions/a/action.yml': action });
    const { links, diagnostics } = scanGuarded(root);
    expect(links.map((l) => l.bucket)).toContain('acme-d0');
    expect(diagnostics.map((d) => [d.code, d.range.file])).toEqual([
      ['build-links-truncated', '.github/actions/a/action.yml'],
    ]);
  });

  it('reads the calls of a large composite action that many steps use, up to a bound', () => {
    // 1,000 readings of an action of 5,000 steps that each call another: 5,000,000 calls.
    const steps = '    - uses: ./.github/actions/b\n      with: { x: y }\n'.repeat(5_000);
    const big = `inputs:\n  x: { default: d }\nruns:\n  using: composite\n  steps:\n${steps}`;
    const uses = Array.from(
      { length: 1_000 },
      (_, i) => `      - uses: ./.github/actions/a\n        with: { x: v${i} }\n`,
    ).join('');
    const root = repo({
      '.github/actions/a/action.yml': big,
      '.github/actions/b/action.yml': 'runs:\n  using: composite\n  steps: []\n',
      '.github/workflows/release.yml': `on: release\njobs:\n  a:\n    steps:\n${uses}`,
    });
    const { diagnostics } = scanGuarded(root);
    expect(diagnostics.map((d) => [d.code, d.range.file])).toContainEqual([
      'build-links-truncated',
      '.github/actions/a/action.yml',
    ]);
  });

  it('reads the global variables of a GitLab configuration once for all its files', () => {
    // 50,000 global variables that 500 included files each have: 25,000,000 if read for each.
    const variables = Array.from({ length: 50_000 }, (_, i) => `  V${i}: acme-v${i}\n`).join('');
    const files = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [
        `ci/f${i}.yml`,
        `j${i}:\n  script: [gsutil cp x gs://$V${i}/]\n`,
      ]),
    );
    const root = repo({
      '.gitlab-ci.yml': `include: "ci/*.yml"\nvariables:\n${variables}`,
      ...files,
    });
    const { links } = scanGuarded(root);
    expect(links.length).toBe(500);
  });

  it('reads a bounded number of GitLab jobs in the files of their templates', () => {
    // 100 included files each write the template that 5,000 jobs extend: read in each file as
    // each job, 500,000 readings without a bound.
    const files = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`ci/f${i}.yml`, '.t: { script: [./x.sh] }\n']),
    );
    const jobs = Array.from({ length: 5_000 }, (_, i) => `j${i}: { extends: .t }\n`).join('');
    const root = repo({
      '.gitlab-ci.yml': `include: "ci/*.yml"\n${jobs}`,
      'x.sh': 'echo\n',
      ...files,
    });
    const { diagnostics } = scanGuarded(root);
    expect(diagnostics).toMatchObject([
      { severity: 'error', code: 'build-links-truncated', range: { file: '.gitlab-ci.yml' } },
    ]);
  });

  it('follows scripts that source each other crafted to fan out, a bounded number of times', () => {
    // Ten levels, each sourcing the next ten times: ten billion assignments if spliced without bound.
    const levels = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `s${i}.sh`,
        `V${i}=acme\n${`source ./s${i + 1}.sh\n`.repeat(10)}`,
      ]),
    );
    const root = repo({
      ...levels,
      's10.sh': 'BUCKET=acme-releases\n',
      'release.sh': 'source ./s0.sh\naws s3 cp dist s3://$BUCKET/ --acl public-read\n',
    });
    const { links } = scanGuarded(root);
    expect(links.map((l) => l.url)).toEqual(['s3://acme-releases/']);
  });

  it('passes a bounded environment from a script that exports many variables and runs many scripts', () => {
    // Each run passes every variable exported before it: 10^8 values if passed without bound.
    const names = Array.from({ length: 10_000 }, (_, i) => `V${i}`);
    const root = repo({
      'release.sh': names.map((name) => `export ${name}=acme-${name}\n./upload.sh\n`).join(''),
      'upload.sh': `echo ${names.map((name) => `$${name}`).join(' ')}\n`,
    });
    scanGuarded(root);
  });

  it.each([
    // Each cd goes one deeper: paths of 20,000 levels, read at each script's name, without a bound.
    ['a script', { 'release.sh': 'cd a\n./x.sh\n'.repeat(20_000), 'x.sh': 'x\n' }],
    [
      // One before_script of 5,000 lines that 1,000 jobs run first: 5,000,000 lines if read for each.
      'a GitLab before_script that every job runs',
      {
        '.gitlab-ci.yml':
          'default:\n  before_script:\n' +
          '    - cd a\n'.repeat(5_000) +
          Array.from({ length: 1_000 }, (_, i) => `j${i}:\n  script: [./x.sh]\n`).join(''),
        'x.sh': 'aws s3 cp dist s3://$BUCKET/\n',
      },
    ],
  ])('follows the cds of %s crafted to go on deeper without blowing up', (_name, files) => {
    const root = repo(files);
    scanGuarded(root);
  });

  it.each([
    ['one long command', `goreleaser release ${'-f '.repeat(300_000)}`],
    ['many commands', 'goreleaser --config x.yml '.repeat(40_000)],
    ['continued lines', `electron-builder ${'\\\n'.repeat(300_000)}`],
  ])('finds the tool configurations of %s without blowing up', (_name, line) => {
    const root = repo({ 'release.sh': line });
    const start = threadCpuMs();
    extractLinks(root, ['release.sh'], { followScripts: () => true });
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it('reads an electron-builder configuration in code nested deeper than it follows', () => {
    const start = threadCpuMs();
    scanText('electron-builder.config.js', `module.exports = ${'{ a: ['.repeat(200_000)}`);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  const names = (count: number, line: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => line(i)).join('\n');
  it.each([
    // Each constant doubles the one before: 2^60 characters without a bound.
    [
      'constants that double',
      "const A0 = 'https://acme-x.s3.amazonaws.com/';\n" +
        names(60, (i) => `const A${i + 1} = A${i} + A${i};`) +
        '\nexport default { base: A60, build: { sourcemap: true } };\n',
    ],
    // Each constant is one of two, each a choice of the one before: 2^60 choices.
    [
      'choices that fan out',
      "const A0 = 'https://acme-x.s3.amazonaws.com/';\n" +
        names(60, (i) => `const A${i + 1} = c ? A${i} + 'a' : \`\${A${i}}b\`;`) +
        '\nexport default { base: A60, build: { sourcemap: A60 } };\n',
    ],
    [
      'a chain of 100000 names',
      "const A0 = 'https://acme-x.s3.amazonaws.com/';\n" +
        names(100_000, (i) => `const A${i + 1} = A${i};`) +
        '\nexport default { base: A100000, build: { sourcemap: true } };\n',
    ],
    [
      'names that assign each other',
      names(20_000, (i) => `a${i} = a${(i * 7 + 1) % 20_000} || a${(i * 13 + 5) % 20_000};`) +
        '\nexport default { base: a0, build: { sourcemap: a1 } };\n',
    ],
    [
      'one name assigned 50000 times, used 50000 times',
      names(50_000, (i) => `x = 'https://acme-x${i}.s3.amazonaws.com/';`) +
        `\nexport default { ${'base: x, sourcemap: x, '.repeat(50_000)} };\n`,
    ],
    [
      '100000 nested parentheses',
      `export default { base: ${'('.repeat(100_000)}'https://acme-x.s3.amazonaws.com/'${')'.repeat(100_000)}, build: { sourcemap: true } };\n`,
    ],
    ['100000 unclosed parentheses', `export default { sourcemap: ${'( a ? '.repeat(100_000)}`],
    [
      '100000 nested conditions',
      `export default { devtool: ${'a ? b : '.repeat(100_000)}'source-map', sourcemap: ${'a ? (b : '.repeat(50_000)} };\n`,
    ],
    ['a million negations', `export default { sourcemap: ${'!'.repeat(1_000_000)}a };\n`],
    ['a million signs', `export default { sourcemap: ${'- typeof await '.repeat(200_000)}a };\n`],
    ['a million properties', `export default { ${'a: b ? c : d, '.repeat(250_000)} };\n`],
    [
      'templates of templates',
      "const A0 = 'x';\n" +
        names(60, (i) => `const A${i + 1} = \`\${A${i}}\${A${i}}\${A${i}}\`;`) +
        '\nexport default { base: A60 };\n',
    ],
    [
      'a template of 100000 names',
      `const A = 'acme-x';\nexport default { base: \`https://${'${A}'.repeat(100_000)}.s3.amazonaws.com/\` };\n`,
    ],
  ])('reads the values of a bundler configuration of %s without blowing up', (_name, text) => {
    const start = threadCpuMs();
    scanText('vite.config.ts', text);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it("reads at most a file's worth of rclone commands, each in a bounded window", () => {
    // Before the bound: every one of 64,000 commands was read in its own 8 kB window (24 s).
    const start = threadCpuMs();
    scanText('Dockerfile', `FROM x\nRUN ${'rclone sync -@ '.repeat(64_000)}\n`);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  // What only finding URLs reads differently (a URL's extent, its host as parsed, an R2 label):
  // the other finders read these as any text, so they are not read again in every file type.
  it.each([
    [
      'unclosed command substitutions after a URL',
      'https://b.s3.amazonaws.com/' + '$('.repeat(MB / 2),
    ],
    ['URLs in command substitutions', '$(https://b.s3.amazonaws.com/ '.repeat(30_000)],
    // Each host is read by a URL parser, as fullwidth letters and an ideographic full stop are.
    ['hosts a parser maps × 45000', '//\uff41\u3002s3.amazonaws.com'.repeat(45_000)],
    // An R2 account label may be a placeholder: each `$a` starts one.
    ["'$a' × 500000 + cloudflarestorage", '$a'.repeat(500_000) + '.r2.cloudflarestorage.com'],
  ])('finds the URLs of a 1 MB line of %s without blowing up', (_name, line) => {
    const start = threadCpuMs();
    findUrlRefs(line, []);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each(inputs)('scans a 1 MB line of %s without blowing up', (_name, line) => {
    const start = threadCpuMs();
    findUrlRefs(line, []);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each(files)('extracts from a %s holding each input without blowing up', (path, wrap) => {
    for (const [name, line] of inputs) {
      const root = repo({ [path]: wrap(line) });
      const start = threadCpuMs();
      extractLinks(root, [path]);
      const elapsed = threadCpuMs() - start;
      expect(elapsed, name).toBeLessThan(BLOW_UP_MS);
    }
  });

  // Each reference looked its rule up among all of them: 8,000 rules took 8 s, 150,000 hours.
  it('reads a Makefile of 20,000 rules without blowing up', () => {
    const rules = 'release: build\n'.repeat(20_000);
    const root = repo({ Makefile: `${rules}release:\n\taws s3 cp x s3://acme-make/\n` });
    const { links } = scanGuarded(root);
    expect(links).toMatchObject([{ bucket: 'acme-make', releaseStep: 'release' }]);
  });

  // Each block was searched on to its own closing brace: 32,000 unclosed ones took 23 s.
  it('reads a Gradle build of 50,000 unclosed publishing blocks without blowing up', () => {
    const blocks = 'publishing {\n'.repeat(50_000);
    const root = repo({
      'build.gradle.kts': `${blocks}maven { url = uri("s3://acme-gradle/m") }\n`,
    });
    const { links } = scanGuarded(root);
    expect(links).toMatchObject([
      { bucket: 'acme-gradle', releaseStep: 'release', field: 'publishing' },
    ]);
  });

  // Each reference's place was found searching its array's items one by one.
  it('reads a wrangler.jsonc of 40,000 buckets without blowing up', () => {
    const bucket = '    { "binding": "R", "bucket_name": "acme-jsonc-releases" },\n';
    const root = repo({
      'wrangler.jsonc': `{\n  "r2_buckets": [\n${bucket.repeat(40_000)}  ],\n}\n`,
    });
    const { links } = scanGuarded(root);
    expect(links[0]).toMatchObject({
      bucket: 'acme-jsonc-releases',
      field: 'r2_buckets[0].bucket_name',
    });
  });

  // Each lookup of a key searched all the object's properties for its last writing.
  it('reads a package.json writing one script 30,000 times without blowing up', () => {
    const ship = '    "ship": "npm run release",\n'.repeat(30_000);
    const release = '"release": "aws s3 cp x s3://acme-pj/"';
    const root = repo({
      'package.json': `{\n  "scripts": {\n    ${release},\n${ship}    "z": "1"\n  }\n}\n`,
    });
    const { links } = scanGuarded(root);
    expect(links).toMatchObject([{ bucket: 'acme-pj', field: 'scripts.release' }]);
  });

  // Each opening was searched on for its closing tag: 40,000 unclosed ones took 6.7 s, 80,000 27 s.
  it('reads a pom.xml of 120,000 unclosed distributionManagement tags without blowing up', () => {
    const opens = '  <distributionManagement>\n'.repeat(120_000);
    const root = repo({ 'pom.xml': `<project>\n${opens}<url>s3://acme-pom/</url>\n</project>\n` });
    const { links } = scanGuarded(root);
    expect(links).toMatchObject([{ bucket: 'acme-pom', releaseStep: 'release' }]);
  });

  // A release step runs each target it names, and each that its targets' rules name.
  it.each([
    [
      'a release rule naming 200000 prerequisites',
      'Makefile',
      `release: ${'a '.repeat(200_000)}\n`,
    ],
    [
      'a tag workflow running make 20000 times',
      '.github/workflows/x.yml',
      `on: { push: { tags: [v*] } }\njobs:\n  a:\n    steps:\n      - run: ${'make -C a x; '.repeat(20_000)}\n`,
    ],
  ])('reads %s without blowing up', (_name, path, text) => {
    const root = repo({ [path]: text, 'a/Makefile': 'x:\n\taws s3 cp y s3://acme-x/\n' });
    const { links } = scanGuarded(root);
    expect(links.map((l) => l.releaseStep)).toEqual([path === 'Makefile' ? false : 'release']);
  });
});
