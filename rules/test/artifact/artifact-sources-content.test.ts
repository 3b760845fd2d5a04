import rule from '../../src/artifact/artifact-sources-content.js';
import { entry, FILES_LINE } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const map = entry('dist/cli.js.map', 'source-map');
const at = { file: 'package.json', line: FILES_LINE };

testRule(rule, {
  valid: [
    {
      name: 'another observation',
      subject: { kind: 'not-allowed', entry: map, reason: 'denied-type' },
    },
  ],
  invalid: [
    {
      name: 'a map with sources: critical, at its origin',
      subject: { kind: 'sources-content', entry: map },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: FILES_LINE,
          message:
            /^package\/dist\/cli\.js\.map in acme-cli-1\.0\.0\.tgz embeds the original source code.*add "!\*\.map" after it\.$/,
        },
      ],
    },
    {
      name: 'a map under another name: the advice names its pattern',
      subject: { kind: 'sources-content', entry: entry('dist/cli.js.map.json', 'json') },
      findings: [{ severity: 'critical', ...at, message: /add "!\*\.map\.json" after it\.$/ }],
    },
    {
      name: 'a map named like no map: the advice names the file',
      subject: { kind: 'sources-content', entry: entry('dist/sourcemap', 'other') },
      findings: [{ severity: 'critical', ...at, message: /add "!dist\/sourcemap" after it\.$/ }],
    },
    {
      name: 'coverage data that keeps the maps of the files it covers: its folder kept out',
      subject: {
        kind: 'sources-content',
        entry: entry('coverage/coverage-final.json', 'json'),
        coverage: true,
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message:
            /^package\/coverage\/coverage-final\.json in acme-cli-1\.0\.0\.tgz is coverage data whose source maps embed the original source code in their sourcesContent\..*Keep coverage data out of the package: narrow the "files" entry "dist" in package\.json, or add "!coverage" after it\.$/,
        },
      ],
    },
    ...(
      [
        [
          "Node's V8 coverage as c8 keeps it",
          'coverage/tmp/coverage-1-1700000000000-0.json',
          'coverage',
        ],
        [
          'in a workspace package',
          'packages/a/coverage/tmp/coverage-1.json',
          'packages/a/coverage',
        ],
        ["nyc's raw data", '.nyc_output/4a5b.json', '.nyc_output'],
        ['a coverage folder of any case', 'Coverage/tmp/coverage-1.json', 'Coverage'],
        ['in a folder NODE_V8_COVERAGE named', 'v8-data/coverage-1.json', 'v8-data'],
        ['at the root', 'coverage-1.json', 'coverage-1.json'],
      ] as const
    ).map(([what, path, folder]) => ({
      name: `coverage data, ${what}: the coverage folder kept out, ${folder}`,
      subject: {
        kind: 'sources-content' as const,
        entry: entry(path, 'json'),
        coverage: true as const,
      },
      findings: [
        {
          severity: 'critical' as const,
          ...at,
          message: new RegExp(
            `Keep coverage data out of the package: .*add "!${folder.replace(/\./g, '\\.')}" after it\\.$`,
          ),
        },
      ],
    })),
    {
      name: 'a map in a .vsix: the .vscodeignore line, a glob vsce matches at any depth',
      subject: {
        kind: 'sources-content',
        entry: { ...map, packer: 'vsce', origin: { ...map.origin, label: 'the zip' } },
      },
      findings: [{ severity: 'critical', ...at, message: /add \*\*\/\*\.map to \.vscodeignore / }],
    },
  ],
});
