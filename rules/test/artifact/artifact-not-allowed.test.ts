import { describe, expect, it } from 'vitest';
import { fileRange, type ArtifactPacker } from '@posture/model';
import rule from '../../src/artifact/artifact-not-allowed.js';
import { entry, FILES_LINE, onDisk } from '../support/artifact.js';
import { run, testRule } from '../support/tester.js';

const map = entry('dist/cli.js.map', 'source-map');
const at = { file: 'package.json', line: FILES_LINE };
const origin = (label: string) => ({ range: { ...entry().origin.range, file: label }, label });
/** A source map that `packer` packed, let in by `label`. */
const packed = (packer: ArtifactPacker, label: string, path = 'dist/cli.js.map') => ({
  kind: 'not-allowed' as const,
  entry: { ...entry(path, 'source-map'), packer, origin: origin(label) },
  reason: 'denied-type' as const,
});

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: map } }],
  invalid: [
    {
      name: 'a source map, at the "files" entry that let it in, the entry path in the message',
      subject: { kind: 'not-allowed', entry: map, reason: 'denied-type' },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/dist\/cli\.js\.map in acme-cli-1\.0\.0\.tgz is a source map and would ship: it is let in by "files" entry "dist"\..*add "!\*\.map" after it\.$/,
        },
      ],
    },
    {
      name: 'a compressed source map: the advice keeps out its compressed names',
      subject: {
        kind: 'not-allowed',
        entry: entry('dist/cli.js.map.gz', 'source-map'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'high', ...at, message: /add "!\*\.map\.gz" after it\.$/ }],
    },
    {
      name: 'a file whose content, not its name, makes it an archive says so',
      subject: {
        kind: 'not-allowed',
        entry: { ...entry('vendor/payload.dat', 'archive'), byContent: 'gzip' },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/vendor\/payload\.dat in acme-cli-1\.0\.0\.tgz is an archive by its content \(gzip\) and would ship: .*artifact\.allowTypes: \[archive\].*add "!vendor\/payload\.dat" after it\.$/,
        },
      ],
    },
    {
      name: 'a .git folder in a tarball, which npm pack never writes: one finding, its size and first files, the archive built without it',
      subject: {
        kind: 'not-allowed',
        entry: { ...entry('.git', 'version-control'), kind: 'directory', size: 3_250_000 },
        reason: 'denied-type',
        folder: { files: 2418, names: ['HEAD', 'config', 'description'] },
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/\.git in acme-cli-1\.0\.0\.tgz is a version control folder \(the repository and its history\) of 2,418 files, 3\.1 MiB: HEAD, config, description and 2,415 more, and would ship: .*artifact\.allowTypes: \[version-control\]\)\. To keep it out, build the archive without \.git: npm pack and pnpm pack never pack it, while tar or zip run in a checkout do unless told to leave it out\.$/,
        },
      ],
    },
    {
      name: 'a Subversion folder deep in a VS Code extension: vsce keeps it out at any depth',
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('lib/.svn', 'version-control'),
          kind: 'directory',
          size: 31,
          packer: 'vsce' as const,
          origin: origin('.vscodeignore'),
        },
        reason: 'denied-type',
        folder: { files: 1, names: ['pristine/3f/3f0a.svn-base'] },
      },
      findings: [
        {
          severity: 'high',
          file: '.vscodeignore',
          line: FILES_LINE,
          message:
            /of 1 file of 31 bytes: pristine\/3f\/3f0a\.svn-base, and would ship: .*To keep it out, add \*\*\/\.svn to \.vscodeignore\.$/,
        },
      ],
    },
    {
      name: 'a git bundle by its content: npm packs it as any file, so the file is kept out',
      subject: {
        kind: 'not-allowed',
        entry: { ...entry('backup/repo.bundle', 'version-control'), byContent: 'git bundle' },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/backup\/repo\.bundle in acme-cli-1\.0\.0\.tgz is version control data \(the repository and its history\) by its content \(git bundle\) and would ship: .*To keep it out, narrow the "files" entry "dist" in package\.json, or add "!backup\/repo\.bundle" after it\.$/,
        },
      ],
    },
    {
      name: 'a source map compressed as Node cannot unpack says it could not be opened',
      subject: {
        kind: 'not-allowed',
        entry: entry('dist/cli.js.map.zst', 'archive'),
        reason: 'unopened-map',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/dist\/cli\.js\.map\.zst in acme-cli-1\.0\.0\.tgz is a source map compressed as \.zst, which could not be opened, and would ship: .*whether this one embeds its sources or credentials was not checked, and no policy type or glob admits it\..*add "!dist\/cli\.js\.map\.zst" after it\.$/,
        },
      ],
    },
    {
      name: 'one named plainly says the compression its content showed',
      subject: {
        kind: 'not-allowed',
        entry: { ...entry('dist/cli.js.map', 'archive'), byContent: 'zstd' },
        reason: 'unopened-map',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message: /is a source map compressed as zstd, which could not be opened, and would ship/,
        },
      ],
    },
    {
      name: 'a declaration map without sources is low, admitted by its type or a glob',
      subject: {
        kind: 'not-allowed',
        entry: entry('dist/index.d.ts.map', 'declaration-map'),
        reason: 'source-paths',
      },
      findings: [
        {
          severity: 'low',
          ...at,
          message:
            /is a TypeScript declaration map and would ship: .*no sourcesContent.*artifact\.allowTypes: \[declaration-map\], or an artifact\.allow glob\).*add "!\*\.d\.ts\.map" after it\.$/,
        },
      ],
    },
    {
      name: 'a declaration map outside an explicit allowlist is as any file there',
      subject: {
        kind: 'not-allowed',
        entry: entry('dist/index.d.mts.map', 'declaration-map'),
        reason: 'outside-allowlist',
      },
      findings: [{ severity: 'high', ...at, message: /add "!\*\.d\.mts\.map" after it\.$/ }],
    },
    {
      name: 'a declaration map with its sources is a source map, as severe',
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('dist/index.d.ts.map', 'source-map'),
          byContent: 'declaration map with sourcesContent',
        },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /is a source map by its content \(declaration map with sourcesContent\) and would ship: .*allowTypes: \[source-map\]/,
        },
      ],
    },
    {
      name: 'a credentials file is critical',
      subject: {
        kind: 'not-allowed',
        entry: entry('.aws/credentials', 'credentials'),
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message: /is a credentials file and would ship.*add "!\.aws\/credentials" after it\.$/,
        },
      ],
    },
    {
      name: 'a credentials file by the secret it holds is critical, named for what it is',
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('.kube/config', 'credentials'),
          byContent: 'kubeconfig with a token, key or password',
        },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message:
            /is a credentials file by its content \(kubeconfig with a token, key or password\) and would ship/,
        },
      ],
    },
    {
      name: "Wrangler's local secrets: the advice keeps out each environment's",
      subject: {
        kind: 'not-allowed',
        entry: entry('worker/.dev.vars', 'env'),
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message: /is an environment file and would ship.*add "!\.dev\.vars\*" after it\.$/,
        },
      ],
    },
    {
      name: 'a private key is critical',
      subject: {
        kind: 'not-allowed',
        entry: entry('deploy.pem', 'private-key'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'critical', ...at, message: /is a private key/ }],
    },
    {
      name: 'a certificate is medium',
      subject: {
        kind: 'not-allowed',
        entry: entry('ca.crt', 'certificate'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'medium', ...at }],
    },
    {
      name: 'TypeScript sources beside the build',
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('src/cli.ts', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^src\/cli\.ts is TypeScript source .*ships built JavaScript.*"!src\/\*\*\/\*\.ts"/,
        },
      ],
    },
    {
      name: 'TSX sources: the advice keeps out their own extension',
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('src/app/view.tsx', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [{ severity: 'high', ...at, message: /add "!src\/\*\*\/\*\.tsx" after it\.$/ }],
    },
    {
      name: "a coverage report's page of a TypeScript source, which holds it whole: its coverage folder kept out",
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('coverage/lcov-report/cli.ts.html', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^coverage\/lcov-report\/cli\.ts\.html is TypeScript source .*add "!coverage" after it\.$/,
        },
      ],
    },
    {
      name: "a coverage report's page in a folder of another name: its pages kept out",
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('reports/lcov-report/cli.ts.html', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [
        { severity: 'high', ...at, message: /add "!reports\/\*\*\/\*\.html" after it\.$/ },
      ],
    },
    {
      name: 'a TypeScript source in a folder named coverage, not a page: its extension kept out',
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('src/coverage/collect.ts', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [{ severity: 'high', ...at, message: /add "!src\/\*\*\/\*\.ts" after it\.$/ }],
    },
    {
      name: 'outside an explicit allowlist',
      subject: {
        kind: 'not-allowed',
        entry: entry('docs/guide.md', 'markdown'),
        reason: 'outside-allowlist',
      },
      findings: [
        { severity: 'high', ...at, message: /matches no glob and no type of the allowlist/ },
      ],
    },
    {
      name: 'let in by .npmignore: the advice is an .npmignore line',
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('.env', 'env'),
          origin: { range: { ...entry().origin.range, file: '.npmignore' }, label: '.npmignore' },
        },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          file: '.npmignore',
          line: FILES_LINE,
          message: /add \.env\* to \.npmignore\.$/,
        },
      ],
    },
    {
      name: 'an environment file named for its use, in a folder: the advice matches its name',
      subject: {
        kind: 'not-allowed',
        entry: entry('config/deploy.env', 'env'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'high', ...at, message: /add "!\*\.env" after it\.$/ }],
    },
    {
      name: 'a .vsix, let in by package.json "files": vsce packs what it lists',
      subject: packed('vsce', '"files" entry "dist"'),
      findings: [
        {
          severity: 'high',
          file: '"files" entry "dist"',
          line: FILES_LINE,
          message:
            /narrow the "files" entry "dist" in package\.json: vsce packs what "files" lists\.$/,
        },
      ],
    },
    {
      name: 'a .vsix, let in by its .vscodeignore: a glob vsce matches at any depth',
      subject: packed('vsce', '.vscodeignore'),
      findings: [
        {
          severity: 'high',
          file: '.vscodeignore',
          line: FILES_LINE,
          message: /To keep it out, add \*\*\/\*\.map to \.vscodeignore\.$/,
        },
      ],
    },
    {
      name: 'a .vsix alone: .vscodeignore, never .npmignore',
      subject: packed('vsce', 'the zip'),
      findings: [
        {
          severity: 'high',
          file: 'the zip',
          line: FILES_LINE,
          message:
            /add \*\*\/\*\.map to \.vscodeignore \(or narrow the "files" list of package\.json, if it has one: vsce takes one or the other\)\.$/,
        },
      ],
    },
    {
      name: 'a bundled dependency\'s map: not bundling it keeps it out, not "files" or .npmignore',
      subject: packed('npm', '"bundleDependencies" entry "dep"', 'node_modules/dep/index.js.map'),
      findings: [
        {
          severity: 'high',
          file: '"bundleDependencies" entry "dep"',
          line: FILES_LINE,
          message:
            /let in by "bundleDependencies" entry "dep"\..*To keep it out, remove the "bundleDependencies" entry "dep" from package\.json \(npm packs a bundled dependency as its own "files" and \.npmignore say, which this package's do not reach\), or, if it must ship as it is, write that decision down in the policy \(an exception with a reason\)\.$/,
        },
      ],
    },
    {
      name: 'a dependency of a bundled one, under either spelling of the field',
      subject: packed('npm', 'package.json "bundledDependencies"', 'node_modules/sub/index.js.map'),
      findings: [
        {
          severity: 'high',
          file: 'package.json "bundledDependencies"',
          line: FILES_LINE,
          message:
            /To keep it out, it ships as a dependency of one of the bundled dependencies: drop the one that brings it in from "bundledDependencies" in package\.json \(npm packs/,
        },
      ],
    },
    {
      name: 'a dependency bundled by bundleDependencies: true, which has no entry to remove',
      subject: packed(
        'npm',
        '"bundleDependencies": true, which bundles "@s/dep"',
        'node_modules/@s/dep/index.js.map',
      ),
      findings: [
        {
          severity: 'high',
          file: '"bundleDependencies": true, which bundles "@s/dep"',
          line: FILES_LINE,
          message:
            /To keep it out, list the dependencies to bundle in "bundleDependencies" instead of true, leaving "@s\/dep" out \(npm packs/,
        },
      ],
    },
    {
      name: "TypeScript in an app's asar: Electron's packagers, the path inside the asar",
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('resources/app.asar/src/main.ts', 'typescript-source'),
          packer: 'electron',
          origin: origin('the zip'),
        },
        reason: 'source-beside-build',
      },
      findings: [
        {
          severity: 'high',
          file: 'the zip',
          line: FILES_LINE,
          message:
            /keep it out of the app's asar: add "!src\/\*\*\/\*\.ts" to the "files" of the electron-builder configuration/,
        },
      ],
    },
  ],
});

describe('what a finding on a package directory relates it to', () => {
  it.each([
    ['a file, at its first line', onDisk(map), 'shipped file', 'dist/cli.js.map'],
    [
      'a folder, as a directory (a trailing /), which has no lines',
      onDisk({ ...entry('.hg', 'version-control'), kind: 'directory' as const }),
      'shipped folder',
      '.hg/',
    ],
  ])('%s', (_name, shipped, label, file) => {
    const subject = {
      kind: 'not-allowed' as const,
      entry: shipped,
      reason: 'denied-type' as const,
    };
    const [finding] = run(rule, subject);
    expect(finding?.related).toEqual([{ label, range: fileRange(file) }]);
  });
});
