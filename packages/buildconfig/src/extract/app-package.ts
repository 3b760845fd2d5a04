/**
 * The package.json of the project an electron-builder configuration builds: the nearest at or above
 * its directory, as electron-builder reads the one of the project it runs in (a `--config` file
 * is often in a folder of it, `build/eb.yml`). What the app depends on says what it does once
 * installed (see `AnalyzerInput.appPackage`).
 */
import { posix } from 'node:path';
import type { ParsedFile } from './parse.js';

export function withAppPackages(parsed: readonly ParsedFile[]): ParsedFile[] {
  const packages = new Map(
    parsed
      .filter((p) => p.file.fileType === 'package.json' && p.doc)
      .map((p) => [posix.dirname(p.file.path), p.doc!.data]),
  );
  const packageOf = (path: string): unknown => {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      if (packages.has(dir)) return packages.get(dir);
      if (dir === '.' || dir === '/') return undefined;
    }
  };
  return parsed.map((p) => {
    const { analyze } = p;
    if (p.file.fileType !== 'electron-builder' || !analyze) return p;
    const appPackage = packageOf(p.file.path);
    return appPackage === undefined
      ? p
      : { ...p, analyze: (input) => analyze({ ...input, appPackage }) };
  });
}
