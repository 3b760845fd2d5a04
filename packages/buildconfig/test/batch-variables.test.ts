/**
 * A batch file's `set NAME=value`, read where `%NAME%` is used, and the environment the CI job that
 * runs it gives.
 */
import { describe, expect, it } from 'vitest';
import { repo, scan, scanText } from './helpers.js';

const url = (name: string) => `curl -o x.zip https://${name}.s3.amazonaws.com/x.zip`;

describe('batch file variables', () => {
  it.each([
    ['set', 'set BUCKET=acme-releases', url('%BUCKET%'), true],
    ['set after @', '@set BUCKET=acme-releases', url('%BUCKET%'), true],
    ['set in quotes', 'set "BUCKET=acme-releases"', url('%BUCKET%'), true],
    ['SET, read in another case', 'SET Bucket=acme-releases', url('%bucket%'), true],
    ['built from another', 'set P=acme\r\nset BUCKET=%P%-releases', url('%BUCKET%'), true],
    ['an upload', 'set B=acme-releases', 'aws s3 cp a.zip s3://%B%/a.zip', true],
    ['no set', 'echo acme', url('%BUCKET%'), false],
    ['set after the use', 'echo acme', `${url('%BUCKET%')}\r\nset BUCKET=acme-releases`, false],
    [
      'set inside a block',
      'if "%1"=="" (\r\n  set BUCKET=acme-releases\r\n)',
      url('%BUCKET%'),
      false,
    ],
    ['set /p', 'set /p BUCKET=acme-releases', url('%BUCKET%'), false],
    ['a substring', 'set BUCKET=acme-releases', url('%BUCKET:~0,13%'), false],
    ['a loop variable', 'set i=acme-releases', url('%%i'), false],
    ['a credential', 'set SECRET_KEY=acme-releases', url('%SECRET_KEY%'), false],
    ['a comment', 'rem set BUCKET=acme-releases', url('%BUCKET%'), false],
  ])('%s: resolves %#', (_name, assignment, command, resolves) => {
    const { links } = scanText('release.cmd', `@echo off\r\n${assignment}\r\n${command}\r\n`);
    expect(links.some((l) => l.bucket === 'acme-releases')).toBe(resolves);
  });

  it("gives a batch file's %NAME% the environment the job runs it with, in any case", () => {
    const root = repo({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  fetch:',
        '    runs-on: windows-latest',
        '    env: { Release_Bucket: acme-releases }',
        '    steps: [{ run: .\\fetch.bat }]',
        '',
      ].join('\n'),
      'fetch.bat': `${url('%RELEASE_BUCKET%')}\r\n`,
    });
    expect(scan(root).links.map((l) => l.url)).toEqual([
      'https://acme-releases.s3.amazonaws.com/x.zip',
    ]);
  });
});

describe('what a batch file passes to the batch files it calls', () => {
  it.each([
    ['set before the call', 'set BUCKET=acme-releases\r\ncall upload.cmd', true],
    ['set in another case', 'set Bucket=acme-releases\r\ncall upload.cmd', true],
    ['set after the call', 'call upload.cmd\r\nset BUCKET=acme-releases', false],
    [
      'set in a block',
      'if "%1"=="" (\r\n  set BUCKET=acme-releases\r\n)\r\ncall upload.cmd',
      false,
    ],
  ])('%s', (_name, release, resolves) => {
    const root = repo({
      'release.cmd': `@echo off\r\n${release}\r\n`,
      'upload.cmd': `${url('%BUCKET%')}\r\n`,
    });
    const links = scan(root).links.filter((l) => l.range.file === 'upload.cmd');
    expect(links.some((l) => l.bucket === 'acme-releases')).toBe(resolves);
  });
});
