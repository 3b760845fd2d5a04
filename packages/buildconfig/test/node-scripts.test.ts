/**
 * The JavaScript files that package.json's lifecycle scripts run with Node are followed and read as
 * text, never imported or run: what a postinstall script downloads from ships with the package.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractLinks, listBuildFiles } from '../src/index.js';
import { BLOW_UP_MS, repo, scan, where } from './helpers.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

// The guards against blow-ups bound CPU time; a busy machine may take long to give it them.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

const R2 = 'https://pub-3f9a2b1c4d5e6f708192a3b4c5d6e7f8.r2.dev/acme';
const SCRIPT = [
  "const https = require('https');",
  `const BASE = '${R2}';`,
  'https.get(`${BASE}/v1.4.0/acme-${process.platform}.tgz`, (res) => res.pipe(process.stdout));',
  '',
].join('\n');

const packageJson = (scripts: Record<string, string>) =>
  JSON.stringify({ name: '@acme/cli', version: '1.4.0', scripts }, null, 2) + '\n';

describe('scripts that package.json runs with Node', () => {
  it.each([
    ['postinstall', 'node scripts/postinstall.js', 'scripts/postinstall.js'],
    ['install', 'node ./scripts/install.mjs', 'scripts/install.mjs'],
    ['preinstall', 'node --no-warnings scripts/pre.cjs', 'scripts/pre.cjs'],
    ['postinstall', 'node -r dotenv/config scripts/fetch.js', 'scripts/fetch.js'],
    // Node runs what `-r` preloads before anything else.
    ['prepare', 'node -r ./scripts/setup.js', 'scripts/setup.js'],
    ['prepublishOnly', 'npm test && node scripts/upload.js', 'scripts/upload.js'],
  ])('follows %s: %s', (name, command, script) => {
    const root = repo({ 'package.json': packageJson({ [name]: command }), [script]: SCRIPT });
    const { links } = scan(root);
    expect(links).toHaveLength(1);
    const written = command.split(' ').find((word) => word.endsWith(script))!;
    const column =
      packageJson({ [name]: command })
        .split('\n')[4]!
        .indexOf(written) + 1;
    expect(links[0]).toMatchObject({
      url: R2,
      form: 'r2-dev',
      fileType: 'node-script',
      field: 'BASE',
      range: { file: script, start: { line: 2 } },
      runBy: {
        file: 'package.json',
        start: { line: 5, column },
        end: { line: 5, column: column + written.length },
      },
    });
  });

  it('follows one in a package of a workspace from its directory', () => {
    const root = repo({
      'packages/cli/package.json': packageJson({ postinstall: 'node lib/fetch.js' }),
      'packages/cli/lib/fetch.js': SCRIPT,
    });
    expect(scan(root).links.map((l) => `${l.range.file} ${where(l)}`)).toEqual([
      'packages/cli/lib/fetch.js 2:15-2:71',
    ]);
  });

  it.each([
    ['a script npm does not run as it installs or publishes', { build: 'node scripts/x.js' }],
    ['Node given code, not a file', { postinstall: 'node -e "require(\'./scripts/x.js\')"' }],
    ['a file outside the package', { postinstall: 'node /opt/scripts/x.js' }],
    ['another program', { postinstall: 'nodemon scripts/x.js' }],
  ])('does not follow %s', (_name, scripts) => {
    const root = repo({ 'package.json': packageJson(scripts), 'scripts/x.js': SCRIPT });
    expect(scan(root).links).toEqual([]);
  });

  it.each([
    ['postinstall', 'tsx scripts/postinstall.ts', 'scripts/postinstall.ts'],
    ['postinstall', 'ts-node --transpile-only scripts/fetch.ts', 'scripts/fetch.ts'],
    ['prepare', 'node --import tsx scripts/fetch.mts', 'scripts/fetch.mts'],
    ['prepare', 'node --loader ts-node/esm scripts/fetch.ts', 'scripts/fetch.ts'],
    ['prepack', 'npx tsx scripts/pack.ts', 'scripts/pack.ts'],
    ['prepack', 'npx --yes ts-node scripts/pack.cts', 'scripts/pack.cts'],
    ['postinstall', 'bun run scripts/fetch.ts', 'scripts/fetch.ts'],
    ['postinstall', 'bun scripts/fetch.js', 'scripts/fetch.js'],
    ['postinstall', 'deno run -A scripts/fetch.ts', 'scripts/fetch.ts'],
    ['postinstall', 'deno run --allow-net=acme.dev scripts/fetch.ts', 'scripts/fetch.ts'],
  ])('follows %s run by another runner: %s', (name, command, script) => {
    const root = repo({ 'package.json': packageJson({ [name]: command }), [script]: SCRIPT });
    expect(scan(root).links.map((l) => [l.range.file, l.fileType, l.runBy?.file])).toEqual([
      [script, 'node-script', 'package.json'],
    ]);
  });

  it.each([
    [
      'a workflow step',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: npx tsx scripts/x.ts\n',
    ],
    [
      'a workflow step in its working directory',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: node x.ts\n        working-directory: scripts\n',
    ],
    ['a GitLab job', '.gitlab-ci.yml', 'a:\n  script:\n    - cd scripts && deno run -A x.ts\n'],
    ['a Makefile recipe', 'Makefile', 'release:\n\tts-node scripts/x.ts\n'],
    ['a Dockerfile RUN', 'Dockerfile', 'FROM node:20\nRUN node --import tsx scripts/x.ts\n'],
    ['a shell script a workflow runs', 'release.sh', '#!/bin/sh\nbun run ./scripts/x.ts\n'],
    [
      'a lifecycle script calling another by name',
      'package.json',
      packageJson({ prepare: 'npm run fetch', fetch: 'tsx scripts/x.ts' }),
    ],
    [
      'a script a workflow calls by name',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: pnpm run fetch\n',
    ],
    ['a script a Makefile calls by name, calling another', 'Makefile', 'all:\n\tnpm run fetch\n'],
  ])('follows one that %s runs', (_name, path, text) => {
    const scripts = packageJson({
      fetch: 'npm run get',
      get: 'node scripts/x.ts',
      build: 'node scripts/y.ts',
    });
    const root = repo({
      'package.json': scripts,
      [path]: text,
      'scripts/x.ts': SCRIPT,
      'scripts/y.ts': SCRIPT,
    });
    expect(scan(root).links.map((l) => [l.range.file, l.fileType])).toEqual([
      ['scripts/x.ts', 'node-script'],
    ]);
  });

  it('reads a file a release job runs as a release step', () => {
    const workflow =
      "on: { push: { tags: ['v*'] } }\njobs:\n  publish:\n    runs-on: x\n    steps:\n      - run: npm run release\n";
    const root = repo({
      'package.json': packageJson({ release: 'npx tsx scripts/x.ts' }),
      '.github/workflows/release.yml': workflow,
      'scripts/x.ts': SCRIPT,
    });
    expect(scan(root).links.map((l) => [l.range.file, l.releaseStep, l.runBy?.file])).toEqual([
      ['scripts/x.ts', 'release', 'package.json'],
    ]);
  });

  // npm runs `pre<name>` and `post<name>` around a script run by name; Yarn 1 too, pnpm only when
  // its `.npmrc` says so, Yarn 2 and later never.
  const SHIP = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: npm run ship\n';
  const RELEASE_SHIP = SHIP.replace('on: push', "on: { push: { tags: ['v*'] } }");
  it.each([
    ['no lock file', 'pre', {}, ['pre']],
    ['package-lock.json', 'post', { 'package-lock.json': '{}' }, ['post']],
    ['yarn.lock of Yarn 1', 'pre', { 'yarn.lock': '' }, ['pre']],
    ['yarn.lock of Yarn 2+', 'pre', { 'yarn.lock': '', '.yarnrc.yml': '' }, []],
    ['pnpm-lock.yaml', 'pre', { 'pnpm-lock.yaml': '' }, []],
    [
      'pnpm-lock.yaml and enable-pre-post-scripts',
      'post',
      { 'pnpm-lock.yaml': '', '.npmrc': 'enable-pre-post-scripts = true\n' },
      ['post'],
    ],
    [
      'pnpm-lock.yaml with enable-pre-post-scripts off',
      'pre',
      { 'pnpm-lock.yaml': '', '.npmrc': 'enable-pre-post-scripts=false\n' },
      [],
    ],
    // The .npmrc is read whole, as the build file it also is: past 64 KiB, hooks were taken to run.
    [
      'pnpm-lock.yaml and a long .npmrc with enable-pre-post-scripts off',
      'pre',
      {
        'pnpm-lock.yaml': '',
        '.npmrc': `# ${'x'.repeat(70_000)}\nenable-pre-post-scripts=false\n`,
      },
      [],
    ],
    [
      'pnpm-lock.yaml and a long .npmrc with enable-pre-post-scripts on',
      'pre',
      { 'pnpm-lock.yaml': '', '.npmrc': `# ${'x'.repeat(70_000)}\nenable-pre-post-scripts=true\n` },
      ['pre'],
    ],
  ])('follows the hook of a script a release step runs by name: %s', (_name, hook, files, runs) => {
    const root = repo({
      'web/package.json': packageJson({ ship: 'echo', [`${hook}ship`]: 'tsx scripts/x.ts' }),
      '.github/workflows/ci.yml': RELEASE_SHIP.replace('npm run ship', 'npm --prefix web run ship'),
      'web/scripts/x.ts': SCRIPT,
      ...files,
    });
    expect(scan(root).links.map((l) => [l.range.file, l.releaseStep, l.runBy?.file])).toEqual(
      runs.map(() => ['web/scripts/x.ts', 'release', 'web/package.json']),
    );
  });

  // An .npmrc the policy excludes is not scanned for links, but pnpm reads it all the same: it
  // still tells whether the hooks run.
  it.each([
    ['on', ['pre']],
    ['off', []],
  ])(
    'reads an .npmrc the policy excludes for the hooks: enable-pre-post-scripts %s',
    (on, runs) => {
      const root = repo({
        'web/package.json': packageJson({ ship: 'echo', preship: 'tsx scripts/x.ts' }),
        '.github/workflows/ci.yml': RELEASE_SHIP.replace(
          'npm run ship',
          'npm --prefix web run ship',
        ),
        'web/scripts/x.ts': SCRIPT,
        'pnpm-lock.yaml': '',
        '.npmrc': `enable-pre-post-scripts=${on === 'on'}\n`,
      });
      const excluded = (path: string) => path === '.npmrc';
      const { links, diagnostics } = extractLinks(root, listBuildFiles(root, { excluded }), {
        followScripts: () => true,
        excluded,
      });
      expect(links.map((l) => l.range.file)).toEqual(runs.map(() => 'web/scripts/x.ts'));
      expect(diagnostics).toEqual([]);
    },
  );

  // The workspace's .npmrc is read for its hooks setting even where the scan reads no build file
  // of it (a scan of web/ alone): one that cannot be read is said, at the file, unless excluded,
  // with what that left unlearned. One the scan reads as a build file is read once, within the
  // same bound, and said once, where it is read, with what that left unlearned too.
  const OUT_OF_ROOT = 'it is a symbolic link leading out of the scan root';
  const TOO_LARGE = '.npmrc is 5002 bytes, larger than the 4096 bytes a build file is read up to';
  const HOOKS_TAKEN =
    "so whether pnpm runs scripts' pre and post hooks (its enable-pre-post-scripts setting) was not learned, and the hooks are taken to run";
  it.each([
    [
      'a link out of the root',
      'link',
      ['web/package.json'],
      undefined,
      [[OUT_OF_ROOT, HOOKS_TAKEN]],
    ],
    ['too large to read', 'large', ['web/package.json'], undefined, [[TOO_LARGE, HOOKS_TAKEN]]],
    [
      'a link out, read as a build file too: said once',
      'link',
      undefined,
      undefined,
      [[OUT_OF_ROOT, HOOKS_TAKEN]],
    ],
    [
      'too large, read as a build file too: said once',
      'large',
      undefined,
      undefined,
      [[TOO_LARGE, HOOKS_TAKEN]],
    ],
    ['a link out, excluded by the policy', 'link', ['web/package.json'], '.npmrc', []],
    ['too large, excluded by the policy', 'large', ['web/package.json'], '.npmrc', []],
    ['readable, hooks off', 'off', ['web/package.json'], undefined, []],
  ])("says why pnpm's .npmrc was not read: %s", (_name, npmrc, files, excluded, said) => {
    const outside = repo({ npmrc: 'enable-pre-post-scripts=false\n' });
    const root = repo({
      'web/package.json': packageJson({ ship: 'echo', preship: 'tsx scripts/x.ts' }),
      'web/scripts/x.ts': SCRIPT,
      'pnpm-lock.yaml': '',
      ...(npmrc === 'large' && { '.npmrc': `# ${'x'.repeat(4999)}\n` }),
      ...(npmrc === 'off' && { '.npmrc': 'enable-pre-post-scripts=false\n' }),
    });
    if (npmrc === 'link') symlinkSync(join(outside, 'npmrc'), join(root, '.npmrc'));
    const result = extractLinks(root, files ?? listBuildFiles(root), {
      followScripts: () => true,
      excluded: (path) => path === excluded,
      maxFileBytes: 4096,
    });
    const onNpmrc = result.diagnostics.filter((d) => d.range.file === '.npmrc');
    expect(onNpmrc.map((d) => d.severity)).toEqual(said.map(() => 'error'));
    said.forEach((texts, i) =>
      texts.forEach((text) => expect(onNpmrc[i]?.message).toContain(text)),
    );
  });

  it.each([
    ['a lock file of its own package', { 'web/package-lock.json': '{}', 'pnpm-lock.yaml': '' }, 1],
    ['the workspace lock file above it', { 'web/.npmrc': '', 'pnpm-lock.yaml': '' }, 0],
  ])('tells the package manager by %s', (_name, files, count) => {
    const root = repo({
      'web/package.json': packageJson({ ship: 'echo', preship: 'tsx scripts/x.ts' }),
      '.github/workflows/ci.yml': SHIP.replace('npm run ship', 'npm --prefix web run ship'),
      'web/scripts/x.ts': SCRIPT,
      ...files,
    });
    expect(scan(root).links).toHaveLength(count);
  });

  it.each([
    ['preprepare', {}, 1],
    ['postprepare', {}, 1],
    ['preprepare', { 'pnpm-lock.yaml': '' }, 0],
    ['prebuild', {}, 0],
  ])('follows the lifecycle hook %s where the package manager runs it', (name, files, count) => {
    const root = repo({
      'package.json': packageJson({ [name]: 'tsx scripts/x.ts' }),
      'scripts/x.ts': SCRIPT,
      ...files,
    });
    expect(scan(root).links).toHaveLength(count);
  });

  it.each([
    [
      'make $(NODE), its value node',
      'Makefile',
      'NODE ?= node\nrelease:\n\t$(NODE) scripts/x.js\n',
      true,
    ],
    [
      'make ${NODE}, a path to node',
      'Makefile',
      'NODE = /usr/bin/node\na:\n\t${NODE} scripts/x.js\n',
      true,
    ],
    [
      'make $(JS), its value npx tsx',
      'Makefile',
      'JS := npx tsx\na:\n\t$(JS) --quiet scripts/x.js\n',
      true,
    ],
    [
      'make $(NODE), its value unknown',
      'Makefile',
      'NODE := $(shell which node)\na:\n\t$(NODE) scripts/x.js\n',
      true,
    ],
    ['make $(NODE), given none', 'Makefile', 'a:\n\tcd scripts && $(NODE) x.js\n', true],
    ["the shell's $$NODE in a recipe", 'Makefile', 'a:\n\t$$NODE scripts/x.js\n', true],
    ['a script $NODE', 'release.sh', 'NODE=node\n$NODE scripts/x.js\n', true],
    [
      'a workflow step ${NODEJS}',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    steps:\n      - run: ${NODEJS} scripts/x.js\n',
      true,
    ],
    [
      'a Dockerfile RUN $NODE_BIN',
      'Dockerfile',
      'FROM node:20\nRUN $NODE_BIN scripts/x.js\n',
      true,
    ],
    [
      'make $(NODE), another program',
      'Makefile',
      'NODE = prettier\na:\n\t$(NODE) scripts/x.js\n',
      false,
    ],
    ['make $(LINT), given none', 'Makefile', 'a:\n\t$(LINT) scripts/x.js\n', false],
    ['a script $NODE, another program', 'release.sh', 'NODE=echo\n$NODE scripts/x.js\n', false],
    ['$NODE_ENV, a setting', 'release.sh', '$NODE_ENV scripts/x.js\n', false],
  ])('follows a file run through a variable: %s', (_name, path, text, followed) => {
    const root = repo({ [path]: text, 'scripts/x.js': SCRIPT });
    expect(scan(root).links.map((l) => [l.range.file, l.runBy?.file])).toEqual(
      followed ? [['scripts/x.js', path]] : [],
    );
  });

  it.each([
    ['a script nothing runs', { build: 'tsx scripts/x.ts' }, {}],
    ['a remote module', {}, { Makefile: 'a:\n\tdeno run https://acme.dev/scripts/x.ts\n' }],
    ['a file outside the scan root', {}, { Makefile: 'a:\n\ttsx ../scripts/x.ts\n' }],
    ['a file another program names', {}, { Makefile: 'a:\n\tprettier --write scripts/x.ts\n' }],
  ])('does not follow %s', (_name, scripts, files) => {
    const root = repo({ 'package.json': packageJson(scripts), ...files, 'scripts/x.ts': SCRIPT });
    expect(scan(root).links).toEqual([]);
  });

  it('reads a lifecycle script of many `node -a` without blowing up', () => {
    // Each `node` once read every option after it: 5,000 took 10 s, 20,000 over two minutes.
    const root = repo({ 'package.json': packageJson({ postinstall: 'node -a '.repeat(100_000) }) });
    const start = threadCpuMs();
    scan(root);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });
});

describe("a Node script's templates, whose parts are names it assigns one string", () => {
  it.each([
    [
      'a const',
      "const B = 'acme-releases';\nfetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n",
      true,
    ],
    ['a let', "let B = 'acme-releases';\nfetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n", true],
    [
      'a name assigned two strings',
      "let B = 'acme-releases';\nB = 'acme-other';\nfetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n",
      false,
    ],
    ['a name it does not state', 'fetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n', false],
    // Never through a name that says it holds a credential, however many names away.
    [
      'a name made of a credential',
      "const API_TOKEN = 'acme-releases';\nconst B = API_TOKEN;\nfetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n",
      false,
    ],
    [
      'a name made of a name made of a credential',
      "const SECRET = 'acme-releases';\nconst A = SECRET;\nconst B = A;\nfetch(`https://${B}.s3.amazonaws.com/x.tgz`);\n",
      false,
    ],
  ])('%s', (_name, text, resolves) => {
    const root = repo({
      'package.json': packageJson({ postinstall: 'node scripts/postinstall.js' }),
      'scripts/postinstall.js': text,
    });
    const urls = scan(root).links.map((l) => l.url);
    expect(urls.includes('https://acme-releases.s3.amazonaws.com/x.tgz')).toBe(resolves);
  });
});

describe("a Node script's strings joined with + and +=, as the artifact gate reads them", () => {
  const URL = 'https://acme-releases.s3.amazonaws.com/x.tgz';
  it.each([
    [
      'a + join',
      "const B = 'acme-releases';\nfetch('https://' + B + '.s3.amazonaws.com/x.tgz');\n",
      URL,
      '2:7',
    ],
    [
      'a += join',
      "const B = 'acme-releases';\nlet u = 'https://';\nu += B + '.s3.amazonaws.com/x.tgz';\n",
      'acme-releases.s3.amazonaws.com/x.tgz',
      '3:6',
    ],
    [
      'a host name declared below its use',
      "fetch('https://' + B + HOST + '/x.tgz');\nconst B = 'acme-releases';\nconst HOST = '.s3.amazonaws.com';\n",
      URL,
      '1:7',
    ],
    [
      'a name it does not state',
      "fetch('https://' + B + '.s3.amazonaws.com/x.tgz');\n",
      undefined,
      undefined,
    ],
    // A name that says it holds a credential is never read into a link.
    [
      'a name named for a credential',
      "const TOKEN = 'acme-releases';\nfetch('https://' + TOKEN + '.s3.amazonaws.com/x.tgz');\n",
      undefined,
      undefined,
    ],
    [
      'a name made of a credential, as the artifact gate reads it',
      "const SECRET = process.env.X ?? 'acme-releases';\nconst B = SECRET;\nfetch('https://' + B + '.s3.amazonaws.com/x.tgz');\n",
      undefined,
      undefined,
    ],
    [
      "a fallback of a credential's name",
      "const B = process.env.API_TOKEN || 'acme-releases';\nfetch('https://' + B + '.s3.amazonaws.com/x.tgz');\n",
      undefined,
      undefined,
    ],
    [
      'a name made of a credential declared below its use',
      "fetch('https://' + B + '.s3.amazonaws.com/x.tgz');\nconst B = A;\nconst A = apiKey;\nconst apiKey = 'acme-releases';\n",
      undefined,
      undefined,
    ],
    [
      'a join in a comment',
      "const B = 'acme-releases';\n// fetch('https://' + B + '.s3.amazonaws.com/x.tgz');\n",
      undefined,
      undefined,
    ],
    // Found where it is written, once.
    [
      'a whole link and a name',
      "fetch('https://acme-releases.s3.amazonaws.com/' + key);\n",
      'https://acme-releases.s3.amazonaws.com/',
      '1:8',
    ],
  ])('%s', (_name, text, url, at) => {
    const root = repo({
      'package.json': packageJson({ postinstall: 'node scripts/postinstall.js' }),
      'scripts/postinstall.js': text,
    });
    const { links } = scan(root);
    expect(links.map((l) => [l.url, where(l).split('-')[0]])).toEqual(url ? [[url, at]] : []);
  });
});

describe('a Node script that declares more storage hosts than are read', () => {
  it('says so in a note', () => {
    const hosts = Array.from({ length: 300 }, (_, i) => `const H${i} = '.s3.amazonaws.com';`);
    const root = repo({
      'package.json': packageJson({ postinstall: 'node scripts/postinstall.js' }),
      'scripts/postinstall.js': `${hosts.join('\n')}\nfetch('https://' + B + H299);\n`,
    });
    const notes = scan(root).diagnostics.filter((d) => d.code === 'build-assembly-bounded');
    expect(notes.map((d) => [d.severity, d.range.file])).toEqual([
      ['info', 'scripts/postinstall.js'],
    ]);
  });
});
