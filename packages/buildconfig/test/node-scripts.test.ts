/**
 * The JavaScript files that package.json's lifecycle scripts run with Node are followed and read as
 * text, never imported or run: what a postinstall script downloads from ships with the package.
 */
import { describe, expect, it } from 'vitest';
import { BLOW_UP_MS, repo, scan, where } from './helpers.js';

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

  it('reads a lifecycle script of many `node -a` without blowing up', () => {
    // Each `node` once read every option after it: 5,000 took 10 s, 20,000 over two minutes.
    const root = repo({ 'package.json': packageJson({ postinstall: 'node -a '.repeat(100_000) }) });
    const start = performance.now();
    scan(root);
    expect(performance.now() - start).toBeLessThan(BLOW_UP_MS);
  });
});
