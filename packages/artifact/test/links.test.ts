import { describe, expect, it } from 'vitest';
import { staysInside } from '../src/links.js';

const FRAMEWORK = 'MyApp.app/Contents/Frameworks/Electron Framework.framework';

describe('where a symbolic link in an archive leads', () => {
  // [what, the archive's links (package path → target), the link asked about, stays inside]
  const CASES: [string, Record<string, string>, string, boolean][] = [
    ['a sibling', { 'dist/cli': 'cli.js' }, 'dist/cli', true],
    ['up a level, still inside', { 'bin/cli': '../dist/cli.js' }, 'bin/cli', true],
    [
      "a macOS framework's Versions/Current",
      { [`${FRAMEWORK}/Versions/Current`]: 'A' },
      `${FRAMEWORK}/Versions/Current`,
      true,
    ],
    [
      'a framework binary through Versions/Current',
      {
        [`${FRAMEWORK}/Versions/Current`]: 'A',
        [`${FRAMEWORK}/Electron Framework`]: 'Versions/Current/Electron Framework',
      },
      `${FRAMEWORK}/Electron Framework`,
      true,
    ],
    ['an absolute target', { link: '/etc/passwd' }, 'link', false],
    ['a Windows drive', { link: 'C:\\Windows\\system.ini' }, 'link', false],
    ['a climb out', { 'dist/link': '../../.bashrc' }, 'dist/link', false],
    ['a climb out with backslashes', { 'dist/link': '..\\..\\.bashrc' }, 'dist/link', false],
    ['the root itself', { 'dist/root': '..' }, 'dist/root', true],
    [
      'a climb through another link that leads higher than its name says',
      { 'a/b': '..', x: 'a/b/../..' },
      'x',
      false,
    ],
    [
      'a link in a folder reached through a link that leads out',
      { out: '..', 'dist/x': '../out/y' },
      'dist/x',
      false,
    ],
    ['a loop: not settled', { a: 'b', b: 'a' }, 'a', false],
    ['a dangling target inside', { 'dist/x': 'missing.js' }, 'dist/x', true],
  ];

  it.each(CASES)('%s', (_what, links, path, inside) => {
    expect(staysInside(path, new Map(Object.entries(links)))).toBe(inside);
  });
});
